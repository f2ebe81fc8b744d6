// The server's memory, checkouts or settings side by side (issue 26's peak RSS): each
// side's built server (`dist/server/start.js`, as `npm run bench` runs it) on a fresh
// data dir of its own with one hub, all up at once, the same phases run on one and then
// the other: start to /ready, single beacons, batches of 100, the flood of bench 7b (4
// senders of 50-item batches, no reads). After each phase, per side:
// the peak resident set (VmHWM) and, sampled every 250 ms, the peak anonymous and
// file-backed parts. At the anonymous peak: the resident set by kind of mapping
// (bench/resident-memory.ts: libchdb's file pages and data, glibc's main arena and other
// arenas, thread stacks, PGlite's WebAssembly memory, V8's compiled code, the rest), and
// the server's last figures from /metrics (read once a second): V8's heap (committed,
// used, by space), Buffers (external memory: PGlite's 128 MiB reservation among them),
// the engine's tracked memory and its jemalloc's resident bytes. And each load phase's answers
// a second and the server's CPU per answer (from /proc), to weigh a setting's cost.
//   npx tsx bench/memory-profile.ts <side A> <side B> [more sides…] [seconds] [--rounds N]
// A side is a checkout, with settings of its own after a colon: environment variables and
// node flags, `.:MALLOC_ARENA_MAX=2,--heap-growing-percent=50`. With --rounds, every round
// starts the servers afresh and runs the sides in turn, in the other order each round. A
// checkout's server is built once per run, before its first start (`ingest/build.ts`).
import { execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  type Child,
  METRICS_TOKEN,
  bodyPool,
  cpuSecondsOf,
  freePort,
  load,
  memoryOf,
  say,
  serverEnv,
  sleep,
  stopChild,
  waitFor,
} from './bench-support.ts'
import { batch, interaction } from './payloads.js'
import { type ResidentBreakdown, breakdownOf } from './resident-memory.ts'

interface SideSpec {
  dir: string
  env: Record<string, string>
  nodeArgs: string[]
  name: string
}
const sideOf = (arg = '.'): SideSpec => {
  const colon = arg.indexOf(':')
  const dir = colon < 0 ? arg : arg.slice(0, colon)
  // Split at commas that start a setting: a value may hold commas of its own (JE_MALLOC_CONF=a:1,b:2).
  const settings = (colon < 0 ? '' : arg.slice(colon + 1)).split(/,(?=[A-Z_][A-Z0-9_]*=|--)/).filter(Boolean)
  const env = Object.fromEntries(
    settings
      .filter((s) => !s.startsWith('--'))
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  )
  return { dir: resolve(dir || '.'), env, nodeArgs: settings.filter((s) => s.startsWith('--')), name: arg }
}
const args = process.argv.slice(2)
const roundsAt = args.indexOf('--rounds')
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 1
const specs = args.filter((a) => !/^\d+$/.test(a)).map(sideOf)
const seconds = Number(args.find((a) => /^\d+$/.test(a)) ?? 8)
const portalId = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const MiB = 2 ** 20

/** The server's own figures, from /metrics. */
interface NodeFigures {
  heapTotal: number
  heapUsed: number
  external: number
  spaces: Record<string, number>
  engineTracked: number
  allocatorResident: number
}
const NO_FIGURES: NodeFigures = {
  heapTotal: 0,
  heapUsed: 0,
  external: 0,
  spaces: {},
  engineTracked: 0,
  allocatorResident: 0,
}

interface Figures {
  peak: number
  anon: number
  file: number
  now: NodeFigures
  /** The server's figures last read before the peak anonymous sample so far, and its mappings then. */
  atPeak: NodeFigures & { breakdown: ResidentBreakdown | null }
  /**
   * Means over the phase (sampled once a second): anonymous, V8's heap committed, the
   * engine's jemalloc resident, glibc's main and other arenas. A peak is one sample;
   * the means tell settings apart with less noise.
   */
  mean: { anon: number; heapTotal: number; allocatorResident: number; mainArena: number; otherArenas: number }
  load: number
  /** The phase's load: answers a second and the server's CPU per answer (all its threads, µs). */
  requestsPerSecond: number
  cpuMicrosPerRequest: number
}
interface Side {
  label: string
  child: Child
  base: string
  headers: Record<string, string>
  url: string
  sampled: { anon: number; file: number }
  last: NodeFigures
  atPeak: Figures['atPeak']
  /** Sums of the phase's samples, for {@link Figures.mean}; reset after each phase. */
  sums: Figures['mean'] & { n: number }
  rows: [string, Figures][]
}

/** The checkout's own `createBenchHub`, run in it: a hub its own control plane can read. */
const hubIn = (dir: string, dataDir: string, base: string): { hubId: string; token: string } => {
  const script = `const { createBenchHub } = await import('./bench/bench-support.ts')
process.stdout.write(JSON.stringify(await createBenchHub(${JSON.stringify(dataDir)}, ${JSON.stringify(base)}, 'memory')))
process.exit(0)`
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: dir,
    encoding: 'utf8',
  })
  return JSON.parse(out.slice(out.indexOf('{')))
}

