import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CONSOLE_ADMIN,
  CONSOLE_ARTIFACTS,
  type ConsoleHarness,
  startConsoleHarness,
} from '../support/console-harness.ts'
import { overflowAt } from '../support/console-pages.ts'

/**
 * The console's data-rights pages in French, in headless Chromium against the
 * real app: the Audit log (a change just made, its fields before and after,
 * downloads), the History panels of a portal and a hub, a contact's Export and
 * Erase on Journey lookup, and a hub's Retention. Each page is checked with axe
 * and photographed at 1280 and 800 px, and at 360 px checked for anything sticking
 * out (test-artifacts/admin-console/rights-*).
 */

let h: ConsoleHarness
let portalId: string
let hubId: string
const AVERY = '2d7f4c1e-5b6a-4c3d-9e8f-0a1b2c3d4e5f'
const OTHER = '7a0c3e51-9d2b-4f6e-8a1c-5b4d3e2f1a09'

/** Sends interactions for `contactId` through a portal token, dated `minutesAgo` before now; waits until stored. */
async function send(contactId: string, minutesAgo: number[]) {
  const minted = await h.api<{ token: string }>('POST', `/v1/admin/hubs/${hubId}/tokens`, {
    keyName: 'default',
    resource: { kind: 'portal', portalId },
    ttlSeconds: 600,
  })
  const res = await fetch(`${h.publicUrl}/v1/hubs/${hubId}/portals/${portalId}/interactions?wait=stored`, {
    method: 'POST',
    headers: { authorization: minted.body.token, 'content-type': 'application/json' },
    body: JSON.stringify(
      minutesAgo.map((m) => ({
        type: 'portal_search',
        portal_interactionid: crypto.randomUUID(),
        portal_contactid: contactId,
        portal_timestamp: new Date(Date.now() - m * 60_000).toISOString(),
        portal_portalid: portalId,
        portal_searchstring: 'réinitialiser le mot de passe',
      })),
    ),
  })
  expect(await res.json()).toMatchObject({ accepted: minutesAgo.length })
}

/**
 * axe and screenshots at 1280 and 800 px (the harness's lookAt), then at 360 px: nothing
 * sticks out or scrolls sideways (named), and a screenshot.
 */
async function lookAt(name: string) {
  await h.lookAt(name)
  await h.page.setViewportSize({ width: 360, height: 900 })
  // The layout settles in a frame after a resize (the journey chart follows its box).
  await h.page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))))
  await h.page.screenshot({ path: `${CONSOLE_ARTIFACTS}/${name}-360.png`, fullPage: true })
  await expect(overflowAt(h.page)).resolves.toEqual([])
  await h.page.setViewportSize({ width: 1280, height: 900 })
}

