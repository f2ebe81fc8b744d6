// Versions of the server side by side, for a shared machine: starts the
// server from each checkout (each on its own data dir, its hub made by that
// checkout's own code), and, with `bare`, the bare HTTP endpoint of run.ts
// phase 1; then sends single beacons to one after the other in alternating
// short rounds, so all meet the same background load, and prints the median
// and least server CPU per request of each (all threads, and the event loop
// alone, from /proc), each against the first checkout, and each checkout's
// beacons per second over the bare endpoint's in the same rounds (run.ts's
// beacon/bare).
//   npx tsx bench/ab-cpu.ts <checkout A> <checkout B> [more checkouts] [bare] [rounds] [seconds] [rate]
// A checkout may carry settings of its own: `.:CASETRAIL_FLUSH_INTERVAL_MS=1000,…`.
// `rate` (requests/s, default: as fast as they go) holds all to the same load.
// The servers run under tsx (ingest/main.ts), the same way for every checkout; the beacons
// come from the first checkout's bench/payloads.js.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type Child, bodyPool, fmt, freePort, load, say, sleep, stopChild, waitFor } from './bench-support.ts'

const sideOf = (arg: string) => {
  const [dir = '.', settings = ''] = arg.split(':')
  const env = Object.fromEntries(
    settings
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split('=') as [string, string]),
  )
  return { dir: resolve(dir), env }
}
const args = process.argv.slice(2)
const numbers = args.filter((a) => /^\d+(\.\d+)?$/.test(a)).map(Number)
const withBare = args.includes('bare')
const checkouts = args.filter((a) => a !== 'bare' && !/^\d+(\.\d+)?$/.test(a)).map(sideOf)
if (checkouts.length < 2) throw new Error('give at least two checkouts (A and B)')
const [rounds = 6, seconds = 4, rate] = numbers
const portalId = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const root = await mkdtemp(join(tmpdir(), 'casetrail-ab-'))

interface Side {
  label: string
  child: Child
  url: string
  token: string
  cpu: number[]
  main: number[]
  rps: number[]
}

const childOf = (args: string[], cwd: string, env: Record<string, string>): Child => {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  proc.stdout?.on('data', (d: Buffer) => output.push(d.toString()))
  proc.stderr?.on('data', (d: Buffer) => output.push(d.toString()))
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)))
  return { process: proc, output, exited }
}

/** A hub made in `dataDir` by the checkout's own code (its control plane may differ from ours). */
const hubOf = async (dir: string, dataDir: string, base: string, label: string) => {
  const script = `const m = await import(${JSON.stringify(join(dir, 'bench/bench-support.ts'))}); process.stdout.write(JSON.stringify(await m.createBenchHub(${JSON.stringify(dataDir)}, ${JSON.stringify(base)}, ${JSON.stringify(label)})))`
  const child = childOf(['--input-type=module', '-e', script], dir, {})
  const code = await child.exited
  const out = child.output.join('')
  if (code !== 0) throw new Error(`creating the hub in ${dir} failed: ${out}`)
  return JSON.parse(out.slice(out.indexOf('{"hubId"'))) as { hubId: string; token: string }
}

const start = async (
  label: string,
  checkout: { dir: string; env: Record<string, string> },
): Promise<Side> => {
  const dataDir = join(root, label)
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const { hubId, token } = await hubOf(checkout.dir, dataDir, base, label)
  const child = childOf(['ingest/main.ts'], checkout.dir, {
    CASETRAIL_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    CASETRAIL_DEMO: '0',
    CASETRAIL_METRICS_TOKEN: 'bench-metrics-token-0123456789abcdef',
    LOG_LEVEL: 'warn',
    CASETRAIL_FLUSH_MAX_ROWS: '5000',
    // One token sends every beacon: at the default rates (1,000 items a second) most would be 429s.
    CASETRAIL_INGEST_RATE_PER_TOKEN: '10000000',
    CASETRAIL_INGEST_RATE_PER_CONTACT: '1000000',
    ...checkout.env,
  })
  await waitFor(`${base}/ready`, child, (s) => s === 200)
  return { label, child, url: `${base}/v1/hubs/${hubId}/interactions`, token, cpu: [], main: [], rps: [] }
}

