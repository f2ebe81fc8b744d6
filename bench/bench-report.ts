// The bench runner's table: each figure beside its baseline and the target the
// ratio is held to (issue 14's targets), and the ratios for the results JSON.
import { type LoadResult, fmt } from './bench-support.ts'

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
  optimize?: { seconds: number; partsBefore: { parts: number }; partsAfter: { parts: number } }
  serverMetrics?: Record<string, number | undefined>
  engineMemory?: { peakTrackedBytes: number; lastBytes: Record<string, number> }
  peakRssBytes: number
  peakAnonymousBytes: number
  fileBackedBytes: number
  /**
   * Where the anonymous peak was sampled: the phase, and the server's last
   * figures before it (V8 heap, Buffers' external memory, the engine's tracker).
   */
  peakAnonymousAt?: { phase: string; heapBytes: number; externalBytes: number; engineTrackedBytes: number }
  [phase: string]: unknown
}

/** Issue 14's targets. */
export const TARGETS = {
  beaconOverBare: 0.3,
  batchOverDirect: 0.6,
  journeyApiOverDirectP95: 1.5,
  journeyEightOverOne: 1.7,
  journeyLoadedOverIdleP95: 2,
  peakRssBytes: 512 * 2 ** 20,
}

const ratio = (a?: number, b?: number) => (a !== undefined && b ? a / b : undefined)
const ms = (n: number) => `${fmt(n, 2)} ms`
const MIB = 2 ** 20

