import { randomUUID } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { articleView, search } from '../support/interactions.ts'
import { startTestCore, tokenFor } from '../support/test-core.ts'

let t: Awaited<ReturnType<typeof startTestCore>>
let hubId: string
let key: string
let hubToken: string

beforeAll(async () => {
  t = await startTestCore()
  const res = await t.admin('/v1/admin/hubs', {
    method: 'POST',
    body: JSON.stringify({ name: 'Edge tests' }),
  })
  const hub = (await res.json()) as { id: string; keys: Array<{ primaryKey: string }> }
  hubId = hub.id
  key = hub.keys[0]!.primaryKey
  hubToken = tokenFor(`/v1/hubs/${hubId}`, key)
})
afterAll(async () => {
  await t.close()
  t.remove()
})

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  t.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: hubToken, ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
  })

const journeyOf = async (contactId: string, before = new Date(Date.now() + 60_000).toISOString()) => {
  // A 202 means logged; the journey reads what the flusher has stored.
  await t.settled()
  const res = await t.app.request(
    `/v1/hubs/${hubId}/contacts/${contactId}/journey?before=${encodeURIComponent(before)}&window=P7D`,
    { headers: { authorization: hubToken } },
  )
  expect(res.status).toBe(200)
  return (await res.json()) as { interactions: Array<Record<string, unknown>> }
}

