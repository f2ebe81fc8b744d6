import type { Metrics } from '../metrics.ts'
import type { EncodedRows, InteractionRepository } from '../store/interaction-repository.ts'
import type { QuarantineRecord } from '../store/quarantine-rows.ts'
import { type ClassifiedStoreError, classifyStoreError } from '../store/store-errors.ts'

/** What the batch storer reports through; a pino logger fits. */
export interface BatchStorerLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

/** A row the store refused for its data, with the store's reason. */
export interface PoisonRow {
  /** Index of the row in the batch. */
  index: number
  error: ClassifiedStoreError
}

/** What became of a batch: stored (with the rows set aside), or given up because shutdown cut retries short. */
export type BatchOutcome = { stored: true; poison: PoisonRow[] } | { stored: false }

/** Options of {@link createBatchStorer}. */
export interface BatchStorerOptions {
  repository: Pick<InteractionRepository, 'insertEncodedRows' | 'quarantine'>
  log: BatchStorerLog
  metrics?: Pick<Metrics, 'flushSeconds' | 'storeErrors' | 'quarantinedRows'>
  clock: () => number
  /** Backoff between failed attempts: doubles from `minMs` up to `maxMs`. */
  retry: { minMs: number; maxMs: number }
  /** Waits `ms` (or less, when woken); the flusher's pause. */
  pause: (ms: number) => Promise<void>
  /** True once shutdown wants retries to stop. */
  aborted: () => boolean
  /**
   * Called when the store ran out of memory on an insert of `rows` rows; the
   * batch is then stored in halves (see {@link createBatchLimit}).
   */
  onMemoryLimit?: (rows: number) => void
}

const MAX_QUARANTINE_MESSAGE = 1000

/** The hub and text of a table row for the quarantine; never throws, whatever the row holds. */
function describeRow(row: Uint8Array): { hubId: string; raw: string } {
  const raw = Buffer.from(row.buffer, row.byteOffset, row.byteLength).toString('utf8')
  let hubId = ''
  try {
    const parsed: unknown = JSON.parse(raw)
    const hub = typeof parsed === 'object' && parsed !== null ? (parsed as { hub_id?: unknown }).hub_id : ''
    if (typeof hub === 'string') hubId = hub
  } catch {
    // A row that is not even JSON is kept under no hub.
  }
  return { hubId, raw }
}

/**
 * Stores batches of encoded rows with defence in depth: transient store
 * errors are retried with backoff (the rows stay where they are); a permanent
 * one (the store refuses the data) splits the batch in halves until each
 * refused row stands alone, stores every other row, and moves the refused ones
 * to the quarantine with the store's code and message. One poison row in
 * 5,000 costs about 2·log2(5,000) ≈ 26 inserts, once.
 *
 * @example
 * const storer = createBatchStorer({ repository, log, clock, retry, pause, aborted })
 * const outcome = await storer.store(rows)
 */
