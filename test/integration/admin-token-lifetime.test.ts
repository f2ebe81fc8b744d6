import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_SESSION_TTL_MS, DEFAULT_ADMIN_TOKEN_TTL_MS } from '../../core/index.ts'
import { ADMIN_TOKEN, type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

/**
 * Admin tokens expire and can be revoked; the console signs in with a
 * session that sign-out ends on the server (issue 20, item 8, admin side).
 */
let t: PortalTestCore
let now = Date.parse('2026-12-01T09:00:00Z')

type ErrorBody = { error?: { code: string; message: string } }
type UserBody = { id: string; token: { expiresAt: string | null; revokedAt: string | null } }

beforeAll(async () => {
  t = await startPortalTestCore({ clock: () => now })
})
afterAll(async () => {
  await t.close()
  t.remove()
})

/**
 * Moves the clock on; the bootstrap admin the helpers call as gets a fresh
 * lifetime (a start with another CASETRAIL_BOOTSTRAP_TOKEN value replaces
 * it, then one with the usual value), so only the tokens under test age.
 */
const advance = async (ms: number) => {
  now += ms
  await t.core.principals.ensureBootstrapAdmin('bootstrap-token-in-between-0123456789')
  await t.core.principals.ensureBootstrapAdmin(ADMIN_TOKEN)
}

const me = (token: string) => t.call<ErrorBody & UserBody>(token, 'GET', '/v1/admin/users/me')

describe('admin tokens expire', () => {
  it('refuses a token past its lifetime (90 days by default) with admin_token_expired, and a rotation gives a fresh one', async () => {
    const user = await t.createUser('Expiring', [{ role: 'service_administrator' }])
    const view = await me(user.token)
    expect(view.status).toBe(200)
    expect(Date.parse(view.body.token.expiresAt!)).toBe(now + DEFAULT_ADMIN_TOKEN_TTL_MS)
    await advance(DEFAULT_ADMIN_TOKEN_TTL_MS - 1000)
    expect((await me(user.token)).status).toBe(200)
    await advance(2000)
    const expired = await me(user.token)
    expect(expired.status).toBe(401)
    expect(expired.body.error?.code).toBe('admin_token_expired')
    const rotated = await t.admin<{ token: string; expiresAt: string }>(
      'POST',
      `/v1/admin/users/${user.id}/token`,
    )
    expect(rotated.status).toBe(200)
    expect(Date.parse(rotated.body.expiresAt)).toBe(now + DEFAULT_ADMIN_TOKEN_TTL_MS)
    expect((await me(rotated.body.token)).status).toBe(200)
  })

  it('refuses a token stored before expiry existed until a start dates it', async () => {
    const user = await t.createUser('Undated', [])
    const stored = (await t.core.principals.get(user.id))!
    const { tokenExpiresAt: _dropped, ...undated } = stored
    await t.core.principals.update(undated)
    expect((await me(user.token)).body.error?.code).toBe('admin_token_expired')
    await t.core.principals.ensureBootstrapAdmin(ADMIN_TOKEN)
    const dated = await me(user.token)
    expect(dated.status).toBe(200)
    expect(Date.parse(dated.body.token.expiresAt!)).toBe(now + DEFAULT_ADMIN_TOKEN_TTL_MS)
  })
})

describe('admin tokens are revoked on the server', () => {
  it('revokes one’s own token: it stops working at once, the user shows when, and a rotation restores access', async () => {
    const user = await t.createUser('Leaving', [{ role: 'service_administrator' }])
    const res = await t.call(user.token, 'DELETE', `/v1/admin/users/${user.id}/token`)
    expect(res.status).toBe(204)
    const refused = await me(user.token)
    expect(refused.status).toBe(401)
    expect(refused.body.error?.code).toBe('admin_token_invalid')
    const view = await t.admin<UserBody>('GET', `/v1/admin/users/${user.id}`)
    expect(view.body.token.revokedAt).toBe(new Date(now).toISOString())
    const rotated = await t.admin<{ token: string }>('POST', `/v1/admin/users/${user.id}/token`)
    expect((await me(rotated.body.token)).status).toBe(200)
    expect((await t.admin<UserBody>('GET', `/v1/admin/users/${user.id}`)).body.token.revokedAt).toBeNull()
  })

  it('lets a tenant administrator revoke a token whose roles they may grant, and logs it without the token', async () => {
    const service = await t.createUser('Service', [{ role: 'service_administrator' }])
    const target = await t.createUser('Target', [{ role: 'service_administrator' }])
    const lines = t.logLines.length
    expect((await t.call(service.token, 'DELETE', `/v1/admin/users/${target.id}/token`)).status).toBe(204)
    expect((await me(target.token)).status).toBe(401)
    const logged = t.logLines.slice(lines).join('')
    expect(logged).toContain('admin token revoked')
    expect(logged).not.toContain(target.token)
  })

  it('refuses a Service Administrator revoking a Global Administrator’s token', async () => {
    const service = await t.createUser('Service 2', [{ role: 'service_administrator' }])
    const global = await t.createUser('Global', [{ role: 'global_administrator' }])
    const res = await t.call<ErrorBody>(service.token, 'DELETE', `/v1/admin/users/${global.id}/token`)
    expect(res.status).toBe(403)
    expect(res.body.error?.code).toBe('role_grant_forbidden')
    expect((await me(global.token)).status).toBe(200)
  })
})

describe('console sessions', () => {
  const startSession = (token: string) =>
    t.call<ErrorBody & { token: string; expiresAt: string }>(token, 'POST', '/v1/admin/sessions')

  it('starts a session with the admin token; signing out ends it on the server and leaves the admin token working', async () => {
    const user = await t.createUser('Console user', [{ role: 'service_administrator' }])
    const session = await startSession(user.token)
    expect(session.status).toBe(201)
    expect(session.body.token).toMatch(/^cts_/)
    expect(Date.parse(session.body.expiresAt)).toBe(now + ADMIN_SESSION_TTL_MS)
    expect((await me(session.body.token)).body.id).toBe(user.id)
    expect((await t.call(session.body.token, 'DELETE', '/v1/admin/sessions/current')).status).toBe(204)
    const after = await me(session.body.token)
    expect(after.status).toBe(401)
    expect(after.body.error?.code).toBe('admin_token_invalid')
    expect((await me(user.token)).status).toBe(200)
  })

  it('ends after 12 hours, and a start forgets sessions nobody signed out of', async () => {
    const user = await t.createUser('Long day', [])
    const session = await startSession(user.token)
    const abandoned = await startSession(user.token)
    now += ADMIN_SESSION_TTL_MS
    const res = await me(session.body.token)
    expect(res.status).toBe(401)
    expect(res.body.error?.code).toBe('admin_token_expired')
    expect((await me(user.token)).status).toBe(200)
    await t.core.principals.ensureBootstrapAdmin(ADMIN_TOKEN)
    // Gone from the index: unknown now, no longer "expired".
    expect((await me(abandoned.body.token)).body.error?.code).toBe('admin_token_invalid')
  })

  it('never outlives its admin token', async () => {
    const user = await t.createUser('Nearly expired', [])
    await advance(DEFAULT_ADMIN_TOKEN_TTL_MS - 3600_000)
    const session = await startSession(user.token)
    expect(Date.parse(session.body.expiresAt)).toBe(now + 3600_000)
  })

  it('stops when its admin token is rotated or revoked', async () => {
    const user = await t.createUser('Rotating', [])
    const first = await startSession(user.token)
    const rotated = await t.call<{ token: string }>(user.token, 'POST', `/v1/admin/users/${user.id}/token`)
    expect((await me(first.body.token)).status).toBe(401)
    const second = await startSession(rotated.body.token)
    expect((await me(second.body.token)).status).toBe(200)
    expect((await t.admin('DELETE', `/v1/admin/users/${user.id}/token`)).status).toBe(204)
    expect((await me(second.body.token)).status).toBe(401)
  })

  it('is not started from another session, and an admin token is not ended as a session', async () => {
    const user = await t.createUser('Chained', [])
    const session = await startSession(user.token)
    const chained = await startSession(session.body.token)
    expect(chained.status).toBe(403)
    expect(chained.body.error?.code).toBe('admin_token_required')
    const notSession = await t.call<ErrorBody>(user.token, 'DELETE', '/v1/admin/sessions/current')
    expect(notSession.status).toBe(400)
    expect(notSession.body.error?.code).toBe('admin_session_required')
    expect((await me(user.token)).status).toBe(200)
  })
})

describe('CASETRAIL_BOOTSTRAP_TOKEN', () => {
  it('stays revoked across starts with the same value, and a new value replaces it', async () => {
    const { principal } = await t.core.principals.ensureBootstrapAdmin(ADMIN_TOKEN)
    expect((await t.admin('DELETE', `/v1/admin/users/${principal.id}/token`)).status).toBe(204)
    const again = await t.core.principals.ensureBootstrapAdmin(ADMIN_TOKEN)
    expect(again.revoked).toBe(true)
    expect((await me(ADMIN_TOKEN)).status).toBe(401)
    const next = 'bootstrap-token-after-revocation-0123456789'
    expect((await t.core.principals.ensureBootstrapAdmin(next)).replacedToken).toBe(true)
    expect((await me(next)).status).toBe(200)
    // Back to the value the other tests use: a value other than the current one replaces it.
    expect((await t.core.principals.ensureBootstrapAdmin(ADMIN_TOKEN)).replacedToken).toBe(true)
  })

  it('expires like any token: a start with the same value does not renew it', async () => {
    now += DEFAULT_ADMIN_TOKEN_TTL_MS
    expect((await me(ADMIN_TOKEN)).body.error?.code).toBe('admin_token_expired')
    expect((await t.core.principals.ensureBootstrapAdmin(ADMIN_TOKEN)).expired).toBe(true)
    expect((await me(ADMIN_TOKEN)).status).toBe(401)
    const next = 'bootstrap-token-after-expiry-0123456789abc'
    await t.core.principals.ensureBootstrapAdmin(next)
    expect((await me(next)).status).toBe(200)
  })
})
