import { join } from 'node:path'
import type { Metrics } from '../metrics.ts'
import type { InteractionRepository } from '../store/interaction-repository.ts'
import type { ReadPool } from '../store/read-pool.ts'
import { openWriteAheadLog } from '../wal/write-ahead-log.ts'
import { type DurableSink, type DurableSinkLog, createDurableSink } from './durable-sink.ts'

/** How core keeps a `202`: the write-ahead log and the flusher behind it. Every field has a default. */
export interface DurabilityOptions {
  /** Directory of the write-ahead log. Default `<dataDir>/wal`. */
  walDir?: string
  /** Bytes the log may hold not yet stored; past it ingest answers 503 `log_full`. Default 1 GiB. */
  walMaxBytes?: number
  /** Size at which a log segment is closed. Default 16 MiB. */
  walSegmentBytes?: number
  /** `Retry-After` of a `log_full` refusal, in seconds. Default 2. */
  retryAfterSeconds?: number
  /** Most rows per insert. Default 5,000. */
  flushMaxRows?: number
  /** How long rows may wait for a fuller insert. Default 200 ms. */
  flushIntervalMs?: number
  /** Backoff between failed inserts. Default 100 ms doubling to 5 s. */
  retry?: { minMs: number; maxMs: number }
  /** How long `?wait=stored` waits before settling for `logged`. Default 10 s. */
  storedWaitMs?: number
  /**
   * How long the flusher waits for reads in flight before an insert (reads
   * first); 0 inserts at once. Default {@link DEFAULT_FLUSH_YIELD_MS}.
   */
  flushYieldMs?: number
  /**
   * Tests only: wraps (never replaces) the repository the flusher writes
   * through, to inject store faults as a failing ClickHouse would.
   */
  faults?: (
    repository: InteractionRepository,
  ) => Pick<InteractionRepository, 'insertEncodedRows' | 'quarantine'>
}

/**
 * How long the flusher waits, at most, for the reads in flight before an
 * insert: a journey read takes 10-20 ms on an idle machine, a few times that
 * under load; a longer read (an insight) is not worth holding inserts for.
 */
export const DEFAULT_FLUSH_YIELD_MS = 200

/**
 * Opens the write-ahead log and the durable sink in front of the store: what
 * core does on every open, so the entry point, the tests and the benchmarks
 * all run the path that keeps the `202` promise.
 *
 * @example
 * const sink = await openDurability({ dir: dataDir, repository, log, metrics, options: {} })
 */
export async function openDurability(deps: {
  dataDir: string
  repository: InteractionRepository
  log: DurableSinkLog & { child?: (bindings: object) => DurableSinkLog }
  metrics?: Metrics
  clock?: () => number
  options?: DurabilityOptions
  /** The embedded engine's memory bound (null on a server): inserts read at most a sixteenth of it. */
  engineMemoryBytes?: number | null
  /** The store's reads, which the flusher lets finish before it inserts (see `flushYieldMs`). */
  reads?: Pick<ReadPool, 'inFlight' | 'idle'>
}): Promise<DurableSink> {
  const o = deps.options ?? {}
  const childLog = (component: string) => deps.log.child?.({ component }) ?? deps.log
  const wal = await openWriteAheadLog({
    dir: o.walDir ?? join(deps.dataDir, 'wal'),
    capBytes: o.walMaxBytes,
    segmentBytes: o.walSegmentBytes,
    retryAfterSeconds: o.retryAfterSeconds,
    log: childLog('wal'),
  })
  return createDurableSink({
    wal,
    repository: o.faults ? o.faults(deps.repository) : deps.repository,
    log: childLog('flusher'),
    metrics: deps.metrics,
    clock: deps.clock,
    maxBatchRows: o.flushMaxRows ?? 5_000,
    // An insert's body, parsed and buffered, takes a few times its size in the engine: a
    // sixteenth of the bound (16 MiB at the default 256 MiB) leaves room for merges and reads.
    maxBatchBytes: deps.engineMemoryBytes ? Math.floor(deps.engineMemoryBytes / 16) : undefined,
    flushIntervalMs: o.flushIntervalMs ?? 200,
    retry: o.retry ?? { minMs: 100, maxMs: 5_000 },
    storedWaitMs: o.storedWaitMs,
    readsFirst:
      deps.reads && (o.flushYieldMs ?? DEFAULT_FLUSH_YIELD_MS) > 0
        ? { reads: deps.reads, yieldMs: o.flushYieldMs ?? DEFAULT_FLUSH_YIELD_MS }
        : undefined,
  })
}
