import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { ROUTES } from '../../admin-ui/testing.ts'
import { type ConsoleHarness, startConsoleHarness } from './console-harness.ts'

/**
 * The console with data on every page, for the tests that visit every page
 * (admin-console-layout, admin-console-translation): a hub with interactions
 * from three readers and a case, a portal bound to it with a checker run, its
 * packages and translations, and a portal whose provisioning failed at a named
 * step and one whose first package failed to install (its packages read
 * "Install Failed" and "Not Installed"). Pages come from the router's `ROUTES`: a page added there is visited
 * without naming it here.
 */
export async function startEveryPageHarness() {
  let failNext: 'allocate_url' | 'install_packages' | null = null
  const h = await startConsoleHarness({
    beforeStep(at) {
      // A package install fails on its own (its fault point names it), not the step before any package starts.
      if (failNext === at.step && (at.step !== 'install_packages' || at.packageId)) {
        failNext = null
        throw new Error(
          at.step === 'allocate_url'
            ? 'the URL allocator did not answer: injected by the test'
            : 'the package store did not answer: injected by the test',
        )
      }
    },
  })
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
  failNext = 'allocate_url'
  await h.provision({ name: 'Fabrikam Support', subdomain: 'fabrikam' })
  failNext = 'install_packages'
  const northwind = await h.provision({ name: 'Northwind Help', subdomain: 'northwind' })
  await sendHistory(h, hub.id, portal.id)
  const run = await h.api('POST', `/v1/admin/portals/${portal.id}/checker/runs`)
  expect(run.status).toBeLessThan(300)
  /** Values for the routes' parameters. A route with a parameter not here fails the test that visits it. */
  const params: Record<string, string> = { portalId: portal.id, hubId: hub.id, caseId: CASE_ID }
  await h.signIn()

  /** Every console page: the router's patterns with this harness's parameters. */
  const everyPage = (): string[] =>
    ROUTES.map((route) =>
      route.pattern.replace(/:(\w+)/g, (_, name: string) => {
        const value = params[name]
        if (!value)
          throw new Error(`no value for :${name} of ${route.pattern}: give one in startEveryPageHarness`)
        return encodeURIComponent(value)
      }),
    )

  /** Opens a console page and waits until it has drawn what it loads (Insights: its answers too). */
  const open = async (path: string) => {
    await h.page.goto(`${h.publicUrl}/admin${path}`)
    await h.page.locator('main h1').first().waitFor()
    await expect.poll(() => h.page.locator('.state-loading').count(), { timeout: 20_000 }).toBe(0)
    if (path === '/insights') {
      await h.page.locator('main form button[type="submit"]').first().click()
      await h.page.locator('main table.grid').first().waitFor({ timeout: 20_000 })
    }
  }

  let views: string[] | null = null
  /**
   * Every page and every tab of a page (`nav.tabs` links, like a hub's Keys,
   * Interaction types, Quarantine…), found by opening each page once.
   */
  const everyView = async (): Promise<string[]> => {
    if (views) return views
    const found: string[] = []
    for (const path of everyPage()) {
      found.push(path)
      await open(path)
      const tabs = await h.page.$$eval('main nav.tabs a[href]', (links) =>
        links.map((a) => a.getAttribute('href') ?? ''),
      )
      for (const href of tabs) {
        const view = href.replace(/^\/admin/, '')
        if (view && !found.includes(view) && view.split('?')[0] === path) found.push(view)
      }
    }
    // The portal whose package failed, on its own page: its packages' and its job's states.
    found.push(`/portals/${northwind.id}`)
    views = found
    return found
  }

  /** The language the console starts in (saved like the language picker saves it), then a reload. */
  const setLanguage = async (lang: string) => {
    await h.page.evaluate((l) => localStorage.setItem('casetrail.admin.lang', l), lang)
    await h.page.reload()
    await h.page.locator('.who-name').waitFor({ state: 'attached' })
  }

  return { h, everyPage, everyView, open, setLanguage }
}

/** What {@link startEveryPageHarness} answers. */
export type EveryPageHarness = Awaited<ReturnType<typeof startEveryPageHarness>>

const CONTACTS = [
  '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c41',
  '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c42',
  '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c43',
]
const CASE_ID = '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716'

/** Three readers of one article and a search, then a case: Insights has rows and a case rate. */
async function sendHistory(h: ConsoleHarness, hubId: string, portalId: string) {
  const token = (
    await h.api<{ token: string }>('POST', `/v1/admin/hubs/${hubId}/tokens`, {
      keyName: 'default',
      resource: { kind: 'hub' },
      ttlSeconds: 600,
    })
  ).body.token
  const base = Date.now() - 2 * 86_400_000
  let n = 0
  const items = CONTACTS.flatMap((contact, i) => {
    const common = (minutes: number) => ({
      portal_interactionid: `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
      portal_contactid: contact,
      portal_portalid: portalId,
      portal_timestamp: new Date(base + (i * 100 + minutes) * 60_000).toISOString(),
      portal_sessionid: `s-${i}`,
    })
    return [
      { type: 'portal_search', ...common(0), portal_searchstring: 'reset password' },
      {
        type: 'portal_viewknowledgearticle',
        ...common(1),
        portal_knowledgearticleid: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
        portal_knowledgetitle: 'Reset two-factor authentication',
        portal_language: 'en-US',
      },
    ]
  })
  const send = (path: string, body: unknown) =>
    fetch(`${h.publicUrl}/v1/hubs/${hubId}/${path}`, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  expect((await send('interactions?wait=stored', items)).status).toBeLessThan(300)
  const reported = await send('cases', [
    {
      caseId: CASE_ID,
      caseNumber: 'CAS-01234-SWEEP',
      contactId: CONTACTS[0],
      portalId,
      createdAt: new Date(base + 30 * 60_000).toISOString(),
      title: 'Locked out after changing phones',
      status: 'active',
    },
  ])
  expect(reported.status).toBeLessThan(300)
}

/** A page's name in messages and screenshot files: its path with ids as their parameter names. */
export const nameOf = (path: string) =>
  path
    .replace(/[0-9a-f-]{36}/g, 'id')
    .split('/')
    .filter(Boolean)
    .join('-')
    .replace(/[^\w-]+/g, '-') || 'root'

/** What sticks out at this width: the page scrolling sideways, elements past the edge, controls cut off. */
export function overflowAt(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`
    const limit = document.documentElement.clientWidth
    const found: string[] = []
    if (document.documentElement.scrollWidth > limit)
      found.push(`the page is ${document.documentElement.scrollWidth} px wide`)
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || box.height === 0) continue
      let clip: Element | null = el.parentElement
      while (clip && clip !== document.body && getComputedStyle(clip).overflowX === 'visible')
        clip = clip.parentElement
      const clipBox = clip && clip !== document.body ? clip.getBoundingClientRect() : null
      if (clipBox) {
        // Inside a box that clips or scrolls: a control must be whole in it at rest.
        const cut = box.right > clipBox.right + 1 || box.left < clipBox.left - 1
        if (cut && el.matches('a, button, input, select, textarea, [role="button"]') && box.width > 2)
          found.push(`${describe(el)} is cut off by ${describe(clip!)}`)
      } else if (box.right > limit + 1 || box.left < -1) {
        found.push(`${describe(el)} ends at ${Math.round(box.right)}`)
      }
    }
    return found.slice(0, 5)
  })
}
