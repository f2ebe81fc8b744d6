import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DemoPortal, type DemoState, seedDemo, seedDemoPortal } from '../../demo/index.ts'
import { type ConsoleHarness, startConsoleHarness } from '../support/console-harness.ts'

/**
 * The Insights page on the demo's 90-day history, in headless Chromium against
 * the real app: each chart titled by its question, drawn in the shared palette,
 * the figures of a bar on hover, the item opened on the demo portal on a click,
 * and the empty state naming the API's reader threshold. axe-clean; screenshots
 * at 1280 and 800 px: test-artifacts/admin-console/50-insights-demo-*.png.
 */

let h: ConsoleHarness
let demo: DemoState
let portal: DemoPortal

beforeAll(async () => {
  h = await startConsoleHarness()
  demo = (await seedDemo(h.core)).state
  portal = (await seedDemoPortal(h.core, demo)).portal
  await h.api('POST', '/v1/admin/hubs', { name: 'Quiet hub' })
  await h.signIn()
}, 180_000)
afterAll(async () => {
  await h?.close()
})

const QUESTIONS = [
  'Which content did people read before opening a case anyway?',
  'Which content settles questions without a case?',
  'What did people search for before opening a case?',
  'How much did people read and search each day, and how many opened a case?',
]

describe('Insights on the demo history', () => {
  it('asks one question per chart and draws each', async () => {
    const { page } = h
    await page.getByRole('link', { name: 'Insights' }).click()
    await page.getByLabel('Hub', { exact: true }).selectOption({ label: 'Demo hub' })
    await page.getByRole('button', { name: 'Show' }).click()
    for (const q of QUESTIONS) await page.getByRole('heading', { name: q }).waitFor()
    // Four on the page, two in the Deflection view.
    await expect.poll(() => page.locator('.chart canvas').count(), { timeout: 20_000 }).toBe(6)
    const preceded = page.locator('.card', { has: page.getByRole('heading', { name: QUESTIONS[0] }) })
    // The demo's history: the two-factor article is read before many cases.
    await expect(preceded.locator('table').textContent()).resolves.toContain(
      'Two-factor sign-in fails after a phone change',
    )
    // Titles in the table link to the item on the demo portal.
    const link = preceded.getByRole('link', { name: 'Two-factor sign-in fails after a phone change' })
    await expect(link.getAttribute('href')).resolves.toMatch(
      new RegExp(`^${portal.url.replace(/\./g, '\\.')}/go/article/[0-9a-f-]{36}$`),
    )
    // Drawn in the palette: the top bar (the two-factor article) is the article blue of the
    // widget's lanes (it was the library's #0b5cad for every bar), a blog post vermillion.
    // Polled: the canvas exists before the chart's first frame is drawn (an idle CI run read one
    // transparent column, '#000000', right after the sixth canvas appeared).
    const coloursOf = () =>
      preceded.locator('.chart canvas').evaluate((canvas: HTMLCanvasElement) => {
        const ctx = canvas.getContext('2d')!
        const seen = new Set<string>()
        const x = Math.round(canvas.width * 0.3)
        for (let y = 0; y < canvas.height; y += 2) {
          const [r, g, b] = ctx.getImageData(x, y, 1, 1).data
          seen.add(`#${[r, g, b].map((v) => v!.toString(16).padStart(2, '0')).join('')}`)
        }
        return [...seen]
      })
    // One frame holds every colour checked: the chart redraws when its box settles (a full run
    // read '#000000' alone on the read after the poll, between a clear and the next frame).
    let colours: string[] = []
    await expect
      .poll(
        async () => {
          colours = await coloursOf()
          return colours.includes('#0072b2') && colours.includes('#d55e00')
        },
        { timeout: 10_000 },
      )
      .toBe(true)
    expect(colours).toContain('#0072b2')
    expect(colours).toContain('#d55e00')
    expect(colours).not.toContain('#0b5cad')
    await h.lookAt('50-insights-demo')
  })

  it('shows the item of a bar on hover, and opens it on the portal on a click', async () => {
    const { page, context } = h
    const card = page.locator('.card', { has: page.getByRole('heading', { name: QUESTIONS[0] }) })
    const canvas = card.locator('.chart canvas')
    // Retried: the chart may swap its canvas while it settles (an idle CI run: 'Element is not
    // attached to the DOM' between the locator's match and the scroll).
    await expect
      .poll(() =>
        canvas.scrollIntoViewIfNeeded({ timeout: 2_000 }).then(
          () => true,
          () => false,
        ),
      )
      .toBe(true)
    const box = (await canvas.boundingBox())!
    // The top bar is the largest: along its row, somewhere right of the label column.
    const tooltip = card.locator('.chart > div:not(:first-child)')
    let at: { x: number; y: number } | null = null
    for (let y = 12; y < 90 && !at; y += 6) {
      await page.mouse.move(box.x + box.width * 0.55, box.y + y)
      if ((await tooltip.count()) > 0 && (await tooltip.first().isVisible())) at = { x: box.width * 0.55, y }
    }
    expect(at).not.toBeNull()
    await expect(tooltip.first().textContent()).resolves.toMatch(/Cases preceded\s*\d+/)
    await page.screenshot({ path: 'test-artifacts/admin-console/51-insights-hover.png' })
    const opened = context.waitForEvent('page')
    await page.mouse.click(box.x + at!.x, box.y + at!.y)
    const tab = await opened
    await tab.waitForLoadState()
    expect(tab.url().startsWith(portal.url)).toBe(true)
    await tab.close()
  })

  it('says which reader threshold hides content when nothing qualifies', async () => {
    const { page } = h
    await page.getByLabel('Hub', { exact: true }).selectOption({ label: 'Quiet hub' })
    await page.getByRole('button', { name: 'Show' }).click()
    const card = page.locator('.card', { has: page.getByRole('heading', { name: QUESTIONS[1] }) })
    await expect
      .poll(() => card.textContent(), { timeout: 15_000 })
      .toContain('Content shows here once at least 3 contacts have read it')
  })

  it('asks its questions in French, with French numbers and days', async () => {
    const { page } = h
    await page.getByLabel('Hub', { exact: true }).selectOption({ label: 'Demo hub' })
    await page.getByRole('button', { name: 'Show' }).click()
    await page.getByRole('heading', { name: QUESTIONS[0] }).waitFor()
    await page.getByLabel('Language').selectOption('fr')
    const question = 'Quels contenus ont été lus avant l’ouverture d’un incident malgré tout\u202f?'
    await page.getByRole('heading', { name: question }).waitFor()
    const card = page.locator('.card', { has: page.getByRole('heading', { name: question }) })
    // "29,4 %": a decimal comma and a narrow no-break space before the sign, French typography
    // (was "29.4 %" in every language).
    await expect(card.locator('table').textContent()).resolves.toMatch(/\d,\d\u202f%/)
    await expect.poll(() => page.locator('.chart canvas').count(), { timeout: 20_000 }).toBe(6)
    await h.lookAt('52-insights-demo-fr')
    await page.getByLabel('Langue').selectOption('en')
    await page.getByRole('heading', { name: QUESTIONS[0] }).waitFor()
  })

  it('logged no page errors and called only documented routes', () => {
    expect(h.problems).toEqual([])
    expect(h.undocumentedCalls()).toEqual([])
  })
})
