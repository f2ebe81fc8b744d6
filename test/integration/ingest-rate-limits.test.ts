import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestHub, startTestCore, tokenFor } from '../support/test-core.ts'

/**
 * Ingest rates (issue 20 item 4): 100,000 rows for one contact went in with a
 * portal token in 4 s. Items are counted per token's resource and per
 * contact; past either rate the request gets 429 with Retry-After and none of
 * its items is stored. Small rates here so a few batches reach them.
 */

let t: Awaited<ReturnType<typeof startTestCore>>
let hub: TestHub

beforeAll(async () => {
  t = await startTestCore({
    ingest: { ratePerToken: { perSecond: 1, burst: 1200 }, ratePerContact: { perSecond: 1, burst: 600 } },
  })
  hub = await t.createHub('Rates')
})
afterAll(async () => {
  await t?.close()
  t?.remove()
})

const search = (contactId: string) => ({
  type: 'portal_search',
  portal_interactionid: randomUUID(),
  portal_contactid: contactId,
  portal_timestamp: new Date().toISOString(),
  portal_portalid: randomUUID(),
  portal_searchstring: 'reset password',
})
const send = (items: unknown[], token: string, hubId = hub.id) =>
  t.app.request(`/v1/hubs/${hubId}/interactions?wait=stored`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify(items),
  })

describe('ingest rates', () => {
  it('answers 429 contact_rate_limited with Retry-After once one contact passes its rate; others still go in', async () => {
    const token = tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey, { keyName: 'default' })
    const busy = randomUUID()
    const first = await send(
      Array.from({ length: 500 }, () => search(busy)),
      token,
    )
    expect(first.status).toBe(200)
    const refused = await send(
      Array.from({ length: 200 }, () => search(busy)),
      token,
    )
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await refused.json()).toMatchObject({
      error: {
        code: 'contact_rate_limited',
        field: 'portal_contactid',
        message: expect.stringContaining(busy),
      },
    })
    expect((await send([search(randomUUID())], token)).status).toBe(200)
    expect(await t.core.repository.count(hub.id)).toBe(501)
  })

  it('answers 429 token_rate_limited with Retry-After once one token passes its rate; another token still goes in', async () => {
    const other = await t.createHub('Rates, another')
    const token = tokenFor(`/v1/hubs/${other.id}`, other.keys[0]!.primaryKey)
    const spread = () => Array.from({ length: 500 }, () => search(randomUUID()))
    expect((await send(spread(), token, other.id)).status).toBe(200)
    expect((await send(spread(), token, other.id)).status).toBe(200)
    const refused = await send(spread(), token, other.id)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await refused.json()).toMatchObject({ error: { code: 'token_rate_limited' } })
    expect(await t.core.repository.count(other.id)).toBe(1000)
    const first = tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey)
    expect((await send([search(randomUUID())], first)).status).toBe(200)
  })
})
