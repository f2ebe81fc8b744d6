import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ConsoleHarness, CONSOLE_ARTIFACTS, startConsoleHarness } from '../support/console-harness.ts'

/**
 * Every console page at 360, 800 and 1280 px: no sideways scroll. Each page
 * is opened by its URL, after the data it shows has loaded; an overflow names
 * the page, the width and the widest element that sticks out.
 */

let h: ConsoleHarness
let pages: string[]

beforeAll(async () => {
  h = await startConsoleHarness()
  const hub = (
    await h.api<{ id: string; keys: Array<{ primaryKey: string }> }>('POST', '/v1/admin/hubs', {
      name: 'Contoso insights',
    })
  ).body
  const portal = await h.provision({ name: 'Contoso Help', subdomain: 'contoso' })
  await h.api('PUT', `/v1/admin/portals/${portal.id}/hub-binding`, {
    hubId: hub.id,
    keyName: 'default',
    key: hub.keys[0]!.primaryKey,
    termsAccepted: true,
  })
  await h.signIn()
  pages = [
    '/portals',
    '/portals/new',
    `/portals/${portal.id}`,
    `/portals/${portal.id}/analytics`,
    `/portals/${portal.id}/checker`,
    `/portals/${portal.id}/custom-domain`,
    `/portals/${portal.id}/translations`,
    '/hubs',
    `/hubs/${hub.id}`,
    '/journey',
    '/cases',
    '/insights',
    '/tenancy',
  ]
}, 120_000)
afterAll(async () => {
  await h?.close()
})

/** Opens a console page and waits until it has drawn what it loads. */
async function open(path: string) {
  await h.page.goto(`${h.publicUrl}/admin${path}`)
  await h.page.locator('main h1').first().waitFor()
  await expect.poll(() => h.page.locator('.state-loading').count(), { timeout: 20_000 }).toBe(0)
}

describe('the console on any screen', () => {
  it('scrolls no page sideways at 360, 800 or 1280 px', async () => {
    const overflows: string[] = []
    for (const width of [360, 800, 1280]) {
      await h.page.setViewportSize({ width, height: 800 })
      for (const path of pages) {
        await open(path)
        const found = await h.page.evaluate(() => {
          const limit = document.documentElement.clientWidth
          if (document.documentElement.scrollWidth <= limit) return null
          let widest: Element | null = null
          let right = limit
          for (const el of document.querySelectorAll('body *')) {
            const box = el.getBoundingClientRect()
            if (box.right > right + 0.5 && box.width > 0) {
              right = box.right
              widest = el
            }
          }
          const name = widest
            ? `${widest.tagName.toLowerCase()}${widest.id ? `#${widest.id}` : ''}${widest.className && typeof widest.className === 'string' ? `.${widest.className.split(' ').join('.')}` : ''}`
            : '?'
          return `${document.documentElement.scrollWidth} px wide (${name} ends at ${Math.round(right)})`
        })
        if (found) {
          overflows.push(`${path} at ${width}: ${found}`)
          await h.page.screenshot({
            path: `${CONSOLE_ARTIFACTS}/overflow-${width}-${path.split('/').filter(Boolean)[0] ?? 'root'}.png`,
          })
        }
      }
    }
    expect(overflows).toEqual([])
  })

  it('shows no English on any page in French or German (but names, codes and data)', async () => {
    await h.page.setViewportSize({ width: 1280, height: 900 })
    const english = new Map<string, Set<string>>()
    for (const path of pages) {
      await open(path)
      english.set(path, new Set(await visibleTexts(h.page)))
    }
    const leftovers: string[] = []
    for (const lang of ['fr', 'de'] as const) {
      await setLanguage(lang)
      for (const path of pages) {
        await open(path)
        const en = english.get(path)!
        for (const text of await visibleTexts(h.page)) {
          if (en.has(text) && !SAME_IN_EVERY_LANGUAGE.some((allowed) => allowed.test(text)))
            leftovers.push(`${lang} ${path.replace(/[0-9a-f-]{36}/g, ':id')}: ${JSON.stringify(text)}`)
        }
      }
    }
    await setLanguage('en')
    expect([...new Set(leftovers)]).toEqual([])
  })

  it('takes screenshots of the main pages at 1280, 800 and 390 px in English and French', async () => {
    const main = pages.filter((p) => !/\/(custom-domain|translations|analytics)$|^\/(journey|cases)$/.test(p))
    for (const lang of ['en', 'fr'] as const) {
      await setLanguage(lang)
      for (const width of [1280, 800, 390]) {
        await h.page.setViewportSize({ width, height: 900 })
        for (const path of main) {
          await open(path)
          const name = path
            .replace(/[0-9a-f-]{36}/g, 'id')
            .split('/')
            .filter(Boolean)
            .join('-')
          await h.page.screenshot({
            path: `${CONSOLE_ARTIFACTS}/layout-${lang}-${width}-${name}.png`,
            fullPage: true,
          })
        }
      }
    }
    await setLanguage('en')
  })
})

/**
 * Text that is the same in English, French and German on purpose, reviewed:
 * the product's and the seed's names, the test's own data, and technical terms
 * each language writes the same way.
 */
const SAME_IN_EVERY_LANGUAGE: RegExp[] = [
  /^casetrail\b/,
  /^(Contoso|Contoso Help|Contoso insights|Bootstrap administrator|default)$/,
  /^(CNAME|URL|ID|HTTPS|CSV|JSON|NDJSON|SAS)$/,
  /^(Applications|Portal|Type|Production|Description|Instance|Total)$/,
  // Hub key names: identifiers the admin or the binding chose.
  /^(default|portal-[0-9a-f-]{36})(, (default|portal-[0-9a-f-]{36}))*$/,
  // Words French or German write as English does: fr Instances, Licences, Sessions; de Hub, Hubs, Name, Partner, Status.
  /^(Instances|Licences|Sessions|Hub|Hubs|Name|Partner|Status)$/,
]

/** The language the console starts in (saved like the language picker saves it), then a reload. */
async function setLanguage(lang: string) {
  await h.page.evaluate((l) => localStorage.setItem('casetrail.admin.lang', l), lang)
  await h.page.reload()
}

/** Every piece of text a person sees on the page, trimmed; code, inputs and ids are not words. */
function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.replace(/\s+/g, ' ').trim() ?? ''
      const parent = node.parentElement
      if (!parent || text.length < 2 || !/\p{L}{2}/u.test(text)) continue
      if (parent.closest('code, pre, kbd, samp, script, style, [translate="no"], .sr-only')) continue
      if (parent.getClientRects().length === 0) continue
      // Data, not words: ids, URLs, host names, dates.
      if (/^[0-9a-f-]{8,}$|^https?:|^[\w.-]+\.(localhost|example)(:\d+)?$|^\d{4}-\d\d-\d\d/.test(text))
        continue
      out.push(text)
    }
    return out
  })
}
