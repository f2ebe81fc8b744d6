import type { BrowserContext, Page } from 'playwright-core'

/**
 * A page with the journey widget on it, watched: what it painted, the charts
 * it finished drawing and the states it went through, from the events the
 * widget dispatches (`casetrail:list-painted`, `casetrail:chart-finished`,
 * `casetrail:state`), and the page's errors.
 */

/** A finished chart's detail: points drawn, interactions, hidden types, its window. */
export type Detail = { points: number; interactions: number; hidden: string[]; window: string }
/** Every event of the widget on the page so far. */
export type Captured = {
  finished: Detail[]
  painted: { interactions: number; window: string }[]
  states: string[]
}

/** Opens `url` in a new page of `context`, watching the widget's events and the page's errors. */
export async function openWidgetPage(
  context: BrowserContext,
  url: string,
  viewport?: { width: number; height: number },
): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage()
  if (viewport) await page.setViewportSize(viewport)
  const problems: string[] = []
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    // A refused fetch logs "Failed to load resource: 401"; that is the case under test, not a fault.
    if (msg.type() === 'error' && !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(msg.text())) {
      problems.push(`console: ${msg.text()}`)
    }
  })
  await page.addInitScript(() => {
    const captured = { finished: [] as unknown[], painted: [] as unknown[], states: [] as string[] }
    Object.assign(window, { __casetrail: captured })
    document.addEventListener('casetrail:chart-finished', (e) =>
      captured.finished.push((e as CustomEvent).detail),
    )
    document.addEventListener('casetrail:list-painted', (e) =>
      captured.painted.push((e as CustomEvent).detail),
    )
    document.addEventListener('casetrail:state', (e) => captured.states.push((e as CustomEvent).detail.state))
  })
  await page.goto(url)
  return { page, problems }
}

/** What the widget on `page` dispatched so far. */
export const captured = (page: Page): Promise<Captured> =>
  page.evaluate(() => (window as unknown as { __casetrail: Captured }).__casetrail)

/** Waits for the `n`th finished chart on `page` and answers its detail. */
export async function finishedCount(page: Page, n: number): Promise<Detail> {
  await page.waitForFunction(
    (count) => (window as unknown as { __casetrail: Captured }).__casetrail.finished.length >= count,
    n,
  )
  return (await captured(page)).finished[n - 1]!
}