/** The ratios against {@link TARGETS}, and the table that prints them. */
export function report(
  r: BenchResults,
  options: {
    rows: number
    /** Rows other phases add (the insights phase), as they give them. */
    extraRows?: Array<[string, string, string]>
  },
): { table: string; ratios: Record<string, number | undefined> } {
  const ratios: Record<string, number | undefined> = {
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
    journeyEightOverOneAfterLoad: ratio(
      r.journeyAfterLoad?.concurrent.requestsPerSecond,
      r.journeyAfterLoad?.single.requestsPerSecond,
    ),
    journeyEightOverOneAfterOptimize: ratio(
      r.journeyAfterOptimize?.concurrent.requestsPerSecond,
      r.journeyAfterOptimize?.single.requestsPerSecond,
    ),
    directEightOverOneAfterLoad: ratio(
      r.journeyDirectAfterLoad?.concurrent.requestsPerSecond,
      r.journeyDirectAfterLoad?.single.requestsPerSecond,
    ),
    journeyLoadedOverIdleP95: ratio(
      r.journeyUnderIngest?.loaded.latencyMs.p95,
      r.journeyUnderIngest?.idle.latencyMs.p95,
    ),
  }
  const out: Array<[string, string, string, string]> = []
  const add = (name: string, value: string, target = '', ok?: boolean) =>
    out.push([name, value, target, ok === undefined ? '' : ok ? 'met' : 'MISSED'])
  const atMost = (name: string, value: number | undefined, target: number) => {
    if (value !== undefined) add(name, fmt(value, 2), `<= ${target}`, value <= target)
  }
  const atLeast = (name: string, value: number | undefined, target: number) => {
    if (value !== undefined) add(name, fmt(value, 2), `>= ${target}`, value >= target)
  }
  const cpu = (l?: Load) =>
    l?.serverCpuMicrosPerRequest === undefined
      ? ''
      : ` (server CPU ${fmt(l.serverCpuMicrosPerRequest)} us/req)`
  const pcts = (l: LoadResult) =>
    `p50 ${ms(l.latencyMs.p50)}, p95 ${ms(l.latencyMs.p95)}, p99 ${ms(l.latencyMs.p99)}`

  if (r.bare) add('1 bare Hono 204', `${fmt(r.bare.requestsPerSecond)} req/s${cpu(r.bare)}`)
  if (r.beacon)
    add('2 single beacon, durable 202', `${fmt(r.beacon.requestsPerSecond)} req/s${cpu(r.beacon)}`)
  atLeast('  ratio 2/1', ratios.beaconOverBare, TARGETS.beaconOverBare)
  if (r.batch) {
    add('3 batch of 100', `${fmt(r.batch.eventsPerSecond ?? 0)} events/s accepted${cpu(r.batch)}`)
    add('  stored meanwhile', `${fmt(r.batch.storedEventsPerSecond ?? 0)} events/s (the log holds the rest)`)
  }
  if (r.direct)
    add(
      '4 direct store insert',
      `${fmt(r.direct.rowsPerSecond)} rows/s${r.direct.cpuMicrosPerRow === undefined ? '' : ` (CPU ${fmt(r.direct.cpuMicrosPerRow, 1)} us/row)`}`,
    )
  atLeast('  ratio 3/4', ratios.batchOverDirect, TARGETS.batchOverDirect)
  if (r.batch?.serverCpuMicrosPerRequest !== undefined && r.direct?.cpuMicrosPerRow !== undefined) {
    // Steadier than rows/s on a shared machine; the batch side counts only the inserts done during its phase.
    const perEvent = r.batch.serverCpuMicrosPerRequest / 100
    add(
      '  CPU per row, 4 vs 3',
      `${fmt(r.direct.cpuMicrosPerRow, 1)} vs ${fmt(perEvent, 1)} us = ${fmt(r.direct.cpuMicrosPerRow / perEvent, 2)}`,
    )
  }
  if (r.latency) add(`5 beacons at ${fmt(r.latency.rate ?? 0)} req/s`, pcts(r.latency))
  if (r.bareLatency) add(`  bare Hono at ${fmt(r.bareLatency.rate ?? 0)} req/s`, pcts(r.bareLatency))
  for (const [label, api, direct, p50, p95, eight] of [
    [
      'after load',
      r.journeyAfterLoad,
      r.journeyDirectAfterLoad,
      ratios.journeyApiOverDirectP50AfterLoad,
      ratios.journeyApiOverDirectP95AfterLoad,
      ratios.journeyEightOverOneAfterLoad,
    ],
    [
      'after OPTIMIZE FINAL',
      r.journeyAfterOptimize,
      r.journeyDirectAfterOptimize,
      ratios.journeyApiOverDirectP50AfterOptimize,
      ratios.journeyApiOverDirectP95AfterOptimize,
      ratios.journeyEightOverOneAfterOptimize,
    ],
  ] as const) {
    if (!api) continue
    add(
      `6 journey API, ${fmt(options.rows)} rows, ${label}`,
      `p50 ${ms(api.single.latencyMs.p50)}, p95 ${ms(api.single.latencyMs.p95)}, 1 at a time`,
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
    if (p50 !== undefined) add('  ratio API/direct p50', fmt(p50, 2))
    atMost('  ratio API/direct p95', p95, TARGETS.journeyApiOverDirectP95)
    add(
      '  8 at once vs 1 at a time',
      `${fmt(api.concurrent.requestsPerSecond)} vs ${fmt(api.single.requestsPerSecond)} req/s` +
        (direct
          ? ` (direct ${fmt(direct.concurrent.requestsPerSecond)} vs ${fmt(direct.single.requestsPerSecond)}/s)`
          : ''),
    )
    atLeast('  ratio 8/1', eight, TARGETS.journeyEightOverOne)
  }
  if (r.journeyUnderIngest) {
    const j = r.journeyUnderIngest
    add(
      `7 journey under ${fmt(j.beacons.requestsPerSecond)} beacons/s`,
      `p95 ${ms(j.loaded.latencyMs.p95)} vs idle ${ms(j.idle.latencyMs.p95)} (p50 ${ms(j.loaded.latencyMs.p50)} vs ${ms(j.idle.latencyMs.p50)})`,
    )
    atMost(
      '  ratio under ingest / idle p95',
      ratios.journeyLoadedOverIdleP95,
      TARGETS.journeyLoadedOverIdleP95,
    )
  }
  for (const [name, value, target] of options.extraRows ?? []) add(name, value, target)
  if (r.peakRssBytes) {
    add(
      '9 peak RSS (server)',
      `${fmt(r.peakRssBytes / MIB)} MiB`,
      '<= 512 MiB',
      r.peakRssBytes <= TARGETS.peakRssBytes,
    )
    add(
      '  of which anonymous (sampled)',
      `${fmt(r.peakAnonymousBytes / MIB)} MiB (+ ${fmt(r.fileBackedBytes / MIB)} MiB mapped from libchdb and other files)`,
    )
    const at = r.peakAnonymousAt
    if (at) {
      const rest = r.peakAnonymousBytes - at.heapBytes - at.externalBytes - at.engineTrackedBytes
      add(
        `  anonymous peak, in ${at.phase}`,
        `V8 heap ${fmt(at.heapBytes / MIB)} + Buffers ${fmt(at.externalBytes / MIB)} + engine tracked ${fmt(at.engineTrackedBytes / MIB)} + the rest ${fmt(rest / MIB)} MiB (allocators' slack, stacks, code data)`,
      )
    }
  }
  if (r.engineMemory?.peakTrackedBytes) {
    const last = r.engineMemory.lastBytes
    add(
      '  engine, its own figures',
      `peak ${fmt(r.engineMemory.peakTrackedBytes / MIB)} MiB tracked; at the end mark cache ${fmt((last.markCache ?? 0) / MIB, 1)} MiB, primary index ${fmt((last.primaryIndexCache ?? 0) / MIB, 1)} MiB`,
    )
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...out.map((row) => row[i]!.length), 6))
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
  return { table: [table, ...extra].join('\n'), ratios }
}
