import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleContacts } from '../../core/index.ts'
import { setSetting } from '../support/checker-defects.ts'
import { freePort } from '../../tools/free-port.ts'
import { ADMIN_TOKEN, type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'
import { type TestAccount, startTestProvider } from '../support/oidc-test-provider.ts'
import { SiteBrowser, localPath, startAt, throughProvider } from '../support/oidc-browser.ts'

// Issue 29, OpenID Connect (the seed's "Azure AD Authentication") against a real
// provider on loopback: oidc-provider, started here. Driven over HTTP with cookie jars:
// the portal through the app, the provider through fetch.

let t: PortalTestCore
let provider: Awaited<ReturnType<typeof startTestProvider>>
let portal: { id: string; subdomain: string }
let instanceId: string
let providerId: string
let accounts: Record<'ada' | 'bea' | 'eve' | 'new', TestAccount>

beforeAll(async () => {
  t = await startPortalTestCore({ portals: { oneClickSignIn: undefined } })
  instanceId = (await t.createInstance({ name: 'Contoso' })).id
  portal = await t.provisionAndWait(instanceId, { portalType: 'customer_self_service' })
  const known = sampleContacts(instanceId)
  accounts = {
    // The address of a known contact, verified by the provider: links to that contact.
    ada: { sub: 'ada-at-provider', email: known[0]!.email, email_verified: true, name: 'Ada at Provider' },
    bea: { sub: 'bea-at-provider', email: known[1]!.email, email_verified: true, name: 'Bea at Provider' },
    // A known contact's address the provider has NOT verified: never links.
    eve: { sub: 'eve-at-provider', email: known[2]!.email, email_verified: false, name: 'Eve' },
    // An address no contact has.
    new: { sub: 'new-at-provider', email: 'newcomer@example.org', email_verified: true, name: 'New Comer' },
  }
  provider = await startTestProvider({
    redirectUris: [`http://${portal.subdomain}.localhost/signin/oidc/callback`],
    accounts: Object.values(accounts),
  })
  const added = await t.admin<{ id: string; clientSecret: string; redirectUri: string }>(
    'POST',
    `/v1/admin/portals/${portal.id}/oidc-providers`,
    {
      name: 'Contoso ID',
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
    },
  )
  expect(added.status).toBe(201)
  providerId = added.body.id
}, 120_000)
afterAll(async () => {
  await provider?.close()
  await t?.close()
  t?.remove()
})

/** A new browser on the portal's site, with no cookies. */
const browser = () => new SiteBrowser((path, init) => t.site(portal.subdomain, path, init))

describe('OpenID Connect sign-in against a real provider (issue 29)', () => {
  it('sends the browser to the provider with PKCE (S256), state and nonce, and the portal’s own redirect URI', async () => {
    const authorize = await startAt(browser())
    expect(authorize.origin).toBe(provider.issuer)
    const q = authorize.searchParams
    expect(q.get('code_challenge_method')).toBe('S256')
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(q.get('state')).toBeTruthy()
    expect(q.get('nonce')).toBeTruthy()
    expect(q.get('redirect_uri')).toBe(`http://${portal.subdomain}.localhost/signin/oidc/callback`)
    expect(q.get('scope')).toBe('openid email profile')
  })

  it('shows the seed’s consent page on a first sign-in; Accept signs in the contact with the verified address', async () => {
    const b = browser()
    const { res } = await throughProvider(b, provider, accounts.ada)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toMatch(/^\/signin\/oidc\/consent\?pending=/)
    expect(b.jar.has('casetrail_session')).toBe(false)
    const consent = await b.get(res.headers.get('location')!)
    const html = await consent.text()
    expect(consent.status).toBe(200)
    expect(html).toContain('use your Contoso ID account?')
    expect(html).toContain(`Your name: ${accounts.ada.name}`)
    expect(html).toContain(`Your e-mail address: ${accounts.ada.email}`)
    expect(html).toMatch(/<button type="submit" name="decision" value="accept">Accept<\/button>/)
    expect(html).toMatch(/name="decision" value="decline"[^>]*>Decline</)
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!
    const pending = /name="pending" value="([^"]+)"/.exec(html)![1]!
    const accepted = await b.post('/signin/oidc/consent', { pending, decision: 'accept', csrf })
    expect(accepted.status).toBe(303)
    expect(b.jar.has('casetrail_session')).toBe(true)
    expect(b.jar.has('casetrail_oidc')).toBe(false)
    expect(await b.who()).toBe(sampleContacts(instanceId)[0]!.name)

    // Recorded: who, when, which provider (the console's sign-in methods).
    const methods = await t.admin<{ oidc: Array<Record<string, unknown>> }>(
      'GET',
      `/v1/admin/instances/${instanceId}/contacts/${sampleContacts(instanceId)[0]!.crmrecordid}/sign-in`,
    )
    expect(methods.body.oidc).toEqual([
      expect.objectContaining({
        portalId: portal.id,
        method: 'oidc',
        providerId,
        providerName: 'Contoso ID',
        email: accounts.ada.email,
        consentedAt: expect.any(String),
      }),
    ])
  })

  it('skips the consent page on the same user’s second sign-in (recorded as a login while tracking is on)', async () => {
    await setSetting(t, portal.id, 'Authentication/LoginTrackingEnabled', 'true')
    const b = browser()
    const { res } = await throughProvider(b, provider, accounts.ada)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/')
    const contact = sampleContacts(instanceId)[0]!
    expect(await b.who()).toBe(contact.name)
    const { rows } = await t.core.controlPlane.query<{ doc: { subject: string } }>(
      'SELECT doc FROM cp_settings WHERE key LIKE $1',
      [`tracking/${portal.id}/login/%`],
    )
    expect(rows.map((r) => r.doc.subject)).toContain(contact.crmrecordid)
  })

  it('signs nobody in who declines, and says so; the next sign-in asks again', async () => {
    const b = browser()
    const { res } = await throughProvider(b, provider, accounts.bea)
    const html = await (await b.get(res.headers.get('location')!)).text()
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!
    const pending = /name="pending" value="([^"]+)"/.exec(html)![1]!
    const declined = await b.post('/signin/oidc/consent', { pending, decision: 'decline', csrf })
    expect(declined.status).toBe(200)
    expect(await declined.text()).toContain('You declined: you are not signed in')
    expect(b.jar.has('casetrail_session')).toBe(false)
    expect(await b.who()).toBeNull()
    // Used: the same consent form again signs nobody in.
    const again = await b.post('/signin/oidc/consent', { pending, decision: 'accept', csrf })
    expect(again.status).toBe(400)
    expect(b.jar.has('casetrail_session')).toBe(false)
    const next = await throughProvider(browser(), provider, accounts.bea)
    expect(next.res.headers.get('location')).toMatch(/^\/signin\/oidc\/consent\?pending=/)
  })

  it('asks for consent again once the contact’s OpenID identity is forgotten (an erasure)', async () => {
    const contact = sampleContacts(instanceId)[0]!
    expect(await t.core.portalAuth.oidc.forgetContact([portal.id], contact.crmrecordid)).toBe(1)
    const b = browser()
    const { res } = await throughProvider(b, provider, accounts.ada)
    expect(res.headers.get('location')).toMatch(/^\/signin\/oidc\/consent\?pending=/)
    const html = await (await b.get(res.headers.get('location')!)).text()
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!
    const pending = /name="pending" value="([^"]+)"/.exec(html)![1]!
    expect((await b.post('/signin/oidc/consent', { pending, decision: 'accept', csrf })).status).toBe(303)
    expect(await b.who()).toBe(contact.name)
  })

  it('signs nobody in who cancels at the provider, and says so', async () => {
    const b = browser()
    const authorize = await startAt(b)
    const callback = await provider.authorize(authorize.href, accounts.ada.sub, { cancel: true })
    expect(callback.searchParams.get('error')).toBe('access_denied')
    const res = await b.get(localPath(callback))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('The sign-in service did not sign you in')
    expect(b.jar.has('casetrail_session')).toBe(false)
  })

  it('refuses a tampered state', async () => {
    const b = browser()
    const authorize = await startAt(b)
    const callback = await provider.authorize(authorize.href, accounts.ada.sub)
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`)
    const res = await b.get(localPath(callback))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('This sign-in did not complete')
    expect(b.jar.has('casetrail_session')).toBe(false)
  })

  it('refuses a replayed callback (state and code used once)', async () => {
    const b = browser()
    const { callback, res } = await throughProvider(b, provider, accounts.ada)
    expect(res.status).toBe(303)
    const other = browser()
    other.jar.set('casetrail_oidc', b.jar.get('casetrail_oidc') ?? 'gone')
    const replayed = await b.get(localPath(callback))
    expect(replayed.status).toBe(400)
    expect(await replayed.text()).toContain('This sign-in did not complete')
  })

  it('refuses a callback in a browser other than the one that started', async () => {
    const b = browser()
    const authorize = await startAt(b)
    const callback = await provider.authorize(authorize.href, accounts.ada.sub)
    const attacker = browser()
    const res = await attacker.get(localPath(callback))
    expect(res.status).toBe(400)
    expect(attacker.jar.has('casetrail_session')).toBe(false)
    // Nor does the started sign-in work afterwards: the state was used up.
    expect((await b.get(localPath(callback))).status).toBe(400)
  })

  it('refuses an ID token minted for another nonce', async () => {
    const b = browser()
    const { res } = await throughProvider(b, provider, accounts.ada, (authorize) =>
      authorize.searchParams.set('nonce', 'a-nonce-this-browser-never-had'),
    )
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('did not check out')
    expect(b.jar.has('casetrail_session')).toBe(false)
    expect(t.logLines.some((l) => l.includes('OpenID sign-in refused') && l.includes('OAUTH_'))).toBe(true)
  })

  it('never links an unverified address to the contact that has it', async () => {
    const b = browser()
    const { res } = await throughProvider(b, provider, accounts.eve)
    const html = await (await b.get(res.headers.get('location')!)).text()
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!
    const pending = /name="pending" value="([^"]+)"/.exec(html)![1]!
    const accepted = await b.post('/signin/oidc/consent', { pending, decision: 'accept', csrf })
    expect(accepted.status).toBe(400)
    expect(await accepted.text()).toContain('has not verified your e-mail address')
    expect(b.jar.has('casetrail_session')).toBe(false)
  })

  it('refuses an address no contact has where the portal links only, and makes a contact where it creates', async () => {
    const accept = async (who: TestAccount) => {
      const b = browser()
      const { res } = await throughProvider(b, provider, who)
      const html = await (await b.get(res.headers.get('location')!)).text()
      const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!
      const pending = /name="pending" value="([^"]+)"/.exec(html)![1]!
      return { b, res: await b.post('/signin/oidc/consent', { pending, decision: 'accept', csrf }) }
    }
    const linkOnly = await accept(accounts.new)
    expect(linkOnly.res.status).toBe(400)
    expect(await linkOnly.res.text()).toContain('No account here has the e-mail address')
    const set = await t.admin('PUT', `/v1/admin/portals/${portal.id}/authentication`, {
      local: true,
      registration: 'invitation',
      oidcAccounts: 'create',
    })
    expect(set.status).toBe(200)
    const created = await accept(accounts.new)
    expect(created.res.status).toBe(303)
    expect(await created.b.who()).toBe('New Comer')
    const contact = (await t.core.tenancy.contacts.listOf(instanceId)).find(
      (c) => c.email === 'newcomer@example.org',
    )
    expect(contact?.name).toBe('New Comer')
  })
})

describe('hostile or broken OpenID sign-ins answer a clear page, never a 500 or a stall', () => {
  it('refuses an unknown provider, a callback without state, an unknown consent, a consent without its form token', async () => {
    const b = browser()
    await b.get('/signin')
    const unknown = await b.get('/signin/oidc/start?provider=nope&next=/')
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toContain('This sign-in option does not exist')
    expect((await b.get('/signin/oidc/callback')).status).toBe(400)
    expect((await b.get(`/signin/oidc/callback?state=${'x'.repeat(4000)}&code=y`)).status).toBe(400)
    expect((await b.get('/signin/oidc/consent?pending=nope')).status).toBe(400)
    const noToken = await b.post('/signin/oidc/consent', { pending: 'nope', decision: 'accept' })
    expect(noToken.status).toBeGreaterThanOrEqual(400)
    expect(noToken.status).toBeLessThan(500)
    expect(b.jar.has('casetrail_session')).toBe(false)
  })

  it('says the provider cannot be reached (503) when its issuer does not answer', async () => {
    const closed = await freePort()
    const added = await t.admin<{ id: string }>('POST', `/v1/admin/portals/${portal.id}/oidc-providers`, {
      name: 'Gone',
      issuer: `http://127.0.0.1:${closed}`,
      clientId: 'c',
      clientSecret: 's',
    })
    const res = await browser().get(`/signin/oidc/start?provider=${added.body.id}&next=/`)
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('could not be reached')
    expect(
      (await t.admin('DELETE', `/v1/admin/portals/${portal.id}/oidc-providers/${added.body.id}`)).status,
    ).toBe(204)
  })
})

