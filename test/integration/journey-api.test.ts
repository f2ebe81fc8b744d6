import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { articleView, search } from '../support/interactions.ts'
import { startTestCore, tokenFor } from '../support/test-core.ts'

let t: Awaited<ReturnType<typeof startTestCore>>
let hubId: string
let key: string

beforeAll(async () => {
  t = await startTestCore()
  const hub = (await (
    await t.admin('/v1/admin/hubs', { method: 'POST', body: JSON.stringify({ name: 'Journeys' }) })
  ).json()) as {
    id: string
    keys: Array<{ primaryKey: string }>
  }
  hubId = hub.id
  key = hub.keys[0]!.primaryKey
})
afterAll(async () => {
  await t.close()
  t.remove()
})

const ingest = async (items: unknown[]) => {
  const res = await t.app.request(`/v1/hubs/${hubId}/interactions?wait=stored`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: tokenFor(`/v1/hubs/${hubId}`, key) },
    body: JSON.stringify(items),
  })
  expect(res.status).toBe(200)
}
const journey = (
  contactId: string,
  query: string,
  token = tokenFor(`/v1/hubs/${hubId}/contacts/${contactId}`, key),
) =>
  t.app.request(`/v1/hubs/${hubId}/contacts/${contactId}/journey?${query}`, {
    headers: { authorization: token },
  })

describe('the journey window', () => {
  const before = new Date(Date.now() - 3_600_000)
  const iso = (ms: number) => new Date(ms).toISOString()

  it('includes an interaction at exactly `from` and excludes one at exactly `before`', async () => {
    const contactId = randomUUID()
    const from = before.getTime() - 7 * 86_400_000
    const atFrom = search({ portal_contactid: contactId, portal_timestamp: iso(from) })
    const justBeforeFrom = search({ portal_contactid: contactId, portal_timestamp: iso(from - 1) })
    const atBefore = search({ portal_contactid: contactId, portal_timestamp: iso(before.getTime()) })
    const justInside = search({ portal_contactid: contactId, portal_timestamp: iso(before.getTime() - 1) })
    await ingest([atFrom, justBeforeFrom, atBefore, justInside])
    const res = await journey(contactId, `before=${encodeURIComponent(before.toISOString())}&window=P7D`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      from: string
      to: string
      interactions: Array<{ portal_interactionid: string }>
    }
    expect(body.from).toBe(iso(from))
    expect(body.to).toBe(before.toISOString())
    expect(body.interactions.map((i) => i.portal_interactionid)).toEqual([
      atFrom.portal_interactionid,
      justInside.portal_interactionid,
    ])
  })

  it('reads timestamps with offsets as the instants they name', async () => {
    const contactId = randomUUID()
    // 10:30+02:00 is 08:30Z: inside a window ending at 09:00Z, outside one ending at 08:00Z.
    const item = search({ portal_contactid: contactId, portal_timestamp: '2026-11-20T10:30:00+02:00' })
    await ingest([item])
    const inside = await (await journey(contactId, 'before=2026-11-20T09:00:00Z&window=PT1H')).json()
    const outside = await (await journey(contactId, 'before=2026-11-20T08:00:00Z&window=PT1H')).json()
    expect((inside as { interactions: unknown[] }).interactions).toEqual([item])
    expect((outside as { interactions: unknown[] }).interactions).toEqual([])
  })

  it.each([
    ['no before', 'window=P7D', 'before_required', 'before'],
    ['a bad before', 'before=yesterday', 'invalid_before', 'before'],
    ['a bad window', `before=${new Date().toISOString()}&window=7 days`, 'invalid_window', 'window'],
    ['a window over P90D', `before=${new Date().toISOString()}&window=P91D`, 'window_too_long', 'window'],
    ['an unknown parameter', `before=${new Date().toISOString()}&limit=5`, 'unknown_parameter', 'limit'],
  ])('answers 400 for %s', async (_label, query, code, field) => {
    const contactId = randomUUID()
    const res = await journey(contactId, query)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code, field } })
  })

  it('answers 400 invalid_uuid for a contact id that is not a uuid', async () => {
    const res = await journey('bob', `before=${new Date().toISOString()}`, tokenFor(`/v1/hubs/${hubId}`, key))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_uuid', field: 'contactId' } })
  })

  it('defaults the window to seven days', async () => {
    const res = await journey(randomUUID(), `before=${encodeURIComponent('2026-11-20T00:00:00Z')}`)
    expect(await res.json()).toMatchObject({ from: '2026-11-13T00:00:00.000Z' })
  })
})

