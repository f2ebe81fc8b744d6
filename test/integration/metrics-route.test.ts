import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { search } from '../support/interactions.ts'
import { startTestCore } from '../support/test-core.ts'

const SCRAPE = 'scrape-token-0123456789abcdefghij'
let t: Awaited<ReturnType<typeof startTestCore>>

beforeAll(async () => {
  t = await startTestCore({ metricsToken: SCRAPE })
})
afterAll(async () => {
  await t.close()
  t.remove()
})

const scrape = (authorization?: string) =>
  t.app.request('/metrics', authorization ? { headers: { authorization } } : {})

describe('GET /metrics', () => {
  it('is denied without a token (401) and to a principal who is not a tenant administrator (403)', async () => {
    const none = await scrape()
    expect(none.status).toBe(401)
    expect(await none.json()).toMatchObject({ error: { code: 'admin_token_missing' } })
    expect((await scrape('Bearer not-the-scrape-token-at-all')).status).toBe(401)
    const { token } = await t.core.principals.create({
      name: 'Customizer',
      roles: [{ role: 'system_customizer', instanceId: 'i' }],
    })
    expect((await scrape(`Bearer ${token}`)).status).toBe(403)
  })

  it('serves Prometheus text to the scrape token and to an admin, counting what happened', async () => {
    const hub = await t.createHub()
    expect((await t.sendTo(hub, [search(), { type: 'nope' }])).status).toBe(202)
    for (const auth of [`Bearer ${SCRAPE}`, `Bearer ${t.adminToken}`]) {
      const res = await scrape(auth)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('text/plain')
      const text = await res.text()
      expect(text).toMatch(/^# HELP /m)
      expect(text).toMatch(/code="unknown_type"/)
    }
  })

  it("reports the store engine's own memory figures, read on each scrape", async () => {
    const text = await (await scrape(`Bearer ${SCRAPE}`)).text()
    const figure = (part: string) =>
      Number(new RegExp(`^casetrail_engine_memory_bytes\\{part="${part}"\\} (\\d+)$`, 'm').exec(text)?.[1])
    expect(figure('tracked')).toBeGreaterThan(0)
    for (const part of ['markCache', 'primaryIndexCache', 'merges'])
      expect(figure(part)).toBeGreaterThanOrEqual(0)
    // The embedded engine's jemalloc: what it handed out, and what it holds resident (at least that).
    expect(figure('allocatorAllocated')).toBeGreaterThan(0)
    expect(figure('allocatorResident')).toBeGreaterThanOrEqual(figure('allocatorAllocated'))
    expect(figure('allocatorRetained')).toBeGreaterThanOrEqual(0)
  })
})
