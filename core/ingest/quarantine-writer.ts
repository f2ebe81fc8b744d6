import type { InteractionRepository } from '../store/interaction-repository.ts'
import type { QuarantineRecord } from '../store/quarantine-rows.ts'

/** Options of {@link createQuarantineWriter}. */
export interface QuarantineWriterOptions {
  repository: Pick<InteractionRepository, 'quarantine'>
  log?: { warn(obj: object, msg: string): void }
  /** How long refused items may wait to be written together. Default 250 ms. */
  flushIntervalMs?: number
  /** Most items held waiting; past it, more are counted and dropped (the quarantine is a diagnostic aid). Default 10,000. */
  maxBuffered?: number
}

/**
 * Writes refused items to the quarantine in batches: at most one insert per
 * `flushIntervalMs`, whatever the number of refused requests. One insert per
 * refused request would let a client sending garbage make a ClickHouse part
 * per request (and so `TOO_MANY_PARTS` for every hub); batched, a flood of
 * garbage costs a few inserts a second. The buffer is bounded: beyond
 * `maxBuffered`, items are dropped and counted in a log line. Never throws.
 *
 * @example
 * const quarantine = createQuarantineWriter({ repository, log })
 * quarantine.add(records)
 * await quarantine.close()
 */
export function createQuarantineWriter(options: QuarantineWriterOptions) {
  const interval = options.flushIntervalMs ?? 250
  const maxBuffered = options.maxBuffered ?? 10_000
  let buffer: QuarantineRecord[] = []
  let dropped = 0
  let timer: NodeJS.Timeout | undefined
  let writing: Promise<void> = Promise.resolve()

  const flush = (): Promise<void> => {
    clearTimeout(timer)
    timer = undefined
    const batch = buffer
    buffer = []
    const lost = dropped
    dropped = 0
    if (lost > 0)
      options.log?.warn(
        { dropped: lost },
        'quarantine buffer full; refused items were not kept (their requests were answered)',
      )
    if (batch.length === 0) return writing
    writing = writing.then(() =>
      options.repository.quarantine(batch).catch((err: unknown) => {
        options.log?.warn({ err, count: batch.length }, 'could not write rejected items to the quarantine')
      }),
    )
    return writing
  }

  return {
    /** Queues refused items; written within `flushIntervalMs`. */
    add(records: readonly QuarantineRecord[]): void {
      const room = Math.max(0, maxBuffered - buffer.length)
      if (records.length > room) dropped += records.length - room
      for (let i = 0; i < Math.min(room, records.length); i++) buffer.push(records[i]!)
      if (buffer.length > 0 && timer === undefined) {
        timer = setTimeout(() => void flush(), interval)
        timer.unref()
      }
    },
    /** Writes what is queued now; resolves once it is in the store (or failed and was logged). */
    flush,
    close: flush,
  }
}

/** The quarantine writer's interface. */
export type QuarantineWriter = ReturnType<typeof createQuarantineWriter>
