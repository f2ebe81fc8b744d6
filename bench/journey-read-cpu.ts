// The journey's store reads, variant by variant, on one data dir: CPU per read
// (this process, the engine's threads included) and p50, in alternating rounds so
// drift on a shared machine falls on every variant alike. What picked the bounded
// journey's shape (issue 26):
//   npx tsx bench/journey-read-cpu.ts [--dir /tmp/jr] [--rows 1000000] [--contacts 10000]
//     [--rounds 5] [--reads 200]
// The first run generates the table (and OPTIMIZEs it) into --dir; later runs reuse it.
import { createSitePages } from '../portal-sites/index.ts'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { pino } from 'pino'
import { openCore } from '../core/index.ts'
import {
  createCaseRepository,
  createInteractionRepository,
  generateSyntheticInteractions,
  openClickHouse,
  optimizeInteractions,
} from '../core/testing.ts'
import { MAX_JOURNEY_INTERACTIONS } from '../schemas/index.ts'
import { contactSequence, fmt, progressBar, say, summarise } from './bench-support.ts'
import { contactId } from './payloads.js'

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: join(tmpdir(), 'casetrail-journey-read') },
    rows: { type: 'string', default: '1000000' },
    contacts: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '5' },
    reads: { type: 'string', default: '200' },
  },
})
const dataDir = join(args.dir, 'data')
const metaFile = join(args.dir, 'meta.json')
const HUB = '7d1c6f0e-0b1a-4c2d-9e3f-4a5b6c7d8e9f'
const PORTAL = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const contacts = Number(args.contacts)

if (!existsSync(metaFile)) {
  await mkdir(args.dir, { recursive: true })
  // openCore applies the migrations; the table is then filled through its engine.
  const core = await openCore({
    sitePages: createSitePages(),
    store: { kind: 'embedded', dataDir, engine: { memoryBytes: 4 * 2 ** 30 } },
    publicUrl: 'http://127.0.0.1:1',
    log: pino({ level: 'silent' }),
  })
  const now = Date.now()
  await generateSyntheticInteractions(core.ch, {
    hubId: HUB,
    portalId: PORTAL,
    rows: Number(args.rows),
    contacts,
    from: now - 30 * 86_400_000,
    to: now,
    chunkRows: 250_000,
    onProgress: progressBar('generate'),
  })
  await optimizeInteractions(core.ch)
  await core.close()
  writeFileSync(metaFile, JSON.stringify({ now }))
}
const { now } = JSON.parse(readFileSync(metaFile, 'utf8')) as { now: number }

const ch = await openClickHouse({ kind: 'embedded', dataDir })
const repository = createInteractionRepository(ch)
const cases = createCaseRepository(ch)
type Span = { hubId: string; contactId: string; from: number; to: number }

const WINDOW = `
  WHERE hub_id = {hub:String} AND contact_id = {contact:UUID}
    AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}`
const IDS = `SELECT interaction_id, ts, type FROM interactions ${WINDOW}
  ORDER BY ts, interaction_id, received_at LIMIT 1 BY interaction_id`
const text = (s: Span, query: string) =>
  ch.read.text({
    query,
    params: { hub: s.hubId, contact: s.contactId, from: iso(s.from), to: iso(s.to), limit: 5000 },
    settings: { max_threads: 1 },
    format: 'TabSeparatedRaw',
  })

/** The store reads one journey answer makes, by variant. */
const variants: Record<string, (span: Span) => Promise<unknown>> = {
  // 66c22b6: every row of the window, no bound.
  'unbounded (66c22b6)': (s) =>
    Promise.all([
      text(
        s,
        `SELECT raw FROM interactions ${WINDOW}
          ORDER BY ts, interaction_id, received_at LIMIT 1 BY interaction_id`,
      ),
      cases.forContact(s),
    ]),
  // d4052d8: the newest 5,000 picked on the small columns, and a count of the window, every time.
  'newest + count (d4052d8)': (s) =>
    Promise.all([
      text(
        s,
        `SELECT raw FROM interactions ${WINDOW}
          AND interaction_id IN (SELECT interaction_id FROM (${IDS}) ORDER BY ts DESC, interaction_id DESC LIMIT {limit:UInt32})
          ORDER BY ts, interaction_id, received_at LIMIT 1 BY interaction_id`,
      ),
      text(s, `SELECT type, count() AS n FROM (${IDS}) GROUP BY type`),
      cases.forContact(s),
    ]),
  // This checkout's repository: the oldest 5,001 in one pass; the newest and a count only past 5,000.
  'this checkout': async (s) => {
    const [rows] = await Promise.all([
      repository.journey({ ...s, limit: MAX_JOURNEY_INTERACTIONS + 1 }),
      cases.forContact(s),
    ])
    if (rows.length > MAX_JOURNEY_INTERACTIONS) await repository.journeyCounts(s)
  },
}
const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')

const next = contactSequence(contacts)
const spanOf = (): Span => ({
  hubId: HUB,
  contactId: contactId(next()),
  from: now - 7 * 86_400_000,
  to: now,
})
const stats = new Map<string, { cpu: number[]; ms: number[] }>()
for (const name of Object.keys(variants)) stats.set(name, { cpu: [], ms: [] })
for (const run of Object.values(variants)) for (let i = 0; i < 20; i++) await run(spanOf()) // warm
for (let round = 0; round < Number(args.rounds); round++) {
  for (const [name, run] of Object.entries(variants)) {
    const s = stats.get(name)!
    const reads = Number(args.reads)
    const cpu0 = process.cpuUsage()
    for (let i = 0; i < reads; i++) {
      const t0 = performance.now()
      await run(spanOf())
      s.ms.push(performance.now() - t0)
    }
    const cpu = process.cpuUsage(cpu0)
    s.cpu.push((cpu.user + cpu.system) / reads)
  }
}
await ch.close()
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const base = median(stats.get('unbounded (66c22b6)')!.cpu)
for (const [name, s] of stats) {
  const lat = summarise([...s.ms].sort((a, b) => a - b))
  say(
    `${name.padEnd(32)} CPU per read median ${fmt(median(s.cpu) / 1000, 2)} ms (${fmt(median(s.cpu) / base, 2)}x), least ${fmt(Math.min(...s.cpu) / 1000, 2)} ms; p50 ${fmt(lat.p50, 2)} ms, p95 ${fmt(lat.p95, 2)} ms`,
  )
}
