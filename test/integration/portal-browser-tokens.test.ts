import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleContacts } from '../../core/index.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'
import { type PageBeacon, beaconOf, sendBeacon, signIn } from '../support/portal-site-client.ts'

// Issue 20, item 3: the token a portal page hands the browser could read the hub's
// insights and report cases as any contact. A browser token sends interactions for
// its visitor, and nothing else.

let t: PortalTestCore
let hub: Awaited<ReturnType<PortalTestCore['createHub']>>
let portal: { id: string; subdomain: string }
let me: string
let other: string
let beacon: PageBeacon

beforeAll(async () => {
  t = await startPortalTestCore()
  const instanceId = (await t.createInstance({ name: 'Contoso' })).id
  ;[me, other] = sampleContacts(instanceId)
    .slice(1, 3)
    .map((c) => c.crmrecordid) as [string, string]
  hub = await t.createHub('Browser tokens')
  // Bound with the hub's `default` key, which holds send, read and manage.
  portal = await t.provisionAndWait(instanceId, {
    hub: { hubId: hub.id, keyName: 'default', key: hub.keys[0]!.primaryKey },
  })
  const { cookie } = await signIn(t.app, portal.subdomain, me)
  const page = await t.site(portal.subdomain, '/knowledgebase/KA-01001', { headers: { cookie: cookie! } })
  beacon = beaconOf(await page.text())!
})
afterAll(async () => {
  await t.close()
  t.remove()
})

type Errors = { error: { code: string } }
const portalPath = () => `http://localhost/v1/hubs/${hub.id}/portals/${portal.id}`

describe("a portal page's beacon token", () => {
  it('sends the signed-in visitor’s interactions', async () => {
    expect(beacon.item.portal_contactid).toBe(me)
    expect((await sendBeacon(t.app, beacon)).status).toBe(202)
  })

  it('cannot read the portal’s insights (others’ searches)', async () => {
    const res = await t.app.request(
      `${portalPath()}/insights/searches?sas=${encodeURIComponent(beacon.token)}`,
    )
    expect(res.status).toBe(403)
    expect(((await res.json()) as Errors).error.code).toMatch(/^token_(scope|right)$/)
  })

  it('cannot report cases, for anyone', async () => {
    const res = await t.app.request(`${portalPath()}/cases?sas=${encodeURIComponent(beacon.token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ caseId: randomUUID(), contactId: other, createdAt: new Date().toISOString() }),
    })
    expect(res.status).toBe(403)
  })

  it('cannot send an interaction naming another contact: refused per item, with code and field', async () => {
    const res = await sendBeacon(t.app, { ...beacon, item: { ...beacon.item, portal_contactid: other } })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      accepted: 0,
      rejected: [{ index: 0, errors: [{ path: 'portal_contactid', code: 'contact_mismatch' }] }],
    })
  })

  it('is signed with a send-only key made for the binding, not the key the admin gave', async () => {
    const binding = await t.admin<{ hub: { keyName: string } }>(
      'GET',
      `/v1/admin/portals/${portal.id}/hub-binding`,
    )
    expect(binding.body.hub.keyName).not.toBe('default')
    expect(beacon.token).toContain(`skn=${binding.body.hub.keyName}`)
    const view = await t.admin<{ keys: Array<{ keyName: string; rights: string[] }> }>(
      'GET',
      `/v1/admin/hubs/${hub.id}`,
    )
    expect(view.body.keys.find((k) => k.keyName === binding.body.hub.keyName)?.rights).toEqual(['send'])
  })

  it('names the visitor in its resource, so it covers nothing else under the portal', async () => {
    expect(decodeURIComponent(beacon.token)).toContain(`/portals/${portal.id}/contacts/${me}&`)
  })
})
