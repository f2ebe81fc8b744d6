import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ConsoleHarness, startConsoleHarness } from '../support/console-harness.ts'

/**
 * The console's data-rights pages in French, in headless Chromium against the
 * real app: the Audit log (a change just made, its fields before and after,
 * downloads), the History panels of a portal and a hub. Each page is checked
 * with axe and photographed at 1280 and 800 px (test-artifacts/admin-console/rights-*).
 */

let h: ConsoleHarness
let portalId: string
let hubId: string

/** A download's text. */
async function textOf(download: import('playwright-core').Download): Promise<string> {
  return new Response((await download.createReadStream()) as unknown as ReadableStream).text()
}

beforeAll(async () => {
  h = await startConsoleHarness()
  portalId = (await h.provision({ name: 'Contoso Aide', subdomain: 'aide' })).id
  hubId = (await h.api<{ id: string }>('POST', '/v1/admin/hubs', { name: 'Concentrateur Contoso' })).body.id
  await h.signIn()
  await h.page.evaluate(() => localStorage.setItem('casetrail.admin.lang', 'fr'))
  await h.page.reload()
  await h.page.locator('.who-name').waitFor()
}, 120_000)
afterAll(async () => {
  await h?.close()
})

describe('the data-rights pages of the console, in French', () => {
  it('shows a rename made in the console in the Audit log, with the name before and after', async () => {
    const { page } = h
    await page.goto(`${h.publicUrl}/admin/portals/${portalId}`)
    await page.getByLabel('Nom', { exact: true }).fill('Contoso Assistance')
    await page.getByRole('button', { name: 'Renommer' }).click()
    await page.getByRole('heading', { name: 'Contoso Assistance' }).waitFor()

    await page.getByRole('link', { name: 'Journal d’audit', exact: true }).click()
    await page.getByRole('heading', { name: 'Journal d’audit', level: 1 }).waitFor()
    const row = page.locator('tr[data-operation="updatePortal"]')
    await expect(row.textContent()).resolves.toContain('Contoso Assistance')
    await expect(row.textContent()).resolves.toContain('session de la console')
    await row.getByRole('button', { name: /^\d+ modifications?$/ }).click()
    const detail = page.locator('tr.audit-detail')
    await expect(detail.textContent()).resolves.toContain('portal.name')
    await expect(detail.textContent()).resolves.toContain('Contoso Aide')
    await expect(detail.textContent()).resolves.toContain('Contoso Assistance')
    await h.lookAt('rights-audit-fr')
  })

  it('filters on an operation with a picker and downloads the matching entries as CSV and NDJSON', async () => {
    const { page } = h
    await page.getByLabel('Opération').selectOption('updatePortal')
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click()
    await expect.poll(() => new URL(page.url()).searchParams.get('operation')).toBe('updatePortal')
    await expect.poll(() => page.locator('tr[data-entry]').count()).toBe(1)

    const csv = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Télécharger en CSV' }).click()
    const csvFile = await csv
    expect(csvFile.suggestedFilename()).toBe('casetrail-audit.csv')
    const csvLines = (await textOf(csvFile)).trim().split(/\r?\n/)
    expect(csvLines[0]).toBe(
      'id,at,actorId,actorName,actorKind,operation,targetType,targetId,status,code,requestId,clientAddress,changes',
    )
    expect(csvLines).toHaveLength(2)

    const ndjson = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Télécharger en NDJSON' }).click()
    const ndjsonFile = await ndjson
    expect(ndjsonFile.suggestedFilename()).toBe('casetrail-audit.ndjson')
    const entries = (await textOf(ndjsonFile))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { operation: string; target: { id: string } })
    expect(entries).toMatchObject([{ operation: 'updatePortal', target: { id: portalId } }])
  })

  it('shows a portal’s History on its Manage page, linked to the Audit log filtered on it', async () => {
    const { page } = h
    await page.goto(`${h.publicUrl}/admin/portals/${portalId}`)
    const history = page.locator('section.history')
    await history.getByRole('heading', { name: 'Historique' }).waitFor()
    await expect(history.locator('tr[data-operation="updatePortal"]').count()).resolves.toBe(1)
    await history.scrollIntoViewIfNeeded()
    await h.lookAt('rights-portal-history-fr')
    await history.getByRole('link', { name: 'Ouvrir dans le journal d’audit' }).click()
    await page.getByRole('heading', { name: 'Journal d’audit', level: 1 }).waitFor()
    const search = new URL(page.url()).searchParams
    expect(search.get('targetType')).toBe('portal')
    expect(search.get('targetId')).toBe(portalId)
    // The pickers show the filter by name: the portal, not its id.
    await expect(
      page.getByLabel('Enregistrement', { exact: true }).locator('option:checked').textContent(),
    ).resolves.toBe('Contoso Assistance')
  })

  it('shows a hub’s History in its tab, its creation first', async () => {
    const { page } = h
    await page.goto(`${h.publicUrl}/admin/hubs/${hubId}`)
    await page.getByRole('link', { name: 'Historique' }).click()
    const history = page.locator('section.history')
    await expect.poll(() => history.locator('tr[data-operation="createHub"]').count()).toBe(1)
    await h.lookAt('rights-hub-history-fr')
  })

  it('logged no page errors', () => {
    expect(h.problems).toEqual([])
    expect(h.undocumentedCalls()).toEqual([])
  })
})
