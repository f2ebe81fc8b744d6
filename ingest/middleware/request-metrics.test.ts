import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createMetrics } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'
import { createLogger } from '../logger.ts'
import { errorHandler, notFoundHandler } from './error-handler.ts'
import { requestContext } from './request-context.ts'

// The HTTP latency histogram as /metrics shows it: one series per method, route pattern and
// status, the service's latency buckets. Sums are times, so they are masked.
async function histogramText(send: (app: Hono<AppEnv>) => Promise<void>): Promise<string> {
  const metrics = createMetrics({ processMetrics: false })
  const app = new Hono<AppEnv>()
  app.use('*', requestContext({ log: createLogger({ level: 'silent' }), durations: metrics.httpDuration }))
  app.onError(errorHandler())
  app.notFound(notFoundHandler())
  app.post('/v1/hubs/:hubId/interactions', (c) => c.json({ accepted: 1 }, 202))
  app.get('/v1/hubs/:hubId/things', (c) => c.json({ error: 'no' }, 403))
  app.get('/boom', () => {
    throw new Error('boom')
  })
  await send(app)
  const text = await metrics.registry.getSingleMetricAsString('casetrail_http_request_duration_seconds')
  return text.replace(/(_sum\{[^}]*\}) [0-9.e-]+/g, '$1 <sum>')
}

describe('request durations (casetrail_http_request_duration_seconds)', () => {
  it('counts each request under its method, route pattern and status, in the latency buckets', async () => {
    const text = await histogramText(async (app) => {
      for (let i = 0; i < 3; i++) await app.request('/v1/hubs/h1/interactions', { method: 'POST' })
      await app.request('/v1/hubs/h2/interactions', { method: 'POST' })
      await app.request('/v1/hubs/h1/things?x=1')
      await app.request('/boom')
      await app.request('/nowhere/secret-id')
    })
    expect(text).toContain('# TYPE casetrail_http_request_duration_seconds histogram')
    expect(text).toContain(
      '# HELP casetrail_http_request_duration_seconds HTTP request duration by method, route pattern and status code.',
    )
    const series = (method: string, route: string, status: number) =>
      `method="${method}",route="${route}",status="${status}"`
    const ingest = series('POST', '/v1/hubs/:hubId/interactions', 202)
    expect(text).toContain(`casetrail_http_request_duration_seconds_count{${ingest}} 4`)
    expect(text).toContain(`casetrail_http_request_duration_seconds_bucket{le="+Inf",${ingest}} 4`)
    expect(text).toContain(`casetrail_http_request_duration_seconds_sum{${ingest}} <sum>`)
    for (const le of [
      '0.0005',
      '0.001',
      '0.0025',
      '0.005',
      '0.01',
      '0.025',
      '0.05',
      '0.1',
      '0.25',
      '0.5',
      '1',
      '2.5',
      '10',
    ])
      expect(text).toContain(`casetrail_http_request_duration_seconds_bucket{le="${le}",${ingest}} `)
    expect(text).toContain(`_count{${series('GET', '/v1/hubs/:hubId/things', 403)}} 1`)
    expect(text).toContain(`_count{${series('GET', '/boom', 500)}} 1`)
    // An unmatched path is counted under the catch-all pattern, never under its own path.
    expect(text).not.toContain('secret-id')
    expect(text.match(/_count\{/g)).toHaveLength(4)
    // Every bucket count is cumulative and ends at the count.
    expect(text.match(/_bucket\{/g)).toHaveLength(4 * 14)
  })
})
