// The runner's ingest phases: 1. the bare endpoint (the HTTP limit), 2. single beacons,
// 5. beacons at half their maximum rate beside the bare endpoint at the same rate,
// 3. batches of 100, 4. the direct store insert (the storage limit), and the server's
// log and flusher counters after them.
import { join } from 'node:path'
import { type BenchRun, FLUSH_ROWS, type Poster, poster, runScript } from './bench-setup.ts'
import { type Child, fmt, freePort, metricsOf, say, startChild, waitFor, withCpu } from './bench-support.ts'

/** The bare endpoint of phase 1, still up for phase 5, and its load. */
export interface Bare {
  child: Child
  run: Poster
}

/** 1. A bare Hono endpoint answering 204 on the same HTTP stack, with the beacons' bodies. */
export async function barePhase(bench: BenchRun): Promise<Bare> {
  const { options } = bench
  const barePort = await freePort()
  const child = startChild(['bench/bare-server.ts', String(barePort)], {})
  bench.children.push(child)
  const bareUrl = `http://127.0.0.1:${barePort}/v1/hubs/${bench.hubId}/interactions`
  await waitFor(bareUrl, child, (s) => s === 204)
  const run = poster(bench, bareUrl, bench.beaconBody)
  say(`1. bare Hono 204, ${options.connections} connections, ${options.durationS} s`)
  await run(options.warmupS)
  bench.results.bare = await withCpu(child.process.pid, () => run(options.durationS))
  return { child, run }
}

/** The server's single beacons: phase 2's load, 5's and 7's. */
export const beaconPoster = (bench: BenchRun): Poster => poster(bench, bench.ingestUrl, bench.beaconBody)

/** Half of phase 2's beacons a second: the rate of phases 5 and 7. */
export const halfRate = (bench: BenchRun): number =>
  Math.max(1, Math.round((bench.results.beacon?.requestsPerSecond ?? 0) / 2))

/** 2. Single beacons (durable 202), with the log's syncs meanwhile. */
export async function beaconPhase(bench: BenchRun, server: Child): Promise<void> {
  const { options, base } = bench
  const beaconRun = beaconPoster(bench)
  say(`2. single-beacon ingest (durable 202), ${options.connections} connections, ${options.durationS} s`)
  await beaconRun(options.warmupS)
  const m0 = await metricsOf(base)
  const beacon = await withCpu(server.process.pid, () => beaconRun(options.durationS))
  const m1 = await metricsOf(base)
  const syncs = (m1.casetrail_wal_syncs_total ?? 0) - (m0.casetrail_wal_syncs_total ?? 0)
  bench.results.beacon = { ...beacon, requestsPerSync: syncs > 0 ? beacon.ok / syncs : null }
  say(`   ${fmt(beacon.requestsPerSecond)} req/s, ${fmt(syncs)} syncs`)
}

/** 5. Latency at half of the measured maximum, beside the bare endpoint at the same rate. */
export async function latencyPhase(bench: BenchRun, bare: Bare | null): Promise<void> {
  const { options, results } = bench
  const rate = halfRate(bench)
  say(
    `5. single beacons at a fixed ${fmt(rate)} req/s (half of the maximum), ${options.durationS} s; then bare`,
  )
  results.latency = { rate, ...(await beaconPoster(bench)(options.durationS, rate, 32)) }
  if (bare) results.bareLatency = { rate, ...(await bare.run(options.durationS, rate, 32)) }
}

/** 3. Batches of 100: what got a durable 202, and what the flusher stored meanwhile. */
export async function batchPhase(bench: BenchRun, server: Child): Promise<void> {
  const { options, base } = bench
  say(`3. batched ingest, 100 per request, 16 connections, ${options.durationS} s`)
  const run = poster(bench, bench.ingestUrl, bench.batchBody, 16)
  await run(options.warmupS)
  const m0 = await metricsOf(base)
  const r = await withCpu(server.process.pid, () => run(options.durationS))
  const m1 = await metricsOf(base)
  // Accepted is what got a durable 202; stored is what the flusher moved into ClickHouse meanwhile.
  const stored = (m1.casetrail_flush_batch_rows_sum ?? 0) - (m0.casetrail_flush_batch_rows_sum ?? 0)
  bench.results.batch = {
    ...r,
    eventsPerSecond: r.requestsPerSecond * 100,
    storedEventsPerSecond: stored / r.seconds,
    logBacklogAfter: m1.casetrail_wal_pending_records,
  }
  say(`   ${fmt(r.requestsPerSecond * 100)} events/s accepted, ${fmt(stored / r.seconds)} stored`)
}

/** The server's log and flusher counters after the ingest phases. */
export async function serverCounters(bench: BenchRun): Promise<void> {
  const m = await metricsOf(bench.base)
  bench.results.serverMetrics = {
    walPendingRecords: m.casetrail_wal_pending_records,
    walSyncs: m.casetrail_wal_syncs_total,
    flushes: m.casetrail_flush_batch_rows_count,
    meanFlushRows:
      (m.casetrail_flush_batch_rows_sum ?? 0) / Math.max(1, m.casetrail_flush_batch_rows_count ?? 0),
    meanFlushMs:
      ((m.casetrail_flush_duration_seconds_sum ?? 0) /
        Math.max(1, m.casetrail_flush_duration_seconds_count ?? 0)) *
      1000,
    storeErrors: m.casetrail_store_errors_total,
  }
}

/** 4. The direct insert, in a process of its own on its own data dir. */
export async function directInsertPhase(bench: BenchRun): Promise<void> {
  const { durationS } = bench.options
  say(`4. direct store insert, ${fmt(FLUSH_ROWS)} rows per insert, ${durationS} s`)
  const direct = await runScript(bench, [
    'bench/direct-insert.ts',
    join(bench.root, 'direct'),
    String(durationS),
    String(FLUSH_ROWS),
  ])
  if (direct.code !== 0) throw new Error(`direct insert failed:\n${direct.output}`)
  bench.results.direct = JSON.parse(direct.lastLine)
}