describe('ingest round trip', () => {
  it('accepts one interaction and returns it in the journey in the shape it was sent', async () => {
    const item = articleView()
    const res = await post(`/v1/hubs/${hubId}/interactions`, item)
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ accepted: 1, rejected: [] })
    expect((await journeyOf(item.portal_contactid)).interactions).toEqual([item])
  })

  it('accepts a batch on the portal-scoped route and keeps arrival-independent time order', async () => {
    const portalId = randomUUID()
    const contactId = randomUUID()
    const at = (m: number) => new Date(Date.now() - m * 60_000).toISOString()
    const items = [
      search({ portal_portalid: portalId, portal_contactid: contactId, portal_timestamp: at(1) }),
      articleView({ portal_portalid: portalId, portal_contactid: contactId, portal_timestamp: at(30) }),
      search({ portal_portalid: portalId, portal_contactid: contactId, portal_timestamp: at(10) }),
    ]
    const token = tokenFor(`/v1/hubs/${hubId}/portals/${portalId}`, key)
    const res = await post(`/v1/hubs/${hubId}/portals/${portalId}/interactions`, items, {
      authorization: token,
    })
    expect(res.status).toBe(202)
    const got = (await journeyOf(contactId)).interactions.map((i) => i.portal_interactionid)
    expect(got).toEqual([items[1], items[2], items[0]].map((i) => i!.portal_interactionid))
  })

  it('stores a repeated interaction id once, within a request and across requests', async () => {
    const item = search()
    expect((await post(`/v1/hubs/${hubId}/interactions`, [item, item])).status).toBe(202)
    expect((await post(`/v1/hubs/${hubId}/interactions`, item)).status).toBe(202)
    expect((await journeyOf(item.portal_contactid)).interactions).toHaveLength(1)
  })

  it('answers 200 once stored with ?wait=stored, and says how far it got', async () => {
    const res = await post(`/v1/hubs/${hubId}/interactions?wait=stored`, search())
    expect(res.status).toBe(200)
    expect(res.headers.get('casetrail-ack')).toBe('stored')
  })

  it('takes a gzip-encoded body', async () => {
    const item = articleView()
    const res = await post(`/v1/hubs/${hubId}/interactions`, gzipSync(JSON.stringify([item])), {
      'content-encoding': 'gzip',
    })
    expect(res.status).toBe(202)
    expect((await journeyOf(item.portal_contactid)).interactions).toHaveLength(1)
  })

  it('takes a text/plain beacon with the token in ?sas=', async () => {
    const item = search()
    const res = await t.app.request(`/v1/hubs/${hubId}/interactions?sas=${encodeURIComponent(hubToken)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify(item),
    })
    expect(res.status).toBe(202)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect((await journeyOf(item.portal_contactid)).interactions).toHaveLength(1)
  })
})

describe('partial batches', () => {
  it('keeps the valid items of a batch and reports each invalid one with its index, field and code', async () => {
    const good = articleView()
    const res = await post(`/v1/hubs/${hubId}/interactions`, [
      { ...search(), portal_contactid: 'not-a-uuid' },
      good,
      { ...search(), colour: 'blue' },
      { type: 'portal_rate' },
    ])
    expect(res.status).toBe(202)
    const body = (await res.json()) as { accepted: number; rejected: unknown[] }
    expect(body.accepted).toBe(1)
    expect(body.rejected).toEqual([
      { index: 0, errors: [expect.objectContaining({ path: 'portal_contactid', code: 'invalid_uuid' })] },
      { index: 2, errors: [expect.objectContaining({ path: 'colour', code: 'unknown_field' })] },
      { index: 3, errors: [expect.objectContaining({ path: 'type', code: 'unknown_type' })] },
    ])
    expect((await journeyOf(good.portal_contactid)).interactions).toEqual([good])
  })

  it('answers 400 in the same shape when nothing was accepted, and quarantines the items', async () => {
    const { portal_searchstring: _, ...missing } = search() as ReturnType<typeof search> & {
      portal_searchstring: string
    }
    const res = await post(`/v1/hubs/${hubId}/interactions`, [missing])
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      accepted: 0,
      rejected: [
        { index: 0, errors: [expect.objectContaining({ path: 'portal_searchstring', code: 'required' })] },
      ],
    })
    await expect
      .poll(async () => {
        const q = (await (await t.admin(`/v1/admin/hubs/${hubId}/quarantine`)).json()) as {
          items: Array<{ code: string }>
        }
        return q.items.map((i) => i.code)
      })
      .toContain('required')
  })

  it.each([
    ['in the future', 10 * 60_000, 'timestamp_in_future'],
    ['older than 90 days', -91 * 86_400_000, 'timestamp_too_old'],
  ])('refuses a timestamp %s with its own code', async (_label, offset, code) => {
    const res = await post(
      `/v1/hubs/${hubId}/interactions`,
      search({ portal_timestamp: new Date(Date.now() + offset).toISOString() }),
    )
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ rejected: [{ errors: [{ path: 'portal_timestamp', code }] }] })
  })

  it('refuses a timestamp without an offset', async () => {
    const res = await post(
      `/v1/hubs/${hubId}/interactions`,
      search({ portal_timestamp: '2026-11-02T09:30:00' }),
    )
    expect(await res.json()).toMatchObject({
      rejected: [{ errors: [{ path: 'portal_timestamp', code: 'invalid_timestamp' }] }],
    })
  })

  it('refuses items whose portal differs from the portal-scoped route', async () => {
    const portalId = randomUUID()
    const res = await post(`/v1/hubs/${hubId}/portals/${portalId}/interactions`, search(), {
      authorization: tokenFor(`/v1/hubs/${hubId}/portals/${portalId}`, key),
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      rejected: [{ errors: [{ path: 'portal_portalid', code: 'portal_mismatch' }] }],
    })
  })
})

describe('request-level refusals', () => {
  const errorOf = async (res: Response) =>
    ((await res.json()) as { error: { code: string; field?: string } }).error

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const res = await post(`/v1/hubs/${hubId}/interactions`, '{"type":')
    expect(res.status).toBe(400)
    expect(await errorOf(res)).toMatchObject({ code: 'invalid_json', field: 'body' })
  })

  it('answers 400 empty_batch for an empty array', async () => {
    const res = await post(`/v1/hubs/${hubId}/interactions`, [])
    expect(res.status).toBe(400)
    expect(await errorOf(res)).toMatchObject({ code: 'empty_batch' })
  })

  it('answers 413 batch_too_large for 501 items and stores none of them', async () => {
    const contact = randomUUID()
    const res = await post(
      `/v1/hubs/${hubId}/interactions`,
      Array.from({ length: 501 }, () => search({ portal_contactid: contact })),
    )
    expect(res.status).toBe(413)
    expect(await errorOf(res)).toMatchObject({ code: 'batch_too_large' })
    expect((await journeyOf(contact)).interactions).toHaveLength(0)
  })

  it('accepts exactly 500 items', async () => {
    const res = await post(
      `/v1/hubs/${hubId}/interactions`,
      Array.from({ length: 500 }, () => search()),
    )
    expect(res.status).toBe(202)
    expect(await res.json()).toMatchObject({ accepted: 500 })
  })

  it('answers 413 body_too_large for a body over 1 MiB', async () => {
    const res = await post(
      `/v1/hubs/${hubId}/interactions`,
      JSON.stringify([search({ portal_searchstring: 'x'.repeat(1_100_000) })]),
    )
    expect(res.status).toBe(413)
    expect(await errorOf(res)).toMatchObject({ code: 'body_too_large' })
  })

  it('answers 413 for a gzip bomb without inflating it', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20))
    expect(bomb.length).toBeLessThan(1024 * 1024)
    const res = await post(`/v1/hubs/${hubId}/interactions`, bomb, { 'content-encoding': 'gzip' })
    expect(res.status).toBe(413)
    expect(await errorOf(res)).toMatchObject({ code: 'body_too_large' })
  })

  it('answers 400 invalid_gzip for a body that claims gzip and is not', async () => {
    const res = await post(`/v1/hubs/${hubId}/interactions`, JSON.stringify(search()), {
      'content-encoding': 'gzip',
    })
    expect(res.status).toBe(400)
    expect(await errorOf(res)).toMatchObject({ code: 'invalid_gzip' })
  })

  it.each([
    ['content-type', { 'content-type': 'application/xml' }, 'unsupported_content_type'],
    ['content-encoding', { 'content-encoding': 'br' }, 'unsupported_encoding'],
  ])('answers 415 for an unsupported %s', async (field, headers, code) => {
    const res = await post(`/v1/hubs/${hubId}/interactions`, search(), headers)
    expect(res.status).toBe(415)
    expect(await errorOf(res)).toMatchObject({ code, field })
  })

  it('answers 404 hub_not_found for an unknown hub', async () => {
    const other = randomUUID()
    const res = await post(`/v1/hubs/${other}/interactions`, search(), {
      authorization: tokenFor(`/v1/hubs/${other}`, key),
    })
    expect(res.status).toBe(404)
    expect(await errorOf(res)).toMatchObject({ code: 'hub_not_found' })
  })

  it('answers 404 route_not_found for an unknown route', async () => {
    const res = await t.app.request('/v2/anything')
    expect(res.status).toBe(404)
    expect(await errorOf(res)).toMatchObject({ code: 'route_not_found' })
  })

  it('keeps serving after a run of bad requests', async () => {
    for (const body of ['nope', '[', '{}', 'null', '42']) await post(`/v1/hubs/${hubId}/interactions`, body)
    expect((await post(`/v1/hubs/${hubId}/interactions`, search())).status).toBe(202)
  })
})

describe('CORS', () => {
  it('answers a preflight for the ingest route from any origin', async () => {
    const res = await t.app.request(`/v1/hubs/${hubId}/interactions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://portal.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization')
    expect(res.headers.get('access-control-allow-methods')).toContain('POST')
  })

  it('answers a preflight for the journey route (the widget runs on the case form origin)', async () => {
    const res = await t.app.request(`/v1/hubs/${hubId}/contacts/${randomUUID()}/journey`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://crm.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-methods')).toContain('GET')
  })

  it('gives admin routes no CORS headers', async () => {
    const res = await t.app.request('/v1/admin/hubs', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('logs', () => {
  it('never contain a key, a token or a body', async () => {
    const marker = `secret-search-${randomUUID()}`
    await post(`/v1/hubs/${hubId}/interactions?wait=stored`, search({ portal_searchstring: marker }))
    await t.app.request(`/v1/hubs/${hubId}/interactions?sas=${encodeURIComponent(hubToken)}`, {
      method: 'POST',
      body: 'x',
    })
    const all = t.logLines.join('\n')
    expect(t.logLines.length).toBeGreaterThan(0)
    expect(all).not.toContain(key)
    expect(all).not.toContain(hubToken.split('sig=')[1]!.split('&')[0]!)
    expect(all).not.toContain(marker)
    expect(all).not.toContain(t.adminToken)
  })
})
