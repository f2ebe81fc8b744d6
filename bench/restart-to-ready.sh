#!/bin/bash
# Restart-to-ready of `npm start`: seconds from `npm start` to the answer 200 of
# GET /ready, for a first start on an empty data dir and then RUNS restarts with
# no source change. Usage: bash bench/restart-to-ready.sh [runs]   (default 3)
set -eu
runs=${1:-3}
dir=$(mktemp -d)
port=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
export PORT=$port CASETRAIL_DATA_DIR=$dir/data PUBLIC_URL=http://localhost:$port
one() {
  start=$(date +%s.%N)
  setsid npm start >"$dir/out-$1.txt" 2>&1 &
  pid=$!
  until curl -sf "http://localhost:$port/ready" >/dev/null 2>&1; do sleep 0.1; done
  # ready, then wait for the summary (the last thing printed)
  until grep -q "demo case form" "$dir/out-$1.txt"; do sleep 0.1; done
  end=$(date +%s.%N)
  echo "$1: $(echo "$end - $start" | bc) s"
  # the process group setsid made: npm, its shell and the server (the server drains on SIGTERM)
  kill -TERM "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  while curl -sf "http://localhost:$port/health" >/dev/null 2>&1; do sleep 0.1; done
}
one first
i=1
while [ "$i" -le "$runs" ]; do one "restart-$i"; i=$((i + 1)); done
echo "outputs in $dir"
