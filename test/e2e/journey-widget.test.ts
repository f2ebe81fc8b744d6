import { randomUUID } from 'node:crypto'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Core, createSasToken } from '../../core/index.ts'
import { seedDemo } from '../../demo/index.ts'
import type { Interaction, JourneyResponse } from '../../schemas/index.ts'
import { LIST_LIMIT } from '../../journey-ui/testing.ts'
import { sampleJourney } from '../../journey-ui/testing.ts'
import { type WidgetHarness, startWidgetHarness } from '../support/widget-harness.ts'
import { type Captured, captured, finishedCount, openWidgetPage } from '../support/widget-page.ts'

/**
 * The journey widget end to end: the real app on a real embedded ClickHouse,
 * a case form on another origin loading the widget from casetrail's, and a
 * real headless Chromium. Screenshots go to test-artifacts/journey-widget/.
 */

const PUBLIC_URL = 'http://casetrail.test'
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/journey-widget')
const HOUR = 3_600_000
const DAY = 24 * HOUR

type Tagged = Interaction & { portal_contactid: string }

let harness: WidgetHarness
let core: Core
const before = new Date(Date.now() - HOUR).toISOString()
const contacts = { rich: randomUUID(), empty: randomUUID(), big: randomUUID() }
let demoCalls = 0

/** The interactions a sample journey makes, moved onto one of our contacts. */
function interactionsFor(contactId: string, count: number, windowMs: number, seed: number): Tagged[] {
  return sampleJourney({ count, before, windowMs, seed }).interactions.map((it) => ({
    ...it,
    portal_contactid: contactId,
  }))
}

async function ingest(items: readonly Interaction[]) {
  for (let i = 0; i < items.length; i += 500) {
    const res = await harness.postToHub('interactions?wait=stored', items.slice(i, i + 500))
    expect(res.status).toBe(200)
  }
}

/** What the API answers, read from Node: the reference the widget is checked against. */
async function journeyFromApi(contactId: string, window: string): Promise<JourneyResponse> {
  const query = new URLSearchParams({ before, window })
  const res = await fetch(
    `${harness.ctOrigin}/v1/hubs/${harness.hubId}/contacts/${contactId}/journey?${query}`,
    {
      headers: { authorization: harness.readToken(contactId) },
    },
  )
  expect(res.status).toBe(200)
  return (await res.json()) as JourneyResponse
}

/** Registers a case form on the host origin that loads the widget from casetrail's origin. */
const caseForm = (path: string, attributes: Record<string, string>) =>
  harness.caseForm(path, attributes, {
    style: `body{font-family:sans-serif;margin:0;background:#eef0f3}header{background:#243a5e;color:#fff;padding:10px 16px}
main{max-width:1000px;margin:16px auto;padding:0 16px}`,
    header: '<header><a href="#case" style="color:#fff">Case CAS-01042</a> · Cannot sign in</header>\n',
  })

const open = (url: string) => openWidgetPage(harness.context, url)

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })

