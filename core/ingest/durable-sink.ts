import { DomainError } from '../errors.ts'
import type { Metrics } from '../metrics.ts'
import type { EncodedRows, InteractionRepository } from '../store/interaction-repository.ts'
import { type InteractionRecord, encodeInteractionRow } from '../store/interaction-rows.ts'
import type { WalBatch, WalStats, WriteAheadLog } from '../wal/write-ahead-log.ts'
import { createBatchStorer } from './batch-storer.ts'
import { createBatchLimit } from './batch-limit.ts'
import {
  type ReadsFirstOptions,
  YIELD_BACKLOG_BATCHES,
  createReadsFirstGate,
  flushGapMs,
} from './flush-pacing.ts'
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
  /** Where records go, and where rows the store refuses are kept; wrap it (never replace it) to inject faults. */
  repository: Pick<InteractionRepository, 'insertEncodedRows' | 'quarantine'>
  log: DurableSinkLog
  metrics?: Pick<
    Metrics,
    | 'logAppendSeconds'
    | 'logPendingBytes'
    | 'logPendingRecords'
    | 'logSyncs'
    | 'flushBatchRows'
    | 'flushSeconds'
    | 'flushYieldSeconds'
    | 'storeErrors'
    | 'quarantinedRows'
  >
  clock?: () => number
  /** Most rows per insert (and so the most records held in memory). */
  maxBatchRows: number
  /** Most log bytes read per insert. Default 16 MiB. */
  maxBatchBytes?: number
  /**
   * How long rows may wait in the log for a fuller insert, unless someone
   * waits for `stored`. Under load a shorter wait stretches with the last
   * insert's time (see {@link flushGapMs}), up to {@link MAX_FLUSH_GAP_MS}.
   */
  flushIntervalMs: number
  /** Backoff between failed inserts: doubles from `minMs` up to `maxMs`. */
  retry: { minMs: number; maxMs: number }
  /**
   * How long `wait: 'stored'` waits before settling for `logged` (the records
   * are durable either way; the store may be down). Default 10 s.
   */
  storedWaitMs?: number
  /**
   * Reads first (issue 26): before an insert, the flusher waits for the reads
   * in flight on `reads` (journeys, profiles, insights) to finish, at most
   * `yieldMs` per insert, so an insert's CPU does not land on a rep's read.
   * Never while someone waits for `stored`, while closing, or once the log
   * holds {@link YIELD_BACKLOG_BATCHES} full batches not yet read: the log
   * keeps the records durable meanwhile, up to its cap.
   */
  readsFirst?: ReadsFirstOptions
}

/** Levels of the durable sink, for `/ready`, metrics and tests. */
export interface DurableSinkStats extends WalStats {
  /** Highest log sequence number known to be in ClickHouse. */
  storedSeq: number
  /** When inserts started failing (null while the store takes inserts). */
  failingSince: number | null
  /** Failed inserts in a row (0 when the store is taking inserts). */
  consecutiveFailures: number
  /**
   * Since when records have waited in the log without the flusher storing
   * any (null when the log holds none): what `/ready` calls a stall.
   */
  waitingSince: number | null
  /** Rows the store refused for their data and the flusher moved to the quarantine, since open. */
  quarantinedRows: number
  /** True when the flusher stopped on an unexpected error (the log is kept for the next start). */
  flusherStopped: boolean
}

/** An {@link InteractionSink} with a write-ahead log in front of the store. */
export interface DurableSink extends InteractionSink {
  stats(): DurableSinkStats
}

// Logs written before records were kept as table rows hold `{"hubId":…}`
// record objects (rows start `{"hub_id":`); they are converted on replay.
const LEGACY_RECORD_PREFIX = Buffer.from('{"hubId":')
const isLegacy = (payload: Buffer): boolean =>
  payload.subarray(0, LEGACY_RECORD_PREFIX.length).equals(LEGACY_RECORD_PREFIX)
const asTableRow = (payload: Buffer): Buffer =>
  isLegacy(payload)
    ? Buffer.from(encodeInteractionRow(JSON.parse(payload.toString('utf8')) as InteractionRecord))
    : payload
/**
 * A batch read from the log as table rows: the batch itself (no object per row, see
 * {@link WalBatch}) unless it holds a legacy record, then an array with those converted.
 */
