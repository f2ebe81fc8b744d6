import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleContacts } from '../../core/index.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'
import { formSession } from '../support/portal-site-client.ts'

// Issue 29: portal visitors sign in for real. Local identity (register, confirm, sign in,
// wrong password, lockout, reset link used twice, expired link), on a portal where no
// one can sign in by naming a contact id (CASETRAIL_DEMO off).

let t: PortalTestCore
let portal: { id: string; subdomain: string }
let instanceId: string
let skewMs = 0
/** Set while a test counts a rate limit's burst: no token refills, however slow the machine. */
let frozenAt: number | undefined

beforeAll(async () => {
  t = await startPortalTestCore({
    portals: { oneClickSignIn: undefined },
    clock: () => frozenAt ?? Date.now() + skewMs,
    trustProxy: true,
  })
  instanceId = (await t.createInstance({ name: 'Contoso' })).id
  portal = await t.provisionAndWait(instanceId, { portalType: 'customer_self_service' })
  await t.core.portalAuth.identity.setSettings(portal.id, { local: true, registration: 'open' })
})
afterAll(async () => {
  await t.close()
  t.remove()
})

type Browser = { cookie: string; csrf: string }
const browser = (path = '/signin') => formSession(t.app, portal.subdomain, path)
const post = (
  b: Browser,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  t.site(portal.subdomain, path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: b.cookie, ...headers },
    body: new URLSearchParams({ ...fields, csrf: b.csrf }).toString(),
  })
const session = (res: Response) => /casetrail_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0]
const signIn = async (email: string, password: string) => {
  const b = await browser()
  return post(b, '/signin', { email, password, next: '/' })
}
const whoIs = async (cookie: string) =>
  /Signed in as ([^<]+)</.exec(
    await (await t.site(portal.subdomain, '/', { headers: { cookie } })).text(),
  )?.[1] ?? null
/** The newest outbox message to an address, and the link in it. */
const mailTo = async (email: string) => {
  const m = (await t.core.portalAuth.outbox.list(portal.id)).find((x) => x.to === email)
  if (!m) throw new Error(`no mail to ${email}`)
  const url = new URL(/https?:\/\/\S+/.exec(m.text)![0])
  return { message: m, path: `${url.pathname}${url.search}`, token: url.searchParams.get('token')! }
}

describe('no portal can be entered by naming a contact id', () => {
  it('lists no contacts, and a posted contact id signs nobody in', async () => {
    const html = await (await t.site(portal.subdomain, '/signin')).text()
    expect(html).not.toContain('data-contact=')
    expect(html).toContain('name="password"')
    const b = await browser()
    const res = await post(b, '/signin', { contactId: sampleContacts(instanceId)[0]!.crmrecordid })
    expect(session(res)).toBeUndefined()
  })
})

