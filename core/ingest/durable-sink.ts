import { DomainError } from '../errors.ts'
import type { Metrics } from '../metrics.ts'
import {
  encodeInteractionRow,
  type InteractionRecord,
  type InteractionRepository,
} from '../store/interaction-repository.ts'
import type { WalStats, WriteAheadLog } from '../wal/write-ahead-log.ts'
import type { AckLevel, InteractionSink } from './interaction-sink.ts'

/** What the durable sink reports through; a pino logger fits. */
export interface DurableSinkLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

/** Options of {@link createDurableSink}. */
export interface DurableSinkOptions {
  /** The open write-ahead log; the sink owns it from here on and closes it. */
  wal: WriteAheadLog
  /** Where records go; wrap it (never replace it) to inject faults. */
  repository: Pick<InteractionRepository, 'insertEncodedRows'>
  log: DurableSinkLog
  metrics?: Pick<
    Metrics,
    | 'logAppendSeconds'
    | 'logPendingBytes'
    | 'logPendingRecords'
    | 'logSyncs'
    | 'flushBatchRows'
    | 'flushSeconds'
    | 'storeErrors'
  >
  clock?: () => number
  /** Most rows per insert (and so the most records held in memory). */
  maxBatchRows: number
  /** Most log bytes read per insert. Default 16 MiB. */
  maxBatchBytes?: number
  /** How long rows may wait in the log for a fuller insert, unless someone waits for `stored`. */
  flushIntervalMs: number
  /** Backoff between failed inserts: doubles from `minMs` up to `maxMs`. */
  retry: { minMs: number; maxMs: number }
  /**
   * How long `wait: 'stored'` waits before settling for `logged` (the records
   * are durable either way; the store may be down). Default 10 s.
   */
  storedWaitMs?: number
}

/** Levels of the durable sink, for `/ready`, metrics and tests. */
export interface DurableSinkStats extends WalStats {
  /** Highest log sequence number known to be in ClickHouse. */
  storedSeq: number
  /** Failed inserts in a row (0 when the store is taking inserts). */
  failingSince: number | null
  consecutiveFailures: number
}

/** An {@link InteractionSink} with a write-ahead log in front of the store. */
export interface DurableSink extends InteractionSink {
  stats(): DurableSinkStats
}

// Logs written before records were kept as table rows hold `{"hubId":…}`
// record objects (rows start `{"hub_id":`); they are converted on replay.
const LEGACY_RECORD_PREFIX = Buffer.from('{"hubId":')
const asTableRow = (payload: Buffer): Buffer =>
  payload.subarray(0, LEGACY_RECORD_PREFIX.length).equals(LEGACY_RECORD_PREFIX)
    ? Buffer.from(encodeInteractionRow(JSON.parse(payload.toString('utf8')) as InteractionRecord))
    : payload

interface StoredWaiter {
  seq: number
  resolve: (ack: { ack: AckLevel }) => void
  timer: NodeJS.Timeout
}

/**
 * The durable sink: `append` writes a request's records to the write-ahead log
 * and resolves `{ ack: 'logged' }` once they are synced, so they survive a
 * crash of the process. A flusher moves them from the log into ClickHouse in
 * large inserts and trims the log only after ClickHouse confirms; on start it
 * replays whatever was not yet stored (the store folds repeats by interaction
 * id). While the store fails, appends keep going into the log, up to its cap
 * (then `log_full`, a 503 with `Retry-After`), and the flusher retries with
 * backoff until the store returns. The memory side holds at most one batch:
 * the log is the queue.
 *
 * @example
 * const wal = await openWriteAheadLog({ dir: join(dataDir, 'wal'), log })
 * const sink = createDurableSink({ wal, repository, log, maxBatchRows: 10_000, flushIntervalMs: 200, retry: { minMs: 100, maxMs: 5_000 } })
 * await sink.append(records)                      // { ack: 'logged' }
 * await sink.append(records, { wait: 'stored' })  // { ack: 'stored' }
 */
