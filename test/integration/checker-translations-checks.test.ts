import { describe, expect, it } from 'vitest'
import { useCheckedPortal } from '../support/checker-client.ts'
import { expectFailThenPass } from '../support/checker-defects.ts'

/** The Translations check on a real portal: a language activated after provisioning has no labels. */

const checked = useCheckedPortal({
  name: 'Proseware',
  subdomain: 'proseware',
  installedLanguages: ['en-US', 'fr-FR'],
  hub: false,
})

describe('Translations checks', () => {
  it('translations-metadata: passes when every activated language has its labels', async () => {
    expect((await checked.checker.result('translations-metadata')).result).toBe('pass')
  })

  it('translations-metadata: a language activated later, installed by the action', async () => {
    const patched = await checked.t.admin('PATCH', `/v1/admin/instances/${checked.instanceId}`, {
      installedLanguages: ['en-US', 'fr-FR', 'it-IT', 'ar-SA'],
    })
    expect(patched.status).toBe(200)
    const failing = await expectFailThenPass(checked.checker, 'translations-metadata', {
      action: 'install-missing-translations',
    })
    expect(failing.details).toContain('activated without metadata translations: Italian')
    expect(failing.details).toContain('no translations ship for Arabic')
    const view = await checked.t.admin<{ missingLanguages: string[] }>(
      'GET',
      `/v1/admin/portals/${checked.portal.id}/translations`,
    )
    expect(view.body.missingLanguages).toEqual([])
  })
})
