// The server's memory, two checkouts side by side (issue 26's peak RSS): each
// checkout's built server (`dist/server/start.js`, as `npm run bench` runs it) on a
// fresh data dir of its own with one hub, both up at once, the same phases run on
// one and then the other: start to /ready, single beacons, batches of 100. After
// each phase, per side: the peak resident set (VmHWM) and, sampled every 250 ms,
// the peak anonymous and file-backed parts; and the server's own figures from
// /metrics: V8's heap (total, and used by space), Buffers (external memory:
// ArrayBuffers, PGlite's WebAssembly memory among them).
//   npx tsx bench/memory-profile.ts <checkout A> <checkout B> [more checkouts…] [seconds]
// A checkout may carry settings of its own: `.:CASETRAIL_PGLITE_…=…,…`. A checkout
// whose `dist/server/start.js` is missing is built first (`ingest/build.ts`).
import { execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  type Child,
  METRICS_TOKEN,
  bodyPool,
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
import { residentOf } from './resident-memory.ts'

const sideOf = (arg = '.') => {
  const [dir = '.', settings = ''] = arg.split(':')
  const env = Object.fromEntries(
    settings
      .split(',')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  )
  return { dir: resolve(dir), env, name: arg }
}
const args = process.argv.slice(2)
const checkouts = args.filter((a) => !/^\d+$/.test(a)).map(sideOf)
const seconds = Number(args.find((a) => /^\d+$/.test(a)) ?? 8)
const portalId = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const root = await mkdtemp(join(tmpdir(), 'casetrail-memory-'))
const MiB = 2 ** 20

interface Figures {
  peak: number
  anon: number
  file: number
  heapTotal: number
  heapUsed: number
  external: number
  /** V8's heap and Buffers last read before the peak anonymous sample, so far. */
  atPeak: { heapTotal: number; external: number }
  spaces: Record<string, number>
  /** Resident in anonymous mappings of 128 MiB or more: WebAssembly memories (PGlite's). */
  wasmMemory: number
  /** Resident in executable anonymous mappings: code V8 compiled (JavaScript and WebAssembly). */
  code: number
}
interface Side {
  label: string
  child: Child
  base: string
  headers: Record<string, string>
  url: string
  sampled: { anon: number; file: number }
  /** The server's last V8 heap and Buffers (from /metrics, once a second), and those at the anonymous peak. */
  last: { heapTotal: number; external: number }
  atPeak: { heapTotal: number; external: number }
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

const entryOf = (dir: string): string => {
  const entry = join(dir, 'dist', 'server', 'start.js')
  if (!existsSync(entry)) {
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

const nodeFigures = async (base: string) => {
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
  }
}

const start = async (label: string, checkout: ReturnType<typeof sideOf>): Promise<Side> => {
  const dataDir = join(root, label)
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const entry = entryOf(checkout.dir)
  const hub = hubIn(checkout.dir, dataDir, base)
  const proc = spawn(process.execPath, [entry], {
    cwd: checkout.dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...serverEnv(dataDir, port, {
        CASETRAIL_BOOTSTRAP_TOKEN: 'bench-admin-token-0123456789abcdef0123',
        CASETRAIL_FLUSH_MAX_ROWS: '5000',
      }),
      ...checkout.env,
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
    last: { heapTotal: 0, external: 0 },
    atPeak: { heapTotal: 0, external: 0 },
    rows: [],
  }
  let ticks = 0
  const timer = setInterval(() => {
    const m = proc.pid === undefined ? null : memoryOf(proc.pid)
    if (!m) return
    if (ticks++ % 4 === 0)
      nodeFigures(base)
        .then((n) => {
          side.last = { heapTotal: n.heapTotal, external: n.external }
        })
        .catch(() => {})
    if (m.anon > side.sampled.anon) side.atPeak = side.last
    side.sampled.anon = Math.max(side.sampled.anon, m.anon)
    side.sampled.file = Math.max(side.sampled.file, m.file)
  }, 250)
  proc.on('exit', () => clearInterval(timer))
  await waitFor(`${base}/ready`, child, (s) => s === 200)
  return side
}

const record = async (side: Side, phase: string) => {
  const m = memoryOf(side.child.process.pid!)!
  const n = await nodeFigures(side.base)
  side.rows.push([
    phase,
    {
      peak: m.peak,
      anon: Math.max(side.sampled.anon, m.anon),
      file: Math.max(side.sampled.file, m.file),
      ...n,
      atPeak: side.atPeak,
      ...residentOf(side.child.process.pid!),
    },
  ])
}

const beaconBody = bodyPool(20_000, () => JSON.stringify(interaction({ portalId })))
const batchBody = bodyPool(500, () => JSON.stringify(batch(100, { portalId })))

const sides: Side[] = []
try {
  for (const [i, c] of checkouts.entries()) {
    const label = `${'ABCDEFGH'[i]} ${c.name}`
    say(`starting ${label}`)
    sides.push(await start('ABCDEFGH'[i]!, c))
    sides[i]!.label = label
  }
  await sleep(2_000)
  for (const s of sides) await record(s, 'ready')
  for (const s of sides) {
    say(`${s.label}: beacons, 64 connections, ${seconds} s`)
    await load({ url: s.url, method: 'POST', headers: s.headers, body: beaconBody, connections: 64, seconds })
    await record(s, 'beacons')
  }
  for (const s of sides) {
    say(`${s.label}: batches of 100, 16 connections, ${seconds} s`)
    await load({ url: s.url, method: 'POST', headers: s.headers, body: batchBody, connections: 16, seconds })
    await record(s, 'batches')
  }
} finally {
  for (const s of sides) await stopChild(s.child)
  await rm(root, { recursive: true, force: true })
}

const mib = (n: number) => (Number.isFinite(n) ? `${Math.round(n / MiB)}` : '-')
const topSpaces = (f: Figures) =>
  Object.entries(f.spaces)
    .filter(([, v]) => v >= MiB)
    .map(([k, v]) => `${k.replace('_space', '')} ${mib(v)}`)
    .join(', ')
say(
  '\nMiB: peak RSS (VmHWM), peak anonymous, peak file-backed, V8 heap total / used, Buffers (external), of the anonymous now: WebAssembly memory and code resident',
)
for (const s of sides) {
  say(s.label)
  for (const [phase, f] of s.rows)
    say(
      `  ${phase.padEnd(8)} peak ${mib(f.peak)}  anon ${mib(f.anon)}  file ${mib(f.file)}  heap ${mib(f.heapTotal)} / ${mib(f.heapUsed)}  Buffers ${mib(f.external)}  wasm ${mib(f.wasmMemory)}  code ${mib(f.code)}  (at the anonymous peak: heap ${mib(f.atPeak.heapTotal)}, Buffers ${mib(f.atPeak.external)})  [${topSpaces(f)}]`,
    )
}
process.stdout.write(`${JSON.stringify(sides.map((s) => ({ label: s.label, rows: s.rows })))}\n`)
