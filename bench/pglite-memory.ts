// PGlite alone, as the embedded control plane opens it, with Postgres settings to
// compare: for each, a fresh copy of an initialised database is opened in a child
// process of its own, made to do 300 upserts and 3,000 reads by key, and what stays
// resident is printed: PGlite's WebAssembly memory, the code V8 compiled, the child's peak
// RSS (under tsx, which adds its own).
// The settings run in turn, `rounds` times, so drift on a shared machine falls on all.
//   npx tsx bench/pglite-memory.ts [rounds] ['shared_buffers=4MB+max_connections=4' …]
// With no settings: PGlite's defaults, 16 MB, 4 MB, and 4 MB with 4 connections.
// Each run starts from `PGlite.defaultStartParams` without -F (as the control plane does);
// `-c` settings given are added after them.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { say } from './bench-support.ts'

const MiB = 2 ** 20
const SELF = fileURLToPath(import.meta.url)

if (process.argv[2] === '--child') {
  const { PGlite } = await import('@electric-sql/pglite')
  const { setFlagsFromString } = await import('node:v8')
  const { residentOf } = await import('./resident-memory.ts')
  setFlagsFromString('--liftoff-only') // as the control plane opens it
  const [, , , dir, settings = ''] = process.argv
  const extra = settings
    .split('+')
    .filter(Boolean)
    .flatMap((kv) => ['-c', kv])
  const startParams = [...PGlite.defaultStartParams.filter((p) => p !== '-F'), ...extra]
  const started = performance.now()
  const db = await PGlite.create({ dataDir: dir!, startParams })
  const opened = performance.now()
  await db.exec('CREATE TABLE probe (key text COLLATE "C" PRIMARY KEY, doc json, version bigint)')
  for (let i = 0; i < 300; i++)
    await db.query(
      'INSERT INTO probe VALUES ($1, $2, 1) ON CONFLICT (key) DO UPDATE SET doc = excluded.doc, version = probe.version + 1',
      [`k${i % 50}`, JSON.stringify({ i, pad: 'x'.repeat(500) })],
    )
  for (let i = 0; i < 3000; i++)
    await db.query('SELECT doc, version FROM probe WHERE key = $1', [`k${i % 50}`])
  const worked = performance.now()
  const { wasmMemory, code } = residentOf('self')
  const peak = process.resourceUsage().maxRSS * 1024
  await db.close()
  process.stdout.write(
    JSON.stringify({ wasmMemory, code, peak, openMs: opened - started, workMs: worked - opened }),
  )
  process.exit(0)
}

const args = process.argv.slice(2)
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 3)
const given = args.filter((a) => !/^\d+$/.test(a))
const variants = given.length
  ? given
  : ['', 'shared_buffers=16MB', 'shared_buffers=4MB', 'shared_buffers=4MB+max_connections=4']
const root = mkdtempSync(join(tmpdir(), 'casetrail-pglite-memory-'))
const template = join(root, 'template')
execFileSync(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `const { PGlite } = await import('@electric-sql/pglite'); await (await PGlite.create({ dataDir: ${JSON.stringify(template)} })).close()`,
  ],
  { cwd: join(SELF, '..', '..') },
)
type Run = { wasmMemory: number; code: number; peak: number; openMs: number; workMs: number }
const runs = new Map<string, Run[]>(variants.map((v) => [v, []]))
try {
  for (let r = 0; r < rounds; r++)
    for (const v of variants) {
      const dir = join(root, `db-${r}-${variants.indexOf(v)}`)
      cpSync(template, dir, { recursive: true })
      const out = execFileSync(process.execPath, ['--import', 'tsx', SELF, '--child', dir, v], {
        encoding: 'utf8',
      })
      runs.get(v)!.push(JSON.parse(out.slice(out.indexOf('{'))))
      rmSync(dir, { recursive: true, force: true })
    }
} finally {
  rmSync(root, { recursive: true, force: true })
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
say(`median of ${rounds}: resident WebAssembly memory, compiled code, peak RSS (MiB); open and work (ms)`)
for (const [v, rs] of runs)
  say(
    `  ${(v || "PGlite's defaults (128MB, 100 connections)").padEnd(44)} wasm ${Math.round(median(rs.map((r) => r.wasmMemory)) / MiB)}  code ${Math.round(median(rs.map((r) => r.code)) / MiB)}  peak ${Math.round(median(rs.map((r) => r.peak)) / MiB)}   open ${Math.round(median(rs.map((r) => r.openMs)))}  work ${Math.round(median(rs.map((r) => r.workMs)))}`,
  )
