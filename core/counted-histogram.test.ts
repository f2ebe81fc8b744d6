import { Histogram, Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { countedHistogram } from './counted-histogram.ts'

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10]
const options = {
  name: 'casetrail_http_request_duration_seconds',
  help: 'HTTP request duration by method, route pattern and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: BUCKETS,
}

describe('countedHistogram', () => {
  it('renders the text prom-client’s Histogram renders for the same observations', async () => {
    const ours = new Registry()
    const theirs = new Registry()
    const counted = countedHistogram({ ...options, registers: [ours] })
    const reference = new Histogram({ ...options, registers: [theirs] })
    // Values on, between, under and past the bounds, over several series, in an order that interleaves them.
    const values = [0, 0.0005, 0.0007, 0.001, 0.003, 0.05, 0.07, 1, 2.5, 9.99, 10, 11, 1e6, 0.0002]
    const series = [
      { method: 'POST', route: '/v1/hubs/:hubId/interactions', status: '202' },
      { method: 'GET', route: '/health', status: '200' },
      { method: 'POST', route: '/v1/hubs/:hubId/interactions', status: '401' },
    ]
    values.forEach((v, i) => {
      for (const [j, labels] of series.entries()) {
        if ((i + j) % 3 === 2) continue
        counted.observe(labels, v * (j + 1))
        reference.observe(labels, v * (j + 1))
      }
    })
    const text = await ours.metrics()
    expect(text).toBe(await theirs.metrics())
    expect(text).toContain('casetrail_http_request_duration_seconds_bucket{le="+Inf",method="GET"')
    expect(await ours.getMetricsAsJSON()).toMatchObject(
      JSON.parse(JSON.stringify(await theirs.getMetricsAsJSON())) as object[],
    )
    ours.resetMetrics()
    theirs.resetMetrics()
    expect(await ours.metrics()).toBe(await theirs.metrics())
  })
})