describe('the summary', () => {
  it('counts by type, folds repeat views, and lists searches newest first', async () => {
    const contactId = randomUUID()
    const articleId = randomUUID()
    const t0 = Date.now() - 5 * 3_600_000
    const at = (h: number) => new Date(t0 + h * 3_600_000).toISOString()
    await ingest([
      articleView({
        portal_contactid: contactId,
        portal_knowledgearticleid: articleId,
        portal_knowledgetitle: 'Reset',
        portal_timestamp: at(0),
      }),
      articleView({
        portal_contactid: contactId,
        portal_knowledgearticleid: articleId,
        portal_knowledgetitle: 'Reset',
        portal_timestamp: at(2),
      }),
      search({ portal_contactid: contactId, portal_searchstring: 'first', portal_timestamp: at(1) }),
      search({ portal_contactid: contactId, portal_searchstring: 'second', portal_timestamp: at(3) }),
      {
        type: 'portal_viewblogpost',
        portal_interactionid: randomUUID(),
        portal_contactid: contactId,
        portal_portalid: randomUUID(),
        portal_timestamp: at(4),
        portal_blogpostid: randomUUID(),
        portal_blogtitle: 'News',
      },
    ])
    const res = await journey(contactId, `before=${encodeURIComponent(new Date().toISOString())}`)
    const body = (await res.json()) as { summary: Record<string, unknown>; profile: unknown }
    expect(body.summary).toMatchObject({
      counts: {
        portal_viewknowledgearticle: 2,
        portal_search: 2,
        portal_viewblogpost: 1,
        portal_viewforumthread: 0,
      },
      articles: [{ id: articleId, title: 'Reset', views: 2, lastViewedAt: at(2) }],
      blogPosts: [{ title: 'News', views: 1 }],
      forumThreads: [],
      searches: [
        { searchString: 'second', at: at(3) },
        { searchString: 'first', at: at(1) },
      ],
    })
    expect(body.profile).toBeNull()
  })
})

describe('profiles', () => {
  it('returns the linked Contact profile once the hub links it to interaction types', async () => {
    const contactId = randomUUID()
    await ingest([search({ portal_contactid: contactId })])
    const notConfigured = await t.admin(`/v1/admin/hubs/${hubId}/profiles`, {
      method: 'POST',
      body: JSON.stringify([{ crmrecordid: contactId, name: 'Avery' }]),
    })
    expect(notConfigured.status).toBe(409)
    expect(
      (
        await t.admin(`/v1/admin/hubs/${hubId}/profile-config`, {
          method: 'PUT',
          body: JSON.stringify({ entity: 'contact', linkedTypes: [] }),
        })
      ).status,
    ).toBe(200)
    const ndjson = `${JSON.stringify({ crmrecordid: contactId.toUpperCase(), name: 'Avery Lin', email: 'avery@example.com' })}\n{"crmrecordid":"nope"}\n`
    const imported = await t.admin(`/v1/admin/hubs/${hubId}/profiles`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: ndjson,
    })
    expect(imported.status).toBe(200)
    expect(await imported.json()).toMatchObject({
      upserted: 1,
      rejected: [{ index: 1, errors: [{ path: 'crmrecordid', code: 'invalid_uuid' }] }],
    })
    const before = `before=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`
    // Configured but linked to no interaction type yet: no profile in the journey.
    expect(((await (await journey(contactId, before)).json()) as { profile: unknown }).profile).toBeNull()
    await t.admin(`/v1/admin/hubs/${hubId}/profile-config`, {
      method: 'PUT',
      body: JSON.stringify({ entity: 'contact', linkedTypes: ['portal_search'] }),
    })
    expect(((await (await journey(contactId, before)).json()) as { profile: unknown }).profile).toEqual({
      crmrecordid: contactId,
      name: 'Avery Lin',
      email: 'avery@example.com',
    })
  })

  it('refuses a profile configuration for another entity', async () => {
    const res = await t.admin(`/v1/admin/hubs/${hubId}/profile-config`, {
      method: 'PUT',
      body: JSON.stringify({ entity: 'account', linkedTypes: [] }),
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { field: 'entity' } })
  })
})

