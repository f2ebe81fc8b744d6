import { Hono } from 'hono'
import type { Registry } from 'prom-client'
import type { AppEnv } from '../app-env.ts'

/**
 * `GET /metrics`: the Prometheus text exposition of `registry` (accepted and
 * refused interactions, write-ahead log levels, flush sizes and latency,
 * store errors, HTTP latency, process metrics). Holds no secrets or ids;
 * expose it to the scraper's network only.
 */
export function metricsRoutes(deps: { registry: Registry }) {
  const app = new Hono<AppEnv>()
  app.get('/metrics', async function metricsHandler(c) {
    const body = await deps.registry.metrics()
    return c.body(body, 200, { 'Content-Type': deps.registry.contentType })
  })
  return app
}
