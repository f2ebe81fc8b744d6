import { randomUUID } from 'node:crypto'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ChartLayout, type ClientBox, interactionText } from '../../journey-ui/index.ts'
import { CROWDED_CASES, crowdedJourney, sampleJourney } from '../../journey-ui/testing.ts'
import { INTERACTION_TYPES, type Interaction } from '../../schemas/index.ts'
import { type WidgetHarness, startWidgetHarness } from '../support/widget-harness.ts'
import { captured, finishedCount, openWidgetPage } from '../support/widget-page.ts'

/**
 * The journey chart's drawing, in real Chromium against the real app: a
 * crowded case (40 interactions in its last 30 minutes, three earlier cases)
 * and a busy last hour (50 interactions) must show every marker of the final
 * hour apart from every other, none over the case's line or tag; the axis
 * spans the chosen window, and "zoom to the activity" is one click.
 * Screenshots at 1280, 800 and 390 px go to test-artifacts/journey-chart/.
 */

const PUBLIC_URL = 'http://casetrail.test'
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/journey-chart')
const HOUR = 3_600_000
const WIDTHS = [1280, 800, 390] as const

let harness: WidgetHarness
const before = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString()
// A digit after every hyphen: Unicode's line breaking allows no break in it (LB25), so only the widget's own break points can wrap it.
const contact = '8f1e2d3c-4b5a-4978-8695-1a4b3c2d1e0f'
const repeat = randomUUID()
const crowdedContact = randomUUID()
let crowded: Interaction[] = []
// The repeated cases' contact: a case two days ago, so a day after it is in the past too.
const aroundBefore = new Date(Date.parse(before) - 2 * 24 * HOUR).toISOString()
let busy: Interaction[] = []
let around: Interaction[] = []
const otherCases = [
  { caseId: randomUUID(), caseNumber: 'CAS-01001', title: 'Cannot sign in', hoursFromCase: -30 },
  { caseId: randomUUID(), caseNumber: 'CAS-01077', title: 'Still locked out', hoursFromCase: 9 },
]

/** Registers a case form at `path` that loads the widget with `attributes`; answers its URL. */
const caseForm = (path: string, attributes: Record<string, string>) =>
  harness.caseForm(path, attributes, {
    head: '<meta name="viewport" content="width=device-width, initial-scale=1">',
    style:
      'body{font-family:sans-serif;margin:0;background:#eef0f3}main{max-width:1100px;margin:12px auto;padding:0 12px}',
  })

async function openChart(
  width: number,
  path: string,
  attributes: Record<string, string> = { contact, window: 'P7D' },
): Promise<{ page: Page; layout: ChartLayout }> {
  const { page } = await openWidgetPage(
    harness.context,
    caseForm(path, {
      hub: harness.hubId,
      before,
      token: harness.readToken(attributes.contact!),
      lang: 'en',
      ...attributes,
    }),
    { width, height: 900 },
  )
  await finishedCount(page, 1)
  const layout = await page.evaluate(() => document.querySelector('casetrail-journey')!.chartLayout())
  expect(layout).not.toBeNull()
  return { page, layout: layout! }
}

const intersects = (a: ClientBox, b: ClientBox) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

