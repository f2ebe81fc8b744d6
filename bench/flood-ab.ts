// Phase 7b of `npm run bench` (journeys under an ingest flood) for two or more versions
// of the server side by side, to try ideas for issue 26 on a shared machine: a table is
// generated once, each side starts on its own copy of it, and every side runs rounds of
// the flood alone, one journey reader alone and both at once, each round starting one
// side later, so drift falls on all alike. Prints each side's ratios (reader p95 under the
// flood / idle, flood kept under the reader), pooled and as the median of the rounds' own,
// and each side's against A's.
//   npx tsx bench/flood-ab.ts <checkout A> <checkout B> [rounds] [seconds]
//   npx tsx bench/flood-ab.ts [--rounds 3] [--seconds 4] [--template /tmp/flood] <side> <side> …
// A side may carry settings of its own: `.:CASETRAIL_FLUSH_MAX_ROWS=2000,…`. With
// --template the generated table is kept in that directory and reused by later runs.
import { createSitePages } from '../portal-sites/index.ts'
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
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

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '4' },
    template: { type: 'string' },
  },
})
// Settings are `name=value` pairs after the checkout, separated by commas; a value may hold `:`.
const sideOf = (arg = '.') => {
  const at = arg.indexOf(':')
  const [dir, settings] = at < 0 ? [arg, ''] : [arg.slice(0, at), arg.slice(at + 1)]
  const env = Object.fromEntries(
    settings
      .split(',')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]),
  )
  return { dir: resolve(dir || '.'), env }
}
// Two checkouts as before (`<A> <B> [rounds] [seconds]`), or any number of sides with --rounds/--seconds.
const numeric = (s: string) => /^[0-9]+(\.[0-9]+)?$/.test(s)
const checkouts = positionals.filter((a) => !numeric(a)).map(sideOf)
const [roundsArg, secondsArg] = positionals.filter(numeric)
const rounds = Number(roundsArg ?? flags.rounds)
const seconds = Number(secondsArg ?? flags.seconds)
if (checkouts.length < 2) throw new Error('name at least two sides: <checkout[:NAME=value,…]> …')
const ROWS = 1_000_000
const CONTACTS = 10_000
const SENDERS = 4
const BATCH = 50
const portalId = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const root = await mkdtemp(join(tmpdir(), 'casetrail-flood-ab-'))
// --template <dir>: the generated table is kept there and reused by the next run.
const template = flags.template ? resolve(flags.template) : join(root, 'template')
const saved = join(template, 'flood-ab.json')

// One table for every side: generated once (or read back from --template), copied.
const generate = async () => {
  const now = Date.now()
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
  const kept = { now, hubId: hub.id, key: hub.keys[0]! }
  writeFileSync(saved, JSON.stringify(kept))
  return kept
}
const { now, hubId, key } = existsSync(saved)
  ? (JSON.parse(readFileSync(saved, 'utf8')) as Awaited<ReturnType<typeof generate>>)
  : await generate()
const hub = { id: hubId }

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

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const labelOf = (i: number) => String.fromCharCode(65 + i)
const sides: Side[] = []
try {
  for (const [i, checkout] of checkouts.entries()) sides.push(await start(labelOf(i), checkout))
  for (const side of sides) await Promise.all([flood(side, 2), reader(side, 2)]) // warm-up
  for (let r = 0; r < rounds; r++) {
    // Each round starts one side later, so no side always follows the same one.
    for (const side of sides.map((_, i) => sides[(i + r) % sides.length]!)) {
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
  const ratios = sides.map((side, i) => {
    const [alone, idle, reads, f] = [side.alone, side.idle, side.reads, side.flood].map(combine) as [
      LoadResult,
      LoadResult,
      LoadResult,
      LoadResult,
    ]
    const p95 = reads.latencyMs.p95 / idle.latencyMs.p95
    const kept = f.requestsPerSecond / alone.requestsPerSecond
    // Each round's own ratios too: a round that met a burst of other load moves the pooled figure.
    const p95s = side.reads.map((x, j) => x.latencyMs.p95 / side.idle[j]!.latencyMs.p95)
    const keeps = side.flood.map((x, j) => x.requestsPerSecond / side.alone[j]!.requestsPerSecond)
    say(
      `${side.label} ${checkouts[i]!.dir} ${JSON.stringify(checkouts[i]!.env)}: ` +
        `journey p95 ${fmt(reads.latencyMs.p95, 2)} under the flood vs ${fmt(idle.latencyMs.p95, 2)} ms idle = ${fmt(p95, 2)} (target <= 1.5; median of rounds ${fmt(median(p95s), 2)}); ` +
        `flood ${fmt(f.requestsPerSecond * BATCH)} under reads vs ${fmt(alone.requestsPerSecond * BATCH)} events/s alone = ${fmt(kept, 2)} (>= 0.8; median of rounds ${fmt(median(keeps), 2)})`,
    )
    return { p95, kept, floodAlone: alone.requestsPerSecond, idleP95: idle.latencyMs.p95 }
  })
  for (const [i, r] of ratios.entries()) {
    if (i === 0) continue
    say(
      `${labelOf(i)}/A: p95 ratio ${fmt(r.p95 / ratios[0]!.p95, 2)}, flood kept ${fmt(r.kept / ratios[0]!.kept, 2)}, flood alone ${fmt(r.floodAlone / ratios[0]!.floodAlone, 2)}, idle p95 ${fmt(r.idleP95 / ratios[0]!.idleP95, 2)}`,
    )
  }
} finally {
  for (const side of sides) await stopChild(side.child)
  if (existsSync(root)) await rm(root, { recursive: true, force: true })
}
