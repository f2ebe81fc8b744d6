import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../core/index.ts'
import {
  ADMIN_TOKEN,
  type PortalTestCore,
  startPortalTestCore,
  rolesByName,
  type RoleName,
  ROLE_NAMES,
} from '../support/portal-fixtures.ts'

/**
 * Acting on another user (issue 20, item 1): every route under
 * `/v1/admin/users/{userId}` that reads or changes someone else's account,
 * as each role, on a target of each role. The rule: acting on another user
 * needs the right to grant every role that user holds (and tenant
 * administration for their token), so nobody reaches a role above their own
 * through someone else's account.
 */
let t: PortalTestCore
let roles: Record<RoleName, Role[]>
const actors = {} as Record<RoleName, { id: string; token: string }>

type ErrorBody = { error?: { code: string; message: string; field?: string } }

beforeAll(async () => {
  t = await startPortalTestCore()
  const instanceId = (await t.createInstance({ name: 'Contoso' })).id
  const other = (await t.createInstance({ name: 'Fabrikam' })).id
  roles = rolesByName(instanceId, other)
  for (const r of ROLE_NAMES) actors[r] = await t.createUser(`actor ${r}`, roles[r])
})
afterAll(async () => {
  await t.close()
  t.remove()
})

/** Who may act on a target holding `target`'s roles: tenant roles first, then instance roles they could grant. */
const mayActOn: Record<RoleName, RoleName[]> = {
  global: ROLE_NAMES,
  service: ['service', 'sysadmin', 'customizer', 'otherSysadmin', 'none'],
  sysadmin: ['sysadmin', 'customizer', 'none'],
  customizer: [],
  otherSysadmin: ['otherSysadmin', 'none'],
  none: [],
}
const TENANT: RoleName[] = ['global', 'service']

/** Every "act on another user" route, and who may use it on whom. */
const ROUTES: Array<{
  name: string
  method: string
  path: (userId: string) => string
  body?: (target: RoleName) => unknown
  ok: number
  allowed: (actor: RoleName, target: RoleName) => boolean
}> = [
  {
    name: 'read the user',
    method: 'GET',
    path: (id) => `/v1/admin/users/${id}`,
    ok: 200,
    allowed: (actor) => TENANT.includes(actor),
  },
  {
    // The same roles again: what is asked is only whether the actor may touch this user's roles at all.
    name: 'set the user’s roles',
    method: 'PUT',
    path: (id) => `/v1/admin/users/${id}/roles`,
    body: (target) => ({ roles: roles[target] }),
    ok: 200,
    allowed: (actor, target) => mayActOn[actor].includes(target),
  },
  {
    name: 'rotate the user’s token',
    method: 'POST',
    path: (id) => `/v1/admin/users/${id}/token`,
    ok: 200,
    allowed: (actor, target) => TENANT.includes(actor) && mayActOn[actor].includes(target),
  },
  {
    name: 'revoke the user’s token',
    method: 'DELETE',
    path: (id) => `/v1/admin/users/${id}/token`,
    ok: 204,
    allowed: (actor, target) => TENANT.includes(actor) && mayActOn[actor].includes(target),
  },
]

