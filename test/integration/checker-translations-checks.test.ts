import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkerClient } from '../support/checker-client.ts'
import { expectFailThenPass } from '../support/checker-defects.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

/** The Translations check on a real portal: a language activated after provisioning has no labels. */

let t: PortalTestCore
let instanceId: string
let portal: { id: string; subdomain: string }
let checker: ReturnType<typeof checkerClient>

beforeAll(async () => {
  t = await startPortalTestCore()
  instanceId = (await t.createInstance({ name: 'Proseware', installedLanguages: ['en-US', 'fr-FR'] })).id
  portal = await t.provisionAndWait(instanceId, { subdomain: 'proseware' })
  checker = checkerClient(t, portal.id)
})
afterAll(async () => {
  await t.close()
  t.remove()
})

describe('Translations checks', () => {
  it('translations-metadata: passes when every activated language has its labels', async () => {
    expect((await checker.result('translations-metadata')).result).toBe('pass')
  })

  it('translations-metadata: a language activated later, installed by the action', async () => {
    const patched = await t.admin('PATCH', `/v1/admin/instances/${instanceId}`, {
      installedLanguages: ['en-US', 'fr-FR', 'it-IT', 'ar-SA'],
    })
    expect(patched.status).toBe(200)
    const failing = await expectFailThenPass(checker, 'translations-metadata', {
      action: 'install-missing-translations',
    })
    expect(failing.details).toContain('activated without metadata translations: Italian')
    expect(failing.details).toContain('no translations ship for Arabic')
    const view = await t.admin<{ missingLanguages: string[] }>(
      'GET',
      `/v1/admin/portals/${portal.id}/translations`,
    )
    expect(view.body.missingLanguages).toEqual([])
  })
})
