import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Core, createSasToken } from '../../core/index.ts'
import {
  type DemoPortal,
  type DemoState,
  ensureDemoCase,
  demoOneClick,
  seedDemo,
  seedDemoPortal,
} from '../../demo/index.ts'
import type { CaseList, ContentInsights, JourneyResponse, SearchInsights } from '../../schemas/index.ts'
import { type PortalHarness, startPortalHarness } from '../support/portal-harness.ts'

/**
 * The README's walk-through, ending with a case, in headless Chromium: the
 * demo (hub, portal, Avery Lin and her first case) wired as `npm start` wires
 * it; Avery signs in on the demo portal, searches and reads, opens a case
 * from the Support page and sees it under My cases; the rep's case page
 * (`/demo/case`) shows that case with its journey; the insights count it.
 * Screenshots go to test-artifacts/portal-cases/.
 */

const ADMIN = 'e2e-cases-admin-token-0123456789abcdef'

let harness: PortalHarness
let core: Core
let demo: DemoState
let portal: DemoPortal
let key: string

/** What Avery searched and read in the walk-through, in the order a journey lists them. */
const readAndSearched = (journey: JourneyResponse): string[] =>
  journey.interactions.flatMap((i) =>
    i.type === 'portal_search' && i.portal_searchstring === 'invoice pdf'
      ? [i.portal_searchstring]
      : i.type === 'portal_viewknowledgearticle' &&
          i.portal_knowledgetitle === 'Export invoices as PDF' &&
          Date.parse(i.portal_timestamp) > Date.parse(demo.caseCreatedAt)
        ? [i.portal_knowledgetitle]
        : [],
  )