describe('act on another user: every route x actor role x target role', () => {
  for (const route of ROUTES) {
    for (const actor of ROLE_NAMES) {
      for (const target of ROLE_NAMES) {
        const allowed = route.allowed(actor, target)
        it(`${route.name}: ${actor} on a ${target} user is ${allowed ? route.ok : 403}`, async () => {
          const victim = await t.createUser(`target ${target}`, roles[target])
          const res = await t.call<ErrorBody>(
            actors[actor].token,
            route.method,
            route.path(victim.id),
            route.body?.(target),
          )
          expect(res.status, JSON.stringify(res.body)).toBe(allowed ? route.ok : 403)
          // A refused rotation leaves the target's token working.
          if (!allowed) expect((await t.call(victim.token, 'GET', '/v1/admin/users/me')).status).toBe(200)
        })
      }
    }
  }

  for (const route of ROUTES) {
    for (const actor of ROLE_NAMES) {
      it(`${route.name}: ${actor} on themselves is ${route.ok}`, async () => {
        const self = await t.createUser(`self ${actor}`, roles[actor])
        const res = await t.call(self.token, route.method, route.path(self.id), route.body?.(actor))
        expect(res.status, JSON.stringify(res.body)).toBe(route.ok)
      })
    }
  }

  it('answers a missing user 404 to a tenant administrator and 403 to anyone else (no probing for ids)', async () => {
    for (const route of ROUTES) {
      const admin = await t.call<ErrorBody>(
        actors.service.token,
        route.method,
        route.path('no-such-user'),
        route.body?.('none'),
      )
      expect(admin.status, route.name).toBe(404)
      const other = await t.call<ErrorBody>(
        actors.customizer.token,
        route.method,
        route.path('no-such-user'),
        route.body?.('none'),
      )
      expect(other.status, route.name).toBe(403)
    }
  })
})

describe('a Service Administrator does not become Global Administrator', () => {
  it('cannot take a Global Administrator’s token, and that token keeps working', async () => {
    const service = await t.createUser('Service', [{ role: 'service_administrator' }])
    const global = await t.createUser('Global', [{ role: 'global_administrator' }])
    const res = await t.call<ErrorBody & { token?: string }>(
      service.token,
      'POST',
      `/v1/admin/users/${global.id}/token`,
    )
    expect(res.status).toBe(403)
    expect(res.body.error).toMatchObject({ code: 'role_grant_forbidden', field: 'userId' })
    expect(res.body.error?.message).toContain('global_administrator')
    expect(res.body.token).toBeUndefined()
    expect((await t.call(global.token, 'GET', '/v1/admin/users/me')).status).toBe(200)
  })

  it('cannot take the bootstrap admin’s token', async () => {
    const service = await t.createUser('Service 2', [{ role: 'service_administrator' }])
    const me = await t.admin<{ id: string }>('GET', '/v1/admin/users/me')
    const res = await t.call(service.token, 'POST', `/v1/admin/users/${me.body.id}/token`)
    expect(res.status).toBe(403)
    expect((await t.call(ADMIN_TOKEN, 'GET', '/v1/admin/users/me')).status).toBe(200)
  })

  it('cannot grant itself Global Administrator', async () => {
    const service = await t.createUser('Service 3', [{ role: 'service_administrator' }])
    const res = await t.call<ErrorBody>(service.token, 'PUT', `/v1/admin/users/${service.id}/roles`, {
      roles: [{ role: 'service_administrator' }, { role: 'global_administrator' }],
    })
    expect(res.status).toBe(403)
    expect(res.body.error?.code).toBe('role_grant_forbidden')
  })
})

describe('rotations are recorded', () => {
  it('shows who issued a user’s token and when, and logs the rotation without the token', async () => {
    const user = await t.createUser('Rotated', [{ role: 'service_administrator' }])
    const me = await t.admin<{ id: string }>('GET', '/v1/admin/users/me')
    const lines = t.logLines.length
    const res = await t.admin<{ token: string }>('POST', `/v1/admin/users/${user.id}/token`)
    expect(res.status).toBe(200)
    const view = await t.admin<{ token: { issuedAt: string; issuedBy: string } }>(
      'GET',
      `/v1/admin/users/${user.id}`,
    )
    expect(view.body.token).toMatchObject({ issuedBy: me.body.id })
    expect(Number.isNaN(Date.parse(view.body.token.issuedAt))).toBe(false)
    const logged = t.logLines.slice(lines).join('')
    expect(logged).toContain('admin token rotated')
    expect(logged).toContain(user.id)
    expect(logged).toContain(me.body.id)
    expect(logged).not.toContain(res.body.token)
    expect(logged).not.toContain(res.body.token.slice(3, 20))
  })
})
