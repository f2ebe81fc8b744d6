import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import type { Logger } from '../logger.ts'

/** Hears the end of every request (metrics). `route` is the matched pattern. */
export type RequestObserver = (event: {
  method: string
  route: string
  status: number
  durationMs: number
}) => void

/**
 * Gives each request an id (`X-Request-Id`, taken from the caller when it is a
 * sane token) and the logger (lines about the request carry `requestId`), and logs one line when it ends: method, path
 * without the query (which may carry `?sas=`), status, duration. Never headers
 * or bodies.
 */
export function requestContext(options: {
  log: Logger
  observe?: RequestObserver
}): MiddlewareHandler<AppEnv> {
  // A random prefix per process and a counter: unique ids for log correlation at a
  // fraction of randomUUID()'s cost per request.
  const prefix = randomUUID().slice(0, 8)
  let counter = 0
  return async function requestContextMiddleware(c, next) {
    const offered = c.req.header('x-request-id')
    const requestId =
      offered && /^[A-Za-z0-9._-]{1,64}$/.test(offered) ? offered : `${prefix}-${(counter++).toString(36)}`
    // The service's logger itself, and the id in each line: a child logger per request
    // (pino rebuilds its redaction for each) was ~2% of a beacon's CPU in bench/profile-server.ts.
    const log = options.log
    c.set('requestId', requestId)
    c.set('log', log)
    const started = performance.now()
    await next()
    const durationMs = performance.now() - started
    // On the finished response's own headers: c.header() here would rebuild the response.
    c.res.headers.set('X-Request-Id', requestId)
    const status = c.res.status
    options.observe?.({ method: c.req.method, route: c.req.routePath, status, durationMs })
    const line = {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round(durationMs * 10) / 10,
    }
    if (status >= 500) log.error(line, 'request failed')
    else log.debug(line, 'request')
  }
}
