// Phase 7b of `npm run bench` (journeys under an ingest flood) for two or more versions
// of the server side by side, to try ideas for issue 26 on a shared machine: a table is
// generated once, each side starts on its own copy of it, and every side runs rounds of
// the flood alone, journeys alone and both at once, each round starting one side later, so
// drift falls on all alike. The journeys the targets hold are paced (an open loop,
// paced-reads.ts: `--rate` reads/s, by default a tenth of what one closed-loop reader
// reaches idle on side A in the warm-up), each round twice `--seconds` long; the closed-loop
// reader (one at a time, no think time) runs too, as a reference. Prints each side's ratios
// (p95 under the flood / idle, flood kept under the reads), pooled and as the median of the
// rounds' own, the server's cores busy in each part, and each side's against A's.
//   npx tsx bench/flood-ab.ts <checkout A> <checkout B> [rounds] [seconds]
//   npx tsx bench/flood-ab.ts [--rounds 3] [--seconds 4] [--rate 11] [--senders 4] [--template /tmp/flood] <side> <side> …
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
  cpuSecondsOf,
  fmt,
  freePort,
  load,
  say,
  serverEnv,
  startChild,
  stopChild,
  waitFor,
} from './bench-support.ts'
import { type PacedResult, pacedReader } from './paced-reads.ts'
import { batch, contactId } from './payloads.js'

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '4' },
    template: { type: 'string' },
    rate: { type: 'string' },
    senders: { type: 'string', default: '4' },
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
// Bench 7b's flood is four senders; fewer leave part of the cores free (--senders), to see what a free core does.
const SENDERS = Number(flags.senders)
if (!Number.isInteger(SENDERS) || SENDERS < 1)
  throw new Error(`--senders must be a whole number from 1, got ${flags.senders}`)
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

/** One part of a round: a load's result and the server's cores busy meanwhile (CPU seconds / seconds). */
type Part<T extends LoadResult = LoadResult> = T & { cores: number }