beforeAll(async () => {
  harness = await startWidgetHarness({
    artifacts: ARTIFACTS,
    publicUrl: PUBLIC_URL,
    hubName: 'Chart hub',
    profile: { crmrecordid: contact, name: 'Avery Lin', email: 'avery.lin@contoso.example' },
    browser: { locale: 'en-US', timezoneId: 'Europe/Paris' },
    tempPrefix: 'casetrail-chart-',
  })
  busy = sampleJourney({ count: 50, before, windowMs: HOUR, seed: 5 }).interactions.map((it) => ({
    ...it,
    portal_contactid: contact,
  }))
  // Two days before the case and one after it, for a contact with two other cases.
  const caseAt = Date.parse(aroundBefore)
  const after = new Date(caseAt + 20 * HOUR).toISOString()
  around = [
    ...sampleJourney({ count: 30, before: aroundBefore, windowMs: 2 * 24 * HOUR, seed: 8 }).interactions,
    ...sampleJourney({ count: 12, before: after, windowMs: 18 * HOUR, seed: 9 }).interactions,
  ].map((it) => ({ ...it, portal_contactid: repeat }))
  const cases = [
    ...otherCases.map((c) => ({
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      title: c.title,
      contactId: repeat,
      createdAt: new Date(caseAt + c.hoursFromCase * HOUR).toISOString(),
    })),
    ...CROWDED_CASES.map((c) => ({
      caseId: randomUUID(),
      caseNumber: c.caseNumber,
      title: c.title,
      status: c.status,
      contactId: crowdedContact,
      createdAt: new Date(Date.parse(before) + c.fromCaseMs).toISOString(),
    })),
  ]
  // The crowded case: 40 interactions in its last 30 minutes, 30 more over the 30 days before.
  crowded = crowdedJourney({ before, windowMs: 30 * 24 * HOUR }).interactions.map((it) => ({
    ...it,
    portal_contactid: crowdedContact,
  }))
  for (const [path, body] of [
    ['interactions?wait=stored', [...busy, ...around, ...crowded]],
    ['cases', cases],
  ] as const) {
    const res = await harness.postToHub(path, body)
    const answer = (await res.json()) as { rejected: unknown[] }
    expect(res.status, JSON.stringify(answer)).toBeLessThan(300)
    expect(answer.rejected).toEqual([])
  }
}, 120_000)

afterAll(() => harness?.close())

describe('the crowded case: 40 interactions in its last 30 minutes, 3 earlier cases', () => {
  const lastHour = () => {
    const caseAt = Date.parse(before)
    return new Set(
      crowded
        .filter((it) => Date.parse(it.portal_timestamp) >= caseAt - HOUR)
        .map((it) => it.portal_interactionid),
    )
  }
  for (const width of WIDTHS) {
    it(`at ${width} px: every marker of the final hour apart, none over the case's line or tag`, async () => {
      const { page, layout } = await openChart(width, `/crowded-${width}`, {
        contact: crowdedContact,
        window: 'P7D',
      })
      await page.screenshot({ path: join(ARTIFACTS, `crowded-${width}.png`), fullPage: true })
      const final = lastHour()
      expect(final.size).toBeGreaterThanOrEqual(40)
      const markers = layout.markers.filter((m) => m.interactionId && final.has(m.interactionId))
      expect(markers).toHaveLength(final.size)
      const overlapping: string[] = []
      for (let i = 0; i < markers.length; i++)
        for (let j = i + 1; j < markers.length; j++)
          if (intersects(markers[i]!.box, markers[j]!.box))
            overlapping.push(`${JSON.stringify(markers[i]!.box)} and ${JSON.stringify(markers[j]!.box)}`)
      expect(overlapping).toEqual([])
      expect(layout.caseTag).not.toBeNull()
      expect(layout.caseX).not.toBeNull()
      for (const marker of layout.markers) {
        expect(intersects(layout.caseTag!, marker.box)).toBe(false)
        const crosses = marker.box.left <= layout.caseX! + 1 && marker.box.right >= layout.caseX! - 1
        expect(crosses, `${marker.seriesId} ${JSON.stringify(marker.box)} on the case's line`).toBe(false)
      }
      // Every marker is big enough to hover, and the three earlier cases are drawn apart.
      for (const marker of markers) expect(marker.box.right - marker.box.left).toBeGreaterThanOrEqual(8)
      const cases = layout.markers.filter((m) => m.seriesId === 'cases')
      expect(cases).toHaveLength(3)
      // Hovering each marker of the final hour names that interaction, and no other.
      const byId = new Map(crowded.map((it) => [it.portal_interactionid, interactionText(it)]))
      const tip = page.locator('casetrail-journey .tip strong')
      const named: string[] = []
      for (const marker of markers) {
        await page.mouse.move(0, 0)
        await tip.waitFor({ state: 'detached' })
        await page.mouse.move(
          (marker.box.left + marker.box.right) / 2,
          (marker.box.top + marker.box.bottom) / 2,
        )
        await tip.waitFor()
        if ((await tip.textContent()) !== byId.get(marker.interactionId!)) named.push(marker.interactionId!)
      }
      expect(named, 'markers whose tooltip named another interaction').toEqual([])
      // The last hour has a band of its own, wider than the six days and 23 hours before it... at least a third.
      const focus = layout.bands.find((b) => b.kind === 'focus')!
      const all = layout.bands.at(-1)!.right - layout.bands[0]!.left
      expect((focus.right - focus.left) / all).toBeGreaterThan(0.4)
      await page.close()
    })
  }

  it('reports the drawing when the host already gives the chart more height than the crowd needs', async () => {
    const { page, layout } = await openChart(800, '/crowded-tall', {
      contact: crowdedContact,
      window: 'P7D',
      style: '--casetrail-chart-height: 640px',
    })
    const tops = layout.markers.map((m) => m.box.top)
    expect(Math.max(...tops) - Math.min(...tops)).toBeGreaterThan(400)
    await page.close()
  })

  it('spans the chosen window: 24 hours, 7 days and 30 days are three different axes', async () => {
    const { page, layout } = await openChart(1280, '/crowded-windows', {
      contact: crowdedContact,
      window: 'P7D',
    })
    const caseAt = Date.parse(before)
    const spans: Record<string, [number, number]> = {
      P7D: [Date.parse(layout.view.from), Date.parse(layout.view.to)],
    }
    for (const choice of ['PT24H', 'P30D'] as const) {
      const seen = (await captured(page)).finished.length
      await page.locator(`casetrail-journey button[data-window="${choice}"]`).click()
      await finishedCount(page, seen + 1)
      const now = (await page.evaluate(() => document.querySelector('casetrail-journey')!.chartLayout()))!
      spans[choice] = [Date.parse(now.view.from), Date.parse(now.view.to)]
      await page.screenshot({ path: join(ARTIFACTS, `crowded-${choice}-1280.png`), fullPage: true })
    }
    expect(spans).toEqual({
      PT24H: [caseAt - 24 * HOUR, caseAt],
      P7D: [caseAt - 7 * 24 * HOUR, caseAt],
      P30D: [caseAt - 30 * 24 * HOUR, caseAt],
    })
    await page.close()
  })
})

