import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { countedHistogram } from './counted-histogram.ts'
import type { IngestObserver } from './ingest/ingest-pipeline.ts'

/** How often the event-loop delay histogram (`nodejs_eventloop_lag_*`) samples, in ms. */
const EVENT_LOOP_SAMPLE_MS = 100

/** Latency buckets in seconds, from half a millisecond to ten seconds. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10]

/**
 * The service's Prometheus metrics, on a registry of their own (never the
 * global one, so tests and benchmarks can hold several side by side).
 * Nothing is registered until this is called.
 *
 * @example
 * const metrics = createMetrics()
 * metrics.accepted.inc(3)
 * const text = await metrics.registry.metrics() // GET /metrics
 */
export function createMetrics(options: { processMetrics?: boolean } = {}) {
  const registry = new Registry()
  const registers = [registry]
  // The event-loop delay histogram samples every 100 ms instead of prom-client's 10 ms: each
  // sample is a wake-up of the loop, and 100 a second were ~2 % of a core on an idle server
  // (its main thread: 21-24 CPU ticks in 10 s at 10 ms, 2 at 1 s), CPU every journey read
  // shares. Stalls of a tenth of a second and longer are still seen.
  if (options.processMetrics ?? true)
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS })
  let engineSource: (() => Promise<Record<string, number>>) | null = null
  return {
    registry,
    /** Reads the engine's own memory figures on each scrape (`core.engineMemory`). */
    observeEngine(source: () => Promise<Record<string, number>>) {
      engineSource = source
    },
    /** The store engine's own memory figures, by part, read on each scrape. */
    engineMemory: new Gauge({
      name: 'casetrail_engine_memory_bytes',
      help: "The store engine's own memory figures (system.metrics, system.jemalloc_stats): tracked total, caches, running merges, its allocator's allocated, resident and retained bytes.",
      labelNames: ['part'] as const,
      registers,
      async collect() {
        if (!engineSource) return
        try {
          for (const [part, bytes] of Object.entries(await engineSource())) this.set({ part }, bytes)
        } catch {
          // A store that does not answer leaves the last figures; /ready says why.
        }
      },
    }),
    /** Interactions accepted by the edge (counted once a request's items are logged). */
    accepted: new Counter({
      name: 'casetrail_interactions_accepted_total',
      help: 'Interactions accepted (acknowledged with 202 or 200).',
      registers,
    }),
    /** Items refused, by the code of each problem found. */
    rejected: new Counter({
      name: 'casetrail_interactions_rejected_total',
      help: 'Problems found in refused items, by code.',
      labelNames: ['code'] as const,
      registers,
    }),
    /** Items whose interaction id was already seen in the same request (accepted, stored once). */
    duplicates: new Counter({
      name: 'casetrail_interactions_duplicates_total',
      help: 'Interactions repeated within one request (accepted, stored once).',
      registers,
    }),
    /** Bytes in the write-ahead log not yet in ClickHouse. */
    logPendingBytes: new Gauge({
      name: 'casetrail_wal_pending_bytes',
      help: 'Bytes in the write-ahead log not yet stored in ClickHouse.',
      registers,
    }),
    /** Records in the write-ahead log not yet in ClickHouse. */
    logPendingRecords: new Gauge({
      name: 'casetrail_wal_pending_records',
      help: 'Interactions in the write-ahead log not yet stored in ClickHouse.',
      registers,
    }),
    /** Data syncs of the write-ahead log (one per group commit). */
    logSyncs: new Counter({
      name: 'casetrail_wal_syncs_total',
      help: 'Data syncs of the write-ahead log; appends per sync show group commit at work.',
      registers,
    }),
    /** Seconds from a request's append to its records being synced (group commit wait + write + sync). */
    logAppendSeconds: new Histogram({
      name: 'casetrail_wal_append_duration_seconds',
      help: 'Time from an append to the write-ahead log until its records are synced to disk.',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    /** Rows per insert the flusher sends to ClickHouse. */
    flushBatchRows: new Histogram({
      name: 'casetrail_flush_batch_rows',
      help: 'Rows per insert from the write-ahead log into ClickHouse.',
      buckets: [1, 10, 100, 500, 1000, 5000, 10_000, 50_000],
      registers,
    }),
    /** Seconds per successful insert of a flush batch. */
    flushSeconds: new Histogram({
      name: 'casetrail_flush_duration_seconds',
      help: 'Duration of successful inserts from the write-ahead log into ClickHouse.',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    /** Seconds the flusher waited for reads in flight before its inserts (reads first, issue 26). */
    flushYieldSeconds: new Counter({
      name: 'casetrail_flush_yield_seconds_total',
      help: 'Time the flusher waited for reads in flight (journeys, profiles, insights) before inserting.',
      registers,
    }),
    /** Seconds ingest requests waited for reads in flight before their own work (reads ahead, issue 26). */
    ingestReadWaitSeconds: new Counter({
      name: 'casetrail_ingest_read_wait_seconds_total',
      help: "Time ingest requests waited for reps' reads in flight (journeys, cases, profiles) before parsing their bodies, summed over requests.",
      registers,
    }),
    /** Failed inserts (each retry counts). */
    storeErrors: new Counter({
      name: 'casetrail_store_errors_total',
      help: 'Inserts into ClickHouse that failed (each attempt counts).',
      registers,
    }),
    /** Rows the store refused for their data, moved from the log to the quarantine, by the store's code. */
    quarantinedRows: new Counter({
      name: 'casetrail_flush_quarantined_rows_total',
      help: 'Rows the store refused for their data (parse or type errors), moved from the write-ahead log to the quarantine, by code.',
      labelNames: ['code'] as const,
      registers,
    }),
    /** HTTP request durations by method, route pattern and status. */
    // Observed on every request, the beacon's included: counted in typed arrays, rendered at scrape.
    httpDuration: countedHistogram({
      name: 'casetrail_http_request_duration_seconds',
      help: 'HTTP request duration by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
  }
}

/** The metrics {@link createMetrics} builds. */
export type Metrics = ReturnType<typeof createMetrics>

/**
 * The ingest pipeline's observer that counts into `metrics`: accepted items,
 * refused items by problem code, and in-request duplicates.
 *
 * @example
 * const core = await openCore({ …, observer: ingestMetricsObserver(metrics) })
 */
export function ingestMetricsObserver(
  metrics: Pick<Metrics, 'accepted' | 'rejected' | 'duplicates'>,
): IngestObserver {
  return {
    accepted: (count) => metrics.accepted.inc(count),
    rejected: (code) => metrics.rejected.inc({ code }),
    duplicates: (count) => metrics.duplicates.inc(count),
  }
}
