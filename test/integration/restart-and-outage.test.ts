import { afterAll, describe, expect, it, vi } from 'vitest'
import type { InteractionRepository } from '../../core/testing.ts'
import { createBatchingSink } from '../../core/testing.ts'
import { search } from '../support/interactions.ts'
import { startTestCore, tempDataDir, tokenFor } from '../support/test-core.ts'

const dataDir = tempDataDir()
afterAll(async () => {
  const { rmSync } = await import('node:fs')
  rmSync(dataDir, { recursive: true, force: true })
})

describe('restart', () => {
  it('keeps hubs, keys, admins and interactions across a restart of core on the same data dir', async () => {
    const first = await startTestCore({ dataDir })
    const hub = await first.createHub('Durable')
    const item = search()
    const token = tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey)
    const sent = await first.app.request(`/v1/hubs/${hub.id}/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify(item),
    })
    expect(sent.status).toBe(202)
    await first.close()

    const second = await startTestCore({ dataDir })
    try {
      expect((await second.admin(`/v1/admin/hubs/${hub.id}`)).status).toBe(200)
      const res = await second.app.request(
        `/v1/hubs/${hub.id}/contacts/${item.portal_contactid}/journey?before=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`,
        { headers: { authorization: token } },
      )
      expect(((await res.json()) as { interactions: unknown[] }).interactions).toEqual([item])
    } finally {
      await second.close()
    }
  })
})

// The durable path's outage behaviour (202 logged, then log_full) is in durable-ingest.test.ts.
// This one runs the batching sink on purpose: it has no log, so an outage must
// answer 503 store_unavailable rather than acknowledge what it cannot keep.
describe('store outage (batching sink)', () => {
  it('answers 503 store_unavailable with Retry-After when ClickHouse refuses the batch, and serves again after', async () => {
    let failing = true
    const t = await startTestCore({
      sink: (repository: InteractionRepository) =>
        createBatchingSink({
          // The real repository, wrapped: inserts fail while `failing` is set.
          repository: {
            insert: (records) =>
              failing ? Promise.reject(new Error('injected outage')) : repository.insert(records),
          },
        }),
    })
    try {
      const hub = await t.createHub('Outage')
      const send = () => t.sendTo(hub, search())
      const refused = await send()
      expect(refused.status).toBe(503)
      expect(refused.headers.get('retry-after')).toBe('5')
      expect(await refused.json()).toMatchObject({ error: { code: 'store_unavailable' } })
      failing = false
      expect((await send()).status).toBe(202)
      expect(await t.core.repository.count(hub.id)).toBe(1)
    } finally {
      await t.close()
      t.remove()
    }
  })
})

describe('backpressure', () => {
  it('refuses ingest past the in-flight limit with 429 and Retry-After, and completes what it holds', async () => {
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let inserts = 0
    const t = await startTestCore({
      maxInFlightIngest: 1,
      // The durable path, with the flusher's inserts held: a `?wait=stored` request stays in flight.
      durability: {
        faults: (repository) => ({
          quarantine: (rows) => repository.quarantine(rows),
          insertEncodedRows: async (rows) => {
            inserts++
            await held
            return repository.insertEncodedRows(rows)
          },
        }),
      },
    })
    try {
      const hub = await t.createHub('Busy')
      const first = t.sendTo(hub, search(), '?wait=stored')
      await vi.waitFor(() => expect(inserts).toBe(1))
      const second = await t.sendTo(hub, search())
      expect(second.status).toBe(429)
      expect(second.headers.get('retry-after')).toBe('1')
      expect(await second.json()).toMatchObject({ error: { code: 'too_many_requests' } })
      release()
      expect((await first).status).toBe(200)
      expect((await t.sendTo(hub, search(), '?wait=stored')).status).toBe(200)
      expect(await t.core.repository.count(hub.id)).toBe(2)
    } finally {
      await t.close()
      t.remove()
    }
  })
})
