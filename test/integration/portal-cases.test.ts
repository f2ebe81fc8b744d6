import { beforeAll, describe, expect, it } from 'vitest'
import { sampleContacts } from '../../core/index.ts'
import type { CaseDetails, CaseList, ContentInsights, JourneyResponse } from '../../schemas/index.ts'
import { useProvisionedPortal } from '../support/portal-fixtures.ts'
import { csrfFields, signIn } from '../support/portal-site-client.ts'
import { tokenFor } from '../support/test-core.ts'

const contoso = useProvisionedPortal({
  instance: 'Contoso',
  hub: 'Support cases',
  portal: { name: 'Contoso Help', subdomain: 'help', portalType: 'customer_self_service' },
})
let morgan: string
let other: string

beforeAll(() => {
  const contacts = sampleContacts(contoso.instanceId)
  morgan = contacts[0]!.crmrecordid
  other = contacts[1]!.crmrecordid
})

const page = async (path: string, cookie?: string) => {
  const res = await contoso.t.site(contoso.portal.subdomain, path, cookie ? { headers: { cookie } } : {})
  return { res, html: await res.text() }
}
const post = (path: string, form: Record<string, string>, cookie?: string) =>
  contoso.t.site(contoso.portal.subdomain, path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    // The form token the page gave this browser (issue 20 item 7: every portal form carries one).
    body: new URLSearchParams({ ...(cookie ? csrfFields(cookie) : {}), ...form }).toString(),
  })
const cookieOf = async (contactId: string) =>
  (await signIn(contoso.t.app, contoso.portal.subdomain, contactId)).cookie!

describe('the Support page', () => {
  it('asks a visitor who is not signed in to sign in, and sends a posted form to sign-in', async () => {
    const { res, html } = await page('/support')
    expect(res.status).toBe(200)
    expect(html).toContain('id="sign-in-to-open"')
    expect(html).not.toContain('class="case-form"')
    const posted = await post('/support', { title: 'x', description: 'y' })
    expect(posted.status).toBe(303)
    expect(posted.headers.get('location')).toBe('/signin?next=%2Fsupport')
  })

  it('lets a signed-in contact open a case and see it under "My cases"', async () => {
    const cookie = await cookieOf(morgan)
    const before = await page('/support', cookie)
    expect(before.html).toContain('class="case-form"')
    expect(before.html).toContain('id="no-cases"')

    const res = await post(
      '/support',
      { title: 'Cannot export invoices', description: 'The PDF export spins forever.', category: 'problem' },
      cookie,
    )
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    const number = /^\/support\?opened=(CAS-\d{5}-[A-Z0-9]{6})$/.exec(location)?.[1]
    expect(number).toBeDefined()

    const after = await page(location, cookie)
    expect(after.html).toContain(`Case ${number} is open`)
    expect(after.html).toMatch(
      new RegExp(
        `<tr data-case="${number}"><td>${number}</td><td>Cannot export invoices</td><td>Active</td>`,
      ),
    )
    // Another contact sees none of it.
    const theirs = await page('/support', await cookieOf(other))
    expect(theirs.html).toContain('id="no-cases"')
    expect(theirs.html).not.toContain(number!)
  })

  it('refuses a form with problems, naming each field and keeping what was typed (escaped)', async () => {
    const cookie = await cookieOf(morgan)
    const res = await post(
      '/support',
      { title: '   ', description: '<script>alert(1)</script>', category: 'complaint' },
      cookie,
    )
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('id="title-error"')
    expect(html).toContain('id="category-error"')
    expect(html).not.toContain('id="description-error"')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>alert(1)</script>')
  })

  it('numbers cases one after another on the instance', async () => {
    const cookie = await cookieOf(other)
    const numbers: number[] = []
    for (const title of ['First', 'Second']) {
      const res = await post('/support', { title, description: 'd' }, cookie)
      numbers.push(Number(/CAS-(\d{5})-/.exec(res.headers.get('location')!)![1]))
    }
    expect(numbers[1]).toBe(numbers[0]! + 1)
  })

  it('opens the longest case in a three-byte script (about 38 KB encoded) under the form limit', async () => {
    const cookie = await cookieOf(morgan)
    const res = await post('/support', { title: '漢'.repeat(200), description: '漢'.repeat(4_000) }, cookie)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toMatch(/CAS-\d{5}-/)
  })
})

