import type { Metrics } from '../metrics.ts'
import type { ReadPool } from '../store/read-pool.ts'

// When the flusher inserts: how long rows gather after an insert, and how long
// it steps aside for reps' reads (issue 26). The durable sink decides what to
// insert; this file decides when.

/**
 * The flusher waits at least this many times its last insert's duration
 * before a partial insert: it then spends at most about a fifth of the time
 * inserting when the log holds less than a full batch. An insert has a fixed
 * cost (a new part: files per column, a sort, compression): measured with
 * `bench/direct-insert.ts`, 800-row inserts took 30-37 µs of CPU per row,
 * 5,000-row inserts 19 µs; under load the old fixed 200 ms gap made 600-800-row
 * inserts that took the CPU the requests needed.
 */
export const FLUSH_GAP_PER_INSERT_TIME = 4
/** The longest a stretched wait gets, unless `flushIntervalMs` itself is longer. */
export const MAX_FLUSH_GAP_MS = 1_000

/**
 * How long the flusher lets rows gather after an insert that took
 * `lastInsertMs`: `flushIntervalMs` when inserts are quick (an idle server
 * stores within it as before), longer as they slow, up to 1 s (or
 * `flushIntervalMs` when that is longer: the server's default is 1 s).
 */
export const flushGapMs = (flushIntervalMs: number, lastInsertMs: number): number =>
  Math.min(
    Math.max(flushIntervalMs, MAX_FLUSH_GAP_MS),
    Math.max(flushIntervalMs, FLUSH_GAP_PER_INSERT_TIME * lastInsertMs),
  )

/**
 * The flusher yields to reads only while the log holds fewer unread records
 * than this many full batches; past it, inserts go first again, so reads
 * never hold the log near its cap.
 */
export const YIELD_BACKLOG_BATCHES = 4

/** The reads the flusher steps aside for, and the longest it waits for them before one insert. */
export interface ReadsFirstOptions {
  reads: Pick<ReadPool, 'inFlight' | 'idle'>
  yieldMs: number
}

/**
 * Reads first: before an insert, wait for the reads in flight to end, at most
 * `yieldMs` from the first wait before that insert. `waitedForReads(mayWait)`
 * is true when it waited (the flusher looks again before inserting), false
 * when the insert may go now: no reads in flight, the wait used up, or
 * `mayWait` false (closing, someone waiting for `stored`, the log's backlog
 * past {@link YIELD_BACKLOG_BATCHES} batches).
 */
export function createReadsFirstGate(
  gate: ReadsFirstOptions,
  deps: {
    clock: () => number
    pause: (ms: number) => Promise<unknown>
    metrics?: Pick<Metrics, 'flushYieldSeconds'>
  },
) {
  const { clock, pause, metrics } = deps
  // Since when the flusher has waited for reads before its next insert (null: not waiting).
  let yieldingSince: number | null = null
  return {
    async waitedForReads(mayWait: boolean): Promise<boolean> {
      if (!mayWait || gate.reads.inFlight() === 0) {
        yieldingSince = null
        return false
      }
      yieldingSince ??= clock()
      const left = yieldingSince + gate.yieldMs - clock()
      if (left <= 0) {
        yieldingSince = null
        return false
      }
      // Whichever comes first: the reads end, the wait runs out, or close()/`stored` wakes the flusher.
      const waitedFrom = clock()
      await Promise.race([gate.reads.idle(), pause(left)])
      metrics?.flushYieldSeconds.inc((clock() - waitedFrom) / 1000)
      return true
    },
  }
}
