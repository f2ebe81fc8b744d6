import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleContacts } from '../../core/index.ts'
import { createRecordRepository, oidcIdentitySchema } from '../../core/testing.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

/**
 * Erasing a contact in a hub reaches their portal identity on the portals
 * bound to that hub: local accounts, OpenID links, live sessions (signed out
 * at once), invitation links and the outbox's messages to them. Another
 * contact's identity on the same portal is untouched, record for record.
 */

let t: PortalTestCore
let portal: { id: string; subdomain: string; instanceId: string; siteSecret: string; name: string }
let hub: Awaited<ReturnType<PortalTestCore['createHub']>>
let erased: { crmrecordid: string; email: string; name: string }
let kept: { crmrecordid: string; email: string; name: string }

beforeAll(async () => {
  t = await startPortalTestCore()
  const instanceId = (await t.createInstance({ name: 'Erasure reach' })).id
  const provisioned = await t.provisionAndWait(instanceId)
  hub = await t.createHub('Reach')
  const bound = await t.admin('PUT', `/v1/admin/portals/${provisioned.id}/hub-binding`, {
    hubId: hub.id,
    keyName: 'default',
    key: hub.keys[0]!.primaryKey,
    termsAccepted: true,
  })
  expect(bound.status).toBe(200)
  // The site secret only signs the links' tokens, which this test does not use.
  portal = { ...provisioned, instanceId, siteSecret: 'test-site-secret', name: 'Contoso Help' }
  ;[erased, kept] = sampleContacts(instanceId).slice(0, 2) as [typeof erased, typeof kept]
}, 120_000)
afterAll(async () => {
  await t.close()
  t.remove()
})

/** Every portal identity record of the settings table, by key, with the contact or address it names. */
async function identityRecords(): Promise<Map<string, string>> {
  const { rows } = await t.core.controlPlane.query<{ key: string; doc: Record<string, unknown> | string }>(
    `SELECT key, doc FROM cp_settings WHERE key LIKE 'portal-account/%' OR key LIKE 'portal-session/%'
      OR key LIKE 'portal-link/%' OR key LIKE 'portal-outbox/%' OR key LIKE 'portal-oidc-identity/%'`,
  )
  return new Map(
    rows.map((r) => {
      const doc = (typeof r.doc === 'string' ? JSON.parse(r.doc) : r.doc) as Record<string, unknown>
      return [r.key, String(doc.contactId ?? doc.to ?? doc.email ?? '')]
    }),
  )
}

/** Gives a contact every kind of portal identity record: an account, an OpenID link, a session, an invitation, mail. */
async function signUp(contact: typeof erased): Promise<string> {
  const { identity, sessions } = t.core.portalAuth
  await identity.invite(portal, contact, (code) => `https://x/register?code=${code}`)
  const made = await identity.register(
    portal,
    {
      email: contact.email,
      password: 'correct horse battery',
      contactId: contact.crmrecordid,
      confirmed: true,
    },
    () => '',
  )
  expect(made.ok).toBe(true)
  await identity.requestReset(portal, contact.email, (token) => `https://x/reset?token=${token}`)
  await createRecordRepository(t.core.controlPlane, 'cp_settings', oidcIdentitySchema).put(
    `portal-oidc-identity/${portal.id}/provider-1/${contact.crmrecordid}`,
    {
      portalId: portal.id,
      instanceId: portal.instanceId,
      providerId: 'provider-1',
      subject: `sub-${contact.crmrecordid}`,
      contactId: contact.crmrecordid,
      email: contact.email,
      consentedAt: new Date().toISOString(),
      lastSignInAt: new Date().toISOString(),
    },
  )
  return sessions.create({
    portalId: portal.id,
    instanceId: portal.instanceId,
    contactId: contact.crmrecordid,
    method: 'password',
  })
}

describe('an erasure reaches the contact’s portal identity', () => {
  it('removes their accounts, OpenID links, sessions, links and mail on the hub’s portals, and no one else’s', async () => {
    const erasedCookie = await signUp(erased)
    const keptCookie = await signUp(kept)
    const before = await identityRecords()
    const theirs = [...before].filter(([, who]) =>
      [erased.crmrecordid, erased.email].includes(who.toLowerCase()),
    )
    // An account, an OpenID link, a session, an invitation and a reset link, their two messages.
    expect(theirs.length).toBeGreaterThanOrEqual(7)
    expect(await t.core.portalAuth.sessions.read(portal, erasedCookie)).not.toBeNull()

    const res = await t.admin<{ erasureId: string }>(
      'DELETE',
      `/v1/admin/hubs/${hub.id}/contacts/${erased.crmrecordid}`,
    )
    expect(res.status).toBe(202)
    await t.core.contactRights.settled()
    const status = await t.admin<{ state: string; counts: { portalRecords: number } }>(
      'GET',
      `/v1/admin/hubs/${hub.id}/erasures/${res.body.erasureId}`,
    )
    expect(status.body).toMatchObject({ state: 'done', counts: { portalRecords: theirs.length } })

    const after = await identityRecords()
    expect([...after.keys()].filter((k) => theirs.some(([key]) => key === k))).toEqual([])
    // Everyone else's records are all there, unchanged.
    expect(after).toEqual(new Map([...before].filter(([k]) => !theirs.some(([key]) => key === k))))
    expect(await t.core.portalAuth.sessions.read(portal, erasedCookie)).toBeNull()
    expect(await t.core.portalAuth.sessions.read(portal, keptCookie)).not.toBeNull()
    expect(await t.core.portalAuth.identity.account(portal.id, erased.email)).toBeNull()
    expect(await t.core.portalAuth.identity.account(portal.id, kept.email)).not.toBeNull()
    // Signed out on the site too: the page no longer knows them, and still knows the other.
    const pageFor = async (cookie: string) =>
      (await t.site(portal.subdomain, '/', { headers: { cookie: `casetrail_session=${cookie}` } })).text()
    expect(await pageFor(keptCookie)).toContain(`Signed in as ${kept.name}`)
    expect(await pageFor(erasedCookie)).not.toContain('Signed in as')
  })
})
