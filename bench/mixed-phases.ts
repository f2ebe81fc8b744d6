// The runner's mixed phases (`--only mixed`): journey reads while ingest runs, beside the
// same reads idle. 7: beacons at half their maximum rate; 7b: an ingest flood (issue 26).
import { type BenchRun, poster } from './bench-setup.ts'
import { readFileSync } from 'node:fs'
import { type LoadResult, bodyPool, combine, fmt, metricsOf, say } from './bench-support.ts'
import { beaconPoster, halfRate } from './ingest-phases.ts'
import { journeyLoad } from './journey-phases.ts'
import { batch } from './payloads.js'

/** The ingest flood of phase 7b (issue 26's measurement): senders, each posting batches of this many. */
const FLOOD_SENDERS = 4
const FLOOD_BATCH = 50

/** 7. Journeys one at a time, idle and then while beacons arrive at half the maximum rate. */
export async function journeysUnderBeacons(bench: BenchRun): Promise<void> {
  const { journeyS } = bench.options
  const rate = halfRate(bench)
  say(
    `7. journeys one at a time, idle and then while beacons arrive at ${fmt(rate)} req/s, ${journeyS} s each`,
  )
  const idle = await journeyLoad(bench)(1, journeyS)
  const [loaded, beacons] = await Promise.all([
    journeyLoad(bench)(1, journeyS),
    beaconPoster(bench)(journeyS, rate, 32),
  ])
  bench.results.journeyUnderIngest = { rate, idle, loaded, beacons }
  say(
    `   idle p95 ${fmt(idle.latencyMs.p95, 2)} ms; under ingest p95 ${fmt(loaded.latencyMs.p95, 2)} ms (${fmt(beacons.requestsPerSecond)} beacons/s)`,
  )
}

/**
 * 7b. Journey reads under an ingest flood: 4 senders posting 50-item batches as fast as
 * they are answered. Rounds of the flood alone, the reads alone and both at once, so drift
 * falls on all three alike. Targets (issue 26): the reads' p95 under the flood at most 1.5x
 * idle; the flood keeps at least 80 % of its own throughput while the reads run.
 */
export async function journeysUnderFlood(bench: BenchRun, serverPid: number | undefined): Promise<void> {
  const { options, portalId } = bench
  const floodBodies = bodyPool(options.quick ? 500 : 2_000, () =>
    JSON.stringify(batch(FLOOD_BATCH, { portalId })),
  )
  const flood = poster(bench, bench.ingestUrl, floodBodies, FLOOD_SENDERS)
  const seconds = Math.max(2, options.journeyS / 2)
  say(
    `7b. journeys one at a time under ${FLOOD_SENDERS} senders of ${FLOOD_BATCH}-item batches; 3 rounds of flood alone, reads alone, both (${fmt(seconds)} s each)`,
  )
  await flood(options.warmupS)
  const yielded = async () => (await metricsOf(bench.base)).casetrail_flush_yield_seconds_total ?? 0
  const yieldedBefore = await yielded()
  const alone: LoadResult[] = []
  const idle: LoadResult[] = []
  const reads: LoadResult[] = []
  const ingest: LoadResult[] = []
  for (let round = 0; round < 3; round++) {
    alone.push(await flood(seconds))
    idle.push(await journeyLoad(bench)(1, seconds))
    const [r, i] = await Promise.all([journeyLoad(bench)(1, seconds), flood(seconds)])
    reads.push(r)
    ingest.push(i)
  }
  const f = {
    batch: FLOOD_BATCH,
    senders: FLOOD_SENDERS,
    floodAlone: combine(alone),
    idle: combine(idle),
    loaded: combine(reads),
    floodUnderReads: combine(ingest),
    flusherYieldSeconds: (await yielded()) - yieldedBefore,
    enginePriorities: maySetPriorities(serverPid),
  }
  bench.results.journeyUnderFlood = f
  say(
    `   flood alone ${fmt(f.floodAlone.requestsPerSecond * FLOOD_BATCH)} events/s, under reads ${fmt(f.floodUnderReads.requestsPerSecond * FLOOD_BATCH)}; journey p95 idle ${fmt(f.idle.latencyMs.p95, 2)} ms, under the flood ${fmt(f.loaded.latencyMs.p95, 2)} ms; the flusher waited ${fmt(f.flusherYieldSeconds, 1)} s for reads; engine thread priorities ${f.enginePriorities ? 'applied' : 'not applied (no CAP_SYS_NICE)'}`,
  )
}

/**
 * Whether the server may set its threads' priorities (CAP_SYS_NICE in its effective
 * capabilities, Linux): without it the engine's reads-first nice values are no-ops.
 */
function maySetPriorities(pid: number | undefined): boolean {
  try {
    const status = readFileSync(`/proc/${pid ?? 'self'}/status`, 'utf8')
    const caps = /CapEff:\s*([0-9a-f]+)/.exec(status)?.[1]
    return caps !== undefined && (BigInt(`0x${caps}`) & (1n << 23n)) !== 0n
  } catch {
    return false
  }
}
