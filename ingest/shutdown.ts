import type { Server } from 'node:http'
import type { Logger } from './logger.ts'

/**
 * Stops the server cleanly on SIGTERM and SIGINT: no new connections, requests
 * in flight until the deadline (idle keep-alive connections at once), then core
 * drains the write-ahead log into the store within the deadline and closes it;
 * what is left of the log is replayed on the next start.
 */
export function stopOnSignals(deps: {
  /** The HTTP server: requests in flight may finish. */
  server: Server
  /** The HTTPS listener, closed with the HTTP one. */
  https: { close(): Promise<void> } | null
  core: { close(deadlineMs: number): Promise<void> }
  log: Logger
  deadlineMs: number
  /** Reps' reads ahead of ingest: on a stop, ingest requests no longer wait for reads. */
  readsAhead?: { close(): void }
}): void {
  const { server, log, deadlineMs } = deps
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal, deadlineMs }, 'stopping: no new connections, draining')
    deps.readsAhead?.close()
    // The last resort, should a step below never settle: the HTTP drain and the log's drain each get the deadline.
    const forced = setTimeout(
      () => {
        log.error({ deadlineMs }, 'shutdown did not finish in time: exiting without a clean stop')
        process.exit(1)
      },
      2 * deadlineMs + 5_000,
    ).unref()
    // Requests in flight may finish until the deadline; idle keep-alive connections go now.
    const drained = Promise.all([
      new Promise<void>((resolve) => server.close(() => resolve())),
      deps.https?.close(),
    ])
    server.closeIdleConnections()
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), deadlineMs)
    })
    if ((await Promise.race([drained, expired])) === 'deadline') {
      // Reads still running (a busy contact's journeys, an insight) are cancelled: their
      // connections are closed here and their engine queries when core closes the store.
      log.warn({ deadlineMs }, 'requests still in flight at the shutdown deadline: cancelling them')
      server.closeAllConnections()
    }
    clearTimeout(timer)
    // Drains the write-ahead log into the store within the deadline, closes the log, then the
    // store (queued and running reads are refused); the rest of the log is replayed on the next start.
    await deps.core.close(deadlineMs)
    clearTimeout(forced)
    log.info({}, 'stopped')
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}