/** A contact's export through the API, one parsed object a line. */
async function exportLines(contactId: string): Promise<unknown[]> {
  const res = await fetch(`${h.publicUrl}/v1/admin/hubs/${hubId}/contacts/${contactId}/export`, {
    headers: { authorization: `Bearer ${CONSOLE_ADMIN}` },
  })
  expect(res.status).toBe(200)
  return (await res.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
}

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
    // Polled: the record's name is looked up after the row is drawn (an idle CI run read the row
    // before it).
    await expect.poll(() => row.textContent()).toContain('Contoso Assistance')
    await expect(row.textContent()).resolves.toContain('session de la console')
    // By keyboard: the row's button opens its changes.
    const open = row.getByRole('button', { name: /^\d+ modifications?$/ })
    await open.focus()
    await page.keyboard.press('Enter')
    await expect(open.getAttribute('aria-expanded')).resolves.toBe('true')
    const detail = page.locator('tr.audit-detail')
    await expect(detail.textContent()).resolves.toContain('portal.name')
    await expect(detail.textContent()).resolves.toContain('Contoso Aide')
    await expect(detail.textContent()).resolves.toContain('Contoso Assistance')
    await lookAt('rights-audit-fr')
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

  it('shows a regenerated key as changed, never its value', async () => {
    const { page } = h
    const key = await h.api<{ secondaryKey: string }>(
      'POST',
      `/v1/admin/hubs/${hubId}/keys/default/regenerate`,
      { which: 'secondary' },
    )
    expect(key.status).toBe(200)
    await page.goto(`${h.publicUrl}/admin/audit?operation=regenerateHubKey`)
    const row = page.locator('tr[data-operation="regenerateHubKey"]')
    await row.getByRole('button', { name: /modifications?$/ }).click()
    const detail = page.locator('tr.audit-detail')
    await expect(detail.textContent()).resolves.toContain('modifié (secret, non affiché)')
    await expect(page.locator('main').textContent()).resolves.not.toContain(key.body.secondaryKey)
  })

  it('shows a portal’s History on its Manage page, linked to the Audit log filtered on it', async () => {
    const { page } = h
    await page.goto(`${h.publicUrl}/admin/portals/${portalId}`)
    const history = page.locator('section.history')
    await history.getByRole('heading', { name: 'Historique' }).waitFor()
    // Polled: the entries load after the panel's heading is drawn.
    await expect.poll(() => history.locator('tr[data-operation="updatePortal"]').count()).toBe(1)
    await history.scrollIntoViewIfNeeded()
    await lookAt('rights-portal-history-fr')
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
    await lookAt('rights-hub-history-fr')
  })

  it('exports a contact from Journey lookup: the file’s first line is the export’s header', async () => {
    const { page } = h
    await h.api('POST', `/v1/admin/instances/${h.instanceId}/contacts`, [
      { crmrecordid: AVERY, name: 'Avery Lin', email: 'avery@contoso.example' },
    ])
    await send(AVERY, [30, 20])
    await page.getByRole('link', { name: 'Parcours d’un contact' }).click()
    await page.getByLabel('Concentrateur').selectOption({ label: 'Concentrateur Contoso' })
    await page.getByRole('combobox', { name: 'Contact (nom, e-mail ou identifiant)' }).fill('avery')
    await page.getByRole('option', { name: /Avery Lin/ }).click()
    await page.getByRole('button', { name: 'Afficher le parcours' }).click()
    await page.locator('casetrail-journey .summary').waitFor()
    const card = page.locator('section', {
      has: page.getByRole('heading', { name: 'Les données de ce contact' }),
    })
    const download = page.waitForEvent('download')
    await card.getByRole('button', { name: 'Exporter' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe(`contact-${AVERY}.ndjson`)
    const lines = (await textOf(file))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines[0]).toMatchObject({ kind: 'export', hubId, contactId: AVERY, counts: { interactions: 2 } })
    expect(lines.filter((l) => l.kind === 'interaction')).toHaveLength(2)
    await card.getByText('Exporté\u202f: 2 enregistrements.').waitFor()
    await lookAt('rights-journey-fr')
  })

  it('erases the contact after a confirmation that names them; once done the journey shows nothing', async () => {
    const { page } = h
    const card = page.locator('section', {
      has: page.getByRole('heading', { name: 'Les données de ce contact' }),
    })
    // Escape cancels: nothing starts.
    await card.getByRole('button', { name: 'Effacer' }).click()
    await page.getByRole('dialog').waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
    await expect(card.locator('.erasure').count()).resolves.toBe(0)
    await card.getByRole('button', { name: 'Effacer' }).click()
    const dialog = page.getByRole('dialog', { name: 'Effacer Avery Lin\u202f?' })
    const said = await dialog.textContent()
    expect(said).toContain('Avery Lin')
    expect(said).toContain(AVERY)
    expect(said).toContain('Cette action est irréversible.')
    await lookAt('rights-erase-confirm-fr')
    await dialog.getByRole('button', { name: 'Effacer définitivement' }).click()
    await card.locator('.erasure[data-state="done"]').waitFor()
    await expect(card.locator('.erasure').textContent()).resolves.toContain('2 interactions')
    await page.locator('casetrail-journey [data-state="empty"]').waitFor()
    await expect(page.locator('casetrail-journey .summary').count()).resolves.toBe(0)
    await expect(exportLines(AVERY)).resolves.toMatchObject([{ kind: 'export', counts: { interactions: 0 } }])
    await lookAt('rights-erased-fr')
  })

  it('shortens a hub’s retention after saying what is deleted, applies it now, and the log shows the change', async () => {
    const { page } = h
    // One interaction of another contact 60 days old: past 30 days, within the default 395 (ingest takes 90 days back at most).
    await send(OTHER, [60 * 24 * 60])
    await page.goto(`${h.publicUrl}/admin/hubs/${hubId}?tab=retention`)
    const days = page.getByLabel('Conserver pendant (jours)')
    // The hub's own value has loaded (a fill before it was overwritten by the load: no error shown).
    await expect
      .poll(() => page.locator('#retention-help').textContent())
      .toContain('Actuellement\u202f: 395 jours.')
    await expect(days.inputValue()).resolves.toBe('395')
    await days.fill('0')
    await page.getByRole('button', { name: 'Enregistrer' }).click()
    await expect(page.locator('#retention-error').textContent()).resolves.toBe(
      'Saisissez un nombre entier de jours entre 1 et 3\u202f650.',
    )
    await days.fill('30')
    await page.getByRole('button', { name: 'Enregistrer' }).click()
    const shorten = page.getByRole('dialog', { name: 'Raccourcir la durée de conservation\u202f?' })
    await expect(shorten.textContent()).resolves.toContain('irréversible')
    await shorten.getByRole('button', { name: 'Raccourcir' }).click()
    await page.getByText('Enregistré.').waitFor()
    await expect(page.locator('#retention-help').textContent()).resolves.toContain(
      'Actuellement\u202f: 30 jours.',
    )
    await lookAt('rights-retention-fr')

    await page.getByRole('button', { name: 'Appliquer maintenant' }).click()
    await page
      .getByRole('dialog', { name: 'Appliquer la durée de conservation maintenant\u202f?' })
      .getByRole('button', { name: 'Appliquer maintenant' })
      .click()
    // What apply removes depends on how far the TTL's own mutation got since the change (it may
    // have dropped the row already); either way the 60-day-old interaction is gone after it.
    await page.getByText(/^\d+ interactions? et \d+ incidents? datés d’avant le /).waitFor()
    await expect(exportLines(OTHER)).resolves.toMatchObject([{ kind: 'export', counts: { interactions: 0 } }])

    await page.getByRole('link', { name: 'Journal d’audit', exact: true }).click()
    const row = page.locator('tr[data-operation="updateHub"]')
    await row.getByRole('button', { name: /modifications?$/ }).click()
    const detail = page.locator('tr.audit-detail')
    await expect(detail.textContent()).resolves.toMatch(/retentionDays.*395.*30/)
  })

  it('reads the log 50 entries a page, the next page by its cursor', async () => {
    const { page } = h
    for (let n = 1; n <= 50; n++) {
      const renamed = await h.api('PATCH', `/v1/admin/hubs/${hubId}`, { name: `Concentrateur Contoso ${n}` })
      expect(renamed.status).toBe(200)
    }
    await page.goto(`${h.publicUrl}/admin/audit?operation=updateHub`)
    const rows = page.locator('tr[data-operation="updateHub"]')
    await expect.poll(() => rows.count()).toBe(50)
    const more = page.waitForRequest((r) => new URL(r.url()).searchParams.has('cursor'))
    await page.getByRole('button', { name: 'Afficher plus' }).click()
    await more
    // The 50 renames and the retention change.
    await expect.poll(() => rows.count()).toBe(51)
    await expect(page.getByRole('button', { name: 'Afficher plus' }).count()).resolves.toBe(0)
  })

  it('turns the journey read log on: a journey read in the console then leaves a getJourney entry', async () => {
    const { page } = h
    await page.goto(`${h.publicUrl}/admin/hubs/${hubId}?tab=retention`)
    await page
      .getByLabel('Consigner une entrée d’audit pour chaque lecture de parcours', { exact: false })
      .check()
    await page.getByText('Enregistré.').waitFor()
    const hub = await h.api<{ logJourneyReads: boolean }>('GET', `/v1/admin/hubs/${hubId}`)
    expect(hub.body.logJourneyReads).toBe(true)
    await page.getByRole('link', { name: 'Parcours d’un contact' }).click()
    await page.getByLabel('Concentrateur').selectOption({ label: 'Concentrateur Contoso 50' })
    await page.getByRole('combobox', { name: 'Contact (nom, e-mail ou identifiant)' }).fill('avery')
    await page.getByRole('option', { name: /Avery Lin/ }).click()
    await page.getByRole('button', { name: 'Afficher le parcours' }).click()
    await page.locator('casetrail-journey [data-state="empty"]').waitFor()
    await page.goto(`${h.publicUrl}/admin/audit?operation=getJourney`)
    await expect.poll(() => page.locator('tr[data-operation="getJourney"]').count()).toBeGreaterThan(0)
  })

  it('offers the Audit log to an instance’s System Administrator (their instance’s entries), not to a customizer', async () => {
    const { page } = h
    const signInAs = async (name: string, roles: unknown[]) => {
      const created = await h.api<{ token: string }>('POST', '/v1/admin/users', { name, roles })
      await page.getByRole('button', { name: 'Se déconnecter' }).click()
      await page.getByLabel('Jeton d’administrateur ou d’utilisateur').fill(created.body.token)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.locator('.who-name').waitFor()
    }
    await signInAs('Sam Customizer', [{ role: 'system_customizer', instanceId: h.instanceId }])
    await expect(page.locator('.nav').textContent()).resolves.not.toContain('Journal d’audit')
    await page.goto(`${h.publicUrl}/admin/audit`)
    await page.getByText('Aucun de vos rôles ne le permet.').waitFor()

    await signInAs('Sasha Instance', [{ role: 'system_administrator', instanceId: h.instanceId }])
    await page.getByRole('link', { name: 'Journal d’audit', exact: true }).click()
    // The portal is the instance's: its entries are there; the hub is no instance's: its entries are not.
    await expect.poll(() => page.locator('tr[data-operation="updatePortal"]').count()).toBe(1)
    await expect(page.locator('tr[data-operation="createHub"]').count()).resolves.toBe(0)
    // Users cannot be listed by this role: "who" takes a principal id instead of a picker.
    await expect(page.getByLabel('Identifiant du principal').inputValue()).resolves.toBe('')
    await lookAt('rights-audit-instance-admin-fr')
  })

  it('logged no page errors', () => {
    expect(h.problems).toEqual([])
    expect(h.undocumentedCalls()).toEqual([])
  })
})
