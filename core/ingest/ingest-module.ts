import type { CoreLog } from '../core-log.ts'
import type { HubService } from '../hubs/hub-service.ts'
import type { Metrics } from '../metrics.ts'
import type { InteractionRepository } from '../store/interaction-repository.ts'
import type { ReadPool } from '../store/read-pool.ts'
import { type DurabilityOptions, openDurability } from './durability.ts'
import type { DurableSink } from './durable-sink.ts'
import { type IngestObserver, createIngestPipeline } from './ingest-pipeline.ts'
import type { InteractionSink } from './interaction-sink.ts'
import { createQuarantineWriter } from './quarantine-writer.ts'

/** How ingest is set up (a part of `CoreOptions`). */
export interface IngestModuleOptions {
  /** The write-ahead log and its flusher: core opens both, so a `202` is durable on every path. */
  durability?: DurabilityOptions
  metrics?: Metrics
  observer?: IngestObserver
  /**
   * Replaces the durable sink. Only for a test that says why (the batching
   * sink's own answers); everything else runs the durable path.
   */
  sink?: (repository: InteractionRepository) => InteractionSink | Promise<InteractionSink>
}

/**
 * Ingest: the write-ahead log and its flusher in front of the store (the
 * durable sink), the quarantine writer for refused items, and the pipeline
 * that parses, authenticates and validates what portals send.
 *
 * @example const ingest = await openIngestModule({ repository, flushed, hubs, dataDir, engineMemoryBytes, log, clock })
 */
export async function openIngestModule(
  deps: {
    /** The store the quarantine writes to. */
    repository: InteractionRepository
    /** The store the flusher writes to (erased contacts' rows pass no further). */
    flushed: InteractionRepository
    hubs: HubService
    /** Where the write-ahead log lives; required unless a test replaces the sink. */
    dataDir: string | undefined
    /** The embedded engine's memory bound (null on a server). */
    engineMemoryBytes: number | null
    /** The store's reads: the flusher lets those in flight finish before it inserts. */
    reads?: Pick<ReadPool, 'inFlight' | 'idle'>
    log: CoreLog
    clock: () => number
  } & IngestModuleOptions,
) {
  let durable: DurableSink | null = null
  let sink: InteractionSink
  if (deps.sink) sink = await deps.sink(deps.flushed)
  else {
    if (deps.dataDir === undefined)
      throw new Error(
        'openCore needs a dataDir for the write-ahead log when the store is a ClickHouse server',
      )
    durable = await openDurability({
      dataDir: deps.dataDir,
      repository: deps.flushed,
      log: deps.log,
      metrics: deps.metrics,
      clock: deps.clock,
      options: deps.durability,
      engineMemoryBytes: deps.engineMemoryBytes,
      reads: deps.reads,
    })
    sink = durable
  }
  const quarantine = createQuarantineWriter({ repository: deps.repository, log: deps.log })
  const pipeline = createIngestPipeline({
    hubs: deps.hubs,
    sink,
    quarantine,
    clock: deps.clock,
    log: deps.log,
    observer: deps.observer,
  })
  return {
    sink,
    /** The durable sink's levels (null when a test replaced the sink). */
    durableSink: durable as DurableSink | null,
    /** Refused items on their way to the quarantine table, written in batches. */
    quarantine,
    pipeline,
    /** Drains the sink within `deadlineMs`, then the quarantine. */
    async close(deadlineMs: number): Promise<void> {
      await sink.close(deadlineMs)
      await quarantine.close()
    },
  }
}