interface Side {
  label: string
  child: Child
  base: string
  token: string
  alone: Part[]
  /** The closed-loop reader (one at a time, no think time): a reference. */
  idle: Part[]
  reads: Part[]
  flood: LoadResult[]
  /** The paced reads the targets hold, alone and under the flood, and the flood beside them. */
  pacedIdle: Part<PacedResult>[]
  paced: Part<PacedResult>[]
  pacedFlood: LoadResult[]
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
  const parts = { alone: [], idle: [], reads: [], flood: [], pacedIdle: [], paced: [], pacedFlood: [] }
  return { label, child, base, token, ...parts } as Side
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
const journeyPath = () => {
  const next = contactSequence(CONTACTS)
  return () => `/v1/hubs/${hub.id}/contacts/${contactId(next())}/journey?before=${before}&window=P7D`
}
const reader = (side: Side, s: number) =>
  load({
    url: side.base,
    method: 'GET',
    headers: { authorization: side.token },
    body: () => undefined,
    path: journeyPath(),
    connections: 1,
    seconds: s,
  })
// The paced reads go out from a worker thread, clear of the flood's autocannon on this event loop.
const pacer = pacedReader()
const paced = (side: Side, s: number, rate: number) => {
  const path = journeyPath()
  return pacer.run({
    base: side.base,
    headers: { authorization: side.token },
    paths: Array.from({ length: Math.ceil(rate * s) }, path),
    ratePerSecond: rate,
    seconds: s,
  })
}
/** Runs `fn` and adds the server's cores busy meanwhile. */
const busy = async <T extends LoadResult>(side: Side, fn: () => Promise<T>): Promise<Part<T>> => {
  const [cpu0, t0] = [cpuSecondsOf(side.child.process.pid), performance.now()]
  const result = await fn()
  return {
    ...result,
    cores: (cpuSecondsOf(side.child.process.pid) - cpu0) / ((performance.now() - t0) / 1000),
  }
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const labelOf = (i: number) => String.fromCharCode(65 + i)
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
const sides: Side[] = []
try {
  for (const [i, checkout] of checkouts.entries()) sides.push(await start(labelOf(i), checkout))
  for (const side of sides) await Promise.all([flood(side, 2), reader(side, 2)]) // warm-up
  // The paced rate: given, or a tenth of one closed-loop reader's idle rate on side A.
  const rate = flags.rate
    ? Number(flags.rate)
    : Math.max(1, (await reader(sides[0]!, 2)).requestsPerSecond / 10)
  const pacedS = 2 * seconds
  say(
    `paced journeys: ${fmt(rate, 1)} reads/s, ${fmt(pacedS)} s a round; closed loop ${fmt(seconds)} s; load ${loadAverage()}`,
  )
  for (let r = 0; r < rounds; r++) {
    // Each round starts one side later, so no side always follows the same one.
    for (const side of sides.map((_, i) => sides[(i + r) % sides.length]!)) {
      side.alone.push(await busy(side, () => flood(side, seconds)))
      side.idle.push(await busy(side, () => reader(side, seconds)))
      side.pacedIdle.push(await busy(side, () => paced(side, pacedS, rate)))
      let f: LoadResult
      const reads = await busy(side, async () => {
        const [x, y] = await Promise.all([reader(side, seconds), flood(side, seconds)])
        f = y
        return x
      })
      side.reads.push(reads)
      side.flood.push(f!)
      const pacedReads = await busy(side, async () => {
        const [x, y] = await Promise.all([paced(side, pacedS, rate), flood(side, pacedS)])
        f = y
        return x
      })
      side.paced.push(pacedReads)
      side.pacedFlood.push(f!)
      say(
        `${side.label} round ${r + 1}: paced p95 ${fmt(pacedReads.latencyMs.p95, 1)} vs idle ${fmt(side.pacedIdle.at(-1)!.latencyMs.p95, 1)} ms, flood ${fmt(f!.requestsPerSecond * BATCH)} vs alone ${fmt(side.alone.at(-1)!.requestsPerSecond * BATCH)} events/s; closed loop p95 ${fmt(reads.latencyMs.p95, 1)} vs idle ${fmt(side.idle.at(-1)!.latencyMs.p95, 1)} ms, flood ${fmt(side.flood.at(-1)!.requestsPerSecond * BATCH)}; load ${loadAverage()}`,
      )
    }
  }
  const ratios = sides.map((side, i) => {
    const [alone, idle, reads, f, pIdle, pReads, pFlood] = [
      side.alone,
      side.idle,
      side.reads,
      side.flood,
      side.pacedIdle,
      side.paced,
      side.pacedFlood,
    ].map((xs) => combine(xs)) as [
      LoadResult,
      LoadResult,
      LoadResult,
      LoadResult,
      LoadResult,
      LoadResult,
      LoadResult,
    ]
    const p95 = pReads.latencyMs.p95 / pIdle.latencyMs.p95
    const kept = pFlood.requestsPerSecond / alone.requestsPerSecond
    const closedP95 = reads.latencyMs.p95 / idle.latencyMs.p95
    const closedKept = f.requestsPerSecond / alone.requestsPerSecond
    // Each round's own ratios too: a round that met a burst of other load moves the pooled figure.
    const p95s = side.paced.map((x, j) => x.latencyMs.p95 / side.pacedIdle[j]!.latencyMs.p95)
    const keeps = side.pacedFlood.map((x, j) => x.requestsPerSecond / side.alone[j]!.requestsPerSecond)
    const cores = (xs: Part[]) => fmt(mean(xs.map((x) => x.cores)), 2)
    const late = side.paced.map((x) => x.sendLateMs.p95)
    say(
      `${side.label} ${checkouts[i]!.dir} ${JSON.stringify(checkouts[i]!.env)}: ` +
        `paced journeys (${fmt(rate, 1)}/s) p95 ${fmt(pReads.latencyMs.p95, 2)} under the flood vs ${fmt(pIdle.latencyMs.p95, 2)} ms idle = ${fmt(p95, 2)} (target <= 1.5; median of rounds ${fmt(median(p95s), 2)}); ` +
        `flood ${fmt(pFlood.requestsPerSecond * BATCH)} under them vs ${fmt(alone.requestsPerSecond * BATCH)} events/s alone = ${fmt(kept, 2)} (>= 0.8; median of rounds ${fmt(median(keeps), 2)}); ` +
        `closed loop (reference): p95 ${fmt(reads.latencyMs.p95, 2)} vs ${fmt(idle.latencyMs.p95, 2)} ms = ${fmt(closedP95, 2)}, flood kept ${fmt(closedKept, 2)}, ${fmt(idle.requestsPerSecond)} reads/s idle; ` +
        `server cores busy: flood ${cores(side.alone)}, closed reads ${cores(side.idle)} (${fmt((mean(side.idle.map((x) => x.cores)) * 1e3) / idle.requestsPerSecond, 1)} ms CPU a read), paced reads ${cores(side.pacedIdle)}, flood + closed ${cores(side.reads)}, flood + paced ${cores(side.paced)}; ` +
        `paced sends late p95 (median of rounds) ${fmt(median(late), 2)} ms under the flood`,
    )
    return {
      p95,
      kept,
      closedP95,
      closedKept,
      floodAlone: alone.requestsPerSecond,
      idleP95: pIdle.latencyMs.p95,
    }
  })
  for (const [i, r] of ratios.entries()) {
    if (i === 0) continue
    const a = ratios[0]!
    say(
      `${labelOf(i)}/A: paced p95 ratio ${fmt(r.p95 / a.p95, 2)}, flood kept ${fmt(r.kept / a.kept, 2)}, flood alone ${fmt(r.floodAlone / a.floodAlone, 2)}, paced idle p95 ${fmt(r.idleP95 / a.idleP95, 2)}; closed loop p95 ratio ${fmt(r.closedP95 / a.closedP95, 2)}, flood kept ${fmt(r.closedKept / a.closedKept, 2)}`,
    )
  }
  say(`load ${loadAverage()}`)
} finally {
  for (const side of sides) await stopChild(side.child)
  await pacer.close()
  if (existsSync(root)) await rm(root, { recursive: true, force: true })
}