export function createDurableSink(options: DurableSinkOptions): DurableSink {
  const { wal, repository, log, metrics } = options
  const clock = options.clock ?? Date.now
  const maxBatchBytes = options.maxBatchBytes ?? 16 * 1024 * 1024
  const storedWaitMs = options.storedWaitMs ?? 10_000

  let storedSeq = wal.stats().checkpointSeq
  let closing = false
  let finished = false
  let abort = false
  let failingSince: number | null = null
  let consecutiveFailures = 0
  let lastFlushAt = Number.NEGATIVE_INFINITY
  let lastSyncs = wal.stats().syncs
  const waiters: StoredWaiter[] = []
  const inFlight = new Set<Promise<unknown>>()

  // One pending wake-up for the flusher's current wait.
  let wake: (() => void) | undefined
  const wakeUp = () => wake?.()
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        wake = undefined
        resolve()
      }
      const timer = setTimeout(done, Math.max(0, ms))
      timer.unref()
      wake = done
    })

  const updateGauges = () => {
    if (!metrics) return
    const s = wal.stats()
    metrics.logPendingBytes.set(s.pendingBytes)
    metrics.logPendingRecords.set(s.pendingRecords)
    if (s.syncs > lastSyncs) metrics.logSyncs.inc(s.syncs - lastSyncs)
    lastSyncs = s.syncs
  }

  const settleWaiters = () => {
    let kept = 0
    for (const w of waiters) {
      if (w.seq <= storedSeq) {
        clearTimeout(w.timer)
        w.resolve({ ack: 'stored' })
      } else waiters[kept++] = w
    }
    waiters.length = kept
  }

  /** Inserts one batch, retrying with backoff; false when shutdown cut the retries short. */
  const insertWithRetry = async (rows: Uint8Array[]): Promise<boolean> => {
    for (;;) {
      const startedAt = clock()
      try {
        await repository.insertEncodedRows(rows)
        metrics?.flushSeconds.observe((clock() - startedAt) / 1000)
        if (failingSince !== null) {
          log.info(
            { failedInserts: consecutiveFailures, outageMs: clock() - failingSince },
            'the store takes inserts again; draining the log',
          )
        }
        failingSince = null
        consecutiveFailures = 0
        return true
      } catch (err) {
        consecutiveFailures++
        failingSince ??= startedAt
        metrics?.storeErrors.inc()
        const delay = Math.min(
          options.retry.maxMs,
          options.retry.minMs * 2 ** Math.min(consecutiveFailures - 1, 30),
        )
        log.warn(
          { err, rows: rows.length, attempt: consecutiveFailures, retryInMs: delay },
          'insert into the store failed; records stay in the log, retrying',
        )
        if (abort) return false
        await pause(delay)
        if (abort) return false
      }
    }
  }

  const flushOnce = async (): Promise<boolean> => {
    const batch = await wal.read({ maxRecords: options.maxBatchRows, maxBytes: maxBatchBytes })
    if (batch.length === 0) return true
    // Log records are already JSONEachRow lines of the table: no parse, no second serialisation.
    // (The store folds repeats of an interaction id; the pipeline drops them within a request.)
    const rows = batch.map((r) => asTableRow(r.payload))
    if (!(await insertWithRetry(rows))) return false
    const last = batch.at(-1)!.seq
    await wal.trimThrough(last)
    metrics?.flushBatchRows.observe(rows.length)
    storedSeq = last
    lastFlushAt = clock()
    settleWaiters()
    updateGauges()
    return true
  }

  const run = async () => {
    const { pendingRecords } = wal.recovery
    if (pendingRecords > 0) log.info({ records: pendingRecords }, 'replaying records not yet stored')
    for (;;) {
      if (abort) return
      const s = wal.stats()
      const unread = s.lastSeq - s.readSeq
      if (unread <= 0) {
        if (closing) return
        await pause(options.flushIntervalMs)
        continue
      }
      const hurry = closing || waiters.length > 0 || unread >= options.maxBatchRows
      const dueIn = lastFlushAt + options.flushIntervalMs - clock()
      if (!hurry && dueIn > 0) {
        await pause(dueIn)
        continue
      }
      if (!(await flushOnce())) return
    }
  }

  const flusher = run().catch((err: unknown) => {
    // Unexpected (a log read failed): stop flushing; what is logged stays for the next start.
    log.error({ err }, 'the flusher stopped; logged records will be replayed on the next start')
  })
  updateGauges()

  const waitStored = (seq: number) =>
    new Promise<{ ack: AckLevel }>((resolve) => {
      if (seq <= storedSeq) return resolve({ ack: 'stored' })
      if (finished) return resolve({ ack: 'logged' })
      const timer = setTimeout(() => {
        const i = waiters.findIndex((w) => w.timer === timer)
        if (i >= 0) waiters.splice(i, 1)
        resolve({ ack: 'logged' })
      }, storedWaitMs)
      waiters.push({ seq, resolve, timer })
      wakeUp()
    })

  return {
    append(records, appendOptions) {
      if (closing) {
        return Promise.reject(
          new DomainError(
            'unavailable',
            'shutting_down',
            'the server is shutting down; send again shortly',
            undefined,
            5,
          ),
        )
      }
      const wait = appendOptions?.wait ?? 'logged'
      const appended = (async () => {
        if (records.length === 0) return { ack: wait }
        const startedAt = performance.now()
        const seq = await wal.append(records.map(encodeInteractionRow))
        metrics?.logAppendSeconds.observe((performance.now() - startedAt) / 1000)
        updateGauges()
        const s = wal.stats()
        if (s.lastSeq - s.readSeq >= options.maxBatchRows) wakeUp()
        return wait === 'stored' ? waitStored(seq) : { ack: 'logged' as const }
      })()
      inFlight.add(appended)
      const forget = () => inFlight.delete(appended)
      appended.then(forget, forget)
      return appended
    },
    stats: () => ({ ...wal.stats(), storedSeq, failingSince, consecutiveFailures }),
    async close(deadlineMs = 10_000) {
      if (closing) return
      closing = true
      const startedAt = clock()
      // Appends already taken finish (they are a sync away); then everything left is flushed.
      await Promise.allSettled([...inFlight])
      wakeUp()
      let timer: NodeJS.Timeout | undefined
      const deadline = new Promise<'deadline'>((resolve) => {
        timer = setTimeout(() => resolve('deadline'), Math.max(0, deadlineMs - (clock() - startedAt)))
      })
      const outcome = await Promise.race([flusher.then(() => 'drained' as const), deadline])
      clearTimeout(timer)
      if (outcome === 'deadline') {
        abort = true
        wakeUp()
        // An insert in flight is let finish: the store closes after this returns.
        await flusher
      }
      finished = true
      for (const w of waiters.splice(0)) {
        clearTimeout(w.timer)
        w.resolve({ ack: w.seq <= storedSeq ? 'stored' : 'logged' })
      }
      updateGauges()
      const left = wal.stats().pendingRecords
      await wal.close()
      if (left > 0)
        log.warn({ records: left }, 'closed with records not yet stored; they are replayed on the next start')
      else log.info({}, 'closed; the log is drained')
    },
  }
}
