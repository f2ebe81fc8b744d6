import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
let axeSource: string | null = null

/** One axe-core finding at serious or critical level. */
export interface AxeFinding {
  id: string
  impact: string
  help: string
  targets: string[]
}

/**
 * Runs axe-core in the page (evaluated over the DevTools protocol, so the
 * page's CSP needs no exception) and returns its serious and critical findings.
 */
export async function axeSeriousViolations(page: Page): Promise<AxeFinding[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.evaluate(axeSource)
  // A string, not a function: the test transform may wrap closures in helpers the page lacks.
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')) }))
  })()`)) as AxeFinding[]
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** The two widths every console page is looked at. */
export const CONSOLE_WIDTHS = [1280, 800] as const

/** Screenshots the page at both widths under `dir` as `{name}-{width}.png`, back at the first width after. */
export async function shotBothWidths(page: Page, dir: string, name: string): Promise<void> {
  for (const width of CONSOLE_WIDTHS) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true })
  }
  await page.setViewportSize({ width: CONSOLE_WIDTHS[0], height: 900 })
}