const built = new Set<string>()
/** The side's server entry, built once per run (a `dist/` left from an older commit would be measured otherwise). */
const entryOf = (dir: string): string => {
  const entry = join(dir, 'dist', 'server', 'start.js')
  if (!built.has(dir) || !existsSync(entry)) {
    built.add(dir)
    say(`building ${dir}`)
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "await (await import('./ingest/build.ts')).buildServer()",
      ],
      { cwd: dir, stdio: 'inherit' },
    )
  }
  return entry
}

const nodeFigures = async (base: string): Promise<NodeFigures> => {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  const text = await res.text()
  const one = (name: string) =>
    Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? Number.NaN)
  const spaces: Record<string, number> = {}
  for (const m of text.matchAll(/^nodejs_heap_space_size_used_bytes\{space="([a-z_]+)"\} ([0-9.e+-]+)$/gm))
    spaces[m[1]!] = Number(m[2])
  return {
    heapTotal: one('nodejs_heap_size_total_bytes'),
    heapUsed: one('nodejs_heap_size_used_bytes'),
    external: one('nodejs_external_memory_bytes'),
    spaces,
    engineTracked: one('casetrail_engine_memory_bytes\\{part="tracked"\\}'),
    allocatorResident: one('casetrail_engine_memory_bytes\\{part="allocatorResident"\\}'),
  }
}

const start = async (root: string, label: string, spec: SideSpec): Promise<Side> => {
  const dataDir = join(root, label)
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const entry = entryOf(spec.dir)
  const hub = hubIn(spec.dir, dataDir, base)
  const proc = spawn(process.execPath, [...spec.nodeArgs, entry], {
    cwd: spec.dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...serverEnv(dataDir, port, {
        CASETRAIL_BOOTSTRAP_TOKEN: 'bench-admin-token-0123456789abcdef0123',
        CASETRAIL_FLUSH_MAX_ROWS: '5000',
      }),
      ...spec.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  proc.stdout?.on('data', (d: Buffer) => output.push(d.toString()))
  proc.stderr?.on('data', (d: Buffer) => output.push(d.toString()))
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)))
  const child: Child = { process: proc, output, exited }
  const side: Side = {
    label,
    child,
    base,
    headers: { 'content-type': 'application/json', authorization: hub.token },
    url: `${base}/v1/hubs/${hub.hubId}/interactions`,
    sampled: { anon: 0, file: 0 },
    last: NO_FIGURES,
    atPeak: { ...NO_FIGURES, breakdown: null },
    sums: noSums(),
    rows: [],
  }
  let ticks = 0
  const timer = setInterval(() => {
    const pid = proc.pid
    const m = pid === undefined ? null : memoryOf(pid)
    if (!m || pid === undefined) return
    if (ticks++ % 4 === 0) {
      nodeFigures(base)
        .then((n) => {
          side.last = n
        })
        .catch(() => {})
      try {
        const b = breakdownOf(pid)
        const sums = side.sums
        sums.n++
        sums.anon += m.anon
        sums.heapTotal += side.last.heapTotal
        sums.allocatorResident += side.last.allocatorResident
        sums.mainArena += b.mainArena
        sums.otherArenas += b.otherArenas
      } catch {
        // exited meanwhile
      }
    }
    if (m.anon > side.sampled.anon) {
      try {
        side.atPeak = { ...side.last, breakdown: breakdownOf(pid) }
      } catch {
        // exited meanwhile
      }
    }
    side.sampled.anon = Math.max(side.sampled.anon, m.anon)
    side.sampled.file = Math.max(side.sampled.file, m.file)
  }, 250)
  proc.on('exit', () => clearInterval(timer))
  await waitFor(`${base}/ready`, child, (s) => s === 200)
  return side
}

const noSums = (): Side['sums'] => ({
  n: 0,
  anon: 0,
  heapTotal: 0,
  allocatorResident: 0,
  mainArena: 0,
  otherArenas: 0,
})

const record = async (side: Side, phase: string, work = { requestsPerSecond: 0, cpuMicrosPerRequest: 0 }) => {
  const m = memoryOf(side.child.process.pid!)!
  const { n, ...sums } = side.sums
  side.sums = noSums()
  const mean = Object.fromEntries(
    Object.entries(sums).map(([k, v]) => [k, v / Math.max(1, n)]),
  ) as Figures['mean']
  side.rows.push([
    phase,
    {
      peak: m.peak,
      anon: Math.max(side.sampled.anon, m.anon),
      file: Math.max(side.sampled.file, m.file),
      now: await nodeFigures(side.base),
      atPeak: side.atPeak,
      mean,
      load: loadavg()[0]!,
      ...work,
    },
  ])
}