const tableRowsOf = (batch: WalBatch): EncodedRows => {
  for (let i = 0; i < batch.length; i++)
    if (batch.startsWith(i, LEGACY_RECORD_PREFIX)) return batch.slice().map(asTableRow)
  return batch
}

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
  // Adapts to the engine's memory bound: halves on MEMORY_LIMIT_EXCEEDED, grows back after clean inserts.
  const limit = createBatchLimit({
    maxRows: options.maxBatchRows,
    maxBytes: options.maxBatchBytes ?? 16 * 1024 * 1024,
  })
  const storedWaitMs = options.storedWaitMs ?? 10_000

  let storedSeq = wal.stats().checkpointSeq
  let closing = false
  let finished = false
  let abort = false
  let waitingSince: number | null = wal.stats().pendingRecords > 0 ? clock() : null
  let quarantinedRows = 0
  let flusherStopped = false
  let lastFlushAt = Number.NEGATIVE_INFINITY
  let lastInsertMs = 0
  let lastSyncs = wal.stats().syncs
  const waiters: StoredWaiter[] = []
  // Appends not yet settled, which close() lets finish: a count and one waiter instead of a
  // Set add/delete and two callbacks per append (the hottest call of the service).
  let appending = 0
  let appendsSettled: (() => void) | undefined
  const appendSettled = () => {
    if (--appending === 0) appendsSettled?.()
  }

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

  /** Sets the log's gauges and counts new syncs; returns the stats it read (append reuses them). */
  const updateGauges = (): WalStats => {
    const s = wal.stats()
    if (!metrics) return s
    metrics.logPendingBytes.set(s.pendingBytes)
    metrics.logPendingRecords.set(s.pendingRecords)
    if (s.syncs > lastSyncs) metrics.logSyncs.inc(s.syncs - lastSyncs)
    lastSyncs = s.syncs
    return s
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

  const storer = createBatchStorer({
    repository,
    log,
    metrics,
    clock,
    retry: options.retry,
    pause,
    aborted: () => abort,
    onMemoryLimit: (rows) => limit.shrink(rows),
  })

  const flushOnce = async (): Promise<boolean> => {
    const batch = await wal.readBatch({ maxRecords: limit.rows, maxBytes: limit.bytes })
    if (batch.length === 0) return true
    // Log records are already JSONEachRow lines of the table: no parse, no second serialisation.
    // (The store folds repeats of an interaction id; the pipeline drops them within a request.)
    const rows = tableRowsOf(batch)
    const startedAt = clock()
    const outcome = await storer.store(rows)
    if (!outcome.stored) return false
    // A full batch says nothing about how long a partial one should wait.
    if (rows.length < limit.rows) lastInsertMs = clock() - startedAt
    // Refused rows are in the quarantine by now: trimming them with the rest means no restart replays them.
    limit.stored()
    const last = batch.seq(batch.length - 1)
    await wal.trimThrough(last)
    metrics?.flushBatchRows.observe(rows.length - outcome.poison.length)
    quarantinedRows += outcome.poison.length
    storedSeq = last
    lastFlushAt = clock()
    waitingSince = wal.stats().pendingRecords > 0 ? lastFlushAt : null
    settleWaiters()
    updateGauges()
    return true
  }

  const readsFirst = options.readsFirst && createReadsFirstGate(options.readsFirst, { clock, pause, metrics })

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
      const hurry = closing || waiters.length > 0 || unread >= limit.rows
      const dueIn = lastFlushAt + flushGapMs(options.flushIntervalMs, lastInsertMs) - clock()
      if (!hurry && dueIn > 0) {
        await pause(dueIn)
        continue
      }
      const mayWait = !closing && waiters.length === 0 && unread < YIELD_BACKLOG_BATCHES * limit.rows
      if (readsFirst && (await readsFirst.waitedForReads(mayWait))) {
        wakeUp()
        continue
      }
      if (!(await flushOnce())) return
    }
  }

  const flusher = run().catch((err: unknown) => {
    // Unexpected (a log read failed): stop flushing; what is logged stays for the next start.
    flusherStopped = true
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
      if (records.length === 0) return Promise.resolve({ ack: wait })
      const startedAt = performance.now()
      let rows: string[]
      try {
        rows = records.map(encodeInteractionRow)
      } catch (err) {
        return Promise.reject(err)
      }
      // One then() on the log's promise, no async wrapper: fewer promises and closures per beacon.
      appending++
      return wal.append(rows).then(
        (seq): { ack: AckLevel } | Promise<{ ack: AckLevel }> => {
          let stored: Promise<{ ack: AckLevel }> | undefined
          try {
            waitingSince ??= clock()
            metrics?.logAppendSeconds.observe((performance.now() - startedAt) / 1000)
            const s = updateGauges()
            if (s.lastSeq - s.readSeq >= limit.rows) wakeUp()
            if (wait === 'stored') stored = waitStored(seq)
          } finally {
            if (stored) stored.then(appendSettled)
            else appendSettled()
          }
          return stored ?? { ack: 'logged' }
        },
        (err: unknown) => {
          appendSettled()
          throw err
        },
      )
    },
    async settled() {
      const target = wal.stats().lastSeq
      while (storedSeq < target && !finished && !flusherStopped) await waitStored(target)
    },
    stats: () => ({
      ...wal.stats(),
      storedSeq,
      ...storer.health(),
      waitingSince,
      quarantinedRows,
      flusherStopped,
    }),
    async close(deadlineMs = 10_000) {
      if (closing) return
      closing = true
      const startedAt = clock()
      // Appends already taken finish (they are a sync away); then everything left is flushed.
      if (appending > 0)
        await new Promise<void>((resolve) => {
          appendsSettled = resolve
        })
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
