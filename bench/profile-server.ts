// Where a beacon's server CPU goes: starts the server under `node --cpu-prof`
// on a temporary data dir, sends single beacons (or batches) for a while,
// stops it, and prints the functions with the most self time, grouped by
// package or source file. The figures in bench/README.md come from it:
//   npx tsx bench/profile-server.ts [beacon|batch] [seconds]
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { createSasToken, openCore } from '../core/index.ts'
import { ROOT, bodyPool, freePort, load, say, startChild, stopChild, waitFor } from './bench-support.ts'
import { batch, interaction } from './payloads.js'

const mode = process.argv[2] === 'batch' ? 'batch' : 'beacon'
const seconds = Number(process.argv[3] ?? 10)
const root = await mkdtemp(join(tmpdir(), 'casetrail-profile-'))
const dataDir = join(root, 'data')
const profDir = join(root, 'prof')
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const portalId = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const core = await openCore({
  store: { kind: 'embedded', dataDir },
  publicUrl: base,
  log: pino({ level: 'silent' }),
})
const hub = await core.hubs.create('profile')
await core.close()
const token = createSasToken({
  resourceUri: `${base}/v1/hubs/${hub.id}`,
  keyName: 'default',
  key: hub.keys[0]!.primaryKey,
  ttlSeconds: 3600,
})
const server = startChild(['--cpu-prof', `--cpu-prof-dir=${profDir}`, 'ingest/main.ts'], {
  CASETRAIL_DATA_DIR: dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  PUBLIC_URL: base,
  CASETRAIL_DEMO: '0',
  LOG_LEVEL: 'warn',
})
await waitFor(`${base}/ready`, server, (s) => s === 200)
const body =
  mode === 'batch'
    ? bodyPool(500, () => JSON.stringify(batch(100, { portalId })))
    : bodyPool(20_000, () => JSON.stringify(interaction({ portalId })))
say(`profiling ${mode === 'batch' ? 'batches of 100' : 'beacons'} for ${seconds} s`)
// V8 stamps samples with the monotonic clock hrtime reads: only the load's samples count, not start-up.
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n)
const loadFrom = monotonicUs()
const r = await load({
  url: `${base}/v1/hubs/${hub.id}/interactions`,
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: token },
  body,
  connections: mode === 'batch' ? 16 : 64,
  seconds,
})
const loadTo = monotonicUs()
await stopChild(server)

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))
if (!file) throw new Error(`no profile written:\n${server.output.join('')}`)
const prof = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as {
  nodes: Node[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}
const byId = new Map(prof.nodes.map((n) => [n.id, n]))
const self = new Map<number, number>()
let at = prof.startTime
prof.samples.forEach((id, i) => {
  const delta = prof.timeDeltas[i] ?? 0
  at += delta
  if (at >= loadFrom && at <= loadTo) self.set(id, (self.get(id) ?? 0) + delta)
})
const total = [...self.values()].reduce((a, b) => a + b, 0)
const idle = [...self.entries()]
  .filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)')
  .reduce((a, [, t]) => a + t, 0)
const busy = total - idle
const where = (url: string) => {
  if (!url) return '(native)'
  const rel = url.replace(`file://${ROOT}`, '')
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel)?.[1]
  if (pkg) return pkg
  if (rel.startsWith('node:')) return rel
  return rel
}
const groups = new Map<string, number>()
const fns = new Map<string, number>()
for (const [id, t] of self) {
  const n = byId.get(id)
  if (!n || n.callFrame.functionName === '(idle)') continue
  const g = where(n.callFrame.url)
  groups.set(g, (groups.get(g) ?? 0) + t)
  const f = `${n.callFrame.functionName || '(anonymous)'} ${g}:${n.callFrame.lineNumber + 1}`
  fns.set(f, (fns.get(f) ?? 0) + t)
}
// Inclusive time: a sample counts for every distinct function on its stack (middleware, handlers).
const parent = new Map<number, number>()
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const inclusive = new Map<string, number>()
for (const [id, t] of self) {
  if (byId.get(id)?.callFrame.functionName === '(idle)') continue
  const seen = new Set<string>()
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const n = byId.get(at)!
    if (!n.callFrame.functionName || n.callFrame.functionName === '(root)') continue
    seen.add(`${n.callFrame.functionName} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`)
  }
  for (const f of seen) inclusive.set(f, (inclusive.get(f) ?? 0) + t)
}
const pct = (t: number) => `${((t / busy) * 100).toFixed(1).padStart(5)}%`
const us = (r.ok > 0 ? busy / r.ok : 0).toFixed(0)
process.stdout.write(
  `${r.ok} requests at ${r.requestsPerSecond.toFixed(0)}/s; main thread busy ${us} us per request\n`,
)
process.stdout.write('\nself time by package or file (main thread, not idle):\n')
for (const [g, t] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 25))
  process.stdout.write(`${pct(t)}  ${g}\n`)
process.stdout.write('\nfunctions:\n')
for (const [f, t] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 30))
  process.stdout.write(`${pct(t)}  ${f}\n`)
process.stdout.write('\ninclusive (the function and what it calls):\n')
for (const [f, t] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 60))
  process.stdout.write(`${pct(t)}  ${f}\n`)
await rm(root, { recursive: true, force: true })