describe('the journey chart, 50 interactions in the hour before the case', () => {
  for (const width of WIDTHS) {
    it(`at ${width} px: every marker apart from its lane's others, the case tag over none`, async () => {
      const { page, layout } = await openChart(width, `/busy-${width}`)
      await page.screenshot({ path: join(ARTIFACTS, `busy-hour-${width}.png`), fullPage: true })
      const lanes = layout.markers.filter((m) => m.seriesId.startsWith('portal_'))
      // Every interaction is drawn, once.
      expect(lanes.map((m) => m.interactionId).sort()).toEqual(
        busy.map((it) => it.portal_interactionid).sort(),
      )
      for (const type of INTERACTION_TYPES) {
        const mine = lanes.filter((m) => m.seriesId === type)
        for (let i = 0; i < mine.length; i++)
          for (let j = i + 1; j < mine.length; j++) {
            expect(
              intersects(mine[i]!.box, mine[j]!.box),
              `${type}: ${JSON.stringify(mine[i]!.box)} and ${JSON.stringify(mine[j]!.box)}`,
            ).toBe(false)
          }
      }
      expect(layout.caseTag).not.toBeNull()
      const tag = layout.caseTag!
      expect(tag.right - tag.left).toBeGreaterThan(tag.bottom - tag.top) // a horizontal tag
      for (const marker of layout.markers) expect(intersects(tag, marker.box)).toBe(false)
      // The tag is readable: inside the page, not cut off.
      expect(tag.left).toBeGreaterThanOrEqual(0)
      expect(tag.right).toBeLessThanOrEqual(width)
      await page.close()
    })
  }

  it('opens on the whole window, and zooms to the activity in one click', async () => {
    const { page, layout } = await openChart(1280, '/busy-zoom')
    const caseAt = Date.parse(before)
    expect(Date.parse(layout.view.from)).toBe(caseAt - 7 * 24 * HOUR)
    expect(Date.parse(layout.view.to)).toBe(caseAt)
    const first = Math.min(...busy.map((it) => Date.parse(it.portal_timestamp)))
    const button = page.locator('casetrail-journey .chart-tools button')
    await expect(button.textContent()).resolves.toBe('Zoom to the activity')
    await button.click()
    await page.waitForFunction(
      (from) => document.querySelector('casetrail-journey')!.chartLayout()!.view.from > from,
      layout.view.from,
    )
    const zoomed = (await page.evaluate(() => document.querySelector('casetrail-journey')!.chartLayout()))!
    const pad = Math.max((caseAt - first) * 0.05, 60_000)
    expect(Math.abs(Date.parse(zoomed.view.from) - (first - pad))).toBeLessThan(1000)
    expect(Math.abs(Date.parse(zoomed.view.to) - caseAt)).toBeLessThan(1000)
    await expect(button.textContent()).resolves.toBe('Show the whole window')
    await page.screenshot({ path: join(ARTIFACTS, 'busy-hour-zoomed.png'), fullPage: true })
    await page.close()
  })
})

