import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { API, type CaseDetails, type CaseList, type JourneyResponse } from '../../schemas/index.ts'
import { type TestHub, useTestCore, tokenFor } from '../support/test-core.ts'

const t = useTestCore()
let hub: TestHub
beforeAll(async () => {
  hub = await t.createHub('Cases')
})

const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()
const aCase = (overrides: Record<string, unknown> = {}) => ({
  caseId: randomUUID(),
  contactId: randomUUID(),
  createdAt: iso(Date.now() - DAY),
  ...overrides,
})

const report = (
  body: unknown,
  options: { path?: string; token?: string | null; contentType?: string; raw?: string } = {},
) => {
  const path = options.path ?? `/v1/hubs/${hub.id}`
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' }
  const token = options.token === undefined ? tokenFor(path, hub.keys[0]!.primaryKey) : options.token
  if (token) headers.authorization = token
  return t.app.request(`${path}/cases`, {
    method: 'POST',
    headers,
    body: options.raw ?? JSON.stringify(body),
  })
}
const list = async (query = '', hubId = hub.id) => {
  const res = await t.admin(`/v1/admin/hubs/${hubId}/cases${query}`)
  expect(res.status).toBe(200)
  return (await res.json()) as CaseList
}

describe('reporting cases from a CRM', () => {
  it('stores one case and answers 200 with what it accepted', async () => {
    const item = aCase({ caseNumber: 'CAS-01001-A1B2C3', title: 'Printer on fire', status: 'active' })
    const res = await report(item)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ accepted: 1, rejected: [] })
    const { items } = await list(`?contactId=${item.contactId}`)
    expect(items).toEqual([
      expect.objectContaining({
        caseId: item.caseId,
        caseNumber: 'CAS-01001-A1B2C3',
        contactId: item.contactId,
        portalId: null,
        title: 'Printer on fire',
        status: 'active',
        source: 'crm',
        createdAt: item.createdAt,
      }),
    ])
  })

  it('stores the valid cases of a batch and names every problem of the others', async () => {
    const good = aCase()
    const tooLong = 'x'.repeat(201)
    const batch = [
      good,
      { contactId: randomUUID(), createdAt: iso(Date.now()) },
      aCase({ caseId: 'case-1' }),
      aCase({ contactId: 42 }),
      aCase({ createdAt: '2026-11-02 09:30' }),
      aCase({ priority: 'high' }),
      aCase({ title: tooLong }),
      aCase({ title: '   ' }),
      aCase({ createdAt: iso(Date.now() + 10 * 60_000) }),
      aCase({ createdAt: iso(Date.now() - 800 * DAY) }),
      'not a case',
      aCase({ portalId: 'nope' }),
    ]
    const res = await report(batch)
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      accepted: number
      rejected: Array<{ index: number; errors: unknown[] }>
    }
    expect(body.accepted).toBe(1)
    expect(body.rejected).toEqual([
      { index: 1, errors: [expect.objectContaining({ path: 'caseId', code: 'required' })] },
      { index: 2, errors: [expect.objectContaining({ path: 'caseId', code: 'invalid_uuid' })] },
      { index: 3, errors: [expect.objectContaining({ path: 'contactId', code: 'invalid_type' })] },
      { index: 4, errors: [expect.objectContaining({ path: 'createdAt', code: 'invalid_timestamp' })] },
      {
        index: 5,
        errors: [{ path: 'priority', code: 'unknown_field', message: 'priority is not a field of a case' }],
      },
      { index: 6, errors: [expect.objectContaining({ path: 'title', code: 'too_long' })] },
      { index: 7, errors: [expect.objectContaining({ path: 'title', code: 'too_short' })] },
      { index: 8, errors: [expect.objectContaining({ path: 'createdAt', code: 'timestamp_in_future' })] },
      { index: 9, errors: [expect.objectContaining({ path: 'createdAt', code: 'timestamp_too_old' })] },
      { index: 10, errors: [{ path: '', code: 'invalid_type', message: 'a case must be a JSON object' }] },
      { index: 11, errors: [expect.objectContaining({ path: 'portalId', code: 'invalid_uuid' })] },
    ])
    expect((await list(`?contactId=${good.contactId}`)).items).toHaveLength(1)
  })

  it('answers 400 in the same shape when no case was accepted', async () => {
    const res = await report([{ caseId: randomUUID() }])
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      accepted: 0,
      rejected: [{ index: 0, errors: [{ path: 'contactId', code: 'required' }, { path: 'createdAt' }] }],
    })
  })

  it.each([
    ['an empty array', { body: [] }, 400, 'empty_batch'],
    ['more than 500 cases', { body: Array.from({ length: 501 }, () => aCase()) }, 413, 'batch_too_large'],
    ['a body that is not JSON', { raw: '{"caseId":' }, 400, 'invalid_json'],
    [
      'another content type',
      { raw: 'caseId=1', contentType: 'application/x-www-form-urlencoded' },
      415,
      'unsupported_content_type',
    ],
  ])('refuses %s', async (_label, options, status, code) => {
    const res = await report((options as { body?: unknown }).body, options as { raw?: string })
    expect(res.status).toBe(status)
    expect(await res.json()).toMatchObject({ error: { code } })
  })

  it('is idempotent by caseId: a repeat is stored once and its status replaces the earlier one', async () => {
    const item = aCase({ title: 'Locked out', status: 'active' })
    expect((await report(item)).status).toBe(200)
    expect((await report([item, item])).status).toBe(200)
    const repeat = await report({ ...item, status: 'resolved', caseNumber: 'CAS-2' })
    expect(await repeat.json()).toEqual({ accepted: 1, rejected: [] })
    const { items } = await list(`?contactId=${item.contactId}`)
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      caseId: item.caseId,
      status: 'resolved',
      caseNumber: 'CAS-2',
      title: 'Locked out',
    })
    // The case counts once in the contact's journey too.
    const journey = await t.app.request(
      `/v1/hubs/${hub.id}/contacts/${item.contactId}/journey?before=${encodeURIComponent(iso(Date.now()))}`,
      { headers: { authorization: tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey) } },
    )
    expect(((await journey.json()) as JourneyResponse).cases.map((c) => c.caseId)).toEqual([item.caseId])
  })

  it("refuses a repeat that moves a case's contact or creation time (case_conflict)", async () => {
    const item = aCase()
    await report(item)
    const res = await report([
      { ...item, contactId: randomUUID() },
      { ...item, createdAt: iso(Date.parse(item.createdAt as string) - 1000) },
    ])
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      rejected: [
        { index: 0, errors: [{ path: 'contactId', code: 'case_conflict' }] },
        { index: 1, errors: [{ path: 'createdAt', code: 'case_conflict' }] },
      ],
    })
    // Within one request too: the second report disagrees with the first.
    const fresh = aCase()
    const within = await report([fresh, { ...fresh, contactId: randomUUID() }])
    expect(await within.json()).toMatchObject({
      accepted: 1,
      rejected: [{ index: 1, errors: [{ code: 'case_conflict' }] }],
    })
  })
})

