import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SHIPPED_CATALOGUE, type TranslationCatalogue, UPDATE_QUESTION } from '../../core/index.ts'
import type {
  TranslationUpdatePreview,
  TranslationUpdateResult,
  TranslationsView,
} from '../../schemas/index.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

/**
 * "Get latest metadata translations" over the admin API on a real embedded
 * ClickHouse: provisioning installs only the activated languages, activating
 * one later installs nothing until the update, and the update keeps the
 * package version, keeps what a user modified, and is refused while the
 * portal's solutions are installing. The site's own labels follow.
 */

const NEWER = '9.4.2405.1'
let newerPublished = false
/** The shipped resources, plus (once published) a newer Portal Base with one more label. */
const catalogue: TranslationCatalogue = {
  languages: () => SHIPPED_CATALOGUE.languages(),
  versions: (id) => [
    ...SHIPPED_CATALOGUE.versions(id),
    ...(id === 'portal_base' && newerPublished ? [NEWER] : []),
  ],
  latest: (id) => (id === 'portal_base' && newerPublished ? NEWER : SHIPPED_CATALOGUE.latest(id)),
  labels(id, version, language) {
    if (id !== 'portal_base' || version !== NEWER) return SHIPPED_CATALOGUE.labels(id, version, language)
    const base = SHIPPED_CATALOGUE.labels(id, SHIPPED_CATALOGUE.latest(id), language)
    return base && { ...base, 'view:adx_website.active': `Active websites (${language})` }
  },
}

/** Holds provisioning at the Feedback package while `holding` is set. */
let holding = false
let release: () => void = () => {}
let reached: () => void = () => {}
const reachedHold = new Promise<void>((resolve) => {
  reached = resolve
})

let t: PortalTestCore
let instanceId: string
let portal: { id: string; subdomain: string }

const path = (rest = '') => `/v1/admin/portals/${portal.id}/translations${rest}`

beforeAll(async () => {
  t = await startPortalTestCore({
    translationCatalogue: catalogue,
    portals: {
      faults: {
        beforeStep: (at) => {
          if (!holding || at.packageId !== 'feedback') return
          reached()
          return new Promise<void>((resolve) => {
            release = resolve
          })
        },
      },
    },
  })
  instanceId = (await t.createInstance({ installedLanguages: ['en-US', 'fr-FR'] })).id
  portal = await t.provisionAndWait(instanceId, { subdomain: 'contoso' })
})

afterAll(async () => {
  release()
  await t?.close()
  t?.remove()
})

