// The bench runner's table: each figure beside the target it is held to (issues
// 14, 21 and 26), met or missed, and beside the same figure of a baseline run
// (`--baseline`), and the ratios for the results JSON.
import type { ResidentBreakdown } from './resident-memory.ts'
import { type LoadResult, fmt } from './bench-support.ts'
import { memoryRows } from './memory-report.ts'

type Load = LoadResult & {
  eventsPerSecond?: number
  storedEventsPerSecond?: number
  rate?: number
  serverCpuMicrosPerRequest?: number
}
type Pair = { single: LoadResult; concurrent: LoadResult; cpuMicrosPerRequest?: number }

/** What the runner collects; every field but memory is there only when its phase ran. */
export interface BenchResults {
  generate?: { rows: number; contacts: number; seconds: number; rowsPerSecond: number; parts: number }
  bare?: Load
  beacon?: Load & { requestsPerSync: number | null }
  latency?: Load
  bareLatency?: Load
  batch?: Load & { logBacklogAfter?: number }
  direct?: { rowsPerSecond: number; cpuMicrosPerRow?: number }
  journeyAfterLoad?: Pair
  journeyDirectAfterLoad?: Pair
  journeyAfterOptimize?: Pair
  journeyDirectAfterOptimize?: Pair
  journeyUnderIngest?: { rate: number; idle: LoadResult; loaded: LoadResult; beacons: LoadResult }
  /**
   * Phase 7b: journeys under an ingest flood, beside idle and the flood alone: paced reads
   * (the targets) and, in `idle`, `loaded` and `floodUnderReads`, one closed-loop reader (a
   * reference; before 2026-12-07 07:00 the targets were held on it).
   */
  journeyUnderFlood?: {
    batch: number
    senders: number
    floodAlone: LoadResult
    idle: LoadResult
    loaded: LoadResult
    floodUnderReads: LoadResult
    /** Paced reads (an open loop, `rate` a second, timed from each scheduled send). */
    paced?: {
      rate: number
      idle: LoadResult
      loaded: LoadResult
      floodUnderReads: LoadResult
      sendLateP95Ms: number
      pacerAhead?: boolean
    }
    /** The server's cores busy in each part (CPU seconds over wall seconds, all threads). */
    serverCores?: Record<string, number>
    /** The server's CPU per closed-loop read, idle, ms. */
    closedReadCpuMs?: number
    /** Seconds the flusher waited for reads in flight over the phase (`CASETRAIL_FLUSH_YIELD_MS`). */
    flusherYieldSeconds?: number
    /** Seconds ingest requests waited for reads in flight over the phase (`CASETRAIL_INGEST_READ_WAIT_MS`). */
    ingestReadWaitSeconds?: number
    /** Whether the server could set the engine's thread priorities (CAP_SYS_NICE). */
    enginePriorities?: boolean
  }
  /** Phase 11: admin requests per second (bench/control-plane.ts). */
  controlPlane?: {
    concurrency: number
    embedded: { readsPerSecond: number; writesPerSecond: number }
    postgres: { readsPerSecond: number; writesPerSecond: number }
  }
  optimize?: { seconds: number; partsBefore: { parts: number }; partsAfter: { parts: number } }
  serverMetrics?: Record<string, number | undefined>
  engineMemory?: { peakTrackedBytes: number; lastBytes: Record<string, number> }
  peakRssBytes: number
  peakAnonymousBytes: number
  fileBackedBytes: number
  /**
   * Where the anonymous peak was sampled: the phase, the server's last figures
   * before it (V8 heap, Buffers' external memory, the engine's tracker and its
   * jemalloc's resident bytes) and the resident set by mapping then.
   */
  peakAnonymousAt?: {
    phase: string
    heapBytes: number
    externalBytes: number
    engineTrackedBytes: number
    allocatorResidentBytes?: number
    resident?: ResidentBreakdown
  }
  [phase: string]: unknown
}

