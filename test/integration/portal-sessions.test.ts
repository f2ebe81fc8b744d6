import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleContacts } from '../../core/index.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'
import { csrfFields, formSession, signIn } from '../support/portal-site-client.ts'

// Issue 20, items 7 (login CSRF), 8 (a portal cookie still worked after sign-out) and
// 9 (no rate limits on portal forms).

let t: PortalTestCore
let portal: { id: string; subdomain: string }
let morgan: string
let other: string

beforeAll(async () => {
  t = await startPortalTestCore({ trustProxy: true })
  const instanceId = (await t.createInstance({ name: 'Contoso' })).id
  portal = await t.provisionAndWait(instanceId, { portalType: 'customer_self_service' })
  ;[morgan, other] = sampleContacts(instanceId)
    .slice(0, 2)
    .map((c) => c.crmrecordid) as [string, string]
})
afterAll(async () => {
  await t.close()
  t.remove()
})

const origin = () => `http://${portal.subdomain}.localhost`
const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  t.site(portal.subdomain, path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  })
const signedInAs = async (cookie: string) => {
  const html = await (await t.site(portal.subdomain, '/', { headers: { cookie } })).text()
  return /Signed in as ([^<]+)</.exec(html)?.[1] ?? null
}

describe('login CSRF (issue 20 item 7)', () => {
  it('refuses a sign-in posted without the form token: 403, and no session', async () => {
    const res = await post('/signin', { contactId: other, next: '/' })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('data-notice="form_expired"')
    expect(res.headers.get('set-cookie') ?? '').not.toContain('casetrail_session=')
  })

  it('refuses a sign-in from a page on another origin, even with a token and the browser’s cookie', async () => {
    const { cookie, csrf } = await formSession(t.app, portal.subdomain)
    const res = await post(
      '/signin',
      { contactId: other, next: '/', csrf },
      { cookie, origin: 'https://attacker.example' },
    )
    expect(res.status).toBe(403)
    expect(res.headers.get('set-cookie') ?? '').not.toContain('casetrail_session=')
  })

  it('refuses a token minted for another browser', async () => {
    const mine = await formSession(t.app, portal.subdomain)
    const theirs = await formSession(t.app, portal.subdomain)
    const res = await post('/signin', { contactId: other, csrf: theirs.csrf }, { cookie: mine.cookie })
    expect(res.status).toBe(403)
  })

  it('puts the form token in every form the site posts', async () => {
    const { cookie } = await signIn(t.app, portal.subdomain, morgan)
    for (const path of ['/signin', '/support', '/ideas', '/']) {
      const html = await (await t.site(portal.subdomain, path, { headers: { cookie: cookie! } })).text()
      const forms = html.match(/<form\b[^>]*method="post"[^>]*>/g) ?? []
      const withToken = html.match(
        /<form\b[^>]*method="post"[^>]*><input type="hidden" name="csrf" value="[^"]+">/g,
      )
      expect(forms.length, path).toBeGreaterThan(0)
      expect(withToken?.length, path).toBe(forms.length)
    }
  })

  it('signs in from its own page and origin', async () => {
    const { cookie, csrf } = await formSession(t.app, portal.subdomain)
    const res = await post('/signin', { contactId: morgan, next: '/', csrf }, { cookie, origin: origin() })
    expect(res.status).toBe(303)
    expect(res.headers.get('set-cookie')).toContain('casetrail_session=')
  })
})

describe('sessions are server-side (issue 20 item 8)', () => {
  it('refuses the cookie of a session that signed out', async () => {
    const { cookie } = await signIn(t.app, portal.subdomain, morgan)
    expect(await signedInAs(cookie!)).toBe('Morgan Diaz')
    const out = await post('/signout', csrfFields(cookie!), { cookie: cookie! })
    expect(out.status).toBe(303)
    // The old cookie, replayed as an attacker who copied it would: nobody is signed in.
    expect(await signedInAs(cookie!)).toBeNull()
    const opened = await post(
      '/support',
      { title: 'after sign-out', description: 'x', ...csrfFields(cookie!) },
      {
        cookie: cookie!,
      },
    )
    expect(opened.status).toBe(303)
    expect(opened.headers.get('location')).toMatch(/^\/signin/)
  })

  it('keeps other sessions of the contact when one signs out', async () => {
    const a = (await signIn(t.app, portal.subdomain, morgan)).cookie!
    const b = (await signIn(t.app, portal.subdomain, morgan)).cookie!
    await post('/signout', csrfFields(a), { cookie: a })
    expect(await signedInAs(a)).toBeNull()
    expect(await signedInAs(b)).toBe('Morgan Diaz')
  })
})

describe('rate limits on portal forms (issue 20 item 9)', () => {
  it('opens a few cases from one session, then answers 429 with Retry-After', async () => {
    const cookie = (await signIn(t.app, portal.subdomain, other)).cookie!
    const answers: number[] = []
    let limited: Response | null = null
    for (let i = 0; i < 30; i++) {
      const res = await post(
        '/support',
        { title: `Case ${i}`, description: 'flood', ...csrfFields(cookie) },
        { cookie },
      )
      answers.push(res.status)
      if (res.status === 429) limited ??= res
    }
    expect(answers.filter((s) => s === 303).length).toBeLessThanOrEqual(5)
    expect(limited).not.toBeNull()
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await limited!.text()).toContain('data-notice="too_many_requests"')
  })

  it('slows sign-ins from one address: 429 with Retry-After after the burst', async () => {
    const { cookie, csrf } = await formSession(t.app, portal.subdomain)
    const answers: number[] = []
    for (let i = 0; i < 30; i++) {
      const res = await post(
        '/signin',
        { contactId: morgan, next: '/', csrf },
        { cookie, 'x-forwarded-for': '203.0.113.7' },
      )
      answers.push(res.status)
    }
    expect(answers.filter((s) => s === 303).length).toBeLessThanOrEqual(10)
    expect(answers).toContain(429)
  })
})