export function createBatchStorer(options: BatchStorerOptions) {
  const { repository, log, metrics, clock } = options
  let failingSince: number | null = null
  let consecutiveFailures = 0

  const backoff = async (err: ClassifiedStoreError, what: object, message: string): Promise<boolean> => {
    consecutiveFailures++
    failingSince ??= clock()
    metrics?.storeErrors.inc()
    const delay = Math.min(
      options.retry.maxMs,
      options.retry.minMs * 2 ** Math.min(consecutiveFailures - 1, 30),
    )
    log.warn(
      { ...what, code: err.code, error: err.message, attempt: consecutiveFailures, retryInMs: delay },
      message,
    )
    if (options.aborted()) return false
    await options.pause(delay)
    return !options.aborted()
  }

  const recovered = () => {
    if (failingSince !== null) {
      log.info(
        { failedInserts: consecutiveFailures, outageMs: clock() - failingSince },
        'the store takes inserts again; draining the log',
      )
    }
    failingSince = null
    consecutiveFailures = 0
  }

  /** One stretch of rows: stored, refused for its data, or given up (shutdown). */
  const attempt = async (
    rows: EncodedRows,
  ): Promise<'stored' | 'aborted' | 'split' | ClassifiedStoreError> => {
    for (;;) {
      const startedAt = clock()
      try {
        await repository.insertEncodedRows(rows)
        metrics?.flushSeconds.observe((clock() - startedAt) / 1000)
        recovered()
        return 'stored'
      } catch (err) {
        const classified = classifyStoreError(err)
        if (classified.kind === 'permanent') {
          metrics?.storeErrors.inc()
          return classified
        }
        if (classified.code === 'MEMORY_LIMIT_EXCEEDED' && rows.length > 1) {
          // Over the engine's memory bound: the same insert would fail again; halves may not.
          metrics?.storeErrors.inc()
          log.warn({ rows: rows.length }, 'the store ran out of memory for this insert; storing it in halves')
          options.onMemoryLimit?.(rows.length)
          return 'split'
        }
        const again = await backoff(
          classified,
          { rows: rows.length },
          'insert into the store failed; records stay in the log, retrying',
        )
        if (!again) return 'aborted'
      }
    }
  }

  /** Keeps the refused rows in the quarantine; false when shutdown cut retries short. */
  const quarantine = async (rows: EncodedRows, poison: PoisonRow[]): Promise<boolean> => {
    const records: QuarantineRecord[] = poison.map((p) => ({
      ...describeRow(rows.at(p.index)!),
      receivedAt: clock(),
      stage: 'store',
      code: p.error.code,
      path: '',
      message: p.error.message.slice(0, MAX_QUARANTINE_MESSAGE),
    }))
    for (;;) {
      try {
        await repository.quarantine(records)
        return true
      } catch (err) {
        const classified = classifyStoreError(err)
        if (classified.kind === 'permanent') {
          // The quarantine refuses them too: the log line below is all that is kept of them.
          log.error(
            { code: classified.code, error: classified.message, rows: records.length },
            'the quarantine refused rows the store refused; they are dropped, this line is their record',
          )
          return true
        }
        const again = await backoff(
          classified,
          { rows: records.length },
          'writing to the quarantine failed; retrying',
        )
        if (!again) return false
      }
    }
  }

  return {
    /** Inserts failed in a row, and since when (null while the store takes inserts). */
    health: () => ({ failingSince, consecutiveFailures }),

    /**
     * Stores `rows`: all of them, or all but those the store refuses for their
     * data, which go to the quarantine. `{ stored: false }` only when shutdown
     * stopped the retries (nothing is lost: the rows are still in the log).
     */
    async store(rows: EncodedRows): Promise<BatchOutcome> {
      const poison: PoisonRow[] = []
      // Halves, left first, without recursion: a stack of [start, end) stretches.
      const stack: Array<[number, number]> = [[0, rows.length]]
      while (stack.length > 0) {
        const [start, end] = stack.pop()!
        const outcome = await attempt(start === 0 && end === rows.length ? rows : rows.slice(start, end))
        if (outcome === 'aborted') return { stored: false }
        if (outcome === 'stored') continue
        if (outcome !== 'split' && end - start === 1) {
          poison.push({ index: start, error: outcome })
          continue
        }
        const mid = start + Math.floor((end - start) / 2)
        stack.push([mid, end], [start, mid])
      }
      if (poison.length > 0) {
        if (!(await quarantine(rows, poison))) return { stored: false }
        for (const p of poison) metrics?.quarantinedRows.inc({ code: p.error.code })
        const codes = [...new Set(poison.map((p) => p.error.code))]
        log.warn(
          { rows: poison.length, of: rows.length, codes, error: poison[0]!.error.message },
          'the store refused rows for their data; they are in the quarantine (stage "store"), the rest of the batch is stored',
        )
      }
      return { stored: true, poison }
    },
  }
}
