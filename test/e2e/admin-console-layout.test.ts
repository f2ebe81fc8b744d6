import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeSeriousViolations } from '../support/console-browser.ts'
import { CONSOLE_ARTIFACTS } from '../support/console-harness.ts'
import { type EveryPageHarness, nameOf, overflowAt, startEveryPageHarness } from '../support/console-pages.ts'

/**
 * Every console page, as the router lists them (a page added to `ROUTES` is
 * covered without naming it here), with data on it (test/support/console-pages.ts).
 * At 360, 800 and 1280 px in English, and at 360 and 800 in French and German
 * (longer words): no page scrolls sideways, no element sticks out of the
 * viewport, and no control is cut off by a box it sits in; axe finds nothing
 * serious or critical at each width. Screenshots of every page at 360 and
 * 800 px in French and German: test-artifacts/admin-console/sweep-{lang}-{width}-{page}.png.
 */

let e: EveryPageHarness
beforeAll(async () => {
  e = await startEveryPageHarness()
}, 180_000)
afterAll(async () => {
  await e?.h.close()
})

describe('the console on any screen', () => {
  // English at every width with axe; French and German (longer words) at the narrow widths, with screenshots.
  for (const [lang, widths] of [
    ['en', [1280, 800, 360]],
    ['fr', [800, 360]],
    ['de', [800, 360]],
  ] as const) {
    it(`overflows nowhere in ${lang} at ${widths.join(', ')} px${lang === 'en' ? ', and axe finds nothing serious' : ''}`, async () => {
      const problems: string[] = []
      await e.setLanguage(lang)
      for (const path of await e.everyView()) {
        await e.h.page.setViewportSize({ width: 1280, height: 900 })
        await e.open(path)
        for (const width of widths) {
          await e.h.page.setViewportSize({ width, height: 900 })
          // The layout settles in a frame after a resize (charts follow their box).
          await e.h.page.evaluate(
            () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))),
          )
          for (const found of await overflowAt(e.h.page))
            problems.push(`${lang} ${nameOf(path)} at ${width}: ${found}`)
          if (lang === 'en')
            for (const v of await axeSeriousViolations(e.h.page))
              problems.push(
                `axe ${nameOf(path)} at ${width}: ${v.id} (${v.help}) ${v.targets.slice(0, 3).join(', ')}`,
              )
          else
            await e.h.page.screenshot({
              path: `${CONSOLE_ARTIFACTS}/sweep-${lang}-${width}-${nameOf(path)}.png`,
              fullPage: true,
            })
        }
      }
      await e.h.page.setViewportSize({ width: 1280, height: 900 })
      expect(problems).toEqual([])
    }, 240_000)
  }

  it('opens and closes the navigation menu below 900 px, by keyboard too', async () => {
    const { page } = e.h
    await e.setLanguage('en')
    await page.setViewportSize({ width: 360, height: 800 })
    await e.open('/portals')
    const menu = page.getByRole('button', { name: 'Menu' })
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false')
    await expect(page.locator('#nav-menu').isVisible()).resolves.toBe(false)
    await menu.focus()
    await page.keyboard.press('Enter')
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true')
    await page.getByRole('navigation').getByRole('link', { name: 'Hubs' }).waitFor()
    await page.keyboard.press('Escape')
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false')
    await expect(
      page.evaluate(() => document.activeElement?.classList.contains('menu-button')),
    ).resolves.toBe(true)
    // Following a link from the open menu closes it.
    await menu.click()
    await page.getByRole('navigation').getByRole('link', { name: 'Hubs' }).click()
    await page.getByRole('heading', { name: 'Hubs', level: 1 }).waitFor()
    await expect(page.locator('#nav-menu').isVisible()).resolves.toBe(false)
    // From 900 px the navigation shows, and no menu button.
    await page.setViewportSize({ width: 900, height: 800 })
    await expect(menu.isVisible()).resolves.toBe(false)
    await expect(page.locator('#nav-menu').isVisible()).resolves.toBe(true)
    await page.setViewportSize({ width: 1280, height: 900 })
  })

  it('logged no page errors', () => {
    expect(e.h.problems).toEqual([])
  })
})
