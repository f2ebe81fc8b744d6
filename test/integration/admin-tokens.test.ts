import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestHub, startTestCore } from '../support/test-core.ts'

/** `POST /v1/admin/hubs/{hubId}/tokens` on a real embedded ClickHouse: minted tokens work where they should, only there. */
let t: Awaited<ReturnType<typeof startTestCore>>
let hub: TestHub
const contactA = '6f0c6a52-8d1e-4d53-9b53-2f1e0b7c0a01'
const contactB = '6f0c6a52-8d1e-4d53-9b53-2f1e0b7c0a02'

const mint = async (body: unknown, token?: string) => {
  const res = await t.app.request(`/v1/admin/hubs/${hub.id}/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token ?? t.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
const journey = (contactId: string, token: string) =>
  t.app.request(
    `/v1/hubs/${hub.id}/contacts/${contactId}/journey?before=${encodeURIComponent(new Date().toISOString())}&window=P7D`,
    { headers: { authorization: token } },
  )

beforeAll(async () => {
  t = await startTestCore()
  hub = await t.createHub('Tokens')
})
afterAll(async () => {
  await t.close()
  t.remove()
})

describe('minting hub tokens', () => {
  it('mints a per-contact read token that reads that contact and no other', async () => {
    const res = await mint({
      keyName: 'default',
      resource: { kind: 'contact', contactId: contactA },
      ttlSeconds: 900,
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      keyName: 'default',
      resourceUri: `http://casetrail.test/v1/hubs/${hub.id}/contacts/${contactA}`,
      rights: ['send', 'read', 'manage'],
    })
    const expires = Date.parse(res.body.expiresAt as string)
    expect(expires - Date.now()).toBeGreaterThan(800_000)
    expect(expires - Date.now()).toBeLessThanOrEqual(900_000)
    expect((await journey(contactA, res.body.token as string)).status).toBe(200)
    expect((await journey(contactB, res.body.token as string)).status).toBe(403)
  })

  it('signs with the secondary secret when asked, and that token stops working when it is regenerated', async () => {
    const res = await mint({
      keyName: 'default',
      resource: { kind: 'hub' },
      ttlSeconds: 600,
      which: 'secondary',
    })
    expect(res.status).toBe(201)
    expect((await journey(contactA, res.body.token as string)).status).toBe(200)
    await t.admin(`/v1/admin/hubs/${hub.id}/keys/default/regenerate`, {
      method: 'POST',
      body: JSON.stringify({ which: 'secondary' }),
    })
    expect((await journey(contactA, res.body.token as string)).status).toBe(401)
  })

  it('refuses an unknown key, a bad resource and a lifetime out of range, naming the field', async () => {
    await expect(
      mint({ keyName: 'nope', resource: { kind: 'hub' }, ttlSeconds: 600 }),
    ).resolves.toMatchObject({
      status: 404,
      body: { error: { code: 'key_not_found', field: 'keyName' } },
    })
    const badId = await mint({
      keyName: 'default',
      resource: { kind: 'contact', contactId: 'x' },
      ttlSeconds: 600,
    })
    expect(badId.status).toBe(400)
    expect(badId.body).toMatchObject({ error: { field: 'resource.contactId' } })
    const tooLong = await mint({ keyName: 'default', resource: { kind: 'hub' }, ttlSeconds: 40_000_000 })
    expect(tooLong.status).toBe(400)
    expect(tooLong.body).toMatchObject({ error: { field: 'ttlSeconds' } })
  })

  it('is for tenant administrators only', async () => {
    const created = await t.admin('/v1/admin/users', {
      method: 'POST',
      body: JSON.stringify({ name: 'No roles' }),
    })
    const { token } = (await created.json()) as { token: string }
    const res = await mint({ keyName: 'default', resource: { kind: 'hub' }, ttlSeconds: 600 }, token)
    expect(res.status).toBe(403)
    const anonymous = await t.app.request(`/v1/admin/hubs/${hub.id}/tokens`, { method: 'POST' })
    expect(anonymous.status).toBe(401)
  })
})
