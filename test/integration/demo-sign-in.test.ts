import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleContacts } from '../../core/index.ts'
import { demoOneClick, seedDemo, seedDemoPortal } from '../../demo/index.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'
import { formSession } from '../support/portal-site-client.ts'

// Issue 29, Demo: with CASETRAIL_DEMO on, the demo portal keeps a one-click
// "Sign in as Avery Lin" and says it is a demo; no other contact, and no other
// portal, can be entered by naming a contact id.

let t: PortalTestCore
let demo: { portalId: string; subdomain: string; contactId: string; instanceId: string }
let other: { id: string; subdomain: string }

beforeAll(async () => {
  // What `npm start` gives the portal module with CASETRAIL_DEMO on.
  t = await startPortalTestCore({ portals: { oneClickSignIn: (p) => demoOneClick(t.core, p) } })
  const { state } = await seedDemo(t.core)
  demo = (await seedDemoPortal(t.core, state)).portal
  other = await t.provisionAndWait(demo.instanceId, { portalType: 'customer_self_service' })
}, 120_000)
afterAll(async () => {
  await t.close()
  t.remove()
})

/** Posts the sign-in page's one-click form naming `contactId`, as a browser would (form cookie and token). */
const postContact = async (subdomain: string, contactId: string) => {
  const b = await formSession(t.app, subdomain)
  const res = await t.site(subdomain, '/signin', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: b.cookie },
    body: new URLSearchParams({ contactId, next: '/', csrf: b.csrf }).toString(),
  })
  return { res, session: /casetrail_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] }
}

describe('the demo’s one-click sign-in (CASETRAIL_DEMO on)', () => {
  it('offers “Sign in as Avery Lin” on the demo portal alone, labelled as a demo', async () => {
    const html = await (await t.site(demo.subdomain, '/signin')).text()
    expect(html).toContain('Sign in as Avery Lin')
    expect(html).toContain('Demo sign-in (CASETRAIL_DEMO is on)')
    expect([...html.matchAll(/data-contact="([^"]+)"/g)].map((m) => m[1])).toEqual([demo.contactId])
    const elsewhere = await (await t.site(other.subdomain, '/signin')).text()
    expect(elsewhere).not.toContain('data-contact=')
    expect(elsewhere).not.toContain('Demo sign-in')
  })

  it('signs Avery Lin in on the demo portal with one click', async () => {
    const { res, session } = await postContact(demo.subdomain, demo.contactId)
    expect(res.status).toBe(303)
    const home = await (await t.site(demo.subdomain, '/', { headers: { cookie: session! } })).text()
    expect(home).toContain('Signed in as Avery Lin')
  })

  it('signs nobody in who names another contact of the instance on the demo portal', async () => {
    for (const contact of sampleContacts(demo.instanceId)) {
      const { session } = await postContact(demo.subdomain, contact.crmrecordid)
      expect(session, contact.name).toBeUndefined()
    }
  })

  it('signs nobody in who names a contact id on a provisioned portal, Avery’s included', async () => {
    for (const id of [demo.contactId, sampleContacts(demo.instanceId)[0]!.crmrecordid]) {
      const { res, session } = await postContact(other.subdomain, id)
      expect(session).toBeUndefined()
      expect(res.status).toBeLessThan(500)
    }
  })
})
