import { join, resolve } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type PortalHarness, startPortalHarness } from '../support/portal-harness.ts'

/**
 * A Community portal's site on a phone and on wider screens, in real
 * Chromium: no page scrolls sideways at 390 px, item pages carry a breadcrumb
 * back to their list and home, the navigation marks the current section, and
 * the Ideas page works (a signed-in contact submits an idea and votes; the
 * list sorts by votes). Screenshots at 1280, 800 and 390 px go to
 * test-artifacts/portal-phone/.
 */

const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/portal-phone')
const ADMIN = 'e2e-phone-admin-token-0123456789abcdef'

let harness: PortalHarness
let context: BrowserContext
let site: string

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await harness.admin<T>(method, path, body)
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300)
  return res.body
}

async function open(path: string, width: number): Promise<Page> {
  const page = await context.newPage()
  await page.setViewportSize({ width, height: 800 })
  await page.goto(`${site}${path}`)
  return page
}

const overflow = (page: Page) =>
  page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }))

beforeAll(async () => {
  harness = await startPortalHarness({
    name: 'portal-phone',
    adminToken: ADMIN,
    portals: { domain: 'localhost', oneClickSignIn: 'every-contact' }, // signs contacts in with one click, without accounts
    browser: { locale: 'en-US' },
  })
  context = harness.context
  const instanceId = (
    await admin<{ id: string }>('POST', '/v1/admin/instances', {
      name: 'Contoso',
      baseLanguage: 'en-US',
      installedLanguages: ['en-US'],
    })
  ).id
  await admin('POST', '/v1/admin/licences', { type: 'trial' })
  const { portal } = await admin<{ portal: { id: string; url: string } }>('POST', '/v1/admin/portals', {
    name: 'Contoso Community',
    subdomain: 'community',
    instanceId,
    language: 'en-US',
    administratorId: (await admin<{ id: string }>('GET', '/v1/admin/users/me')).id,
    audience: 'customer',
    portalType: 'community',
    termsAccepted: true,
  })
  for (let i = 0; i < 400; i++) {
    const { status } = await admin<{ status: string }>('GET', `/v1/admin/portals/${portal.id}`)
    if (status !== 'Configuring') break
    await new Promise((r) => setTimeout(r, 50))
  }
  site = portal.url
}, 180_000)

afterAll(() => harness?.close())

/** Every page a visitor reaches from the navigation, the lists' first items and a search. */
async function sitePages(): Promise<string[]> {
  const page = await open('/', 1280)
  const nav = await page
    .locator('header.site nav a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')!))
  const items: string[] = []
  for (const list of nav) {
    await page.goto(`${site}${list}`)
    const links = page.locator('main ul.cards li a')
    if ((await links.count()) > 0) items.push((await links.first().getAttribute('href'))!)
  }
  await page.close()
  return ['/', ...nav, ...items, '/search?q=password', '/signin', '/no-such-page']
}

describe('a Community portal on a phone', () => {
  it('scrolls sideways on no page at 390 px', async () => {
    const paths = await sitePages()
    expect(paths.length).toBeGreaterThan(8)
    for (const path of paths) {
      const page = await open(path, 390)
      const { scrollWidth, innerWidth } = await overflow(page)
      await page.screenshot({
        path: join(ARTIFACTS, `390-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}.png`),
        fullPage: true,
      })
      expect(scrollWidth, `${path} is ${scrollWidth} px wide`).toBeLessThanOrEqual(innerWidth)
      await page.close()
    }
  })

  it('looks right at 1280, 800 and 390 px', async () => {
    for (const width of [1280, 800, 390]) {
      for (const path of ['/', '/knowledgebase']) {
        const page = await open(path, width)
        await page.screenshot({
          path: join(ARTIFACTS, `${width}-${path.replace(/\W+/g, '') || 'home'}.png`),
          fullPage: true,
        })
        await page.close()
      }
    }
  })
})