describe('the widget at phone width (a case form in a 360 px side panel)', () => {
  it('shows the table without clipping a row, and breaks the CRM id only at its hyphens', async () => {
    const { page } = await openChart(360, '/phone-table')
    await page.locator('casetrail-journey details.table summary').click()
    await page.locator('casetrail-journey details.table tbody tr').first().waitFor()
    const table = await page.evaluate(() => {
      const root = document.querySelector('casetrail-journey')!.shadowRoot!
      const wrap = root.querySelector('.table-wrap')!
      const box = wrap.getBoundingClientRect()
      const rows = [...root.querySelectorAll('tbody tr')].map((tr) => tr.getBoundingClientRect())
      return {
        sideways: wrap.scrollWidth - wrap.clientWidth,
        rows: rows.length,
        outside: rows.filter((r) => r.left < box.left - 0.5 || r.right > box.right + 0.5).length,
      }
    })
    expect(table).toEqual({ sideways: 0, rows: busy.length, outside: 0 })
    // In a panel narrow enough for the id to wrap, the character before each break is a hyphen.
    await page.evaluate(() => {
      document.querySelector('main')!.style.maxWidth = '260px'
    })
    const breaks = await page.evaluate(() => {
      const root = document.querySelector('casetrail-journey')!.shadowRoot!
      const dd = [...root.querySelectorAll('.facts dd')].find((el) =>
        /^[0-9a-f-]{36}$/.test(el.textContent!),
      )!
      const text = dd.textContent!
      const out: string[] = []
      let top: number | null = null
      let at = 0
      for (const node of [...dd.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)) {
        for (let i = 0; i < node.textContent!.length; i++, at++) {
          const range = document.createRange()
          range.setStart(node, i)
          range.setEnd(node, i + 1)
          const y = range.getClientRects()[0]?.top ?? null
          if (top !== null && y !== null && y > top + 2) out.push(text.slice(Math.max(0, at - 3), at + 3))
          if (y !== null) top = y
        }
      }
      return { text, out }
    })
    expect(breaks.text).toBe(contact)
    expect(breaks.out.length).toBeGreaterThan(0)
    for (const around of breaks.out) expect(around.charAt(2), `a break in ${around}`).toBe('-')
    await page.screenshot({ path: join(ARTIFACTS, 'phone-table-360.png'), fullPage: true })
    await page.close()
  })
})

