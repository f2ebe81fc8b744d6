import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ConsoleHarness, startConsoleHarness } from '../support/console-harness.ts'

/**
 * The Insights page's Deflection view in headless Chromium against the real app:
 * three contacts (one confirmed by a helpful vote, one failed by a case an hour
 * after reading, one potential), searches with and without results, a cost per
 * case; the figures as the API computes them, both charts drawn, CSV export,
 * another window. Screenshots: test-artifacts/admin-console/40-*.
 */

let h: ConsoleHarness
let hub: { id: string; keys: Array<{ keyName: string; primaryKey: string }> }
const PORTAL = '3c2b1a09-8f7e-4d6c-9b5a-493827160514'
const ARTICLE = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
const [CONFIRMED, FAILED, POTENTIAL] = [
  '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9',
  '2c3d4e5f-6071-4829-93a4-b5c6d7e8f9a0',
  '3d4e5f60-7182-493a-a4b5-c6d7e8f9a0b1',
]

beforeAll(async () => {
  h = await startConsoleHarness()
  hub = (await h.api<typeof hub>('POST', '/v1/admin/hubs', { name: 'Deflection hub' })).body
  const token = (
    await h.api<{ token: string }>('POST', `/v1/admin/hubs/${hub.id}/tokens`, {
      keyName: 'default',
      resource: { kind: 'hub' },
      ttlSeconds: 600,
    })
  ).body.token
  const base = Date.now() - 2 * 86_400_000
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString()
  let n = 0
  const common = (contact: string, minutes: number) => ({
    portal_interactionid: `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
    portal_contactid: contact,
    portal_portalid: PORTAL,
    portal_timestamp: at(minutes),
    portal_sessionid: `s-${contact.slice(0, 4)}`,
  })
  const view = (contact: string, minutes: number) => ({
    type: 'portal_viewknowledgearticle',
    ...common(contact, minutes),
    portal_knowledgearticleid: ARTICLE,
    portal_knowledgetitle: 'Reset two-factor authentication',
  })
  const send = (path: string, body: unknown) =>
    fetch(`${h.publicUrl}/v1/hubs/${hub.id}/${path}`, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const sent = await send('interactions?wait=stored', [
    {
      type: 'portal_search',
      ...common(CONFIRMED, 0),
      portal_searchstring: 'two factor',
      portal_searchresultcount: 2,
    },
    view(CONFIRMED, 1),
    {
      type: 'portal_articlefeedback',
      ...common(CONFIRMED, 2),
      portal_knowledgearticleid: ARTICLE,
      portal_helpful: true,
    },
    view(FAILED, 10),
    {
      type: 'portal_search',
      ...common(POTENTIAL, 20),
      portal_searchstring: 'zzqx',
      portal_searchresultcount: 0,
    },
    view(POTENTIAL, 21),
  ])
  expect(sent.status).toBe(200)
  const cases = await send('cases', [
    { caseId: '4e5f6071-8293-4a4b-b5c6-d7e8f9a0b1c2', contactId: FAILED, createdAt: at(70) },
  ])
  expect(cases.status).toBe(200)
  expect(
    (await h.api('PUT', `/v1/admin/hubs/${hub.id}/deflection-cost`, { costPerCase: 20, currency: 'EUR' }))
      .status,
  ).toBe(200)
  await h.signIn()
}, 120_000)
afterAll(async () => {
  await h?.close()
})

describe('the Deflection view', () => {
  it('shows the outcomes, the rates, cost saved and both charts, and exports CSV', async () => {
    const { page } = h
    await page.getByRole('link', { name: 'Insights' }).click()
    await page.getByLabel('Hub', { exact: true }).selectOption({ label: 'Deflection hub' })
    await page.getByRole('button', { name: 'Show' }).click()
    const view = page.locator('section[aria-labelledby="deflection-title"]')
    await view.getByRole('heading', { name: 'How many reading sessions ended without a case?' }).waitFor()
    const figure = (name: string) =>
      view.locator('dl.figures div', { has: page.getByText(name, { exact: true }) })
    await expect(figure('Sessions').locator('dd').textContent()).resolves.toBe('3')
    await expect(figure('Confirmed').locator('dd').textContent()).resolves.toMatch(/^1 \(33\.3 ?%\)/)
    await expect(figure('Failed').locator('dd').textContent()).resolves.toMatch(/^1 \(33\.3 ?%\)/)
    await expect(figure('Cost saved').locator('dd').textContent()).resolves.toBe('€40.00')
    await expect.poll(() => view.locator('.chart canvas').count(), { timeout: 15_000 }).toBe(2)
    await expect(view.textContent()).resolves.toContain('Reset two-factor authentication')
    await h.lookAt('40-deflection')
    const download = page.waitForEvent('download')
    await view.getByRole('button', { name: 'Export CSV' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe('deflection.csv')
    const csv = await new Response((await file.createReadStream()) as unknown as ReadableStream).text()
    expect(csv.split('\n')[0]).toContain('deflectionRate')
    // Another window asks the API again, with that window.
    const asked = page.waitForResponse((r) => new URL(r.url()).searchParams.get('window') === 'PT4H')
    await view.getByLabel('Window after reading').selectOption('PT4H')
    expect((await asked).status()).toBe(200)
  })

  it('logged no page errors and called only documented routes', () => {
    expect(h.problems).toEqual([])
    expect(h.undocumentedCalls()).toEqual([])
  })
})
