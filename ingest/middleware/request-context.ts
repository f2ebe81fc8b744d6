import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { Metrics } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'
import type { Logger } from '../logger.ts'
import { answerHasOfferedHeaders, offerAnswerHeader } from './answer-headers.ts'

/** A caller's `X-Request-Id` that may be echoed and logged as it is. */
const SANE_ID = /^[A-Za-z0-9._-]{1,64}$/

/** Hears the end of every request (metrics). `route` is the matched pattern. */
export type RequestObserver = (event: {
  method: string
  route: string
  status: number
  durationMs: number
}) => void

/** Options of {@link requestTracker} and {@link requestContext}. */
export interface RequestContextOptions {
  log: Logger
  observe?: RequestObserver
  /** A line per request (default), or `false`: failures (5xx) only. */
  requests?: boolean
  /** The share of 1xx-3xx requests logged (default 1: every one). */
  sample?: number
  /** Draws the sampling coin (tests pass a fixed one). */
  random?: () => number
  /** The HTTP latency histogram (`casetrail_http_request_duration_seconds`), when metrics are on. */
  durations?: Metrics['httpDuration']
}

/** What {@link requestTracker} hears at the end of a request. */
export interface FinishedRequest {
  requestId: string
  method: string
  /** The matched route pattern (`/v1/hubs/:hubId/interactions`), `*` or `/*` when none matched. */
  route: string
  status: number
  /** `performance.now()` when the request began. */
  started: number
}

/**
 * The request bookkeeping both ways in share (the Hono middleware below and
 * the ingest routes' lean path, `lean-ingest.ts`): the request id, the
 * latency histogram, the observer and the log line. One implementation, so a
 * beacon is counted, timed and logged the same whichever way it came.
 */
export function requestTracker(options: RequestContextOptions) {
  const durations = options.durations
  const sample = options.sample ?? 1
  const requests = options.requests ?? true
  const random = options.random ?? Math.random
  const log = options.log
  // A random prefix per process and a counter: unique ids for log correlation at a
  // fraction of randomUUID()'s cost per request.
  const prefix = randomUUID().slice(0, 8)
  let counter = 0
  return {
    log,
    /** The request's id: the caller's `X-Request-Id` when it is a sane token, else a fresh one. */
    idOf(offered: string | undefined): string {
      return offered !== undefined && SANE_ID.test(offered)
        ? offered
        : `${prefix}-${(counter++).toString(36)}`
    },
    /** Times the request into the histogram (also for a request that threw past the app). */
    time(method: string, route: string, status: number, started: number): void {
      durations?.observe({ method, route, status: String(status) }, (performance.now() - started) / 1000)
    },
    /** Tells the observer and writes the request's log line, when its level and the sampling say so. */
    finish(request: FinishedRequest): void {
      const { method, route, status } = request
      const durationMs = performance.now() - request.started
      options.observe?.({ method, route, status, durationMs })
      // The line is built only when it is written: most successful requests are sampled out or below the level.
      const level =
        status >= 500
          ? 'error'
          : !requests
            ? null
            : status >= 400 || sample >= 1 || (sample > 0 && random() < sample)
              ? 'info'
              : null
      if (level === null || !log.isLevelEnabled(level)) return
      const line = {
        requestId: request.requestId,
        method,
        // An unmatched path is not a pattern and may carry ids or tokens: it is not logged.
        route: route === '*' || route === '/*' ? '(no route)' : route,
        status,
        durationMs: Math.round(durationMs * 10) / 10,
      }
      if (level === 'error') log.error(line, 'request failed')
      else log.info(line, 'request')
    },
  }
}

/** The bookkeeping {@link requestTracker} builds. */
export type RequestTracker = ReturnType<typeof requestTracker>

/**
 * Gives each request an id (`X-Request-Id`, taken from the caller when it is a
 * sane token) and a child logger, and logs one line at info when it ends:
 * method, the matched route pattern (`/v1/hubs/:hubId/interactions`, so no id,
 * query or `?sas=` reaches the log), status, duration and the request id.
 * Never headers, query strings or bodies. `sample` (0 to 1) keeps that share of
 * successful lines for high volume; refusals (4xx) are always logged at info,
 * failures (5xx) at error. `LOG_LEVEL=warn` silences the info lines. With
 * `requests: false` (what `npm start` does unless `CASETRAIL_REQUEST_LOG=1`)
 * only failures are logged: a terminal is for the startup summary and for
 * what went wrong, not for a line per page load.
 *
 * With `durations`, it also times every request into the HTTP latency
 * histogram, labelled by method, the matched route *pattern* (never the raw
 * path, so ids do not multiply series) and status. That was a middleware of
 * its own: one async frame less on every request (the beacon's included).
 * Pass `tracker` to share one set of counts with the lean ingest path.
 */
export function requestContext(
  options: RequestContextOptions & { tracker?: RequestTracker },
): MiddlewareHandler<AppEnv> {
  const tracker = options.tracker ?? requestTracker(options)
  return async function requestContextMiddleware(c, next) {
    const requestId = tracker.idOf(c.req.header('x-request-id'))
    // The service's logger itself, and the id in each line: a child logger per request
    // (pino rebuilds its redaction for each) was ~2% of a beacon's CPU in bench/profile-server.ts.
    c.set('requestId', requestId)
    c.set('log', tracker.log)
    offerAnswerHeader(c, 'x-request-id', requestId)
    const started = performance.now()
    try {
      await next()
    } finally {
      // In finally, as the histogram's own middleware had it: a request that throws past Hono is timed too.
      tracker.time(c.req.method, c.req.routePath, c.res.status, started)
    }
    // On the finished response's own headers: c.header() here would rebuild the response.
    if (!answerHasOfferedHeaders(c)) c.res.headers.set('X-Request-Id', requestId)
    tracker.finish({ requestId, method: c.req.method, route: c.req.routePath, status: c.res.status, started })
  }
}
