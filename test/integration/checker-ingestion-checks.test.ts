import { describe, expect, it } from 'vitest'
import { INTERACTION_TYPES } from '../../schemas/index.ts'
import { useCheckedPortal } from '../support/checker-client.ts'
import { expectFailThenPass } from '../support/checker-defects.ts'
import { search } from '../support/interactions.ts'
import { tokenFor } from '../support/test-core.ts'

/** The Ingestion checks, on a portal bound to a real hub, with real beacons through the edge. */

const checked = useCheckedPortal({ name: 'Wingtip', subdomain: 'wingtip', hub: 'Wingtip insights' })

/** Sends items as the portal does (portal-scoped token), waiting until the accepted ones are stored. */
const send = async (items: unknown[]) => {
  const current = (
    await checked.t.admin<{ keys: Array<{ primaryKey: string }> }>('GET', `/v1/admin/hubs/${checked.hub.id}`)
  ).body
  const path = `/v1/hubs/${checked.hub.id}/portals/${checked.portal.id}`
  return checked.t.app.request(`${path}/interactions?wait=stored`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: tokenFor(path, current.keys[0]!.primaryKey),
    },
    body: JSON.stringify(items),
  })
}
const valid = () => search({ portal_portalid: checked.portal.id })

describe('Ingestion checks', () => {
  it('ingestion-recent-interactions: a site that is up with no interaction, passing once one arrives', async () => {
    const failing = await expectFailThenPass(checked.checker, 'ingestion-recent-interactions', {
      result: 'warning',
      fix: async () => {
        expect((await send([valid()])).status).toBe(200)
      },
    })
    expect(failing.details).toBe('the site is up but no interaction from it was ever received')
  })

  it('ingestion-rejected-share: most items refused, with the top codes, passing once the portal sends well', async () => {
    const bad = Array.from({ length: 4 }, () => ({ ...valid(), portal_contactid: 'not-a-uuid' }))
    const tooOld = { ...valid(), portal_timestamp: '2001-01-01T00:00:00Z' }
    expect((await send([...bad, tooOld, valid()])).status).toBe(200)
    // The quarantine is written beside the answer; wait until the checker sees all five.
    await expect
      .poll(async () => (await checked.checker.result('ingestion-rejected-share')).details, {
        timeout: 10_000,
      })
      .toContain('5 of 7 items rejected')
    const failing = await expectFailThenPass(checked.checker, 'ingestion-rejected-share', {
      result: 'warning',
      fix: async () => {
        expect((await send(Array.from({ length: 100 }, valid))).status).toBe(200)
      },
    })
    expect(failing.details).toMatch(/top codes: invalid_uuid ×4, timestamp_too_old ×1/)
  })

  it('ingestion-store-refused: rows the store refused in the last 24 hours; older ones no longer count', async () => {
    const row = {
      hubId: checked.hub.id,
      code: 'CANNOT_PARSE_UUID',
      path: 'contact_id',
      message: 'bad uuid',
      raw: '{}',
    }
    await checked.t.core.repository.quarantine([
      { ...row, stage: 'store', receivedAt: Date.now() - 25 * 3_600_000 },
    ])
    expect((await checked.checker.result('ingestion-store-refused')).result).toBe('pass')
    await checked.t.core.repository.quarantine([{ ...row, stage: 'store', receivedAt: Date.now() }])
    const failing = await checked.checker.result('ingestion-store-refused')
    expect(failing).toMatchObject({
      result: 'error',
      details: '1 row set aside in 24 hours: CANNOT_PARSE_UUID ×1',
    })
  })

  it('ingestion-interaction-types: every type deleted from the hub, restored by the action', async () => {
    for (const type of INTERACTION_TYPES)
      expect(
        (await checked.t.admin('DELETE', `/v1/admin/hubs/${checked.hub.id}/interaction-types/${type}`))
          .status,
      ).toBe(204)
    expect((await send([valid()])).status).toBe(400)
    await expectFailThenPass(checked.checker, 'ingestion-interaction-types', {
      action: 'restore-interaction-types',
    })
    expect((await send([valid()])).status).toBe(200)
  })

  it('ingestion-interaction-types: one type deleted is a warning', async () => {
    await checked.t.admin('DELETE', `/v1/admin/hubs/${checked.hub.id}/interaction-types/portal_search`)
    await expectFailThenPass(checked.checker, 'ingestion-interaction-types', {
      result: 'warning',
      action: 'restore-interaction-types',
    })
  })

  it('ingestion-hub-key: the key rotated on the hub, re-bound to the current key by the action', async () => {
    // The portal signs with the send-only key its binding made (issue 20 item 3): that is the one rotated.
    const key = `portal-${checked.portal.id}`
    const rotated = await checked.t.admin('POST', `/v1/admin/hubs/${checked.hub.id}/keys/${key}/regenerate`, {
      which: 'primary',
    })
    expect(rotated.status).toBe(200)
    await checked.t.admin('POST', `/v1/admin/hubs/${checked.hub.id}/keys/${key}/regenerate`, {
      which: 'secondary',
    })
    const failing = await expectFailThenPass(checked.checker, 'ingestion-hub-key', {
      action: 'rebind-hub-key',
    })
    expect(failing.details).toContain('binding_key_invalid')
  })

  it('ingestion-hub-bound: no hub bound, passing once one is configured', async () => {
    expect(
      (await checked.t.admin('DELETE', `/v1/admin/portals/${checked.portal.id}/hub-binding`)).status,
    ).toBe(204)
    const run = await checked.checker.run()
    // Checks that read the hub say why they could not run.
    expect(run.results.find((r) => r.checkId === 'ingestion-hub-key')).toMatchObject({
      result: 'not_run',
      reason: 'no hub is bound to the portal',
    })
    const current = (
      await checked.t.admin<{ keys: Array<{ primaryKey: string }> }>(
        'GET',
        `/v1/admin/hubs/${checked.hub.id}`,
      )
    ).body
    await expectFailThenPass(checked.checker, 'ingestion-hub-bound', {
      fix: async () => {
        const res = await checked.t.admin('PUT', `/v1/admin/portals/${checked.portal.id}/hub-binding`, {
          hubId: checked.hub.id,
          keyName: 'default',
          key: current.keys[0]!.primaryKey,
          termsAccepted: true,
        })
        expect(res.status).toBe(200)
      },
    })
  })
})