describe('metadata translations', () => {
  it('installs only the languages activated at provisioning, in the latest package version', async () => {
    const view = await t.admin<TranslationsView>('GET', path())
    expect(view.status).toBe(200)
    const installed = view.body.languages.filter((l) => l.installed).map((l) => l.language)
    expect(installed.sort()).toEqual(['en-US', 'fr-FR'])
    expect(view.body.missingLanguages).toEqual([])
    expect(view.body.packages.find((p) => p.packageId === 'portal_base')).toEqual({
      packageId: 'portal_base',
      name: 'Portal Base',
      installedVersion: '9.3.2311.4',
      latestVersion: '9.3.2311.4',
    })
    const fr = await t.admin<{ labels: Array<{ key: string; text: string }> }>('GET', path('/fr-fr/labels'))
    expect(fr.body.labels.find((l) => l.key === 'form:adx_signin.main')?.text).toBe('Se connecter')
    expect(fr.body.labels.find((l) => l.key === 'entity:knowledgearticle')?.text).toBe(
      'Article de connaissance',
    )
    const de = await t.admin('GET', path('/de-DE/labels'))
    expect(de.body).toMatchObject({ error: { code: 'translation_language_not_installed' } })
  })

  it('does not install a language activated later; the site shows labels in the portal language meanwhile', async () => {
    const patched = await t.admin('PATCH', `/v1/admin/instances/${instanceId}`, {
      installedLanguages: ['en-US', 'fr-FR', 'it-IT', 'ar-SA'],
    })
    expect(patched.status).toBe(200)
    const view = await t.admin<TranslationsView>('GET', path())
    expect(view.body.missingLanguages).toEqual(['it-IT'])
    expect(view.body.languages.find((l) => l.language === 'it-IT')).toMatchObject({
      activated: true,
      installed: false,
      available: true,
    })
    expect(view.body.languages.find((l) => l.language === 'ar-SA')).toMatchObject({ available: false })

    // The site switches to Italian: its own labels cannot be Italian yet.
    const sites = await t.admin<{ records: Array<Record<string, unknown>> }>(
      'GET',
      `/v1/admin/portals/${portal.id}/site/records?kind=website`,
    )
    const website = sites.body.records[0]!
    const put = await t.admin('PUT', `/v1/admin/portals/${portal.id}/site/records/website/${website.id}`, {
      ...website,
      language: 'it-IT',
    })
    expect(put.status).toBe(200)
    const html = await (await t.site('contoso', '/')).text()
    expect(html).toContain('>Sign in<')
    expect(html).not.toContain('Accedi')
  })

  it('shows the confirmation step, and refuses an update that was not confirmed', async () => {
    const preview = await t.admin<TranslationUpdatePreview>('GET', path('/update'))
    expect(preview.body).toMatchObject({
      question: UPDATE_QUESTION,
      blocked: null,
      languagesToInstall: ['it-IT'],
      languagesToUpdate: ['en-US', 'fr-FR'],
    })
    for (const body of [{ confirm: false }, {}]) {
      const res = await t.admin('POST', path('/update'), body)
      expect(res.status).toBe(400)
    }
    expect((await t.admin('POST', path('/update'), { confirm: false })).body).toMatchObject({
      error: { code: 'confirmation_required', field: 'confirm' },
    })
    expect((await t.admin<TranslationsView>('GET', path())).body.missingLanguages).toEqual(['it-IT'])
  })

  it('lets a user modify a label, which the site shows', async () => {
    const res = await t.admin<{ labels: Array<{ key: string; text: string; modified: boolean }> }>(
      'PATCH',
      path('/en-US/labels'),
      { labels: { 'form:adx_signin.main': 'Log in to Contoso' } },
    )
    expect(res.status).toBe(200)
    expect(res.body.labels.find((l) => l.key === 'form:adx_signin.main')).toMatchObject({
      text: 'Log in to Contoso',
      modified: true,
    })
    const html = await (await t.site('contoso', '/')).text()
    expect(html).toContain('Log in to Contoso')
    const unknown = await t.admin('PATCH', path('/en-US/labels'), { labels: { 'entity:nope': 'x' } })
    expect(unknown.body).toMatchObject({ error: { code: 'label_not_found' } })
  })

  it('updates: installs the new language in the installed version, keeps modified labels, and says so', async () => {
    newerPublished = true
    const res = await t.admin<TranslationUpdateResult>('POST', path('/update'), { confirm: true })
    expect(res.status).toBe(200)
    const notices = res.body.notices
    expect(notices).toContainEqual(
      expect.objectContaining({
        code: 'package_version_not_upgraded',
        packageId: 'portal_base',
        installedVersion: '9.3.2311.4',
        latestVersion: NEWER,
      }),
    )
    expect(notices).toContainEqual(
      expect.objectContaining({
        code: 'user_modified_labels_kept',
        language: 'en-US',
        keys: ['form:adx_signin.main'],
        message: expect.stringContaining('Log in to Contoso'),
      }),
    )
    expect(notices).toContainEqual(
      expect.objectContaining({ code: 'language_not_available', language: 'ar-SA' }),
    )
    expect(res.body.languages).toContainEqual(
      expect.objectContaining({ language: 'it-IT', outcome: 'installed' }),
    )

    const view = await t.admin<TranslationsView>('GET', path())
    expect(view.body.missingLanguages).toEqual([])
    expect(view.body.packages.find((p) => p.packageId === 'portal_base')).toMatchObject({
      installedVersion: '9.3.2311.4',
      latestVersion: NEWER,
    })
    const it = await t.admin<{ labels: Array<{ key: string; text: string }> }>('GET', path('/it-IT/labels'))
    expect(it.body.labels.find((l) => l.key === 'form:adx_signin.main')?.text).toBe('Accedi')
    // The newer version's label was not installed: no upgrade.
    expect(it.body.labels.some((l) => l.key === 'view:adx_website.active')).toBe(false)
    const en = await t.admin<{ labels: Array<{ key: string; text: string }> }>('GET', path('/en-US/labels'))
    expect(en.body.labels.find((l) => l.key === 'form:adx_signin.main')?.text).toBe('Log in to Contoso')

    // The Italian site now reads its own labels in Italian.
    const html = await (await t.site('contoso', '/')).text()
    expect(html).toContain('>Accedi<')
    expect(html).toContain('placeholder="Cerca articoli, post e discussioni"')
  })

  it('is refused while any of the portal solutions is being installed', async () => {
    holding = true
    const res = await t.admin<{ portal: { id: string } }>('POST', '/v1/admin/portals', {
      ...t.provisionBody(instanceId, { subdomain: 'fabrikam', name: 'Fabrikam' }),
      licenceId: (await t.addLicence()).id,
    })
    expect(res.status).toBe(202)
    await reachedHold
    const busy = res.body.portal.id
    const preview = await t.admin<TranslationUpdatePreview>(
      'GET',
      `/v1/admin/portals/${busy}/translations/update`,
    )
    expect(preview.body.blocked).toMatchObject({ code: 'solutions_installing' })
    const refused = await t.admin('POST', `/v1/admin/portals/${busy}/translations/update`, { confirm: true })
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({
      error: {
        code: 'solutions_installing',
        message: expect.stringContaining('the solution update cannot be triggered'),
      },
    })
    holding = false
    release()
    await t.core.portals.settled()
    const after = await t.admin('POST', `/v1/admin/portals/${busy}/translations/update`, { confirm: true })
    expect(after.status).toBe(200)
  })

  it('is for those who may manage the portal', async () => {
    const stranger = await t.createUser('Stranger', [])
    const res = await t.call(stranger.token, 'POST', path('/update'), { confirm: true })
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ error: { code: 'portal_manage_forbidden' } })
  })
})
