import { beforeAll, describe, expect, it } from 'vitest'
import { checkerSentence } from '../../admin-ui/testing.ts'
import { INTERACTION_TYPES } from '../../schemas/index.ts'
import { checkerClient } from '../support/checker-client.ts'
import { useProvisionedPortal } from '../support/portal-fixtures.ts'

/**
 * Checker actions need the rights of the change they make (issue 20, item
 * 5): a portal manager who may not change a hub through the hub routes may
 * not change it through a checker action either.
 */
const litware = useProvisionedPortal({
  instance: 'Litware',
  hub: 'Litware insights',
  portal: { subdomain: 'litware' },
})
/** A System Administrator of the portal's instance: manages the portal, not the hubs. */
let manager: { id: string; token: string }
let service: { id: string; token: string }

type ErrorBody = { error?: { code: string; message: string } }

/** The actions that change a hub (or read its key): only those who may manage hubs run them. */
const HUB_ACTIONS = ['restore-interaction-types', 'rebind-hub-key']

beforeAll(async () => {
  manager = await litware.t.createUser('Portal manager', [
    { role: 'system_administrator', instanceId: litware.instanceId },
  ])
  service = await litware.t.createUser('Service', [{ role: 'service_administrator' }])
})

const captured = async () =>
  (
    await litware.t.admin<{ types: Array<{ type: string; captured: boolean }> }>(
      'GET',
      `/v1/admin/hubs/${litware.hub.id}/interaction-types`,
    )
  ).body.types
    .filter((x) => x.captured)
    .map((x) => x.type)

describe('restore-interaction-types changes the hub', () => {
  it('is refused to a portal manager who may not change the hub’s types, and the types stay deleted', async () => {
    const del = await litware.t.admin(
      'DELETE',
      `/v1/admin/hubs/${litware.hub.id}/interaction-types/portal_search`,
    )
    expect(del.status).toBe(204)
    const direct = await litware.t.call<ErrorBody>(
      manager.token,
      'PUT',
      `/v1/admin/hubs/${litware.hub.id}/interaction-types/portal_search`,
    )
    expect(direct.status).toBe(403)
    const res = await checkerClient(litware.t, litware.portal.id, manager.token).call<ErrorBody>(
      'POST',
      `/v1/admin/portals/${litware.portal.id}/checker/actions/restore-interaction-types`,
    )
    expect(res.status).toBe(403)
    expect(res.body.error?.code).toBe(direct.body.error?.code)
    expect(await captured()).not.toContain('portal_search')
  })

  it('runs for a tenant administrator, who may change the hub', async () => {
    const done = await checkerClient(litware.t, litware.portal.id, service.token).act(
      'restore-interaction-types',
    )
    expect(done).toMatchObject({ changed: true, by: service.id, details: 'restored portal_search' })
    // What it did, said in the console's language from its template and values (issue 24 item 2).
    expect(done.sentence).toEqual({ template: 'restored {0}', values: [['portal_search']] })
    expect(checkerSentence('fr', done.sentence, done.details)).toBe('restauré\u202f: portal_search')
    expect(checkerSentence('de', done.sentence, done.details)).toBe('wiederhergestellt: portal_search')
    expect(await captured()).toEqual(expect.arrayContaining([...INTERACTION_TYPES]))
  })
})

describe('rebind-hub-key reads the hub’s secret', () => {
  it('does not undo a revocation for a portal manager: both secrets regenerated, the binding stays refused', async () => {
    // The key the portal signs with: the send-only one its binding made.
    const key = `portal-${litware.portal.id}`
    for (const which of ['primary', 'secondary'])
      expect(
        (await litware.t.admin('POST', `/v1/admin/hubs/${litware.hub.id}/keys/${key}/regenerate`, { which }))
          .status,
      ).toBe(200)
    const checker = checkerClient(litware.t, litware.portal.id, manager.token)
    const res = await checker.call<ErrorBody>(
      'POST',
      `/v1/admin/portals/${litware.portal.id}/checker/actions/rebind-hub-key`,
    )
    expect(res.status).toBe(403)
    expect(res.body.error?.code).toBe('role_required')
    const result = await checker.result('ingestion-hub-key')
    expect(result.result).toBe('error')
    expect(result.details).toContain('binding_key_invalid')
  })

  it('re-binds for a tenant administrator, who could read the key and bind it by hand', async () => {
    const done = await checkerClient(litware.t, litware.portal.id, service.token).act('rebind-hub-key')
    expect(done.changed).toBe(true)
    expect((await checkerClient(litware.t, litware.portal.id).result('ingestion-hub-key')).result).toBe(
      'pass',
    )
  })
})

describe('every checker action x portal manager / tenant administrator', () => {
  it('offers both hub actions in the catalogue', async () => {
    const res = await litware.t.admin<{ checks: Array<{ actions: Array<{ id: string }> }> }>(
      'GET',
      `/v1/admin/portals/${litware.portal.id}/checker/checks`,
    )
    const ids = res.body.checks.flatMap((c) => c.actions.map((a) => a.id))
    expect(ids.length).toBeGreaterThan(10)
    for (const id of HUB_ACTIONS) expect(ids).toContain(id)
  })

  it('runs each portal action for the portal manager, and refuses each hub action (nothing recorded)', async () => {
    const res = await litware.t.admin<{ checks: Array<{ actions: Array<{ id: string }> }> }>(
      'GET',
      `/v1/admin/portals/${litware.portal.id}/checker/checks`,
    )
    const ids = [...new Set(res.body.checks.flatMap((c) => c.actions.map((a) => a.id)))]
    const checker = checkerClient(litware.t, litware.portal.id, manager.token)
    const before = (await checker.call<{ actions: unknown[] }>('GET', `${checker.base}/actions`)).body.actions
    let refused = 0
    for (const id of ids) {
      const answer = await checker.call<ErrorBody>('POST', `${checker.base}/actions/${id}`)
      if (HUB_ACTIONS.includes(id)) {
        expect(answer.status, id).toBe(403)
        expect(answer.body.error?.code, id).toBe('role_required')
        refused++
      } else {
        expect(answer.status, `${id}: ${JSON.stringify(answer.body)}`).not.toBe(403)
      }
    }
    const after = (await checker.call<{ actions: unknown[] }>('GET', `${checker.base}/actions`)).body.actions
    expect(after.length - before.length).toBe(ids.length - refused)
  })
})