describe('a case opened on the portal, as the rest of casetrail sees it', () => {
  let opened: CaseList['items'][number]
  const readAt = Date.now() - 60_000

  beforeAll(async () => {
    const cookie = await cookieOf(morgan)
    // Morgan reads an article before opening the case: the page's beacon goes to the hub.
    const articles = await page('/knowledgebase', cookie)
    const link = /href="(\/knowledgebase\/[^"]+)"/.exec(articles.html)![1]!
    const article = await page(link, cookie)
    const beacon = JSON.parse(
      /<script type="application\/json" id="casetrail-beacon">([\s\S]*?)<\/script>/.exec(article.html)![1]!,
    ) as { endpoint: string; token: string; item: Record<string, string> }
    const sent = await contoso.t.app.request(
      `${beacon.endpoint}?sas=${encodeURIComponent(beacon.token)}&wait=stored`,
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({
          ...beacon.item,
          portal_interactionid: crypto.randomUUID(),
          portal_timestamp: new Date(readAt).toISOString(),
        }),
      },
    )
    expect(sent.status).toBe(200)
    await post('/support', { title: 'Still broken', description: 'Read the article, still broken.' }, cookie)
    const list = await contoso.t.admin<CaseList>(
      'GET',
      `/v1/admin/hubs/${contoso.hub.id}/cases?contactId=${morgan}&limit=1`,
    )
    opened = list.body.items[0]!
  })

  it('is in the hub admin list and details, with its description and the contact', async () => {
    expect(opened).toMatchObject({
      title: 'Still broken',
      status: 'active',
      source: 'portal',
      portalId: contoso.portal.id,
      contactId: morgan,
    })
    expect(opened.caseNumber).toMatch(/^CAS-/)
    const details = await contoso.t.admin<CaseDetails>(
      'GET',
      `/v1/admin/hubs/${contoso.hub.id}/cases/${opened.caseId}`,
    )
    expect(details.body).toMatchObject({ description: 'Read the article, still broken.', category: null })
  })

  it("shows in the contact's journey, with the article read before it", async () => {
    const res = await contoso.t.app.request(
      `/v1/hubs/${contoso.hub.id}/contacts/${morgan}/journey?before=${encodeURIComponent(opened.createdAt)}&after=PT1H`,
      {
        headers: {
          authorization: tokenFor(
            `/v1/hubs/${contoso.hub.id}/contacts/${morgan}`,
            contoso.hub.keys[0]!.primaryKey,
          ),
        },
      },
    )
    const journey = (await res.json()) as JourneyResponse
    expect(journey.cases.map((c) => c.caseNumber)).toContain(opened.caseNumber)
    expect(journey.interactions.some((i) => i.type === 'portal_viewknowledgearticle')).toBe(true)
  })

  it('is counted in the insights, with the article that preceded it', async () => {
    const res = await contoso.t.app.request(`/v1/hubs/${contoso.hub.id}/insights/content`, {
      headers: { authorization: tokenFor(`/v1/hubs/${contoso.hub.id}`, contoso.hub.keys[0]!.primaryKey) },
    })
    const insights = (await res.json()) as ContentInsights
    const all = await contoso.t.admin<CaseList>('GET', `/v1/admin/hubs/${contoso.hub.id}/cases`)
    expect(insights.cases).toBe(all.body.items.length)
    // The one read precedes each of Morgan's cases opened after it (this one among them).
    const after = all.body.items.filter((c) => c.contactId === morgan && Date.parse(c.createdAt) > readAt)
    expect(after.map((c) => c.caseId)).toContain(opened.caseId)
    expect(insights.precededCases).toEqual([
      expect.objectContaining({
        type: 'portal_viewknowledgearticle',
        casesPreceded: after.length,
        readers: 1,
      }),
    ])
  })
})
