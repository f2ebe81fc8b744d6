// Phase 7b of `npm run bench` (journeys under an ingest flood) for two versions of
// the server side by side, to try ideas for issue 26 on a shared machine: a table is
// generated once, each side starts on its own copy of it, and both run rounds of the
// flood alone, one journey reader alone and both at once, alternating sides, so drift
// falls on both alike. Prints each side's ratios (reader p95 under the flood / idle,
// flood kept under the reader) and B's against A's.
//   npx tsx bench/flood-ab.ts <checkout A> <checkout B> [rounds] [seconds]
// A checkout may carry settings of its own: `.:CASETRAIL_FLUSH_MAX_ROWS=2000,…`.
import { createSitePages } from '../portal-sites/index.ts'
import { cpSync, existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pino } from 'pino'
import { createSasToken, openCore } from '../core/index.ts'
import { generateSyntheticInteractions } from '../core/testing.ts'
import {
  type Child,
  type LoadResult,
  bodyPool,
  combine,
  contactSequence,
  fmt,
  freePort,
  load,
  say,
  serverEnv,
  startChild,
  stopChild,
  waitFor,
} from './bench-support.ts'
import { batch, contactId } from './payloads.js'

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
const checkouts = [sideOf(process.argv[2]), sideOf(process.argv[3])]
const rounds = Number(process.argv[4] ?? 3)
const seconds = Number(process.argv[5] ?? 4)
const ROWS = 1_000_000
const CONTACTS = 10_000
const SENDERS = 4
const BATCH = 50
const portalId = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const root = await mkdtemp(join(tmpdir(), 'casetrail-flood-ab-'))
const template = join(root, 'template')
const now = Date.now()

// One table for both sides: generated once, copied.
say(`generating ${fmt(ROWS)} interactions over ${fmt(CONTACTS)} contacts`)
const core = await openCore({
  sitePages: createSitePages(),
  store: { kind: 'embedded', dataDir: template, engine: { memoryBytes: 4 * 2 ** 30 } },
  publicUrl: 'http://127.0.0.1:1',
  log: pino({ level: 'silent' }),
})
const hub = await core.hubs.create('flood')
await generateSyntheticInteractions(core.ch, {
  hubId: hub.id,
  portalId,
  rows: ROWS,
  contacts: CONTACTS,
  from: now - 30 * 86_400_000,
  to: now,
  chunkRows: 250_000,
})
await core.close()
const key = hub.keys[0]!

interface Side {
  label: string
  child: Child
  base: string
  token: string
  alone: LoadResult[]
  idle: LoadResult[]
  reads: LoadResult[]
  flood: LoadResult[]
}

const start = async (label: string, checkout: { dir: string; env: Record<string, string> }) => {
  const dataDir = join(root, label)
  cpSync(template, dataDir, { recursive: true })
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  // Under tsx from the checkout's own sources (each side's code, no bundle to build).
  const child = startChild([join(checkout.dir, 'ingest/main.ts')], {
    ...serverEnv(dataDir, port, { CASETRAIL_FLUSH_MAX_ROWS: '5000' }),
    ...checkout.env,
  })
  await waitFor(`${base}/ready`, child, (s) => s === 200)
  const token = createSasToken({
    resourceUri: `${base}/v1/hubs/${hub.id}`,
    keyName: key.keyName,
    key: key.primaryKey,
    ttlSeconds: 7200,
  })
  return { label, child, base, token, alone: [], idle: [], reads: [], flood: [] } as Side
}

const bodies = bodyPool(500, () => JSON.stringify(batch(BATCH, { portalId })))
const before = encodeURIComponent(new Date(now).toISOString())
const flood = (side: Side, s: number) =>
  load({
    url: `${side.base}/v1/hubs/${hub.id}/interactions`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: side.token },
    body: bodies,
    connections: SENDERS,
    seconds: s,
  })
const reader = (side: Side, s: number) => {
  const next = contactSequence(CONTACTS)
  return load({
    url: side.base,
    method: 'GET',
    headers: { authorization: side.token },
    body: () => undefined,
    path: () => `/v1/hubs/${hub.id}/contacts/${contactId(next())}/journey?before=${before}&window=P7D`,
    connections: 1,
    seconds: s,
  })
}

const sides: Side[] = []
try {
  for (const [i, checkout] of checkouts.entries()) sides.push(await start(i === 0 ? 'A' : 'B', checkout))
  for (const side of sides) await Promise.all([flood(side, 2), reader(side, 2)]) // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
      side.alone.push(await flood(side, seconds))
      side.idle.push(await reader(side, seconds))
      const [reads, f] = await Promise.all([reader(side, seconds), flood(side, seconds)])
      side.reads.push(reads)
      side.flood.push(f)
      say(
        `${side.label} round ${r + 1}: p95 ${fmt(reads.latencyMs.p95, 1)} vs idle ${fmt(side.idle.at(-1)!.latencyMs.p95, 1)} ms; flood ${fmt(f.requestsPerSecond * BATCH)} vs alone ${fmt(side.alone.at(-1)!.requestsPerSecond * BATCH)} events/s`,
      )
    }
  }
  const ratios = sides.map((side) => {
    const [alone, idle, reads, f] = [side.alone, side.idle, side.reads, side.flood].map(combine) as [
      LoadResult,
      LoadResult,
      LoadResult,
      LoadResult,
    ]
    const p95 = reads.latencyMs.p95 / idle.latencyMs.p95
    const kept = f.requestsPerSecond / alone.requestsPerSecond
    say(
      `${side.label} ${checkouts[side.label === 'A' ? 0 : 1]!.dir} ${JSON.stringify(checkouts[side.label === 'A' ? 0 : 1]!.env)}: ` +
        `journey p95 ${fmt(reads.latencyMs.p95, 2)} under the flood vs ${fmt(idle.latencyMs.p95, 2)} ms idle = ${fmt(p95, 2)} (target <= 1.5); ` +
        `flood ${fmt(f.requestsPerSecond * BATCH)} under reads vs ${fmt(alone.requestsPerSecond * BATCH)} events/s alone = ${fmt(kept, 2)} (>= 0.8)`,
    )
    return { p95, kept, floodAlone: alone.requestsPerSecond }
  })
  say(
    `B/A: p95 ratio ${fmt(ratios[1]!.p95 / ratios[0]!.p95, 2)}, flood kept ${fmt(ratios[1]!.kept / ratios[0]!.kept, 2)}, flood alone ${fmt(ratios[1]!.floodAlone / ratios[0]!.floodAlone, 2)}`,
  )
} finally {
  for (const side of sides) await stopChild(side.child)
  if (existsSync(root)) await rm(root, { recursive: true, force: true })
}