/** The targets: issue 14's, and issue 26's and 21's where they say more. */
export const TARGETS = {
  beaconOverBare: 0.3,
  batchOverDirect: 0.6,
  journeyApiOverDirectP95: 1.5,
  journeyEightOverOne: 1.7,
  /** Issue 26: the API's 8-at-once gain at least this share of the direct query's own gain. */
  journeyGainOverDirectGain: 0.95,
  journeyLoadedOverIdleP95: 2,
  /** Issue 26: paced journeys' p95 under an ingest flood at most this many times idle. */
  journeyFloodOverIdleP95: 1.5,
  /** Issue 26: the flood keeps at least this share of its own throughput while paced journeys run. */
  floodKeptUnderReads: 0.8,
  peakRssBytes: 512 * 2 ** 20,
  /** Issue 21: the peak RSS the embedded default had before the control plane moved to PGlite. */
  peakRssBeforePgliteBytes: 540 * 2 ** 20,
  /** Issue 21: beacon and journey CPU no worse than a baseline run's, within this noise. */
  noWorseThanBaseline: 1.1,
}

const ratio = (a?: number, b?: number) => (a !== undefined && b ? a / b : undefined)
const ms = (n: number) => `${fmt(n, 2)} ms`
const _MIB = 2 ** 20

/** The ratios a run's results give (held to {@link TARGETS}). */
export function ratiosOf(r: BenchResults): Record<string, number | undefined> {
  const eightOverOne = (p?: Pair) => ratio(p?.concurrent.requestsPerSecond, p?.single.requestsPerSecond)
  const flood = r.journeyUnderFlood
  return {
    beaconOverBare: ratio(r.beacon?.requestsPerSecond, r.bare?.requestsPerSecond),
    batchOverDirect: ratio(r.batch?.eventsPerSecond, r.direct?.rowsPerSecond),
    journeyApiOverDirectP50AfterLoad: ratio(
      r.journeyAfterLoad?.single.latencyMs.p50,
      r.journeyDirectAfterLoad?.single.latencyMs.p50,
    ),
    journeyApiOverDirectP95AfterLoad: ratio(
      r.journeyAfterLoad?.single.latencyMs.p95,
      r.journeyDirectAfterLoad?.single.latencyMs.p95,
    ),
    journeyApiOverDirectP50AfterOptimize: ratio(
      r.journeyAfterOptimize?.single.latencyMs.p50,
      r.journeyDirectAfterOptimize?.single.latencyMs.p50,
    ),
    journeyApiOverDirectP95AfterOptimize: ratio(
      r.journeyAfterOptimize?.single.latencyMs.p95,
      r.journeyDirectAfterOptimize?.single.latencyMs.p95,
    ),
    journeyEightOverOneAfterLoad: eightOverOne(r.journeyAfterLoad),
    journeyEightOverOneAfterOptimize: eightOverOne(r.journeyAfterOptimize),
    directEightOverOneAfterLoad: eightOverOne(r.journeyDirectAfterLoad),
    directEightOverOneAfterOptimize: eightOverOne(r.journeyDirectAfterOptimize),
    journeyGainOverDirectGainAfterLoad: ratio(
      eightOverOne(r.journeyAfterLoad),
      eightOverOne(r.journeyDirectAfterLoad),
    ),
    journeyGainOverDirectGainAfterOptimize: ratio(
      eightOverOne(r.journeyAfterOptimize),
      eightOverOne(r.journeyDirectAfterOptimize),
    ),
    journeyLoadedOverIdleP95: ratio(
      r.journeyUnderIngest?.loaded.latencyMs.p95,
      r.journeyUnderIngest?.idle.latencyMs.p95,
    ),
    journeyFloodOverIdleP95: ratio(flood?.paced?.loaded.latencyMs.p95, flood?.paced?.idle.latencyMs.p95),
    floodKeptUnderReads: ratio(
      flood?.paced?.floodUnderReads.requestsPerSecond,
      flood?.floodAlone.requestsPerSecond,
    ),
    // One closed-loop reader: a reference, not a target (see journeysUnderFlood).
    closedLoopFloodOverIdleP95: ratio(flood?.loaded.latencyMs.p95, flood?.idle.latencyMs.p95),
    floodKeptUnderClosedLoop: ratio(
      flood?.floodUnderReads.requestsPerSecond,
      flood?.floodAlone.requestsPerSecond,
    ),
  }
}