describe('local accounts', () => {
  const email = sampleContacts('x')[0]!.email // a known contact's address: the account links to that contact
  const password = 'correct horse battery'

  it('registers, mails a confirmation link to the outbox (a log line without the link), and refuses sign-in until confirmed', async () => {
    const b = await browser('/account/register')
    const res = await post(b, '/account/register', { email, password })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('we sent you a link')
    const mail = await mailTo(email)
    expect(mail.message.kind).toBe('confirm')
    expect(mail.path).toMatch(/^\/account\/confirm\?token=/)
    const logged = t.logLines.filter((l) => l.includes('portal mail placed in the outbox'))
    expect(logged.length).toBeGreaterThan(0)
    for (const line of t.logLines) expect(line).not.toContain(mail.token)
    const early = await signIn(email, password)
    expect(early.status).toBe(401)
    expect(await early.text()).toContain('Confirm your e-mail address first')
    expect(session(early)).toBeUndefined()
  })

  it('confirms once from the link, then signs in as the contact with that address', async () => {
    const { path } = await mailTo(email)
    const confirmed = await t.site(portal.subdomain, path)
    expect(await confirmed.text()).toContain('Your e-mail address is confirmed')
    const again = await t.site(portal.subdomain, path)
    expect(again.status).toBe(400)
    const res = await signIn(email, password)
    expect(res.status).toBe(303)
    expect(await whoIs(session(res)!)).toBe(sampleContacts(instanceId)[0]!.name)
  })

  it('refuses a wrong password and an unknown address alike, 401, no session', async () => {
    for (const [e, p] of [
      [email, 'wrong password!'],
      ['nobody@example.com', password],
    ] as const) {
      const res = await signIn(e, p)
      expect(res.status).toBe(401)
      expect(await res.text()).toContain('do not match an account here')
      expect(session(res)).toBeUndefined()
    }
  })

  it('locks the account after 5 failures in a row: even the right password is refused, with the time', async () => {
    // One failure is already counted by the test before.
    for (let i = 0; i < 4; i++) expect((await signIn(email, `wrong ${i} password`)).status).toBe(401)
    const locked = await signIn(email, password)
    expect(locked.status).toBe(401)
    expect(await locked.text()).toContain('this account is locked until')
    expect(session(locked)).toBeUndefined()
  })

  it('resets the password from a link that works once, and the reset unlocks the account', async () => {
    const b = await browser('/account/forgot')
    expect((await post(b, '/account/forgot', { email })).status).toBe(200)
    const { token, path } = await mailTo(email)
    expect(path).toMatch(/^\/account\/reset\?token=/)
    expect((await t.site(portal.subdomain, path)).status).toBe(200)
    const r = await browser(path)
    const changed = await post(r, '/account/reset', { token, password: 'a brand new password' })
    expect(await changed.text()).toContain('Your password is changed')
    const twice = await post(r, '/account/reset', { token, password: 'another new password' })
    expect(twice.status).toBe(400)
    expect(await twice.text()).toContain('This link does not work')
    expect((await signIn(email, 'a brand new password')).status).toBe(303)
    expect((await signIn(email, 'another new password')).status).toBe(401)
  })

  it('refuses an expired reset link', async () => {
    const b = await browser('/account/forgot')
    await post(b, '/account/forgot', { email })
    const { path } = await mailTo(email)
    skewMs += 61 * 60_000
    try {
      const res = await t.site(portal.subdomain, path)
      expect(res.status).toBe(400)
      expect(await res.text()).toContain('This link does not work')
    } finally {
      skewMs = 0
    }
  })

  it('refuses registration where the portal registers by invitation only', async () => {
    await t.core.portalAuth.identity.setSettings(portal.id, { local: true, registration: 'invitation' })
    try {
      const b = await browser('/account/forgot')
      const res = await post(b, '/account/register', { email: 'new@example.com', password })
      expect(res.status).toBe(403)
    } finally {
      await t.core.portalAuth.identity.setSettings(portal.id, { local: true, registration: 'open' })
    }
  })
})

describe('invitations (issue 29)', () => {
  const invitee = () => sampleContacts(instanceId)[1]!
  const invite = (portalId: string, contactId: string) =>
    t.admin<{ email: string; expiresAt: string }>('POST', `/v1/admin/portals/${portalId}/invitations`, {
      contactId,
    })

  it('sets a portal to registration by invitation through the admin API', async () => {
    const put = await t.admin('PUT', `/v1/admin/portals/${portal.id}/authentication`, {
      local: true,
      registration: 'invitation',
    })
    expect(put.status).toBe(200)
    const got = await t.admin('GET', `/v1/admin/portals/${portal.id}/authentication`)
    expect(got.body).toEqual({ local: true, registration: 'invitation', oidcAccounts: 'link' })
  })

  it('invites a contact: the code works once, and the account is that contact’s', async () => {
    const res = await invite(portal.id, invitee().crmrecordid)
    expect(res.status).toBe(201)
    expect(res.body.email).toBe(invitee().email)
    const outbox = await t.admin<{ messages: Array<{ kind: string; to: string; text: string }> }>(
      'GET',
      `/v1/admin/portals/${portal.id}/outbox`,
    )
    const mail = outbox.body.messages.find((m) => m.kind === 'invite' && m.to === invitee().email)!
    const url = new URL(/https?:\/\/\S+/.exec(mail.text)![0])
    expect(url.pathname).toBe('/account/register')
    const code = url.searchParams.get('invitation')!
    const form = await t.site(portal.subdomain, `${url.pathname}${url.search}`)
    const html = await form.text()
    expect(html).toContain(`value="${invitee().email}"`)
    const b = await browser(`${url.pathname}${url.search}`)
    const made = await post(b, '/account/register', { invitation: code, password: 'invited password 1' })
    expect(await made.text()).toContain('Your e-mail address is confirmed')
    const again = await post(b, '/account/register', { invitation: code, password: 'invited password 2' })
    expect(again.status).toBe(400)
    const signedIn = await signIn(invitee().email, 'invited password 1')
    expect(signedIn.status).toBe(303)
    expect(await whoIs(session(signedIn)!)).toBe(invitee().name)
  })

  it('refuses an invitation on another portal, and an expired one', async () => {
    const other = await t.provisionAndWait(instanceId, { portalType: 'customer_self_service' })
    const contact = sampleContacts(instanceId)[2]!
    await invite(portal.id, contact.crmrecordid)
    const mail = (await t.core.portalAuth.outbox.list(portal.id)).find((m) => m.to === contact.email)!
    const code = new URL(/https?:\/\/\S+/.exec(mail.text)![0]).searchParams.get('invitation')!
    const elsewhere = await t.site(
      other.subdomain,
      `/account/register?invitation=${encodeURIComponent(code)}`,
    )
    expect(elsewhere.status).toBe(400)
    skewMs += 8 * 24 * 3600_000
    try {
      const late = await t.site(portal.subdomain, `/account/register?invitation=${encodeURIComponent(code)}`)
      expect(late.status).toBe(400)
      expect(await late.text()).toContain('This link does not work')
    } finally {
      skewMs = 0
    }
  })

  it('refuses to invite someone who is not a contact of the instance', async () => {
    const res = await invite(portal.id, '00000000-0000-4000-8000-00000000abcd')
    expect(res.status).toBe(404)
    expect(res.body).toMatchObject({ error: { code: 'contact_not_found' } })
  })
})

