import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleContacts } from '../../core/index.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'
import { beaconOf, sendBeacon, signIn } from '../support/portal-site-client.ts'
import { PUBLIC_URL, tokenFor } from '../support/test-core.ts'

let t: PortalTestCore
let instanceId: string
let contactId: string

beforeAll(async () => {
  t = await startPortalTestCore()
  instanceId = (await t.createInstance({ name: 'Contoso' })).id
  contactId = sampleContacts(instanceId)[1]!.crmrecordid
})
afterAll(async () => {
  await t.close()
  t.remove()
})

type ErrorBody = { error: { code: string; message: string; field?: string } }
type Binding = { hub: { hubId: string; hubUri: string; keyName: string } | null }

/** Signs the contact in on a portal and returns the beacon an article page carries. */
const articleBeacon = async (subdomain: string) => {
  const { cookie } = await signIn(t.app, subdomain, contactId)
  const res = await t.site(subdomain, '/knowledgebase/KA-01001', { headers: { cookie: cookie! } })
  return beaconOf(await res.text())
}

describe('configuring the hub a portal sends to', () => {
  it('installs article feedback on the hub it provisions a portal onto, when the hub does not capture it', async () => {
    const hub = await t.createHub('Older hub')
    // A hub from before the type existed: the four seed types only.
    await t.core.hubs.setCapturedTypes(hub.id, [
      'portal_viewknowledgearticle',
      'portal_viewblogpost',
      'portal_viewforumthread',
      'portal_search',
    ])
    expect((await t.core.hubs.get(hub.id)).capturedTypes).not.toContain('portal_articlefeedback')
    await t.provisionAndWait(instanceId, {
      hub: { hubId: hub.id, keyName: 'default', key: hub.keys[0]!.primaryKey },
    })
    expect((await t.core.hubs.get(hub.id)).capturedTypes).toContain('portal_articlefeedback')
  })

  it('binds a hub with a key name and shared access key, and shows it without the key', async () => {
    const hub = await t.createHub('First')
    const portal = await t.provisionAndWait(instanceId)
    expect((await t.admin<Binding>('GET', `/v1/admin/portals/${portal.id}/hub-binding`)).body.hub).toBeNull()
    const res = await t.admin<Binding>('PUT', `/v1/admin/portals/${portal.id}/hub-binding`, {
      hubId: hub.id,
      keyName: 'default',
      key: hub.keys[0]!.primaryKey,
      termsAccepted: true,
    })
    expect(res.status).toBe(200)
    // The `default` key holds read and manage too: the portal keeps a send-only key made for it (issue 20 item 3).
    expect(res.body.hub).toMatchObject({
      hubId: hub.id,
      hubUri: `${PUBLIC_URL}/v1/hubs/${hub.id}`,
      keyName: `portal-${portal.id}`,
    })
    expect(JSON.stringify(res.body)).not.toContain(hub.keys[0]!.primaryKey)
    const view = await t.admin<{ hub: { hubId: string } }>('GET', `/v1/admin/portals/${portal.id}`)
    expect(view.body.hub.hubId).toBe(hub.id)
    expect(JSON.stringify(view.body)).not.toContain(hub.keys[0]!.primaryKey)
    const beacon = await articleBeacon(portal.subdomain)
    expect((await sendBeacon(t.app, beacon!)).status).toBe(202)
  })

  it.each([
    ['the terms not accepted', { termsAccepted: false }, 400, 'terms_not_accepted'],
    ['an unknown hub', { hubId: 'no-such-hub' }, 404, 'hub_not_found'],
    ['an unknown key name', { keyName: 'nope' }, 400, 'binding_key_unknown'],
    [
      'a wrong shared access key',
      { key: Buffer.alloc(32, 7).toString('base64') },
      400,
      'binding_key_invalid',
    ],
  ])('refuses %s', async (_label, overrides, status, code) => {
    const hub = await t.createHub()
    const portal = await t.provisionAndWait(instanceId)
    const res = await t.admin<ErrorBody>('PUT', `/v1/admin/portals/${portal.id}/hub-binding`, {
      hubId: hub.id,
      keyName: 'default',
      key: hub.keys[0]!.primaryKey,
      termsAccepted: true,
      ...overrides,
    })
    expect(res.status).toBe(status)
    expect(res.body.error.code).toBe(code)
  })

  it('refuses a key without the send right beacons need', async () => {
    const hub = await t.createHub()
    const reader = await t.admin<{ primaryKey: string }>('POST', `/v1/admin/hubs/${hub.id}/keys`, {
      keyName: 'reader',
      rights: ['read'],
    })
    const portal = await t.provisionAndWait(instanceId)
    const res = await t.admin<ErrorBody>('PUT', `/v1/admin/portals/${portal.id}/hub-binding`, {
      hubId: hub.id,
      keyName: 'reader',
      key: reader.body.primaryKey,
      termsAccepted: true,
    })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('binding_key_lacks_send')
  })

  it('refuses a bad key at provisioning time, before anything is taken', async () => {
    const hub = await t.createHub()
    await t.addLicence()
    const res = await t.admin<ErrorBody>(
      'POST',
      '/v1/admin/portals',
      t.provisionBody(instanceId, {
        hub: { hubId: hub.id, keyName: 'default', key: Buffer.alloc(32, 9).toString('base64') },
      }),
    )
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('binding_key_invalid')
  })

  it('changes the hub a portal sends to', async () => {
    const first = await t.createHub('First')
    const second = await t.createHub('Second')
    const portal = await t.provisionAndWait(instanceId, {
      hub: { hubId: first.id, keyName: 'default', key: first.keys[0]!.primaryKey },
    })
    expect((await articleBeacon(portal.subdomain))!.endpoint).toContain(`/v1/hubs/${first.id}/`)
    await t.admin('PUT', `/v1/admin/portals/${portal.id}/hub-binding`, {
      hubId: second.id,
      keyName: 'default',
      key: second.keys[0]!.secondaryKey,
      termsAccepted: true,
    })
    const beacon = (await articleBeacon(portal.subdomain))!
    expect(beacon.endpoint).toBe(`${PUBLIC_URL}/v1/hubs/${second.id}/portals/${portal.id}/interactions`)
    expect((await sendBeacon(t.app, beacon)).status).toBe(202)
  })

  it('updates the shared access key after the hub’s key is regenerated; the hub URI stays read-only', async () => {
    const hub = await t.createHub()
    const portal = await t.provisionAndWait(instanceId, {
      hub: { hubId: hub.id, keyName: 'default', key: hub.keys[0]!.primaryKey },
    })
    // The portal signs with the send-only key its binding made (issue 20 item 3): that is the one rotated.
    const regenerated = await t.admin<{ primaryKey: string }>(
      'POST',
      `/v1/admin/hubs/${hub.id}/keys/portal-${portal.id}/regenerate`,
      {
        which: 'primary',
      },
    )
    const stale = (await articleBeacon(portal.subdomain))!
    const refused = await sendBeacon(t.app, stale)
    expect(refused.status).toBe(401)
    expect(await refused.json()).toMatchObject({ error: { code: 'signature_invalid' } })

    const readOnly = await t.admin<ErrorBody>('PATCH', `/v1/admin/portals/${portal.id}/hub-binding`, {
      hubId: 'another-hub',
      key: regenerated.body.primaryKey,
    })
    expect(readOnly.status).toBe(400)
    expect(readOnly.body.error.code).toBe('hub_uri_read_only')
    const wrong = await t.admin<ErrorBody>('PATCH', `/v1/admin/portals/${portal.id}/hub-binding`, {
      key: hub.keys[0]!.primaryKey,
    })
    expect(wrong.body.error.code).toBe('binding_key_invalid')

    const updated = await t.admin<Binding>('PATCH', `/v1/admin/portals/${portal.id}/hub-binding`, {
      key: regenerated.body.primaryKey,
    })
    expect(updated.status).toBe(200)
    expect(updated.body.hub?.hubId).toBe(hub.id)
    expect((await sendBeacon(t.app, (await articleBeacon(portal.subdomain))!)).status).toBe(202)
  })

  it('removes the hub: pages stop beaconing; updating a key then is a 404', async () => {
    const hub = await t.createHub()
    const portal = await t.provisionAndWait(instanceId, {
      hub: { hubId: hub.id, keyName: 'default', key: hub.keys[0]!.primaryKey },
    })
    expect((await t.admin('DELETE', `/v1/admin/portals/${portal.id}/hub-binding`)).status).toBe(204)
    expect(await articleBeacon(portal.subdomain)).toBeNull()
    const res = await t.admin<ErrorBody>('PATCH', `/v1/admin/portals/${portal.id}/hub-binding`, { key: 'x' })
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('hub_binding_not_found')
  })

  it('lets several portals share one hub: one contact’s journey holds both portals', async () => {
    const hub = await t.createHub('Shared')
    const creds = { hubId: hub.id, keyName: 'default', key: hub.keys[0]!.primaryKey }
    const a = await t.provisionAndWait(instanceId, { hub: creds })
    const b = await t.provisionAndWait(instanceId, { hub: creds })
    const start = Date.now()
    for (const p of [a, b])
      expect((await sendBeacon(t.app, (await articleBeacon(p.subdomain))!)).status).toBe(202)
    const read = tokenFor(`/v1/hubs/${hub.id}/contacts/${contactId}`, hub.keys[0]!.primaryKey)
    let portals: string[] = []
    for (let i = 0; i < 50 && portals.length < 2; i++) {
      const res = await t.app.request(
        `/v1/hubs/${hub.id}/contacts/${contactId}/journey?before=${encodeURIComponent(new Date(start + 60_000).toISOString())}&window=PT1H`,
        { headers: { authorization: read } },
      )
      portals = ((await res.json()) as { interactions: Array<{ portal_portalid: string }> }).interactions.map(
        (x) => x.portal_portalid,
      )
      if (portals.length < 2) await new Promise((r) => setTimeout(r, 100))
    }
    expect(portals.sort()).toEqual([a.id, b.id].sort())
  })
})