describe('the journey chart around a case, with an after window', () => {
  it('lists what came before the case and what came after it apart, marked data-when', async () => {
    const { page } = await openChart(1280, '/around-lists', {
      contact: repeat,
      before: aroundBefore,
      window: 'P7D',
      after: 'P1D',
    })
    const caseAt = Date.parse(aroundBefore)
    const expected = (after: boolean) => {
      const side = around.filter((it) => Date.parse(it.portal_timestamp) >= caseAt === after)
      const ids = new Set<string>()
      for (const it of side) {
        if (it.type === 'portal_viewknowledgearticle') ids.add(`article:${it.portal_knowledgearticleid}`)
        if (it.type === 'portal_viewblogpost') ids.add(`blogpost:${it.portal_blogpostid}`)
        if (it.type === 'portal_viewforumthread') ids.add(`forumthread:${it.portal_forumthreadid}`)
      }
      return { viewed: [...ids].sort(), searches: side.filter((it) => it.type === 'portal_search').length }
    }
    // Every list open, so that every item is in the page.
    for (const more of await page.locator('casetrail-journey button.more').all()) await more.click()
    const listed = (when: 'before' | 'after') =>
      page.evaluate((side) => {
        const root = document.querySelector('casetrail-journey')!.shadowRoot!
        const items = [...root.querySelectorAll(`[data-when="${side}"] [data-item]`)].map((el) =>
          el.getAttribute('data-item')!.replace(/^after:/, ''),
        )
        return {
          viewed: items.filter((key) => !key.startsWith('search:')).sort(),
          searches: items.filter((key) => key.startsWith('search:')).length,
        }
      }, when)
    expect(await listed('before')).toEqual(expected(false))
    expect(await listed('after')).toEqual(expected(true))
    expect(expected(true).viewed.length + expected(true).searches).toBeGreaterThan(0)
    const headings = page.locator('casetrail-journey section.when > h3')
    await expect(headings.allTextContents()).resolves.toEqual(['Before the case', 'After the case'])
    // The host page styles the groups through their shadow parts.
    await page.addStyleTag({
      content: 'casetrail-journey::part(after) { background-color: rgb(255, 244, 248) }',
    })
    const backgrounds = await page.evaluate(() =>
      [...document.querySelector('casetrail-journey')!.shadowRoot!.querySelectorAll('section.when')].map(
        (el) => getComputedStyle(el).backgroundColor,
      ),
    )
    expect(backgrounds).toEqual(['rgba(0, 0, 0, 0)', 'rgb(255, 244, 248)'])
    await page.screenshot({ path: join(ARTIFACTS, 'before-after-lists-1280.png'), fullPage: true })
    await page.close()
  })

  it('draws what happened after the case right of its line, and a marker for each other case', async () => {
    const { page, layout } = await openChart(1280, '/around', {
      contact: repeat,
      before: aroundBefore,
      window: 'P7D',
      after: 'P1D',
    })
    await page.screenshot({ path: join(ARTIFACTS, 'after-window-and-cases-1280.png'), fullPage: true })
    const caseAt = Date.parse(aroundBefore)
    expect(layout.caseX).not.toBeNull()
    const byId = new Map(around.map((it) => [it.portal_interactionid, Date.parse(it.portal_timestamp)]))
    const lanes = layout.markers.filter((m) => m.seriesId.startsWith('portal_'))
    expect(lanes).toHaveLength(around.length)
    for (const marker of lanes) {
      const centre = (marker.box.left + marker.box.right) / 2
      if (byId.get(marker.interactionId!)! >= caseAt) expect(centre).toBeGreaterThan(layout.caseX!)
      else expect(centre).toBeLessThan(layout.caseX!)
    }
    expect(layout.afterZone).not.toBeNull()
    expect(layout.afterZone!.left).toBeCloseTo(layout.caseX!, 0)
    // One marker per other case, where its time is: one before the case's line, one after.
    const cases = layout.markers.filter((m) => m.seriesId === 'cases')
    expect(cases).toHaveLength(2)
    const centres = cases.map((m) => (m.box.left + m.box.right) / 2).sort((a, b) => a - b)
    expect(centres[0]).toBeLessThan(layout.caseX!)
    expect(centres[1]).toBeGreaterThan(layout.caseX!)
    await expect(page.locator('casetrail-journey .summary').textContent()).resolves.toBe(
      `${around.length} interactions in the 7 days before this case and up to 24 hours after it`,
    )
    // Hovering a case marker names it.
    const [x, y] = [centres[1]!, (cases[0]!.box.top + cases[0]!.box.bottom) / 2]
    await page.mouse.move(x, y)
    const tip = page.locator('casetrail-journey .tip')
    await tip.waitFor()
    await expect(tip.textContent()).resolves.toContain('CAS-01077')
    await expect(tip.locator('strong').textContent()).resolves.toBe('Still locked out')
    await page.screenshot({ path: join(ARTIFACTS, 'after-window-case-tooltip.png') })
    await page.close()
  })
})