beforeAll(async () => {
  harness = await startWidgetHarness({
    artifacts: ARTIFACTS,
    publicUrl: PUBLIC_URL,
    hubName: 'E2E hub',
    profile: { crmrecordid: contacts.rich, name: 'Avery Lin', email: 'avery.lin@contoso.example' },
    browser: { viewport: { width: 1100, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Paris' },
    app: async (core) => {
      const demo = (await seedDemo(core)).state
      const demoKey = (await core.hubs.get(demo.hubId)).keys.find((k) => k.keyName === 'default')!.primaryKey
      return {
        // One contact's 1,200 interactions arrive at once here: over the default per-contact burst of 1,000.
        ingest: { ratePerContact: { perSecond: 10, burst: 5000 } },
        widget: {
          demoCase: async () => {
            demoCalls++
            return {
              ...demo,
              caseCreatedAt: demo.caseCreatedAt,
              portalBaseUrl: 'https://portal.contoso.example/go',
              token: createSasToken({
                resourceUri: `${PUBLIC_URL}/v1/hubs/${demo.hubId}/contacts/${demo.contactId}`,
                keyName: 'default',
                key: demoKey,
                ttlSeconds: 900,
              }),
            }
          },
        },
      }
    },
  })
  core = harness.core
  await ingest(interactionsFor(contacts.rich, 140, 30 * DAY, 11))
  await ingest(interactionsFor(contacts.big, 1200, 7 * DAY, 12))
}, 120_000)

afterAll(() => harness?.close())

const richPage = (path: string, extra: Record<string, string> = {}) =>
  caseForm(path, {
    hub: harness.hubId,
    contact: contacts.rich,
    before,
    token: harness.readToken(contacts.rich),
    'portal-link': 'https://portal.contoso.example/go/{kind}/{id}',
    ...extra,
  })

describe('the journey widget in Chromium', () => {
  it('opens the demo case page, under its strict CSP, and draws every interaction', async () => {
    const { page, problems } = await open(`${harness.ctOrigin}/demo/case`)
    const finished = await finishedCount(page, 1)
    const demo = (await seedDemo(core)).state
    const html = await (await fetch(`${harness.ctOrigin}/demo/case`)).text()
    const token = /token="([^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&')
    const api = await fetch(
      `${harness.ctOrigin}/v1/hubs/${demo.hubId}/contacts/${demo.contactId}/journey?${new URLSearchParams({ before: demo.caseCreatedAt, window: 'P7D' })}`,
      { headers: { authorization: token } },
    )
    const journey = (await api.json()) as JourneyResponse
    expect(journey.interactions.length).toBeGreaterThan(5)
    expect(finished).toEqual({
      points: journey.interactions.length,
      interactions: journey.interactions.length,
      hidden: [],
      window: 'P7D',
    })
    await expect(page.locator('casetrail-journey .name').textContent()).resolves.toBe('Avery Lin')
    expect(demoCalls).toBeGreaterThanOrEqual(1)
    await shot(page, '01-demo-case-page')
    expect(problems).toEqual([])
    await page.close()
  })

  it('shows the customer from the profile on the case card, in French and German too', async () => {
    const expected = {
      en: ['Customer', 'Email', 'Created on', 'Origin', 'Priority', 'Status'],
      fr: ['Client', 'E-mail', 'Créée le', 'Origine', 'Priorité', 'Statut'],
      de: ['Kunde', 'E-Mail', 'Erstellt am', 'Ursprung', 'Priorität', 'Status'],
    } as const
    for (const [lang, labels] of Object.entries(expected)) {
      const { page, problems } = await open(`${harness.ctOrigin}/demo/case?lang=${lang}`)
      await finishedCount(page, 1)
      const card = page.locator('section[aria-labelledby="case-title"]')
      await expect(card.locator('dl dt').allTextContents()).resolves.toEqual(labels)
      await expect(page.locator('[data-field="customer"]').textContent()).resolves.toBe('Avery Lin')
      await expect(page.locator('[data-field="email"]').textContent()).resolves.toMatch(/^avery\.lin@/)
      // The widget speaks the page's language too.
      await expect(page.locator('casetrail-journey .root').getAttribute('lang')).resolves.toBe(lang)
      for (const width of lang === 'en' ? [1280, 800, 390] : [1280]) {
        await page.setViewportSize({ width, height: 900 })
        await finishedCount(page, 1)
        await shot(page, `00-demo-case-${lang}-${width}`)
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        expect(wide, `the demo page at ${width} px`).toBeLessThanOrEqual(0)
      }
      expect(problems).toEqual([])
      await page.close()
    }
  })

  it('loads from another origin, paints the list, then draws as many points as the API returned', async () => {
    const journey = await journeyFromApi(contacts.rich, 'P7D')
    const requests: string[] = []
    const url = richPage('/case-rich')
    const { page, problems } = await open('about:blank')
    page.on('request', (req) => requests.push(req.url()))
    await page.goto(url)
    const finished = await finishedCount(page, 1)
    expect(finished).toEqual({
      points: journey.interactions.length,
      interactions: journey.interactions.length,
      hidden: [],
      window: 'P7D',
    })
    const { painted, states } = await captured(page)
    expect(painted).toEqual([{ interactions: journey.interactions.length, window: 'P7D' }])
    expect(states).toEqual(['loading', 'ready'])
    // The script, both lazy chunks and the API all came from casetrail's origin, not the page's.
    const fromCasetrail = requests
      .filter((r) => r.startsWith(harness.ctOrigin))
      .map((r) => new URL(r).pathname)
    expect(fromCasetrail).toEqual(
      expect.arrayContaining([
        '/widget/casetrail-journey.js',
        expect.stringMatching(/^\/widget\/parse-journey-[A-Z0-9]{8}\.js$/),
        expect.stringMatching(/^\/widget\/echarts-chart-[A-Z0-9]{8}\.js$/),
        `/v1/hubs/${harness.hubId}/contacts/${contacts.rich}/journey`,
      ]),
    )
    const items = await page.locator('casetrail-journey [data-item]').count()
    const { articles, blogPosts, forumThreads, searches } = journey.summary
    const lists = [articles, blogPosts, forumThreads, searches]
    expect(items).toBe(lists.reduce((n, list) => n + Math.min(list.length, LIST_LIMIT), 0))
    await shot(page, '02-cross-origin-7-days')
    expect(problems).toEqual([])
    await page.close()
  })

  it('shows the title of a point when hovered', async () => {
    const journey = await journeyFromApi(contacts.rich, 'P7D')
    // The point farthest in time from any other of its lane: nothing else can sit on top of it.
    const lonely = journey.interactions
      .filter((it) => it.type !== 'portal_search')
      .map((it) => {
        const t = Date.parse(it.portal_timestamp)
        const gap = Math.min(
          ...journey.interactions
            .filter((o) => o !== it && o.type === it.type)
            .map((o) => Math.abs(Date.parse(o.portal_timestamp) - t)),
        )
        return { it, gap }
      })
      .sort((a, b) => b.gap - a.gap)[0]!.it
    const title =
      lonely.type === 'portal_viewknowledgearticle'
        ? lonely.portal_knowledgetitle
        : lonely.type === 'portal_viewblogpost'
          ? lonely.portal_blogtitle
          : lonely.type === 'portal_viewforumthread'
            ? lonely.portal_forumthreadtitle
            : ''
    const { page } = await open(richPage('/case-hover'))
    await finishedCount(page, 1)
    const point = await page.evaluate(
      (id) => document.querySelector('casetrail-journey')!.locatePoint(id),
      lonely.portal_interactionid,
    )
    expect(point).not.toBeNull()
    await page.mouse.move(point!.x, point!.y)
    const tip = page.locator('casetrail-journey .tip')
    await tip.waitFor()
    await expect(tip.locator('strong').textContent()).resolves.toBe(title)
    const exact = new Intl.DateTimeFormat('en-US', {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone: 'Europe/Paris',
    }).format(new Date(lonely.portal_timestamp))
    await expect(tip.locator('time').textContent()).resolves.toBe(exact)
    await shot(page, '03-hover-tooltip')
    await page.mouse.move(5, 5)
    await tip.waitFor({ state: 'detached' })
    await page.close()
  })

  it('hides a type when its legend button is pressed, and shows it again', async () => {
    const journey = await journeyFromApi(contacts.rich, 'P7D')
    const searches = journey.interactions.filter((it) => it.type === 'portal_search')
    expect(searches.length).toBeGreaterThan(0)
    const { page } = await open(richPage('/case-legend'))
    await finishedCount(page, 1)
    const button = page.locator('casetrail-journey .legend button[data-type="portal_search"]')
    await button.click()
    const hidden = await finishedCount(page, 2)
    expect(hidden).toMatchObject({
      points: journey.interactions.length - searches.length,
      hidden: ['portal_search'],
    })
    await expect(button.getAttribute('aria-pressed')).resolves.toBe('false')
    const gone = await page.evaluate(
      (id) => document.querySelector('casetrail-journey')!.locatePoint(id),
      searches[0]!.portal_interactionid,
    )
    expect(gone).toBeNull()
    await shot(page, '04-legend-hides-searches')
    await button.click()
    await expect(finishedCount(page, 3)).resolves.toMatchObject({
      points: journey.interactions.length,
      hidden: [],
    })
    await page.close()
  })

  it('refetches when the window is switched to 30 days and to 24 hours', async () => {
    const month = await journeyFromApi(contacts.rich, 'P30D')
    const day = await journeyFromApi(contacts.rich, 'PT24H')
    const week = await journeyFromApi(contacts.rich, 'P7D')
    expect(month.interactions.length).toBeGreaterThan(week.interactions.length)
    const { page } = await open(richPage('/case-window'))
    await finishedCount(page, 1)
    const asked = page.waitForRequest(
      (req) => req.url().includes('/journey?') && req.url().includes('window=P30D'),
    )
    await page.locator('casetrail-journey [data-window="P30D"]').click()
    await asked
    await expect(finishedCount(page, 2)).resolves.toEqual({
      points: month.interactions.length,
      interactions: month.interactions.length,
      hidden: [],
      window: 'P30D',
    })
    await expect(page.locator('casetrail-journey .summary').textContent()).resolves.toBe(
      `${month.interactions.length} interactions in the 30 days before this case`,
    )
    await shot(page, '05-window-30-days')
    await page.locator('casetrail-journey [data-window="PT24H"]').click()
    const last = day.interactions.length
    if (last > 0) {
      await expect(finishedCount(page, 3)).resolves.toMatchObject({ points: last, window: 'PT24H' })
    } else {
      await page.locator('casetrail-journey [data-state="empty"]').waitFor()
    }
    await shot(page, '06-window-24-hours')
    await page.close()
  })

  it('draws 1,200 interactions and counts every one', async () => {
    const { page, problems } = await open(
      caseForm('/case-big', {
        hub: harness.hubId,
        contact: contacts.big,
        before,
        token: harness.readToken(contacts.big),
      }),
    )
    await expect(finishedCount(page, 1)).resolves.toMatchObject({ points: 1200, interactions: 1200 })
    await shot(page, '07-1200-interactions')
    expect(problems).toEqual([])
    await page.close()
  })

  it('says there was no portal activity for a contact without any', async () => {
    const { page } = await open(
      caseForm('/case-empty', {
        hub: harness.hubId,
        contact: contacts.empty,
        before,
        token: harness.readToken(contacts.empty),
      }),
    )
    const empty = page.locator('casetrail-journey [data-state="empty"]')
    await empty.waitFor()
    await expect(empty.textContent()).resolves.toBe('No portal activity in the 7 days before this case.')
    await shot(page, '08-empty')
    await page.close()
  })

  it('explains an expired token, and a refused one, without a stack trace', async () => {
    const expired = harness.readToken(contacts.rich, { now: Date.now() - 2 * HOUR, ttlSeconds: 60 })
    const { page } = await open(
      caseForm('/case-expired', { hub: harness.hubId, contact: contacts.rich, before, token: expired }),
    )
    const alert = page.locator('casetrail-journey [role="alert"]')
    await alert.waitFor()
    await expect(alert.getAttribute('data-code')).resolves.toBe('token_expired')
    const text = await alert.textContent()
    expect(text).toContain('The access to this journey has expired. Reload the case to get a fresh one.')
    expect(text).not.toMatch(/\bat \S+ \(|TypeError|Error:/)
    await expect(alert.locator('button').count()).resolves.toBe(0)
    await shot(page, '09-expired-token')

    // A token for another contact: valid, but it does not cover this one.
    await page.goto(
      caseForm('/case-refused', {
        hub: harness.hubId,
        contact: contacts.rich,
        before,
        token: harness.readToken(contacts.empty),
      }),
    )
    await page.locator('casetrail-journey [role="alert"][data-code="token_refused"]').waitFor()
    await shot(page, '10-refused-token')
    await page.close()
  })

  it('offers a retry when casetrail cannot be reached', async () => {
    const { page } = await open(
      caseForm('/case-down', {
        hub: harness.hubId,
        contact: contacts.rich,
        before,
        token: harness.readToken(contacts.rich),
        'base-url': 'http://127.0.0.1:9',
      }),
    )
    const retry = page.locator('casetrail-journey [data-code="api_down"] button')
    await retry.waitFor()
    await retry.click()
    await page.waitForFunction(
      () =>
        (window as unknown as { __casetrail: Captured }).__casetrail.states.filter((s) => s === 'error')
          .length >= 2,
    )
    await shot(page, '11-api-down')
    await page.close()
  })

  it('lets a keyboard user reach every list item with Tab', async () => {
    const { page } = await open(richPage('/case-keyboard'))
    await finishedCount(page, 1)
    const all = await page
      .locator('casetrail-journey [data-item]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-item')))
    expect(all.length).toBeGreaterThan(5)
    const reached: string[] = []
    let left = false
    for (let i = 0; i < all.length + 40 && !left; i++) {
      await page.keyboard.press('Tab')
      const focused = await page.evaluate(() => {
        const widget = document.querySelector('casetrail-journey')!
        if (document.activeElement !== widget) return { inside: false, item: null }
        return { inside: true, item: widget.shadowRoot!.activeElement?.getAttribute('data-item') ?? null }
      })
      if (focused.item) reached.push(focused.item)
      left = !focused.inside && reached.length > 0
      if (focused.item === all[Math.floor(all.length / 2)]) await shot(page, '12-keyboard-focus')
    }
    expect(reached).toEqual(all)
    await page.close()
  })

  it('speaks French and formats in French when lang is fr', async () => {
    const journey = await journeyFromApi(contacts.rich, 'P7D')
    const { page } = await open(richPage('/case-fr', { lang: 'fr' }))
    await finishedCount(page, 1)
    await expect(page.locator('casetrail-journey #already-read').textContent()).resolves.toBe('Déjà lu')
    await expect(page.locator('casetrail-journey .summary').textContent()).resolves.toBe(
      `${journey.interactions.length} interactions dans les 7 jours précédant cette demande`,
    )
    await shot(page, '13-french')
    await page.close()
  })
})
