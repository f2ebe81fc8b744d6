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
})
