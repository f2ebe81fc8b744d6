import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FaultPoint, createSasToken } from '../../core/index.ts'
import type { JourneyResponse } from '../../schemas/index.ts'
import { type PortalHarness, startPortalHarness } from '../support/portal-harness.ts'

/**
 * A portal end to end: the real app on a real embedded ClickHouse and a real
 * port, provisioned through the admin API, its site opened at
 * http://<subdomain>.localhost:<port> in headless Chromium (no DNS: Chromium
 * resolves *.localhost to loopback), a demo contact signing in, reading an
 * article and searching, and the journey API showing both. Screenshots go to
 * test-artifacts/portal-site/.
 */

const ADMIN = 'e2e-portal-admin-token-0123456789abcdef'

let harness: PortalHarness
let context: BrowserContext
let port: number
let publicUrl: string
let hub: { id: string; keys: Array<{ keyName: string; primaryKey: string; secondaryKey: string }> }
let instanceId: string
/** Holds provisioning at Web Forms while set, so the "Getting set up" page can be seen. */
let hold: Promise<void> | null = null

/** Calls the admin API over HTTP, as an admin's script would. */
const admin = <T>(method: string, path: string, body?: unknown) => harness.admin<T>(method, path, body)

async function waitProvisioned(portalId: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const { body } = await admin<{ status: string }>('GET', `/v1/admin/portals/${portalId}`)
    if (body.status !== 'Configuring') return body.status
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('provisioning did not finish')
}

