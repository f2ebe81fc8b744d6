import { DomainError } from '../errors.ts'
import type { InteractionRecord } from '../store/interaction-rows.ts'
import type { InteractionRepository } from '../store/interaction-repository.ts'
import type { InteractionSink } from './interaction-sink.ts'

interface Waiter {
  records: readonly InteractionRecord[]
  resolve: () => void
  reject: (err: unknown) => void
}

/**
 * A sink that micro-batches records from concurrent requests into large
 * inserts and resolves each request once its batch is in ClickHouse (ack
 * `stored`). No durability beyond the store itself; the durable sink adds a
 * write-ahead log in front.
 *
 * @example
 * const sink = createBatchingSink({ repository, maxBatchRows: 10_000, maxDelayMs: 5 })
 */
export function createBatchingSink(deps: {
  repository: Pick<InteractionRepository, 'insert'>
  /** Insert as soon as this many rows wait. */
  maxBatchRows?: number
  /** Or this long after the first row arrived. */
  maxDelayMs?: number
  /** Hears about store failures (the request itself gets `store_unavailable`). */
  onError?: (err: unknown) => void
}): InteractionSink {
  const maxRows = deps.maxBatchRows ?? 10_000
  const maxDelay = deps.maxDelayMs ?? 5
  let pending: Waiter[] = []
  let pendingRows = 0
  let timer: NodeJS.Timeout | null = null
  let inFlight: Promise<void> = Promise.resolve()
  let closed = false

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer)
    timer = null
    const batch = pending
    pending = []
    pendingRows = 0
    if (batch.length === 0) return inFlight
    // One insert at a time keeps ClickHouse parts large and in arrival order.
    inFlight = inFlight.then(async () => {
      try {
        await deps.repository.insert(batch.flatMap((w) => w.records))
        for (const w of batch) w.resolve()
      } catch (err) {
        deps.onError?.(err)
        const refusal = new DomainError(
          'unavailable',
          'store_unavailable',
          'the store did not take this batch; send it again',
          undefined,
          5,
        )
        for (const w of batch) w.reject(refusal)
      }
    })
    return inFlight
  }

  return {
    append(records) {
      if (closed) return Promise.reject(new Error('the sink is closed'))
      return new Promise((resolve, reject) => {
        pending.push({ records, resolve: () => resolve({ ack: 'stored' }), reject })
        pendingRows += records.length
        if (pendingRows >= maxRows) void flush()
        else if (!timer) timer = setTimeout(flush, maxDelay)
      })
    },
    settled: () => flush(),
    async close() {
      closed = true
      await flush()
    },
  }
}
