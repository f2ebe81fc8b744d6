// Two versions of the server side by side, for a shared machine: starts the
// server from two checkouts (each on its own data dir), then sends single
// beacons to one and the other in alternating short rounds, so both meet the
// same background load, and prints the median server CPU per request of each
// (all threads, and the event loop alone, from /proc) with the ratio.
//   npx tsx bench/ab-cpu.ts <checkout A> <checkout B> [rounds] [seconds] [rate]
// A checkout may carry settings of its own: `.:CASETRAIL_FLUSH_INTERVAL_MS=1000,…`.
// `rate` (requests/s, default: as fast as they go) holds both to the same load.
import { createSitePages } from '../portal-sites/index.ts'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pino } from 'pino'
import { createSasToken, openCore } from '../core/index.ts'
import { type Child, bodyPool, fmt, freePort, load, say, sleep, stopChild, waitFor } from './bench-support.ts'
import { interaction } from './payloads.js'

const sideOf = (arg = '.') => {
  const [dir = '.', settings = ''] = arg.split(':')
  const env = Object.fromEntries(
    settings
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split('=') as [string, string]),
  )
  return { dir: resolve(dir), env }
}
const [a, b] = [sideOf(process.argv[2]), sideOf(process.argv[3])]
const rounds = Number(process.argv[4] ?? 6)
const seconds = Number(process.argv[5] ?? 4)
const rate = process.argv[6] ? Number(process.argv[6]) : undefined
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

const start = async (
  label: string,
  checkout: { dir: string; env: Record<string, string> },
): Promise<Side> => {
  const dataDir = join(root, label)
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const core = await openCore({
    sitePages: createSitePages(),
    store: { kind: 'embedded', dataDir },
    publicUrl: base,
    log: pino({ level: 'silent' }),
  })
  const hub = await core.hubs.create(label)
  await core.close()
  const token = createSasToken({
    resourceUri: `${base}/v1/hubs/${hub.id}`,
    keyName: 'default',
    key: hub.keys[0]!.primaryKey,
    ttlSeconds: 7200,
  })
  const proc = spawn(process.execPath, ['--import', 'tsx', 'ingest/main.ts'], {
    cwd: checkout.dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
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
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  proc.stdout?.on('data', (d: Buffer) => output.push(d.toString()))
  proc.stderr?.on('data', (d: Buffer) => output.push(d.toString()))
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)))
  const child: Child = { process: proc, output, exited }
  await waitFor(`${base}/ready`, child, (s) => s === 200)
  return { label, child, url: `${base}/v1/hubs/${hub.id}/interactions`, token, cpu: [], main: [], rps: [] }
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

const sides = [await start('A', a), await start('B', b)]
for (const side of sides) await run(side, 2) // warm-up: JIT, first parts
for (let i = 0; i < rounds; i++) {
  const order = i % 2 === 0 ? sides : [...sides].reverse()
  for (const side of order) {
    const { r, all, main } = await run(side, seconds)
    side.cpu.push(all)
    side.main.push(main)
    side.rps.push(r.requestsPerSecond)
    say(
      `${side.label} round ${i + 1}: ${fmt(r.requestsPerSecond)} req/s, ${fmt(all, 1)} µs/req, main ${fmt(main, 1)}`,
    )
    await sleep(300)
  }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
// The least of many rounds is the steadiest figure of a cost on a shared machine (others only ever add to it).
const least = (xs: number[]) => Math.min(...xs)
for (const [side, dir] of [
  [sides[0]!, a],
  [sides[1]!, b],
] as const) {
  say(
    `${side.label} ${dir.dir} ${JSON.stringify(dir.env)}: median ${fmt(median(side.rps))} req/s, ${fmt(median(side.cpu), 1)} µs CPU/req, main thread ${fmt(median(side.main), 1)} µs; least ${fmt(least(side.cpu), 1)} µs CPU/req, main thread ${fmt(least(side.main), 1)} µs`,
  )
}
say(
  `B/A (least): CPU per request ${fmt(least(sides[1]!.cpu) / least(sides[0]!.cpu), 3)}, main thread ${fmt(least(sides[1]!.main) / least(sides[0]!.main), 3)}`,
)
say(
  `B/A (median): CPU per request ${fmt(median(sides[1]!.cpu) / median(sides[0]!.cpu), 3)}, main thread ${fmt(median(sides[1]!.main) / median(sides[0]!.main), 3)}, req/s ${fmt(median(sides[1]!.rps) / median(sides[0]!.rps), 3)}`,
)
for (const side of sides) await stopChild(side.child)
await rm(root, { recursive: true, force: true })