describe('transfer', () => {
  it('gzips the journey when the client accepts it, and the body still parses', async () => {
    const contactId = randomUUID()
    await ingest(Array.from({ length: 40 }, () => articleView({ portal_contactid: contactId })))
    const res = await t.app.request(
      `/v1/hubs/${hubId}/contacts/${contactId}/journey?before=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`,
      {
        headers: {
          authorization: tokenFor(`/v1/hubs/${hubId}/contacts/${contactId}`, key),
          'accept-encoding': 'gzip',
        },
      },
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    const { gunzipSync } = await import('node:zlib')
    const body = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as {
      interactions: unknown[]
    }
    expect(body.interactions).toHaveLength(40)
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
  })

  it('gzips a journey larger than 64 KB too (off the event loop), byte for byte the plain answer', async () => {
    const contactId = randomUUID()
    await ingest(Array.from({ length: 250 }, () => articleView({ portal_contactid: contactId })))
    const url = `/v1/hubs/${hubId}/contacts/${contactId}/journey?before=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`
    const authorization = tokenFor(`/v1/hubs/${hubId}/contacts/${contactId}`, key)
    const plain = await t.app.request(url, { headers: { authorization } })
    const gzipped = await t.app.request(url, {
      headers: { authorization, 'accept-encoding': 'gzip, deflate' },
    })
    expect(gzipped.headers.get('content-encoding')).toBe('gzip')
    const { gunzipSync } = await import('node:zlib')
    const text = gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString('utf8')
    expect(text.length).toBeGreaterThan(64 * 1024)
    expect(text).toBe(await plain.text())
  })

  it('answers plain JSON when the client does not take gzip, or when the answer is tiny', async () => {
    const contactId = randomUUID()
    await ingest(Array.from({ length: 40 }, () => articleView({ portal_contactid: contactId })))
    const at = encodeURIComponent(new Date(Date.now() + 1000).toISOString())
    const read = (contact: string, acceptEncoding?: string) =>
      t.app.request(`/v1/hubs/${hubId}/contacts/${contact}/journey?before=${at}`, {
        headers: {
          authorization: tokenFor(`/v1/hubs/${hubId}/contacts/${contact}`, key),
          ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
        },
      })
    for (const refused of [undefined, 'identity', 'gzip;q=0', 'br', '*;q=0', 'gzip;q=0, *']) {
      const res = await read(contactId, refused)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-encoding')).toBeNull()
      expect(res.headers.get('content-type')).toBe('application/json')
      expect(res.headers.get('vary')).toBe('Accept-Encoding')
      expect(res.headers.get('cache-control')).toBe('private, no-store')
      expect(((await res.json()) as { interactions: unknown[] }).interactions).toHaveLength(40)
    }
    const wildcard = await read(contactId, 'br;q=1, *;q=0.5')
    expect(wildcard.headers.get('content-encoding')).toBe('gzip')
    // An empty journey is a few hundred bytes: gzip would add more than it saves.
    const empty = await read(randomUUID(), 'gzip')
    expect(empty.headers.get('content-encoding')).toBeNull()
    expect(((await empty.json()) as { interactions: unknown[] }).interactions).toEqual([])
  })
})
