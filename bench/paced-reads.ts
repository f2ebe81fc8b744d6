// Reads sent at a fixed rate (an open loop), as reps read: each read is sent at its
// scheduled time whether or not the one before has been answered, and its latency counts
// from that scheduled time, so a server that falls behind is charged for the wait of every
// read queued behind (no coordinated omission). A closed loop (autocannon with one
// connection, no think time) instead sends the next read the moment the last is answered:
// one reader then keeps the server as busy as a read is long, whatever a read costs
// (phase 7b's closed-loop reader used 1.2-1.4 of the machine's 2 cores; bench/README.md).
//
// The reads go out from a worker thread of their own (pacedReader), so the event loop of the
// bench process, busy with the flood's autocannon, does not make them late.
import { Agent, request } from 'node:http'
import { setPriority } from 'node:os'
import { Worker, isMainThread, parentPort } from 'node:worker_threads'
import { type LoadResult, summarise } from './bench-support.ts'

/** A paced run's result: the answers, timed from their scheduled sends, and how late the client sent them. */
export interface PacedResult extends LoadResult {
  /** Reads per second asked for. */
  rate: number
  /** How late each read left this process after its scheduled time (its own event loop's delay), ms. */
  sendLateMs: { p50: number; p95: number; max: number }
  /** Whether the worker sending the reads runs ahead of the load (nice {@link PACER_NICE}), where allowed. */
  pacerAhead?: boolean
}

/**
 * The nice value of the worker that sends and times paced reads, where the process may
 * set it (CAP_SYS_NICE): the clock of the measurement goes ahead of the flood it
 * measures and of other work on the machine, so its own lateness is not charged to the
 * server (on a shared machine it was 2-26 ms at p95 under the flood at nice 0).
 */
export const PACER_NICE = -5

/** What one paced run is asked for. */
export interface PacedOptions {
  base: string
  headers?: Record<string, string>
  /** The path of each read, in order; cycled if fewer than the run sends. */
  paths: string[]
  ratePerSecond: number
  seconds: number
  maxSockets?: number
}

/**
 * GETs `paths` in turn on `base` `ratePerSecond` times a second for `seconds`, on up to
 * `maxSockets` kept-alive connections (more reads than that in flight wait for a
 * connection, and that wait counts in their latency).
 *
 * @example
 * const r = await pacedReads({ base, headers, paths: ['/v1/…/journey'], ratePerSecond: 10, seconds: 6 })
 */
export async function pacedReads(options: PacedOptions): Promise<PacedResult> {
  const { ratePerSecond, seconds } = options
  const url = new URL(options.base)
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 8 })
  const interval = 1000 / ratePerSecond
  const count = Math.max(1, Math.round(ratePerSecond * seconds))
  const latencies: number[] = []
  const late: number[] = []
  let non2xx = 0
  let errors = 0
  let sent = 0

  const send = (scheduled: number) =>
    new Promise<void>((resolve) => {
      late.push(performance.now() - scheduled)
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: options.paths[sent++ % options.paths.length],
          headers: options.headers,
          agent,
        },
        (res) => {
          res.resume()
          res.on('end', () => {
            if ((res.statusCode ?? 0) < 300) latencies.push(performance.now() - scheduled)
            else non2xx++
            resolve()
          })
        },
      )
      req.on('error', () => {
        errors++
        resolve()
      })
      req.end()
    })

  const start = performance.now()
  const answers: Promise<void>[] = []
  // One timer at a time: on each wake, every read whose time has come is sent, with its own time.
  await new Promise<void>((resolve) => {
    let next = 0
    const tick = () => {
      const now = performance.now()
      while (next < count && start + next * interval <= now) answers.push(send(start + next++ * interval))
      if (next >= count) return resolve()
      setTimeout(tick, Math.max(0, start + next * interval - performance.now()))
    }
    tick()
  })
  await Promise.all(answers)
  const elapsed = (performance.now() - start) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  late.sort((a, b) => a - b)
  const lateSummary = summarise(late)
  return {
    rate: ratePerSecond,
    // The rate answered over the run, from the first send to the last answer.
    requestsPerSecond: latencies.length / elapsed,
    ok: latencies.length,
    non2xx,
    errors,
    seconds: elapsed,
    latencyMs: summarise(latencies),
    latencies,
    sendLateMs: { p50: lateSummary.p50, p95: lateSummary.p95, max: lateSummary.max },
  }
}

/**
 * Paced runs from a worker thread, one at a time: `run` as {@link pacedReads}, `close`
 * when done.
 *
 * @example
 * const reader = pacedReader()
 * const r = await reader.run({ base, paths, ratePerSecond: 10, seconds: 6 })
 * await reader.close()
 */
export function pacedReader(): {
  run(options: PacedOptions): Promise<PacedResult>
  close(): Promise<number>
} {
  // A worker does not inherit tsx's loader on Node 20: it registers it, then loads this file.
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}) })`
  const worker = new Worker(boot, { eval: true })
  return {
    run: (options) =>
      new Promise<PacedResult>((resolve, reject) => {
        // Each run's listeners go with its answer: a run's leftover 'error' listener per run was
        // Node's MaxListenersExceededWarning after ten runs (flood-ab.ts).
        const answered = (result: PacedResult) => {
          worker.off('error', failed)
          resolve(result)
        }
        const failed = (err: Error) => {
          worker.off('message', answered)
          reject(err)
        }
        worker.once('message', answered)
        worker.once('error', failed)
        worker.postMessage(options)
      }),
    close: () => worker.terminate(),
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort
  // On Linux a nice value is a thread's: pid 0 is this worker alone.
  let ahead = false
  try {
    setPriority(0, PACER_NICE)
    ahead = true
  } catch {
    // Without CAP_SYS_NICE the worker stays at the process's priority; sendLateMs says what it cost.
  }
  port.on('message', async (options: PacedOptions) =>
    port.postMessage({ ...(await pacedReads(options)), pacerAhead: ahead }),
  )
}
