import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { beaconSnippet } from '../../admin-ui/testing.ts'
import { sampleContacts } from '../../core/index.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

/**
 * The console's beacon snippet and "first beacon seen": the snippet's server
 * part, run as a portal's server would run it, signs a token that the ingest
 * route takes for that one visitor's items and for sending only; what arrived
 * shows on `GET /v1/admin/portals/{portalId}/beacons`.
 */

let t: PortalTestCore
let instanceId: string
let contactId: string
let otherContactId: string
const dirs: string[] = []

beforeAll(async () => {
  t = await startPortalTestCore()
  instanceId = (await t.createInstance({ name: 'Contoso' })).id
  contactId = sampleContacts(instanceId)[1]!.crmrecordid
  otherContactId = sampleContacts(instanceId)[2]!.crmrecordid
})
afterAll(async () => {
  await t.close()
  t.remove()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

type Beacons = {
  hubId: string | null
  lastReceivedAt: string | null
  accepted24h: number
  rejected24h: number
}
type Binding = { hub: { hubId: string; hubUri: string; keyName: string } }
type Hub = { keys: Array<{ keyName: string; rights: string[]; primaryKey: string }> }

/** Imports the snippet's server part from a file, as a portal's server would, with its key in the environment. */
async function serverPart(code: string, key: string) {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-snippet-'))
  dirs.push(dir)
  const file = join(dir, 'casetrail-beacon.mjs')
  writeFileSync(file, code)
  process.env.CASETRAIL_PORTAL_KEY = key
  return (await import(pathToFileURL(file).href)) as {
    casetrailBeaconToken: (contactId: string, ttlSeconds?: number) => string
  }
}

/** Posts an item the way the page part does: `text/plain` with the token as `?sas=` (sendBeacon). */
const sendAsThePage = (endpoint: string, token: string, item: Record<string, unknown>) =>
  t.app.request(`${endpoint}?sas=${encodeURIComponent(token)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify(item),
  })

describe('the beacon snippet and the beacons a portal sent', () => {
  it('answers no hub and nothing received for a portal that is not bound', async () => {
    const portal = await t.provisionAndWait(instanceId)
    const res = await t.admin<Beacons>('GET', `/v1/admin/portals/${portal.id}/beacons`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ hubId: null, lastReceivedAt: null, accepted24h: 0, rejected24h: 0 })
  })

  it('signs with the snippet a token the hub takes for that visitor only, and shows the first beacon', async () => {
    const hub = await t.createHub('Snippet hub')
    const portal = await t.provisionAndWait(instanceId)
    const bound = await t.admin<Binding>('PUT', `/v1/admin/portals/${portal.id}/hub-binding`, {
      hubId: hub.id,
      keyName: 'default',
      key: hub.keys[0]!.primaryKey,
      termsAccepted: true,
    })
    expect(bound.status).toBe(200)
    const binding = bound.body.hub
    const before = await t.admin<Beacons>('GET', `/v1/admin/portals/${portal.id}/beacons`)
    expect(before.body).toMatchObject({ hubId: hub.id, lastReceivedAt: null, accepted24h: 0 })

    const snippet = beaconSnippet({ ...binding, portalId: portal.id, language: 'en-US' })
    // The key the snippet names is the portal's Send-only key, never the hub's default key.
    const keys = (await t.admin<Hub>('GET', `/v1/admin/hubs/${hub.id}`)).body.keys
    const sendOnly = keys.find((k) => k.keyName === binding.keyName)!
    expect(sendOnly.rights).toEqual(['send'])
    expect(snippet.server).toContain(`'${sendOnly.keyName}'`)
    expect(snippet.server + snippet.page).not.toContain(sendOnly.primaryKey)

    const { casetrailBeaconToken } = await serverPart(snippet.server, sendOnly.primaryKey)
    const token = casetrailBeaconToken(contactId)
    const endpoint = /endpoint: '([^']+)'/.exec(snippet.page)![1]!
    expect(endpoint).toBe(`${binding.hubUri}/portals/${portal.id}/interactions`)
    const item = {
      type: 'portal_viewknowledgearticle',
      portal_interactionid: crypto.randomUUID(),
      portal_contactid: contactId,
      portal_portalid: portal.id,
      portal_sessionid: 'snippet-session',
      portal_timestamp: new Date().toISOString(),
      portal_knowledgearticleid: crypto.randomUUID(),
      portal_knowledgetitle: 'Reset your password',
      portal_language: 'en-US',
    }
    const sent = await sendAsThePage(endpoint, token, item)
    expect(sent.status).toBe(202)
    expect(await sent.json()).toMatchObject({ accepted: 1 })

    // The same token cannot send another visitor's item, nor read.
    const other = await sendAsThePage(endpoint, token, {
      ...item,
      portal_interactionid: crypto.randomUUID(),
      portal_contactid: otherContactId,
    })
    expect(other.status).toBeGreaterThanOrEqual(400)
    const read = await t.app.request(
      `${binding.hubUri}/contacts/${contactId}/journey?before=${encodeURIComponent(new Date().toISOString())}`,
      { headers: { authorization: token } },
    )
    expect(read.status).toBe(403)

    await t.core.sink.settled()
    await expect
      .poll(async () => (await t.admin<Beacons>('GET', `/v1/admin/portals/${portal.id}/beacons`)).body)
      .toMatchObject({ hubId: hub.id, accepted24h: 1, lastReceivedAt: expect.any(String) })
  })

  it('refuses a user who may not manage the portal', async () => {
    const portal = await t.provisionAndWait(instanceId)
    const other = await t.createInstance({ name: 'Fabrikam' })
    const user = await t.createUser('Fabrikam admin', [
      { role: 'system_administrator', instanceId: other.id },
    ])
    const res = await t.call(user.token, 'GET', `/v1/admin/portals/${portal.id}/beacons`)
    expect(res.status).toBe(403)
  })
})