/** The ratios against {@link TARGETS}, and the table that prints them (a baseline's figures beside). */
export function report(
  r: BenchResults,
  options: {
    rows: number
    /** Rows other phases add (the insights phase), as they give them. */
    extraRows?: Array<[string, string, string]>
    /** A baseline run's results: its figures are shown beside this run's. */
    baseline?: BenchResults
  },
): { table: string; ratios: Record<string, number | undefined> } {
  const ratios = ratiosOf(r)
  const b = options.baseline
  const baseRatios = b ? ratiosOf(b) : {}
  const out: Array<[string, string, string, string, string]> = []
  const add = (name: string, value: string, target = '', ok?: boolean, base = '') =>
    out.push([name, value, target, ok === undefined ? '' : ok ? 'met' : 'MISSED', base])
  const baseRatio = (key: string) => (baseRatios[key] === undefined ? '' : fmt(baseRatios[key]!, 2))
  const atMost = (name: string, key: string, target: number) => {
    const value = ratios[key]
    if (value !== undefined) add(name, fmt(value, 2), `<= ${target}`, value <= target, baseRatio(key))
  }
  const atLeast = (name: string, key: string, target: number) => {
    const value = ratios[key]
    if (value !== undefined) add(name, fmt(value, 2), `>= ${target}`, value >= target, baseRatio(key))
  }
  /** This run's cost against the baseline's (issue 21: no worse within noise). */
  const noWorse = (name: string, now?: number, before?: number, unit = 'us') => {
    if (now === undefined || before === undefined || !before) return
    add(
      name,
      `${fmt(now)} vs ${fmt(before)} ${unit} = ${fmt(now / before, 2)}x`,
      `<= ${TARGETS.noWorseThanBaseline}x baseline`,
      now / before <= TARGETS.noWorseThanBaseline,
      `${fmt(before)} ${unit}`,
    )
  }
  const cpuOf = (l?: Load) => l?.serverCpuMicrosPerRequest
  const cpu = (l?: Load) =>
    l?.serverCpuMicrosPerRequest === undefined
      ? ''
      : ` (server CPU ${fmt(l.serverCpuMicrosPerRequest)} us/req)`
  const pcts = (l: LoadResult) =>
    `p50 ${ms(l.latencyMs.p50)}, p95 ${ms(l.latencyMs.p95)}, p99 ${ms(l.latencyMs.p99)}`

  if (r.bare)
    add(
      '1 bare Hono 204',
      `${fmt(r.bare.requestsPerSecond)} req/s${cpu(r.bare)}`,
      '',
      undefined,
      b?.bare ? `${fmt(b.bare.requestsPerSecond)} req/s${cpu(b.bare)}` : '',
    )
  if (r.beacon)
    add(
      '2 single beacon, durable 202',
      `${fmt(r.beacon.requestsPerSecond)} req/s${cpu(r.beacon)}`,
      '',
      undefined,
      b?.beacon ? `${fmt(b.beacon.requestsPerSecond)} req/s${cpu(b.beacon)}` : '',
    )
  atLeast('  ratio 2/1 (issue 26)', 'beaconOverBare', TARGETS.beaconOverBare)
  noWorse('  server CPU per beacon vs baseline (issue 21)', cpuOf(r.beacon), cpuOf(b?.beacon))
  if (r.batch) {
    add(
      '3 batch of 100',
      `${fmt(r.batch.eventsPerSecond ?? 0)} events/s accepted${cpu(r.batch)}`,
      '',
      undefined,
      b?.batch ? `${fmt(b.batch.eventsPerSecond ?? 0)} events/s${cpu(b.batch)}` : '',
    )
    add('  stored meanwhile', `${fmt(r.batch.storedEventsPerSecond ?? 0)} events/s (the log holds the rest)`)
  }
  if (r.direct)
    add(
      '4 direct store insert',
      `${fmt(r.direct.rowsPerSecond)} rows/s${r.direct.cpuMicrosPerRow === undefined ? '' : ` (CPU ${fmt(r.direct.cpuMicrosPerRow, 1)} us/row)`}`,
      '',
      undefined,
      b?.direct ? `${fmt(b.direct.rowsPerSecond)} rows/s` : '',
    )
  atLeast('  ratio 3/4 (issue 26)', 'batchOverDirect', TARGETS.batchOverDirect)
  if (r.batch?.serverCpuMicrosPerRequest !== undefined && r.direct?.cpuMicrosPerRow !== undefined) {
    // Steadier than rows/s on a shared machine; the batch side counts only the inserts done during its phase.
    const perEvent = r.batch.serverCpuMicrosPerRequest / 100
    add(
      '  CPU per row, 4 vs 3',
      `${fmt(r.direct.cpuMicrosPerRow, 1)} vs ${fmt(perEvent, 1)} us = ${fmt(r.direct.cpuMicrosPerRow / perEvent, 2)}`,
    )
  }
  if (r.latency)
    add(
      `5 beacons at ${fmt(r.latency.rate ?? 0)} req/s`,
      pcts(r.latency),
      '',
      undefined,
      b?.latency ? pcts(b.latency) : '',
    )
  if (r.bareLatency) add(`  bare Hono at ${fmt(r.bareLatency.rate ?? 0)} req/s`, pcts(r.bareLatency))
  for (const [label, key, api, direct, baseApi] of [
    ['after load', 'AfterLoad', r.journeyAfterLoad, r.journeyDirectAfterLoad, b?.journeyAfterLoad],
    [
      'after OPTIMIZE FINAL',
      'AfterOptimize',
      r.journeyAfterOptimize,
      r.journeyDirectAfterOptimize,
      b?.journeyAfterOptimize,
    ],
  ] as const) {
    if (!api) continue
    add(
      `6 journey API, ${fmt(options.rows)} rows, ${label}`,
      `p50 ${ms(api.single.latencyMs.p50)}, p95 ${ms(api.single.latencyMs.p95)}, 1 at a time`,
      '',
      undefined,
      baseApi ? `p50 ${ms(baseApi.single.latencyMs.p50)}, p95 ${ms(baseApi.single.latencyMs.p95)}` : '',
    )
    if (direct)
      add(
        `  direct store query, ${label}`,
        `p50 ${ms(direct.single.latencyMs.p50)}, p95 ${ms(direct.single.latencyMs.p95)}`,
      )
    if (api.cpuMicrosPerRequest !== undefined && direct?.cpuMicrosPerRequest !== undefined)
      add(
        '  CPU per read, API vs direct',
        `${fmt(api.cpuMicrosPerRequest)} vs ${fmt(direct.cpuMicrosPerRequest)} us (${fmt(api.cpuMicrosPerRequest / direct.cpuMicrosPerRequest, 2)}x)`,
      )
    noWorse(
      '  API CPU per read vs baseline (issue 21)',
      api.cpuMicrosPerRequest,
      baseApi?.cpuMicrosPerRequest,
    )
    if (ratios[`journeyApiOverDirectP50${key}`] !== undefined)
      add(
        '  ratio API/direct p50',
        fmt(ratios[`journeyApiOverDirectP50${key}`]!, 2),
        '',
        undefined,
        baseRatio(`journeyApiOverDirectP50${key}`),
      )
    atMost('  ratio API/direct p95', `journeyApiOverDirectP95${key}`, TARGETS.journeyApiOverDirectP95)
    add(
      '  8 at once vs 1 at a time',
      `${fmt(api.concurrent.requestsPerSecond)} vs ${fmt(api.single.requestsPerSecond)} req/s` +
        (direct
          ? ` (direct ${fmt(direct.concurrent.requestsPerSecond)} vs ${fmt(direct.single.requestsPerSecond)}/s)`
          : ''),
    )
    atLeast('  ratio 8/1', `journeyEightOverOne${key}`, TARGETS.journeyEightOverOne)
    atLeast(
      '  8/1 gain, API / direct (issue 26)',
      `journeyGainOverDirectGain${key}`,
      TARGETS.journeyGainOverDirectGain,
    )
  }
  if (r.journeyUnderIngest) {
    const j = r.journeyUnderIngest
    add(
      `7 journey under ${fmt(j.beacons.requestsPerSecond)} beacons/s`,
      `p95 ${ms(j.loaded.latencyMs.p95)} vs idle ${ms(j.idle.latencyMs.p95)} (p50 ${ms(j.loaded.latencyMs.p50)} vs ${ms(j.idle.latencyMs.p50)})`,
    )
    atMost('  ratio under ingest / idle p95', 'journeyLoadedOverIdleP95', TARGETS.journeyLoadedOverIdleP95)
  }
  if (r.journeyUnderFlood) {
    const f = r.journeyUnderFlood
    const events = (l: LoadResult) => fmt(l.requestsPerSecond * f.batch)
    const p = f.paced
    if (p) {
      add(
        `7b paced journeys (${fmt(p.rate, 1)}/s) under a flood (${f.senders} x ${f.batch}-item batches)`,
        `p95 ${ms(p.loaded.latencyMs.p95)} vs idle ${ms(p.idle.latencyMs.p95)} (p50 ${ms(p.loaded.latencyMs.p50)} vs ${ms(p.idle.latencyMs.p50)})`,
      )
      atMost(
        '  ratio under the flood / idle p95 (issue 26)',
        'journeyFloodOverIdleP95',
        TARGETS.journeyFloodOverIdleP95,
      )
      add(
        '  the flood, under paced reads vs alone',
        `${events(p.floodUnderReads)} vs ${events(f.floodAlone)} events/s`,
      )
      atLeast('  ratio flood kept under reads (issue 26)', 'floodKeptUnderReads', TARGETS.floodKeptUnderReads)
    }
    const closedCpu =
      f.closedReadCpuMs === undefined
        ? ''
        : `; ${fmt(f.closedReadCpuMs, 1)} ms server CPU a read, ${fmt(f.serverCores?.closedReads ?? 0, 2)} cores busy`
    add(
      '  reference: one closed-loop reader',
      `${fmt(f.idle.requestsPerSecond)} reads/s idle${closedCpu}; p95 ${ms(f.loaded.latencyMs.p95)} vs idle ${ms(f.idle.latencyMs.p95)} = ${fmt(ratios.closedLoopFloodOverIdleP95 ?? 0, 2)}, flood kept ${fmt(ratios.floodKeptUnderClosedLoop ?? 0, 2)}`,
      'none (reference)',
      undefined,
      baseRatios.closedLoopFloodOverIdleP95 === undefined
        ? ''
        : `${fmt(baseRatios.closedLoopFloodOverIdleP95, 2)}, kept ${fmt(baseRatios.floodKeptUnderClosedLoop ?? 0, 2)}`,
    )
    if (f.flusherYieldSeconds !== undefined)
      add(
        '  reads first: flusher, ingest waited; priorities',
        `${fmt(f.flusherYieldSeconds, 1)} s, ${fmt(f.ingestReadWaitSeconds ?? 0, 1)} s; ${f.enginePriorities ? 'applied' : 'not applied (no CAP_SYS_NICE)'}`,
      )
  }
  for (const [name, value, target] of options.extraRows ?? []) add(name, value, target)
  for (const row of memoryRows(r, b)) add(...row)
  if (r.controlPlane) {
    const c = r.controlPlane
    add(
      `11 admin reads/s, ${c.concurrency} at once (issue 21)`,
      `embedded ${fmt(c.embedded.readsPerSecond)}, Postgres ${fmt(c.postgres.readsPerSecond)} = ${fmt(c.postgres.readsPerSecond / c.embedded.readsPerSecond, 2)}x`,
    )
    add(
      '   admin writes/s (If-Match PATCH)',
      `embedded ${fmt(c.embedded.writesPerSecond)}, Postgres ${fmt(c.postgres.writesPerSecond)} = ${fmt(c.postgres.writesPerSecond / c.embedded.writesPerSecond, 2)}x`,
    )
  }
  if (b) out.unshift(['', 'this run', 'target', '', 'baseline'])
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...out.map((row) => row[i]!.length), 6))
  const table = out
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
  const extra: string[] = []
  if (r.generate)
    extra.push(
      `(generated ${fmt(r.generate.rows)} rows in ${fmt(r.generate.seconds, 1)} s, ${fmt(r.generate.rowsPerSecond)} rows/s, ${r.generate.parts} parts` +
        `${r.optimize ? `; OPTIMIZE FINAL ${fmt(r.optimize.seconds, 1)} s, ${r.optimize.partsBefore.parts} -> ${r.optimize.partsAfter.parts} parts` : ''})`,
    )
  const targets = out.filter((row) => row[3] !== '')
  const missed = targets.filter((row) => row[3] === 'MISSED').length
  extra.push(`targets: ${targets.length - missed} met, ${missed} missed`)
  return { table: [table, ...extra].join('\n'), ratios }
}
