import { describe, expect, it } from 'vitest'
import type { DurableSinkStats } from './ingest/durable-sink.ts'
import { checkReadiness } from './readiness.ts'

const levels = (over: Partial<DurableSinkStats> = {}): DurableSinkStats => ({
  lastSeq: 10,
  checkpointSeq: 10,
  readSeq: 10,
  pendingBytes: 0,
  pendingRecords: 0,
  queuedBytes: 0,
  segments: 1,
  syncs: 1,
  appendedRecords: 10,
  storedSeq: 10,
  failingSince: null,
  consecutiveFailures: 0,
  waitingSince: null,
  quarantinedRows: 0,
  flusherStopped: false,
  ...over,
})
const base = {
  ping: async () => true,
  migrationsCurrent: async () => true,
  capBytes: 1000,
  now: 100_000,
  options: { stallMs: 30_000, highWater: 0.8, pingTimeoutMs: 50 },
}

describe('checkReadiness', () => {
  it('is ready when the store answers, the flusher moves and the log is low', async () => {
    expect(await checkReadiness({ ...base, flusher: levels() })).toMatchObject({ ok: true })
  })

  it('calls a store that does not answer within the ping timeout unreachable', async () => {
    const r = await checkReadiness({ ...base, ping: () => new Promise<boolean>(() => {}), flusher: levels() })
    expect(r).toMatchObject({ ok: false, reason: 'store_unreachable', checks: { store: 'unreachable' } })
    const thrown = await checkReadiness({ ...base, ping: () => Promise.reject(new Error('ECONNREFUSED')) })
    expect(thrown.reason).toBe('store_unreachable')
  })

  it('calls records waiting past the stall time with nothing stored a stall, and not before', async () => {
    const waiting = (since: number) => levels({ pendingRecords: 5, pendingBytes: 100, waitingSince: since })
    expect(await checkReadiness({ ...base, flusher: waiting(base.now - 29_999) })).toMatchObject({ ok: true })
    expect(await checkReadiness({ ...base, flusher: waiting(base.now - 30_000) })).toMatchObject({
      ok: false,
      reason: 'flusher_stalled',
    })
  })

  it('is not ready above the log’s high-water mark, or with a stopped flusher', async () => {
    expect(
      await checkReadiness({ ...base, flusher: levels({ pendingBytes: 801, waitingSince: base.now }) }),
    ).toMatchObject({
      ok: false,
      reason: 'log_above_high_water',
    })
    expect(await checkReadiness({ ...base, flusher: levels({ flusherStopped: true }) })).toMatchObject({
      reason: 'flusher_stopped',
    })
  })

  it('stays ready with the control plane unreachable, and says so (every node shares it; ingest goes on)', async () => {
    let reachable = true
    const deps = { ...base, flusher: levels(), controlPlaneReachable: () => reachable }
    expect(await checkReadiness(deps)).toMatchObject({ ok: true, checks: { controlPlane: 'ok' } })
    expect((await checkReadiness(deps)).degraded).toBeUndefined()
    reachable = false
    expect(await checkReadiness(deps)).toMatchObject({
      ok: true,
      degraded: 'control_plane_unreachable',
      checks: { controlPlane: 'unreachable' },
    })
  })
})