describe('sign out everywhere (issue 29)', () => {
  it('lists the contact’s sign-in methods and sessions, and revokes every session at once', async () => {
    const contact = sampleContacts(instanceId)[1]!
    const a = session(await signIn(contact.email, 'invited password 1'))!
    const b = session(await signIn(contact.email, 'invited password 1'))!
    expect(await whoIs(a)).toBe(contact.name)
    const methods = await t.admin<{ accounts: unknown[]; sessions: unknown[] }>(
      'GET',
      `/v1/admin/instances/${instanceId}/contacts/${contact.crmrecordid}/sign-in`,
    )
    expect(methods.body.accounts).toEqual([expect.objectContaining({ portalId: portal.id, confirmed: true })])
    expect(methods.body.sessions.length).toBeGreaterThanOrEqual(2)
    const out = await t.admin<{ revoked: number }>(
      'POST',
      `/v1/admin/instances/${instanceId}/contacts/${contact.crmrecordid}/sign-out-everywhere`,
    )
    expect(out.body.revoked).toBeGreaterThanOrEqual(2)
    expect(await whoIs(a)).toBeNull()
    expect(await whoIs(b)).toBeNull()
  })
})

describe('a brute-force run against sign-in (issue 29)', () => {
  it('is slowed per address (429 with Retry-After after 10) and locks the account after 5 failures', async () => {
    await t.core.portalAuth.identity.setSettings(portal.id, { local: true, registration: 'open' })
    const b = await browser('/account/register')
    const email = 'target@example.com'
    await post(b, '/account/register', { email, password: 'the real password' })
    await t.site(portal.subdomain, (await mailTo(email)).path)
    const from = { 'x-forwarded-for': '203.0.113.66' }
    const statuses: number[] = []
    let retryAfter: string | null = null
    // The 30 guesses are counted at one instant: one attempt refills every 6 s, and on a loaded
    // machine 30 scrypt checks took longer than that (11 reached the password check, not 10).
    frozenAt = Date.now() + skewMs
    try {
      for (let i = 0; i < 30; i++) {
        const res = await post(b, '/signin', { email, password: `guess number ${i}`, next: '/' }, from)
        statuses.push(res.status)
        if (res.status === 429) retryAfter ??= res.headers.get('retry-after')
      }
    } finally {
      frozenAt = undefined
    }
    // 10 guesses reach the password check; the other 20 are refused before it.
    expect(statuses.filter((s) => s === 401)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(20)
    expect(Number(retryAfter)).toBeGreaterThan(0)
    // From another address, the right password: the account locked at the fifth failure.
    const res = await post(
      b,
      '/signin',
      { email, password: 'the real password', next: '/' },
      {
        'x-forwarded-for': '203.0.113.67',
      },
    )
    expect(res.status).toBe(401)
    expect(await res.text()).toContain('this account is locked until')
  })
})

describe('races (conditional writes in the control plane)', () => {
  it('counts guesses sent in parallel: five at once lock the account', async () => {
    const email = 'parallel@example.com'
    await t.core.portalAuth.identity.setSettings(portal.id, { local: true, registration: 'open' })
    const b = await browser('/account/register')
    await post(b, '/account/register', { email, password: 'the real password' })
    await t.site(portal.subdomain, (await mailTo(email)).path)
    await Promise.all(Array.from({ length: 5 }, (_, i) => signIn(email, `parallel guess ${i}`)))
    const res = await signIn(email, 'the real password')
    expect(await res.text()).toContain('this account is locked until')
  })

  it('lets one of two requests racing with one reset link use it', async () => {
    const email = 'parallel@example.com'
    const f = await browser('/account/forgot')
    await post(f, '/account/forgot', { email })
    const { token, path } = await mailTo(email)
    const r = await browser(path)
    const answers = await Promise.all(
      ['first racing password', 'second racing password'].map((password) =>
        post(r, '/account/reset', { token, password }),
      ),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400])
  })
})
