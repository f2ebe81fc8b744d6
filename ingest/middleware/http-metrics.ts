import type { MiddlewareHandler } from 'hono'
import type { Metrics } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'

/**
 * Times every request into the HTTP latency histogram, labelled by method,
 * the matched route *pattern* (`/v1/hubs/:hubId/interactions`, never the raw
 * path, so ids do not multiply series) and status.
 *
 * @example
 * app.use('*', httpMetrics(metrics.httpDuration))
 */
export function httpMetrics(histogram: Metrics['httpDuration']): MiddlewareHandler<AppEnv> {
  return async function httpMetricsMiddleware(c, next) {
    const started = performance.now()
    try {
      await next()
    } finally {
      histogram.observe(
        { method: c.req.method, route: c.req.routePath, status: String(c.res.status) },
        (performance.now() - started) / 1000,
      )
    }
  }
}