async function openPage(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`)
  })
  await page.goto(url)
  return { page, problems }
}

const shot: PortalHarness['shot'] = (page, name) => harness.shot(page, name)

beforeAll(async () => {
  harness = await startPortalHarness({
    name: 'portal-site',
    adminToken: ADMIN,
    portals: {
      domain: 'localhost',
      oneClickSignIn: 'every-contact', // signs contacts in with one click, without accounts
      faults: {
        async beforeStep(at: FaultPoint) {
          if (hold && at.packageId === 'web_forms') await hold
        },
      },
    },
    browser: { viewport: { width: 1100, height: 800 }, locale: 'en-US' },
  })
  context = harness.context
  port = harness.port
  publicUrl = harness.publicUrl

  instanceId = (
    await admin<{ id: string }>('POST', '/v1/admin/instances', {
      name: 'Contoso',
      baseLanguage: 'en-US',
      installedLanguages: ['en-US', 'fr-FR', 'ar-SA'],
    })
  ).body.id
  hub = (await admin<typeof hub>('POST', '/v1/admin/hubs', { name: 'Contoso insights' })).body
}, 120_000)

afterAll(() => harness?.close())

describe('a provisioned portal in Chromium', () => {
  it('shows "Getting set up" while provisioning runs, then the site', async () => {
    let release!: () => void
    hold = new Promise<void>((r) => {
      release = r
    })
    await admin('POST', '/v1/admin/licences', { type: 'trial' })
    const res = await admin<{ portal: { id: string; url: string; displayName: string } }>(
      'POST',
      '/v1/admin/portals',
      {
        name: 'Fabrikam Help',
        subdomain: 'fabrikam',
        instanceId,
        language: 'fr-FR',
        administratorId: (await admin<{ id: string }>('GET', '/v1/admin/users/me')).body.id,
        audience: 'customer',
        portalType: 'customer_self_service',
        termsAccepted: true,
      },
    )
    expect(res.status).toBe(202)
    expect(res.body.portal.url).toBe(`http://fabrikam.localhost:${port}`)
    const { page } = await openPage(res.body.portal.url)
    await expect(page.locator('h1').textContent()).resolves.toBe('Configuration en cours')
    await shot(page, '01-getting-set-up')
    release()
    hold = null
    expect(await waitProvisioned(res.body.portal.id)).toBe('Provisioned')
    await page.reload()
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr-FR')
    await expect(page.locator('main h1').textContent()).resolves.toBe('Comment pouvons-nous vous aider ?')
    await shot(page, '02-french-home')
    await page.close()
  })

  it('signs a demo contact in, reads an article and searches; the journey API shows both', async () => {
    await admin('POST', '/v1/admin/licences', { type: 'production' })
    const me = (await admin<{ id: string }>('GET', '/v1/admin/users/me')).body
    const provisioned = await admin<{ portal: { id: string; url: string } }>('POST', '/v1/admin/portals', {
      name: 'Contoso Community',
      subdomain: 'contoso',
      instanceId,
      language: 'en-US',
      administratorId: me.id,
      audience: 'customer',
      portalType: 'community',
      termsAccepted: true,
      hub: { hubId: hub.id, keyName: 'default', key: hub.keys[0]!.primaryKey },
    })
    expect(provisioned.status).toBe(202)
    const portal = provisioned.body.portal
    expect(await waitProvisioned(portal.id)).toBe('Provisioned')

    // The instance's contacts become the hub's profiles (the admin's manual step in the seed).
    const { contacts } = (
      await admin<{ contacts: Array<{ crmrecordid: string; name: string }> }>(
        'GET',
        `/v1/admin/instances/${instanceId}/contacts`,
      )
    ).body
    const morgan = contacts.find((c) => c.name === 'Morgan Diaz')!
    await admin('PUT', `/v1/admin/hubs/${hub.id}/profile-config`, {
      entity: 'contact',
      linkedTypes: [
        'portal_viewknowledgearticle',
        'portal_viewblogpost',
        'portal_viewforumthread',
        'portal_search',
        'portal_articlefeedback',
      ],
    })
    expect((await admin('POST', `/v1/admin/hubs/${hub.id}/profiles`, contacts)).status).toBe(200)

    const beacons: Array<{ url: string; status: number | null; body: string | null }> = []
    const { page, problems } = await openPage(portal.url)
    page.on('requestfinished', async (req) => {
      if (req.url().includes('/interactions')) {
        beacons.push({
          url: req.url(),
          status: (await req.response())?.status() ?? null,
          body: req.postData(),
        })
      }
    })
    await expect(page.locator('main h1').textContent()).resolves.toBe('How can we help?')
    await shot(page, '03-home')

    await page.click('header .who a')
    await expect(page.locator('main h1').textContent()).resolves.toBe('Sign in')
    await shot(page, '04-sign-in')
    await page.click(`button[data-contact="${morgan.crmrecordid}"]`)
    await expect(page.locator('header .who span').textContent()).resolves.toBe('Signed in as Morgan Diaz')

    await page.click('header nav a[href="/knowledgebase"]')
    await page.click('text=Reset your password')
    await page.waitForSelector('html[data-beacon]')
    await expect(page.locator('article h1').textContent()).resolves.toBe('Reset your password')
    // "Was this helpful?": shown by its script, sends a feedback beacon, then thanks the visitor.
    await expect(page.locator('#article-feedback strong').textContent()).resolves.toBe(
      'Was this article helpful?',
    )
    await shot(page, '05-article')
    await page.fill('#article-feedback textarea', 'Step 3 <b>"&</b> was the one')
    await page.click('#article-feedback button[value="yes"]')
    await expect(page.locator('#article-feedback [role="status"]').textContent()).resolves.toBe(
      'Thank you for your feedback.',
    )
    await shot(page, '05b-article-feedback')

    await page.fill('header input[name="q"]', 'two factor')
    await page.press('header input[name="q"]', 'Enter')
    await page.waitForURL(/\/search\?q=two\+factor/)
    await page.waitForSelector('html[data-beacon]')
    await expect(page.locator('main h1').textContent()).resolves.toBe('Results for “two factor”')
    await shot(page, '06-search')

    expect(problems).toEqual([])
    await page.goto(`${portal.url}/no/such/page`)
    await expect(page.locator('main h1').textContent()).resolves.toBe('Page not found')
    await shot(page, '07-page-not-found')

    // No key ever reached the page; what the browser sent went to the hub with a short-lived token.
    for (const k of hub.keys) {
      expect(await page.content()).not.toContain(k.primaryKey)
      expect(await page.content()).not.toContain(k.secondaryKey)
    }
    await expect.poll(() => beacons.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3)
    for (const b of beacons) {
      expect(b.url).toContain(`${publicUrl}/v1/hubs/${hub.id}/portals/${portal.id}/interactions?sas=`)
      expect(b.status).toBe(202)
    }

    const read = createSasToken({
      resourceUri: `${publicUrl}/v1/hubs/${hub.id}/contacts/${morgan.crmrecordid}`,
      keyName: 'default',
      key: hub.keys[0]!.primaryKey,
      ttlSeconds: 300,
    })
    let journey: JourneyResponse | null = null
    await expect
      .poll(
        async () => {
          const res = await fetch(
            `${publicUrl}/v1/hubs/${hub.id}/contacts/${morgan.crmrecordid}/journey?${new URLSearchParams({ before: new Date(Date.now() + 60_000).toISOString(), window: 'PT1H' })}`,
            { headers: { authorization: read } },
          )
          journey = (await res.json()) as JourneyResponse
          return journey.interactions.length
        },
        { timeout: 10_000 },
      )
      .toBe(3)
    const [viewed, rated, searched] = journey!.interactions
    expect(viewed).toMatchObject({
      type: 'portal_viewknowledgearticle',
      portal_knowledgetitle: 'Reset your password',
      portal_language: 'en-US',
      portal_contactid: morgan.crmrecordid,
      portal_portalid: portal.id,
    })
    expect(rated).toMatchObject({
      type: 'portal_articlefeedback',
      portal_knowledgearticleid: (viewed as { portal_knowledgearticleid: string }).portal_knowledgearticleid,
      portal_helpful: true,
      portal_comment: 'Step 3 <b>"&</b> was the one',
      portal_contactid: morgan.crmrecordid,
      portal_sessionid: viewed!.portal_sessionid,
    })
    expect(searched).toMatchObject({
      type: 'portal_search',
      portal_searchstring: 'two factor',
      portal_searchresultcount: expect.any(Number),
      portal_portalid: portal.id,
    })
    expect((searched as { portal_searchresultcount: number }).portal_searchresultcount).toBeGreaterThan(0)
    expect(journey!.summary.articles.map((a) => a.title)).toEqual(['Reset your password'])
    expect(journey!.summary.searches.map((s) => s.searchString)).toEqual(['two factor'])
    expect(journey!.profile).toMatchObject({ name: 'Morgan Diaz' })
    // The one console error is the 404 document itself.
    expect(problems).toEqual([
      'console: Failed to load resource: the server responded with a status of 404 (Not Found)',
    ])
    await page.close()
  })
})