describe('portal-scoped reporting', () => {
  const portalId = randomUUID()
  const path = () => `/v1/hubs/${hub.id}/portals/${portalId}`

  it("takes the URL's portal for cases that name none, and refuses another portal", async () => {
    const unnamed = aCase()
    const other = aCase({ portalId: randomUUID() })
    const res = await report([unnamed, other, aCase({ portalId: portalId.toUpperCase() })], { path: path() })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      accepted: 2,
      rejected: [{ index: 1, errors: [{ path: 'portalId', code: 'portal_mismatch' }] }],
    })
    expect((await list(`?contactId=${unnamed.contactId}`)).items[0]).toMatchObject({ portalId })
    expect((await list(`?portalId=${portalId}`)).items).toHaveLength(2)
  })

  it('takes a token for the portal, and refuses it on the hub-wide route', async () => {
    const portalToken = tokenFor(path(), hub.keys[0]!.primaryKey)
    expect((await report(aCase(), { path: path(), token: portalToken })).status).toBe(200)
    const res = await report(aCase(), { token: portalToken })
    expect(res.status).toBe(403)
  })
})

describe('permissions of case reporting', () => {
  it('denies a request without a token (401) and a token without send (403)', async () => {
    const none = await report(aCase(), { token: null })
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toBe('SharedAccessSignature')
    const created = await t.admin(`/v1/admin/hubs/${hub.id}/keys`, {
      method: 'POST',
      body: JSON.stringify({ keyName: 'reader', rights: ['read'] }),
    })
    const reader = (await created.json()) as { primaryKey: string }
    const res = await report(aCase(), {
      token: tokenFor(`/v1/hubs/${hub.id}`, reader.primaryKey, { keyName: 'reader' }),
    })
    expect(res.status).toBe(403)
  })

  it('answers 404 for an unknown hub', async () => {
    const res = await t.app.request(`/v1/hubs/${randomUUID()}/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: tokenFor(`/v1/hubs/x`, 'k') },
      body: JSON.stringify(aCase()),
    })
    expect(res.status).toBe(404)
  })
})

describe("the admin list of a hub's cases", () => {
  let listHub: TestHub
  const contact = randomUUID()
  const portalA = randomUUID()
  const base = Date.now() - 10 * DAY
  const ids: string[] = []

  beforeAll(async () => {
    listHub = await t.createHub('Listing')
    // Seven cases a day apart; two share a creation time, so ties fall back to the case id.
    const items = Array.from({ length: 7 }, (_, i) => ({
      caseId: randomUUID(),
      contactId: i % 2 === 0 ? contact : randomUUID(),
      createdAt: iso(base + Math.min(i, 5) * DAY),
      status: i < 3 ? 'resolved' : 'active',
      ...(i < 4 ? { portalId: portalA } : {}),
    }))
    ids.push(...items.map((i) => i.caseId))
    const res = await t.reportCases(listHub, items)
    expect(res.status).toBe(200)
  })

  it('lists newest first across pages, each case once', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page: CaseList = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`, listHub.id)
      seen.push(...page.items.map((c) => c.caseId))
      cursor = page.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    const all = (await list('', listHub.id)).items
    expect(seen).toEqual(all.map((c) => c.caseId))
    expect(new Set(seen).size).toBe(7)
    const times = all.map((c) => Date.parse(c.createdAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    // Pages of one case cross the two cases created at the same time, and still see each once.
    const single: string[] = []
    let next: string | null = null
    do {
      const page: CaseList = await list(`?limit=1${next ? `&cursor=${next}` : ''}`, listHub.id)
      single.push(...page.items.map((c) => c.caseId))
      next = page.nextCursor
    } while (next)
    expect(single).toEqual(seen)
  })

  it('filters by portal, contact and status, together', async () => {
    expect((await list(`?portalId=${portalA}`, listHub.id)).items.map((c) => c.caseId).sort()).toEqual(
      ids.slice(0, 4).sort(),
    )
    expect((await list(`?contactId=${contact}`, listHub.id)).items).toHaveLength(4)
    expect((await list('?status=resolved', listHub.id)).items).toHaveLength(3)
    const both = await list(`?status=active&portalId=${portalA}`, listHub.id)
    expect(both.items.map((c) => c.caseId)).toEqual([ids[3]])
  })

  it.each([
    ['a bad limit', '?limit=0', 'invalid_limit', 'limit'],
    ['a bad contact id', '?contactId=bob', 'invalid_contactId', 'contactId'],
    ['a bad portal id', '?portalId=nope', 'invalid_portalId', 'portalId'],
    ['a bad status', `?status=${'x'.repeat(100)}`, 'invalid_status', 'status'],
    ['a forged cursor', '?cursor=bm90LWEtY3Vyc29y', 'invalid_cursor', 'cursor'],
    ['an unknown parameter', '?sort=asc', 'unknown_parameter', 'sort'],
  ])('answers 400 for %s, with a code the route documents', async (_label, query, code, field) => {
    const res = await t.admin(`/v1/admin/hubs/${listHub.id}/cases${query}`)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code, field } })
    expect(API.listCases.errors.find((e) => e.status === 400)?.codes).toContain(code)
  })

  it("answers one case's details with a read token for its contact's journey", async () => {
    const res = await t.admin(`/v1/admin/hubs/${listHub.id}/cases/${ids[0]}`)
    expect(res.status).toBe(200)
    const details = (await res.json()) as CaseDetails & { journey: { token: string } }
    expect(details).toMatchObject({ caseId: ids[0], contactId: contact, description: null, contact: null })
    const journey = await t.app.request(
      `/v1/hubs/${listHub.id}/contacts/${contact}/journey?before=${encodeURIComponent(details.createdAt)}&after=P1D`,
      { headers: { authorization: details.journey.token } },
    )
    expect(journey.status).toBe(200)
    expect(((await journey.json()) as JourneyResponse).cases.map((c) => c.caseId)).toEqual([ids[0]])
    // The token covers that contact only.
    const other = await t.app.request(
      `/v1/hubs/${listHub.id}/contacts/${randomUUID()}/journey?before=${encodeURIComponent(details.createdAt)}`,
      { headers: { authorization: details.journey.token } },
    )
    expect(other.status).toBe(403)
  })

  it('answers 404 for an unknown case or hub', async () => {
    const unknownCase = await t.admin(`/v1/admin/hubs/${listHub.id}/cases/${randomUUID()}`)
    expect(unknownCase.status).toBe(404)
    expect(await unknownCase.json()).toMatchObject({ error: { code: 'case_not_found' } })
    expect((await t.admin(`/v1/admin/hubs/${randomUUID()}/cases`)).status).toBe(404)
  })

  it('denies without a token (401) and to an admin who is not a tenant administrator (403)', async () => {
    expect((await t.app.request(`/v1/admin/hubs/${listHub.id}/cases`)).status).toBe(401)
    const { token } = await t.core.principals.create({
      name: 'Customizer',
      roles: [{ role: 'system_customizer', instanceId: 'i1' }],
    })
    for (const path of [
      `/v1/admin/hubs/${listHub.id}/cases`,
      `/v1/admin/hubs/${listHub.id}/cases/${ids[0]}`,
    ]) {
      const res = await t.app.request(path, { headers: { authorization: `Bearer ${token}` } })
      expect(res.status).toBe(403)
      expect(await res.json()).toMatchObject({ error: { code: 'role_required' } })
    }
  })
})
