// Where a beacon's server CPU goes, by thread: starts the server as the bench
// does (same settings), sends single beacons (or batches) for a while, and
// divides each thread's CPU (user + system, from /proc/<pid>/task/*/stat) by the
// requests answered, grouped by thread name: the event loop (`node`), libuv's
// pool (`libuv-worker`: the log's writes and fdatasync), V8's helpers (GC,
// compiler) and chdb's engine threads. Repeat with `bare` for the HTTP floor.
//   npx tsx bench/thread-cpu.ts [beacon|batch|bare] [seconds] [rounds]
import { readFileSync, readdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  bodyPool,
  createBenchHub,
  fmt,
  freePort,
  load,
  say,
  serverEnv,
  startChild,
  spawnServer,
  stopChild,
  waitFor,
} from './bench-support.ts'
import { batch, interaction } from './payloads.js'

const mode = process.argv[2] === 'batch' ? 'batch' : process.argv[2] === 'bare' ? 'bare' : 'beacon'
const seconds = Number(process.argv[3] ?? 10)
const rounds = Number(process.argv[4] ?? 1)
const root = await mkdtemp(join(tmpdir(), 'casetrail-threads-'))
const dataDir = join(root, 'data')
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const portalId = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const { hubId, token } = await createBenchHub(dataDir, base, 'threads')
const server =
  mode === 'bare'
    ? startChild(['bench/bare-server.ts', String(port)], {})
    : await spawnServer(
        serverEnv(dataDir, port, {
          CASETRAIL_FLUSH_MAX_ROWS: '5000',
          // Settings to try (CASETRAIL_FLUSH_INTERVAL_MS=1000 npx tsx bench/thread-cpu.ts …) pass through.
          ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('CASETRAIL_'))),
        }),
      )
const url = `${base}/v1/hubs/${hubId}/interactions`
await waitFor(mode === 'bare' ? url : `${base}/ready`, server, (s) => s === (mode === 'bare' ? 204 : 200))
const pid = server.process.pid!

/** CPU ticks (1/100 s) of every thread, by thread name with digits folded (`ClickHouse 12` -> `ClickHouse #`). */
const threadTicks = (): Map<string, number> => {
  const out = new Map<string, number>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+/g, '#')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const ticks = Number(fields[11]) + Number(fields[12])
      // Node's own threads (libuv's pool, V8's platform workers) are all called `node`: told apart by id.
      const key = tid === String(pid) ? 'main (event loop)' : name === 'node' ? `node ${tid}` : name
      out.set(key, (out.get(key) ?? 0) + ticks)
    } catch {
      // the thread ended meanwhile
    }
  }
  return out
}

const body =
  mode === 'batch'
    ? bodyPool(500, () => JSON.stringify(batch(100, { portalId })))
    : bodyPool(20_000, () => JSON.stringify(interaction({ portalId })))
const run = (s: number) =>
  load({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body,
    connections: mode === 'batch' ? 16 : 64,
    seconds: s,
  })
await run(2)
for (let round = 0; round < rounds; round++) {
  const before = threadTicks()
  const r = await run(seconds)
  const after = threadTicks()
  const used = [...after]
    .map(([name, t]) => [name, t - (before.get(name) ?? 0)] as const)
    .filter(([, t]) => t > 0)
    .sort((a, b) => b[1] - a[1])
  const total = used.reduce((a, [, t]) => a + t, 0)
  const per = (ticks: number) => fmt((ticks * 1e4) / Math.max(1, r.ok), 1)
  say(
    `${mode}: ${fmt(r.requestsPerSecond)} req/s, ${per(total)} µs server CPU per request (${r.non2xx} non-2xx)`,
  )
  for (const [name, t] of used) say(`  ${per(t).padStart(7)} µs  ${name}`)
}
await stopChild(server)
await rm(root, { recursive: true, force: true })