/** An insight of the demo hub, read with a hub token. */
const readInsight = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${harness.publicUrl}${path}`, {
    headers: {
      authorization: createSasToken({
        resourceUri: `${harness.publicUrl}/v1/hubs/${demo.hubId}`,
        keyName: 'default',
        key,
        ttlSeconds: 60,
      }),
    },
  })
  expect(res.status).toBe(200)
  return (await res.json()) as T
}

const shot: PortalHarness['shot'] = (page, name) => harness.shot(page, name)

beforeAll(async () => {
  harness = await startPortalHarness({
    name: 'portal-cases',
    adminToken: ADMIN,
    // As CASETRAIL_DEMO on: Avery Lin, one click, on the demo portal.
    portals: { domain: 'localhost', oneClickSignIn: (p) => demoOneClick(core, p) },
    browser: { viewport: { width: 1200, height: 900 } },
    seed: async (core) => {
      demo = (await seedDemo(core)).state
      portal = (await seedDemoPortal(core, demo)).portal
      await ensureDemoCase(core, demo, portal)
      key = (await core.hubs.get(demo.hubId)).keys[0]!.primaryKey
    },
    // The demo case page as ingest/main.ts serves it: the demo contact's newest case.
    app: {
      widget: {
        demoCase: async () => {
          const shown = await ensureDemoCase(core, demo, portal)
          return {
            hubId: demo.hubId,
            contactId: demo.contactId,
            caseCreatedAt: shown.createdAt,
            case: shown,
            customerName: 'Avery Lin',
            after: 'P1D',
            token: createSasToken({
              resourceUri: `${harness.publicUrl}/v1/hubs/${demo.hubId}/contacts/${demo.contactId}`,
              keyName: 'default',
              key,
              ttlSeconds: 900,
            }),
          }
        },
      },
    },
  })
  core = harness.core
}, 120_000)

afterAll(() => harness?.close())

describe('a case opened on the demo portal', () => {
  it('signed in -> Support -> open a case -> My cases -> the case page -> the console -> insights', async () => {
    const casesBefore = (await readInsight<ContentInsights>(`/v1/hubs/${demo.hubId}/insights/content`)).cases
    const page = await harness.context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))

    // The demo contact's first case is already there (the demo's own).
    await page.goto(`${portal.url}/signin?next=/support`)
    await page.click(`button[data-contact="${demo.contactId}"]`)
    await page.waitForURL(/\/support$/)
    await expect(page.locator('#my-cases').textContent()).resolves.toBe('My cases')
    await expect(page.locator('table.cases tbody tr').count()).resolves.toBe(1)
    await shot(page, '01-support-signed-in')

    // Avery searches and reads before opening the case: those beacons precede it.
    await page.fill('header input[name="q"]', 'invoice pdf')
    await page.press('header input[name="q"]', 'Enter')
    await page.waitForSelector('html[data-beacon]')
    await page.goto(`${portal.url}/knowledgebase`)
    await page.click('text=Export invoices as PDF')
    await page.waitForSelector('html[data-beacon]')
    // The beacons were acknowledged; wait until the store has them (a signal, not a sleep).
    await expect
      .poll(
        async () =>
          readAndSearched(
            await harness.journey(demo.hubId, key, demo.contactId, new Date(Date.now() + 1000).toISOString()),
          ),
        { timeout: 15_000 },
      )
      .toEqual(['invoice pdf', 'Export invoices as PDF'])

    await page.click('header nav a[href="/support"]')
    await page.fill('input[name="title"]', 'Invoice PDF export never finishes')
    await page.fill('textarea[name="description"]', 'The export spinner runs forever on every invoice.')
    await page.selectOption('select[name="category"]', 'problem')
    await page.click('form.case-form button[type="submit"]')
    await page.waitForURL(/\/support\?opened=CAS-/)
    const number = new URL(page.url()).searchParams.get('opened')!
    await expect(page.locator('#case-opened').textContent()).resolves.toContain(number)
    const row = page.locator(`table.cases tr[data-case="${number}"]`)
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe('Invoice PDF export never finishes')
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('Active')
    await expect(page.locator('table.cases tbody tr').count()).resolves.toBe(2)
    await shot(page, '02-my-cases')

    // The rep's case page shows that case, with the journey that preceded it.
    const journeys: JourneyResponse[] = []
    page.on('response', async (res) => {
      if (res.url().includes('/journey?') && res.status() === 200)
        journeys.push((await res.json()) as JourneyResponse)
    })
    await page.goto(`${harness.publicUrl}/demo/case`)
    await expect(page.locator('#case-title').textContent()).resolves.toBe('Invoice PDF export never finishes')
    await expect(page.locator('.case-id').textContent()).resolves.toBe(number)
    await expect.poll(() => journeys.length, { timeout: 15_000 }).toBeGreaterThan(0)
    expect(readAndSearched(journeys[0]!)).toEqual(['invoice pdf', 'Export invoices as PDF'])
    await page.locator('casetrail-journey .root[data-state="ready"]').waitFor({ timeout: 15_000 })
    await shot(page, '03-case-page')

    // The console's Cases list has it, and its case page draws the journey at the case time.
    const listed = await fetch(
      `${harness.publicUrl}/v1/admin/hubs/${demo.hubId}/cases?contactId=${demo.contactId}`,
      {
        headers: { authorization: `Bearer ${ADMIN}` },
      },
    )
    const opened = ((await listed.json()) as CaseList).items.find((c) => c.caseNumber === number)!
    expect(opened).toMatchObject({ source: 'portal', status: 'active', portalId: portal.portalId })
    await page.goto(`${harness.publicUrl}/admin`)
    await page.getByLabel('Admin or user token').fill(ADMIN)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.locator('.who-name').waitFor()
    await page.goto(`${harness.publicUrl}/admin/cases?hub=${demo.hubId}`)
    const consoleRow = page.locator(`tr[data-case="${opened.caseId}"]`)
    await consoleRow.waitFor()
    await expect(consoleRow.textContent()).resolves.toContain('Invoice PDF export never finishes')
    await consoleRow.getByRole('link', { name: number }).click()
    await page.getByRole('heading', { name: 'Invoice PDF export never finishes' }).waitFor()
    const widget = page.locator('casetrail-journey')
    await expect(widget.getAttribute('before')).resolves.toBe(opened.createdAt)
    await widget.locator('.root[data-state="ready"]').waitFor({ timeout: 15_000 })
    await shot(page, '04-console-case')
    expect(problems).toEqual([])
    await page.close()

    // The insights count it (one case more than before, beside the demo's history), with what
    // Avery read and searched before it.
    const content = await readInsight<ContentInsights>(`/v1/hubs/${demo.hubId}/insights/content`)
    expect(content.cases).toBe(casesBefore + 1)
    expect(content.precededCases.map((i) => i.title)).toContain('Export invoices as PDF')
    const searches = await readInsight<SearchInsights>(`/v1/hubs/${demo.hubId}/insights/searches`)
    expect(searches.searches.map((s) => s.searchString)).toContain('invoice pdf')
  }, 120_000)
})