describe('finding the way on a portal', () => {
  it('puts a breadcrumb on article, post and thread pages, and marks the section in the navigation', async () => {
    const page = await open('/', 1280)
    const lists = (
      await page.locator('header.site nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))
    ).filter((href) => /knowledge|blogs|forums/.test(href))
    expect(lists).toHaveLength(3)
    for (const list of lists) {
      await page.goto(`${site}${list}`)
      const section = page.locator('header.site nav a[aria-current]')
      await expect(section.getAttribute('href')).resolves.toBe(list)
      await expect(section.getAttribute('aria-current')).resolves.toBe('page')
      const listName = await section.textContent()
      const item = page.locator('main ul.cards li a').first()
      const title = await item.textContent()
      await item.click()
      await page.waitForURL((url) => url.pathname.startsWith(`${list}/`))
      const crumbs = page.locator('main nav.crumbs li')
      await expect(crumbs.allTextContents()).resolves.toEqual(['Home', listName, title])
      await expect(page.locator('main nav.crumbs [aria-current="page"]').textContent()).resolves.toBe(title)
      // Still in the list's section, one level down.
      await expect(
        page.locator('header.site nav a[aria-current]').getAttribute('aria-current'),
      ).resolves.toBe('true')
      if (list === lists[0]) {
        for (const width of [1280, 800, 390]) {
          await page.setViewportSize({ width, height: 800 })
          await page.screenshot({ path: join(ARTIFACTS, `${width}-article.png`), fullPage: true })
        }
        await page.setViewportSize({ width: 1280, height: 800 })
      }
      await page.locator('main nav.crumbs a', { hasText: listName! }).click()
      await page.waitForURL((url) => url.pathname === list)
    }
    await page.close()
  })
})

describe('Ideas on a Community portal', () => {
  it('lets a signed-in contact submit ideas and vote, and lists them most voted first', async () => {
    const page = await open('/ideas', 1280)
    // A visitor reads the list but is asked to sign in to take part.
    await expect(page.locator('#no-ideas').count()).resolves.toBe(1)
    await page.locator('#sign-in-to-suggest').click()
    await page.locator('ul.contacts button').first().click()
    await page.waitForURL((url) => url.pathname === '/ideas')
    const submit = async (title: string, description: string) => {
      await page.locator('.idea-form input[name="title"]').fill(title)
      await page.locator('.idea-form textarea[name="description"]').fill(description)
      await page.locator('.idea-form button[type="submit"]').click()
      await page.locator('#idea-submitted').waitFor()
    }
    await submit('Dark mode for the portal', 'Easier on the eyes at night.')
    await submit('Export my cases as PDF', '')
    const titles = () => page.locator('ol.ideas li h3').allTextContents()
    // No votes yet: newest first.
    await expect(titles()).resolves.toEqual(['Export my cases as PDF', 'Dark mode for the portal'])
    // A vote for the older idea puts it first.
    const dark = page.locator('ol.ideas li', { hasText: 'Dark mode for the portal' })
    await dark.locator('button').click()
    await page.waitForURL((url) => url.pathname === '/ideas' && url.search === '')
    await expect(titles()).resolves.toEqual(['Dark mode for the portal', 'Export my cases as PDF'])
    await expect(dark.locator('.count').getAttribute('data-votes')).resolves.toBe('1')
    await expect(dark.locator('button').getAttribute('aria-pressed')).resolves.toBe('true')
    await page.screenshot({ path: join(ARTIFACTS, '1280-ideas.png'), fullPage: true })
    for (const width of [800, 390]) {
      await page.setViewportSize({ width, height: 800 })
      await page.screenshot({ path: join(ARTIFACTS, `${width}-ideas.png`), fullPage: true })
      const { scrollWidth, innerWidth } = await overflow(page)
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
    }
    // Voting again takes the vote back: one vote per contact.
    await dark.locator('button').click()
    await page.waitForURL((url) => url.pathname === '/ideas')
    await expect(dark.locator('.count').getAttribute('data-votes')).resolves.toBe('0')
    // A title too short comes back with the field's message, what was typed kept.
    await page.locator('.idea-form input[name="title"]').evaluate((el) => el.removeAttribute('minlength'))
    await page.locator('.idea-form input[name="title"]').fill('No')
    await page.locator('.idea-form textarea[name="description"]').fill('kept')
    await page.locator('.idea-form button[type="submit"]').click()
    await expect(page.locator('#idea-title-error').textContent()).resolves.toBe(
      'title must be at least 3 characters',
    )
    await expect(page.locator('.idea-form textarea').inputValue()).resolves.toBe('kept')
    await page.close()
  })
})

describe('signed-in pages on a phone', () => {
  it('scrolls sideways on none of them, My cases table included', async () => {
    const page = await open('/signin?next=/support', 390)
    await page.locator('ul.contacts button').first().click()
    await page.waitForURL((url) => url.pathname === '/support')
    await page
      .locator('.case-form input[name="title"]')
      .fill('The invoice PDF export never finishes on my phone')
    await page.locator('.case-form textarea[name="description"]').fill('It spins forever.')
    await page.locator('.case-form button[type="submit"]').click()
    await page.locator('table.cases').waitFor()
    for (const path of ['/support', '/profile', '/ideas']) {
      await page.goto(`${site}${path}`)
      await page.screenshot({ path: join(ARTIFACTS, `390-signed-in-${path.slice(1)}.png`), fullPage: true })
      const { scrollWidth, innerWidth } = await overflow(page)
      expect(scrollWidth, `${path} is ${scrollWidth} px wide`).toBeLessThanOrEqual(innerWidth)
    }
    await page.close()
  })
})
