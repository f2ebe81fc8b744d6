import { describe, expect, it } from 'vitest'
import { createMetrics } from './metrics.ts'

describe('metrics', () => {
  it('keeps each registry to itself, so two can live side by side', async () => {
    const a = createMetrics({ processMetrics: false })
    const b = createMetrics({ processMetrics: false })
    a.accepted.inc(3)
    a.rejected.inc({ code: 'invalid_uuid' })
    expect(await a.registry.metrics()).toContain('casetrail_interactions_accepted_total 3')
    expect(await a.registry.metrics()).toContain(
      'casetrail_interactions_rejected_total{code="invalid_uuid"} 1',
    )
    expect(await b.registry.metrics()).toContain('casetrail_interactions_accepted_total 0')
  })

  it('exposes every series the durable ingest reports, with process metrics by default', async () => {
    const m = createMetrics()
    m.httpDuration.observe({ method: 'POST', route: '/v1/hubs/:hubId/interactions', status: '202' }, 0.002)
    const text = await m.registry.metrics()
    for (const name of [
      'casetrail_interactions_duplicates_total',
      'casetrail_wal_pending_bytes',
      'casetrail_wal_pending_records',
      'casetrail_wal_syncs_total',
      'casetrail_flush_batch_rows_bucket',
      'casetrail_flush_duration_seconds_bucket',
      'casetrail_flush_yield_seconds_total',
      'casetrail_store_errors_total',
      'casetrail_http_request_duration_seconds_bucket{le="0.0025",method="POST",route="/v1/hubs/:hubId/interactions",status="202"} 1',
      'process_resident_memory_bytes',
    ]) {
      expect(text).toContain(name)
    }
  })
})
