import type { Metrics } from '../core/index.ts'

// Reads ahead of ingest on the event loop (issue 26). Under an ingest flood every
// turn of the event loop holds ingest requests: each 50-item batch is about 1.1 ms of
// main-thread work (parse, checks, encoding, the log's append). A rep's journey needs
// the main thread at each of its hops (its request, each engine answer, its JSON and
// answer, about 3 ms in all) and waited behind that turn's batches at every hop; and the
// engine's read shared the two cores with them. So while a rep's read is in flight,
// ingest requests wait before their own work, each at most `maxWaitMs`: ingest is
// answered from the write-ahead log, so its answers may be later; the rep's may not.
// A worker thread for ingest would do the same and more, but needs the hub cache, keys,
// rate limits, metrics, log and flusher across threads.

/** Default of `CASETRAIL_INGEST_READ_WAIT_MS`: the longest one ingest request waits for reads. */
export const DEFAULT_INGEST_READ_WAIT_MS = 25

/**
 * Reads in flight (journeys, a case, a profile), and ingest requests waiting for them
 * to end. One per server, shared by the read routes (which mark themselves, see
 * `markRead`) and the send routes' body reader (which waits).
 */
export interface ReadsAhead {
  /** Marks a read in flight; the function returned ends it (calling it again does nothing). */
  enter(): () => void
  /**
   * Undefined when no read is in flight (nothing to wait for); else a promise that
   * settles when no read is, after `maxWaitMs`, or on `close()`, whichever is first.
   */
  waitForReads(): Promise<void> | undefined
  /** Reads in flight, and ingest requests waiting for them. */
  readonly inFlight: number
  readonly waiting: number
  /** Shutdown: every waiting request goes on, and none waits again. */
  close(): void
}

/**
 * The gate of reads ahead of ingest: `maxWaitMs` bounds each ingest request's wait
 * (0: ingest never waits), so reads one after another cannot starve ingest; the time
 * waited is counted in `casetrail_ingest_read_wait_seconds_total`.
 *
 * @example
 * const reads = readsAhead({ maxWaitMs: 25, metrics })
 * const done = reads.enter() // a read arrives
 * await reads.waitForReads() // an ingest request, before parsing its body
 */
export function readsAhead(
  options: { maxWaitMs?: number; metrics?: Pick<Metrics, 'ingestReadWaitSeconds'> } = {},
): ReadsAhead {
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_INGEST_READ_WAIT_MS
  const counter = options.metrics?.ingestReadWaitSeconds
  let inFlight = 0
  let closed = false
  const waiters = new Set<() => void>()
  const releaseAll = () => {
    for (const release of [...waiters]) release()
  }
  return {
    enter() {
      inFlight++
      let ended = false
      return () => {
        if (ended) return
        ended = true
        inFlight--
        if (inFlight === 0) releaseAll()
      }
    },
    waitForReads() {
      if (inFlight === 0 || closed || maxWaitMs <= 0) return undefined
      const from = performance.now()
      return new Promise<void>((resolve) => {
        const release = () => {
          clearTimeout(timer)
          waiters.delete(release)
          counter?.inc((performance.now() - from) / 1000)
          resolve()
        }
        const timer = setTimeout(release, maxWaitMs)
        waiters.add(release)
      })
    },
    get inFlight() {
      return inFlight
    },
    get waiting() {
      return waiters.size
    },
    close() {
      closed = true
      releaseAll()
    },
  }
}