/** Runs a phase's load on a side: its answers a second and the server's CPU per answer. */
const measured = async (side: Side, body: () => string, connections: number) => {
  const pid = side.child.process.pid
  const before = cpuSecondsOf(pid)
  const r = await load({ url: side.url, method: 'POST', headers: side.headers, body, connections, seconds })
  return {
    requestsPerSecond: r.requestsPerSecond,
    cpuMicrosPerRequest: ((cpuSecondsOf(pid) - before) * 1e6) / Math.max(1, r.ok),
  }
}

const beaconBody = bodyPool(20_000, () => JSON.stringify(interaction({ portalId })))
const batchBody = bodyPool(500, () => JSON.stringify(batch(100, { portalId })))
const floodBody = bodyPool(500, () => JSON.stringify(batch(50, { portalId })))

/** One round: every side started afresh, then each phase on each side in turn (`order`). */
async function round(order: number[]): Promise<Array<{ spec: SideSpec; rows: Side['rows'] }>> {
  const root = await mkdtemp(join(tmpdir(), 'casetrail-memory-'))
  const sides: Side[] = []
  try {
    for (const i of order) {
      const label = `${'ABCDEFGH'[i]} ${specs[i]!.name}`
      say(`starting ${label}`)
      sides.push(await start(root, 'ABCDEFGH'[i]!, specs[i]!))
      sides.at(-1)!.label = label
    }
    await sleep(2_000)
    for (const s of sides) await record(s, 'ready')
    for (const s of sides) {
      say(`${s.label}: beacons, 64 connections, ${seconds} s`)
      await record(s, 'beacons', await measured(s, beaconBody, 64))
    }
    for (const s of sides) {
      say(`${s.label}: batches of 100, 16 connections, ${seconds} s`)
      await record(s, 'batches', await measured(s, batchBody, 16))
    }
    for (const s of sides) {
      say(`${s.label}: the flood of bench 7b, 4 senders of 50-item batches, ${seconds} s`)
      await record(s, 'flood', await measured(s, floodBody, 4))
    }
  } finally {
    for (const s of sides) await stopChild(s.child)
    await rm(root, { recursive: true, force: true })
  }
  return order.map((i, k) => ({ spec: specs[i]!, rows: sides[k]!.rows }))
}

const results: Array<{ round: number; side: string; rows: Side['rows'] }> = []
for (let r = 0; r < rounds; r++) {
  const order = specs.map((_, i) => i)
  if (r % 2 === 1) order.reverse()
  for (const { spec, rows } of await round(order)) results.push({ round: r + 1, side: spec.name, rows })
}

const mib = (n: number) => (Number.isFinite(n) ? `${Math.round(n / MiB)}` : '-')
const topSpaces = (f: NodeFigures) =>
  Object.entries(f.spaces)
    .filter(([, v]) => v >= MiB)
    .map(([k, v]) => `${k.replace('_space', '')} ${mib(v)}`)
    .join(', ')
const split = (b: ResidentBreakdown | null) =>
  b
    ? `libchdb file ${mib(b.engineFile)} + other file ${mib(b.otherFile)}; anonymous: libchdb data ${mib(b.engineData)}, main arena ${mib(b.mainArena)}, other arenas ${mib(b.otherArenas)}, stacks ${mib(b.stacks)}, wasm ${mib(b.wasmMemory)}, JIT code ${mib(b.jitCode)}, rest ${mib(b.rest)} (lazily freed, all kinds: ${mib(b.lazyFree)})`
    : '-'
say(
  '\nMiB: peak RSS (VmHWM), peak anonymous, peak file-backed, V8 heap committed / used, Buffers (external; PGlite reserves 128 of it), load average; at the anonymous peak: the same server figures, the engine tracked / its jemalloc resident, and the resident set by mapping',
)
for (const { round: r, side, rows } of results) {
  say(`round ${r}, ${side}`)
  for (const [phase, f] of rows) {
    say(
      `  ${phase.padEnd(8)} peak ${mib(f.peak)}  anon ${mib(f.anon)}  file ${mib(f.file)}  heap ${mib(f.now.heapTotal)} / ${mib(f.now.heapUsed)}  Buffers ${mib(f.now.external)}  load ${f.load.toFixed(1)}${f.requestsPerSecond ? `  ${Math.round(f.requestsPerSecond)} req/s, ${Math.round(f.cpuMicrosPerRequest)} µs CPU per request` : ''}`,
    )
    const a = f.mean
    say(
      `           means over the phase: anon ${mib(a.anon)}, heap ${mib(a.heapTotal)}, jemalloc ${mib(a.allocatorResident)}, main arena ${mib(a.mainArena)}, other arenas ${mib(a.otherArenas)}`,
    )
    const p = f.atPeak
    say(
      `           at the anonymous peak: heap ${mib(p.heapTotal)} / ${mib(p.heapUsed)} [${topSpaces(p)}], Buffers ${mib(p.external)}, engine ${mib(p.engineTracked)} / jemalloc ${mib(p.allocatorResident)}; ${split(p.breakdown)}`,
    )
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`)