describe('OpenID providers in the admin API (issue 29)', () => {
  const base = () => `/v1/admin/portals/${portal.id}/oidc-providers`

  it('shows the secret only as “set”, and keeps it sealed at rest', async () => {
    const list = await t.admin<{ providers: Array<Record<string, unknown>> }>('GET', base())
    expect(list.status).toBe(200)
    expect(list.body.providers).toEqual([
      expect.objectContaining({
        id: providerId,
        clientSecret: 'set',
        redirectUri: `http://${portal.subdomain}.localhost/signin/oidc/callback`,
      }),
    ])
    expect(JSON.stringify(list.body)).not.toContain(provider.clientSecret)
    const { rows } = await t.core.controlPlane.query<{ doc: unknown }>(
      'SELECT doc FROM cp_settings WHERE key LIKE $1',
      ['portal-oidc-provider/%'],
    )
    expect(rows.length).toBeGreaterThan(0)
    expect(JSON.stringify(rows)).not.toContain(provider.clientSecret)
    expect(JSON.stringify(rows)).toContain('A256GCM')
  })

  it('refuses an http issuer that is not on loopback, naming the field', async () => {
    const res = await t.admin('POST', base(), {
      name: 'Plain',
      issuer: 'http://login.example.com',
      clientId: 'x',
      clientSecret: 'y',
    })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: { code: 'issuer_invalid', field: 'issuer' } })
  })

  it('changes a provider only on the version read (If-Match), keeps the secret when left out, and audits each write', async () => {
    const made = await t.admin<{ id: string }>('POST', base(), {
      name: 'Second',
      issuer: 'https://login.microsoftonline.com/tenant/v2.0',
      clientId: 'client',
      clientSecret: 'second secret value',
    })
    const one = `${base()}/${made.body.id}`
    const read = await t.admin('GET', one)
    const etag = read.headers.get('etag')!
    expect(etag).toBeTruthy()
    const patch = (body: unknown) =>
      t.app.request(one, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          'content-type': 'application/json',
          'if-match': etag,
        },
        body: JSON.stringify(body),
      })
    expect((await patch({ name: 'Second, renamed' })).status).toBe(200)
    const stale = await patch({ name: 'Lost update' })
    expect(stale.status).toBe(412)
    expect(await stale.json()).toMatchObject({ error: { code: 'version_mismatch' } })
    const stored = await t.core.portalAuth.admin.oidcProvider(t.bootstrap, portal.id, made.body.id)
    expect(stored.name).toBe('Second, renamed')
    const removed = await t.admin('DELETE', one)
    expect(removed.status).toBe(204)
    expect((await t.admin('GET', one)).status).toBe(404)
    const entries = (await t.core.audit.list({ operation: 'updatePortalOidcProvider', limit: 10 })).entries
    expect(entries.map((e) => e.outcome.status)).toContain(412)
    const audit = JSON.stringify(await t.core.audit.list({ limit: 500 }))
    expect(audit).not.toContain('second secret value')
    expect(audit).not.toContain(provider.clientSecret)
  })
})
