import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../core/index.ts'
import { type DemoPortal, type DemoState, seedDemo, seedDemoPortal } from '../../demo/index.ts'
import type { CaseList } from '../../schemas/index.ts'
import { type PortalHarness, startPortalHarness } from '../support/portal-harness.ts'

/**
 * Issue 29 end to end, in headless Chromium, with CASETRAIL_DEMO off (no one-click
 * sign-in): a visitor registers on the demo portal, confirms from the outbox's link,
 * signs in with the password, reads an article and opens a case; the rep's journey
 * for the contact the account was linked to shows the article before the case, and
 * the hub's case list has the case under that contact. Screenshots go to
 * test-artifacts/portal-sign-in/.
 */

const ADMIN = 'e2e-sign-in-admin-token-0123456789abcdef'
const EMAIL = 'rowan.price@example.com'
const PASSWORD = 'a long enough passphrase'

let harness: PortalHarness
let core: Core
let demo: DemoState
let portal: DemoPortal

const shot: PortalHarness['shot'] = (page, name) => harness.shot(page, name)
const admin = async <T>(method: string, path: string, body?: unknown) =>
  (await harness.admin<T>(method, path, body)).body

beforeAll(async () => {
  harness = await startPortalHarness({
    name: 'portal-sign-in',
    adminToken: ADMIN,
    portals: { domain: 'localhost' },
    browser: { viewport: { width: 1100, height: 900 } },
    seed: async (core) => {
      demo = (await seedDemo(core)).state
      portal = (await seedDemoPortal(core, demo)).portal
    },
  })
  core = harness.core
}, 120_000)

afterAll(() => harness?.close())

describe('a visitor signs in for real', () => {
  it('registers, confirms, signs in, reads an article, opens a case; the rep sees it under the right contact', async () => {
    await admin('PUT', `/v1/admin/portals/${portal.portalId}/authentication`, {
      local: true,
      registration: 'open',
    })
    const page = await harness.context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))

    // No contact to pick: the sign-in page asks for an address and password.
    await page.goto(`${portal.url}/signin`)
    await expect(page.locator('button[data-contact]').count()).resolves.toBe(0)
    await shot(page, '01-sign-in')
    await page.click('#register-link')
    await page.fill('input[name="email"]', EMAIL)
    await page.fill('input[name="password"]', PASSWORD)
    await page.click('button[type="submit"]')
    await expect(page.locator('#account-notice').textContent()).resolves.toContain('we sent you a link')
    await shot(page, '02-registered')

    // The link from the outbox (an admin's page; here its API).
    const outbox = await admin<{ messages: Array<{ to: string; text: string }> }>(
      'GET',
      `/v1/admin/portals/${portal.portalId}/outbox`,
    )
    const link = /https?:\/\/\S+/.exec(outbox.messages.find((m) => m.to === EMAIL)!.text)![0]
    await page.goto(link)
    await expect(page.locator('#account-notice').textContent()).resolves.toContain('is confirmed')

    await page.goto(`${portal.url}/signin?next=/knowledgebase`)
    await page.fill('input[name="email"]', EMAIL)
    await page.fill('input[name="password"]', PASSWORD)
    await page.click('#password-sign-in')
    await page.waitForURL(/\/knowledgebase$/)
    await expect(page.locator('.who span').textContent()).resolves.toContain('rowan.price')
    await page.click('text=Export invoices as PDF')
    await page.waitForSelector('html[data-beacon]')
    await shot(page, '03-article-signed-in')

    await page.goto(`${portal.url}/support`)
    await page.fill('input[name="title"]', 'PDF export stops at 99 %')
    await page.fill('textarea[name="description"]', 'Every invoice export stops just before the end.')
    await page.click('form.case-form button[type="submit"]')
    await page.waitForURL(/\/support\?opened=CAS-/)
    const number = new URL(page.url()).searchParams.get('opened')!
    await shot(page, '04-case-opened')
    expect(problems).toEqual([])
    await page.close()

    // The account was linked to a contact made for the confirmed address.
    const { contacts } = await admin<{ contacts: Array<{ crmrecordid: string; email: string }> }>(
      'GET',
      `/v1/admin/instances/${portal.instanceId}/contacts?limit=500`,
    )
    const contactId = contacts.find((c) => c.email === EMAIL)!.crmrecordid
    expect(contactId).not.toBe(demo.contactId)
    const cases = await admin<CaseList>('GET', `/v1/admin/hubs/${demo.hubId}/cases?contactId=${contactId}`)
    const opened = cases.items.find((c) => c.caseNumber === number)!
    expect(opened).toMatchObject({ source: 'portal', contactId })
    // The rep's journey for that contact: the article, read before the case.
    const key = (await core.hubs.get(demo.hubId)).keys[0]!.primaryKey
    await expect
      .poll(
        async () =>
          (await harness.journey(demo.hubId, key, contactId, opened.createdAt)).interactions.flatMap((i) =>
            i.type === 'portal_viewknowledgearticle' ? [i.portal_knowledgetitle] : [],
          ),
        { timeout: 15_000 },
      )
      .toContain('Export invoices as PDF')
  }, 120_000)
})