/** run.ts phase 1's endpoint: Hono on @hono/node-server, 204 after reading the body. */
const startBare = async (): Promise<Side> => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/v1/hubs/bare/interactions`
  const child = childOf(['bench/bare-server.ts', String(port)], process.cwd(), {})
  await waitFor(url, child, (s) => s === 204)
  return { label: 'bare', child, url, token: '', cpu: [], main: [], rps: [] }
}

/** CPU ticks (1/100 s) of the process and of its main thread. */
const ticks = (pid: number) => {
  const of = (path: string) => {
    const stat = readFileSync(path, 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(f[11]) + Number(f[12])
  }
  return { all: of(`/proc/${pid}/stat`), main: of(`/proc/${pid}/task/${pid}/stat`) }
}

// Beacons made by the first checkout's own generator: its items are valid on the later
// ones, while today's (newer types and fields) are refused 400 by an older checkout.
const { interaction } = (await import(join(checkouts[0]!.dir, 'bench/payloads.js'))) as {
  interaction: (options: { portalId: string }) => unknown
}
const body = bodyPool(20_000, () => JSON.stringify(interaction({ portalId })))
const run = async (side: Side, s: number) => {
  const pid = side.child.process.pid!
  const before = ticks(pid)
  const r = await load({
    url: side.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: side.token },
    body,
    connections: 64,
    seconds: s,
    overallRate: rate,
  })
  const after = ticks(pid)
  if (r.non2xx > 0) say(`${side.label}: ${r.non2xx} answers not 2xx`)
  return { r, all: ((after.all - before.all) * 1e4) / r.ok, main: ((after.main - before.main) * 1e4) / r.ok }
}

const labels = 'ABCDEFGH'
const sides: Side[] = []
for (const [i, checkout] of checkouts.entries()) sides.push(await start(labels[i]!, checkout))
const bare = withBare ? await startBare() : null
const all = bare ? [...sides, bare] : sides
for (const side of all) await run(side, 2) // warm-up: JIT, first parts
for (let i = 0; i < rounds; i++) {
  const order = i % 2 === 0 ? all : [...all].reverse()
  for (const side of order) {
    const { r, all: cpu, main } = await run(side, seconds)
    side.cpu.push(cpu)
    side.main.push(main)
    side.rps.push(r.requestsPerSecond)
    say(
      `${side.label} round ${i + 1}: ${fmt(r.requestsPerSecond)} req/s, ${fmt(cpu, 1)} µs/req, main ${fmt(main, 1)}`,
    )
    await sleep(300)
  }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
// The least of many rounds is the steadiest figure of a cost on a shared machine (others only ever add to it).
const least = (xs: number[]) => Math.min(...xs)
for (const side of all) {
  const checkout = side === bare ? { dir: 'bench/bare-server.ts', env: {} } : checkouts[sides.indexOf(side)]!
  say(
    `${side.label} ${checkout.dir} ${JSON.stringify(checkout.env)}: median ${fmt(median(side.rps))} req/s, ${fmt(median(side.cpu), 1)} µs CPU/req, main thread ${fmt(median(side.main), 1)} µs; least ${fmt(least(side.cpu), 1)} µs CPU/req, main thread ${fmt(least(side.main), 1)} µs`,
  )
}
const [first] = sides
for (const side of sides.slice(1)) {
  say(
    `${side.label}/A (least): CPU per request ${fmt(least(side.cpu) / least(first!.cpu), 3)}, main thread ${fmt(least(side.main) / least(first!.main), 3)}`,
  )
  say(
    `${side.label}/A (median): CPU per request ${fmt(median(side.cpu) / median(first!.cpu), 3)}, main thread ${fmt(median(side.main) / median(first!.main), 3)}, req/s ${fmt(median(side.rps) / median(first!.rps), 3)}`,
  )
}
if (bare) {
  // Each round's beacons over the bare endpoint's of the same round, then their median.
  for (const side of sides) {
    const ratios = side.rps.map((rps, i) => rps / bare.rps[i]!)
    say(
      `${side.label} beacon/bare: median ${fmt(median(ratios), 3)}, best ${fmt(Math.max(...ratios), 3)} (bare ${fmt(median(bare.rps))} req/s, ${fmt(least(bare.cpu), 1)} µs CPU/req least)`,
    )
  }
}
for (const side of all) await stopChild(side.child)
await rm(root, { recursive: true, force: true })
