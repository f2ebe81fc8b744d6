import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DurableSink } from '../../core/testing.ts'
import { search } from '../support/interactions.ts'
import { startTestCore } from '../support/test-core.ts'

// The HTTP edge over the durable path core opens itself, with the store behind
// a switch: the real repository, wrapped, failing while `outage` is set.

let t: Awaited<ReturnType<typeof startTestCore>>
let sink: DurableSink
let outage = false

beforeAll(async () => {
  t = await startTestCore({
    durability: {
      walMaxBytes: 256 * 1024,
      walSegmentBytes: 64 * 1024,
      retryAfterSeconds: 4,
      flushMaxRows: 500,
      flushIntervalMs: 10,
      retry: { minMs: 10, maxMs: 50 },
      storedWaitMs: 2_000,
      faults: (repository) => ({
        quarantine: (rows) => repository.quarantine(rows),
        insertEncodedRows: (rows) =>
          outage
            ? Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
            : repository.insertEncodedRows(rows),
      }),
    },
    readiness: { stallMs: 300, highWater: 0.5 },
  })
  sink = t.core.durableSink!
})

afterAll(async () => {
  await t.close()
  t.remove()
})

const readiness = async () => {
  const res = await t.app.request('/ready')
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as Record<string, unknown>,
  }
}

describe('durable ingest over HTTP', () => {
  it('answers 202 with Casetrail-Ack: logged, and 200 stored with ?wait=stored', async () => {
    const hub = await t.createHub()
    const logged = await t.sendTo(hub, [search(), search()])
    expect(logged.status).toBe(202)
    expect(logged.headers.get('casetrail-ack')).toBe('logged')
    const stored = await t.sendTo(hub, [search()], '?wait=stored')
    expect(stored.status).toBe(200)
    expect(stored.headers.get('casetrail-ack')).toBe('stored')
    expect(await t.core.repository.count(hub.id)).toBe(3)
  })

  it('keeps answering 202 through a store outage, 503 log_full with Retry-After past the cap, and stores everything once after; /ready tells the truth throughout', async () => {
    const hub = await t.createHub()
    const contact = randomUUID()
    const accepted = new Set<string>()
    const send = async (query = '') => {
      const items = Array.from({ length: 20 }, () => search({ portal_contactid: contact }))
      const res = await t.sendTo(hub, items, query)
      if (res.status === 202 || res.status === 200)
        for (const i of items) accepted.add(i.portal_interactionid)
      return res
    }
    expect((await readiness()).status).toBe(200)
    outage = true
    for (let i = 0; i < 5; i++) {
      const res = await send()
      expect(res.status).toBe(202)
      expect(res.headers.get('casetrail-ack')).toBe('logged')
    }
    // Asking for `stored` while the store is down settles for a durable 202.
    const waited = await send('?wait=stored')
    expect(waited.status).toBe(202)
    expect(waited.headers.get('casetrail-ack')).toBe('logged')
    await vi.waitFor(() => expect(sink.stats().consecutiveFailures).toBeGreaterThan(1), { timeout: 10_000 })

    // Records wait and nothing is stored: the flusher is stalled, and /ready says so (liveness does not).
    await vi.waitFor(
      async () =>
        expect(await readiness()).toMatchObject({
          status: 503,
          retryAfter: '5',
          body: { status: 'not_ready', reason: 'flusher_stalled', checks: { flusher: 'stalled' } },
        }),
      { timeout: 10_000, interval: 50 },
    )
    expect((await t.app.request('/health')).status).toBe(200)

    let refused: Response | undefined
    for (let i = 0; i < 200 && !refused; i++) {
      const res = await send()
      if (res.status !== 202) refused = res
    }
    expect(refused?.status).toBe(503)
    expect(refused?.headers.get('retry-after')).toBe('4')
    expect(await refused?.json()).toMatchObject({ error: { code: 'log_full' } })
    expect((await readiness()).body).toMatchObject({ checks: { log: 'above_high_water' } })

    outage = false
    // The log drains by itself; then it takes requests again, and /ready turns back.
    await vi.waitFor(() => expect(sink.stats().pendingRecords).toBe(0), { timeout: 20_000 })
    expect(await readiness()).toMatchObject({ status: 200, body: { status: 'ready' } })
    const after = await send('?wait=stored')
    expect(after.status).toBe(200)
    expect(await t.core.repository.count(hub.id)).toBe(accepted.size)
    const journey = await t.core.repository.journey({
      hubId: hub.id,
      contactId: contact,
      from: Date.now() - 3_600_000,
      to: Date.now() + 60_000,
    })
    expect(journey.map((i) => i.portal_interactionid).sort()).toEqual([...accepted].sort())
  })
})
