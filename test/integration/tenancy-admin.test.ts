import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, usePortalTestCore } from '../support/portal-fixtures.ts'

const t = usePortalTestCore()

type ErrorBody = { error: { code: string; message: string; field?: string } }

describe('instances', () => {
  it('creates an instance with canonical languages and makes its creator its System Administrator', async () => {
    const res = await t.admin<{
      id: string
      baseLanguage: string
      installedLanguages: string[]
      installedSolutions: string[]
    }>('POST', '/v1/admin/instances', {
      name: 'Northwind',
      baseLanguage: 'en-us',
      installedLanguages: ['EN-us', 'fr-fr', 'fr-FR'],
      installedSolutions: ['field_service'],
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      baseLanguage: 'en-US',
      installedLanguages: ['en-US', 'fr-FR'],
      installedSolutions: ['field_service'],
    })
    const me = await t.admin<{ roles: unknown[] }>('GET', '/v1/admin/users/me')
    expect(me.body.roles).toContainEqual({ role: 'system_administrator', instanceId: res.body.id })
  })

  it.each([
    [
      { name: 'A', baseLanguage: 'en-US', installedLanguages: ['fr-FR'] },
      400,
      'base_language_not_installed',
      'installedLanguages',
    ],
    [{ name: 'B', baseLanguage: 'english please' }, 400, 'invalid_language', 'baseLanguage'],
    [
      { name: 'C', baseLanguage: 'en-US', installedSolutions: ['sharepoint'] },
      400,
      'invalid_value',
      'installedSolutions.0',
    ],
    [{ name: '', baseLanguage: 'en-US' }, 400, 'too_short', 'name'],
    [{ name: 'northwind', baseLanguage: 'en-US' }, 409, 'instance_name_taken', 'name'],
  ])('refuses %j with %i %s', async (body, status, code, field) => {
    const res = await t.admin<ErrorBody>('POST', '/v1/admin/instances', body)
    expect(res.status).toBe(status)
    expect(res.body.error).toMatchObject({ code, field })
  })

  it('lets a System Administrator change their instance, and not a System Customizer', async () => {
    const instance = await t.createInstance()
    const sa = await t.createUser('SA', [{ role: 'system_administrator', instanceId: instance.id }])
    const sc = await t.createUser('SC', [{ role: 'system_customizer', instanceId: instance.id }])
    const ok = await t.call<{ installedSolutions: string[] }>(
      sa.token,
      'PATCH',
      `/v1/admin/instances/${instance.id}`,
      {
        installedSolutions: ['project_service_automation'],
      },
    )
    expect(ok.status).toBe(200)
    expect(ok.body.installedSolutions).toEqual(['project_service_automation'])
    const denied = await t.call<ErrorBody>(sc.token, 'PATCH', `/v1/admin/instances/${instance.id}`, {
      name: 'Mine',
    })
    expect(denied.status).toBe(403)
    expect(denied.body.error.code).toBe('instance_admin_required')
  })

  it('shows users only the instances they hold a role in', async () => {
    const a = await t.createInstance()
    await t.createInstance()
    const sc = await t.createUser('Customizer of a', [{ role: 'system_customizer', instanceId: a.id }])
    const res = await t.call<{ instances: Array<{ id: string }> }>(sc.token, 'GET', '/v1/admin/instances')
    expect(res.body.instances.map((i) => i.id)).toEqual([a.id])
    const all = await t.admin<{ instances: unknown[] }>('GET', '/v1/admin/instances')
    expect(all.body.instances.length).toBeGreaterThan(1)
  })

  it('refuses to drop the base language from the installed languages', async () => {
    const i = await t.createInstance()
    const res = await t.admin<ErrorBody>('PATCH', `/v1/admin/instances/${i.id}`, {
      installedLanguages: ['fr-FR'],
    })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('base_language_not_installed')
  })
})

describe('users and roles', () => {
  it('issues a bearer token on create that authenticates, stored only as a hash', async () => {
    const res = await t.admin<{ user: { id: string; roles: unknown[] }; token: string }>(
      'POST',
      '/v1/admin/users',
      {
        name: 'Jay',
        email: 'jay@contoso.example',
        roles: [{ role: 'service_administrator' }],
      },
    )
    expect(res.status).toBe(201)
    expect(res.body.token).toMatch(/^ct_/)
    expect(res.body.user).not.toHaveProperty('tokenHash')
    const me = await t.call<{ id: string; name: string }>(res.body.token, 'GET', '/v1/admin/users/me')
    expect(me.body).toMatchObject({ id: res.body.user.id, name: 'Jay' })
    const rs = await t.core.controlPlane.query('SELECT doc FROM cp_principals')
    expect(JSON.stringify(rs.rows)).not.toContain(res.body.token)
  })

  it('rotates a token: the old one stops working', async () => {
    const u = await t.createUser('Rotating', [])
    const rotated = await t.call<{ token: string }>(u.token, 'POST', `/v1/admin/users/${u.id}/token`)
    expect(rotated.status).toBe(200)
    expect((await t.call(u.token, 'GET', '/v1/admin/users/me')).status).toBe(401)
    expect((await t.call(rotated.body.token, 'GET', '/v1/admin/users/me')).status).toBe(200)
  })

  it('lets only a global administrator grant global administrator', async () => {
    const service = await t.createUser('Service', [{ role: 'service_administrator' }])
    const target = await t.createUser('Target', [])
    const denied = await t.call<ErrorBody>(service.token, 'PUT', `/v1/admin/users/${target.id}/roles`, {
      roles: [{ role: 'global_administrator' }],
    })
    expect(denied.status).toBe(403)
    expect(denied.body.error.code).toBe('role_grant_forbidden')
    const ok = await t.call(service.token, 'PUT', `/v1/admin/users/${target.id}/roles`, {
      roles: [{ role: 'service_administrator' }],
    })
    expect(ok.status).toBe(200)
  })

  it('lets a System Administrator grant roles on their own instance, not on another', async () => {
    const a = await t.createInstance()
    const b = await t.createInstance()
    const sa = await t.createUser('SA of a', [{ role: 'system_administrator', instanceId: a.id }])
    const target = await t.createUser('New hire', [])
    const ok = await t.call<{ roles: unknown[] }>(sa.token, 'PUT', `/v1/admin/users/${target.id}/roles`, {
      roles: [{ role: 'system_customizer', instanceId: a.id }],
    })
    expect(ok.status).toBe(200)
    expect(ok.body.roles).toEqual([{ role: 'system_customizer', instanceId: a.id }])
    const denied = await t.call<ErrorBody>(sa.token, 'PUT', `/v1/admin/users/${target.id}/roles`, {
      roles: [
        { role: 'system_customizer', instanceId: a.id },
        { role: 'system_administrator', instanceId: b.id },
      ],
    })
    expect(denied.status).toBe(403)
    expect(denied.body.error.code).toBe('role_grant_forbidden')
  })

  it('refuses a role on an instance that does not exist', async () => {
    const res = await t.admin<ErrorBody>('POST', '/v1/admin/users', {
      name: 'Ghost',
      roles: [{ role: 'system_administrator', instanceId: 'no-such-instance' }],
    })
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('instance_not_found')
  })

  it('keeps the last global administrator', async () => {
    const me = await t.admin<{ id: string; roles: Array<{ role: string }> }>('GET', '/v1/admin/users/me')
    const others = await t.admin<{ users: Array<{ id: string; roles: Array<{ role: string }> }> }>(
      'GET',
      '/v1/admin/users',
    )
    expect(
      others.body.users.filter((u) => u.roles.some((r) => r.role === 'global_administrator')),
    ).toHaveLength(1)
    const res = await t.admin<ErrorBody>('PUT', `/v1/admin/users/${me.body.id}/roles`, { roles: [] })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('last_global_administrator')
  })

  it('refuses non-administrators the user list (403) but shows them themselves', async () => {
    const u = await t.createUser('Plain', [])
    expect((await t.call(u.token, 'GET', '/v1/admin/users')).status).toBe(403)
    expect((await t.call(u.token, 'GET', `/v1/admin/users/${u.id}`)).status).toBe(200)
  })

  it('keeps the bootstrap admin a Global Administrator', async () => {
    const me = await t.call<{ roles: unknown[] }>(ADMIN_TOKEN, 'GET', '/v1/admin/users/me')
    expect(me.body.roles).toContainEqual({ role: 'global_administrator' })
  })
})

describe('licences', () => {
  it('adds trial licences that expire in 30 days, and production licences that do not', async () => {
    const trial = await t.admin<{ type: string; createdAt: string; expiresAt: string }>(
      'POST',
      '/v1/admin/licences',
      { type: 'trial' },
    )
    expect(trial.status).toBe(201)
    expect(Date.parse(trial.body.expiresAt) - Date.parse(trial.body.createdAt)).toBe(30 * 86_400_000)
    const production = await t.admin<{ expiresAt: null }>('POST', '/v1/admin/licences', {
      type: 'production',
    })
    expect(production.body.expiresAt).toBeNull()
    const bad = await t.admin<ErrorBody>('POST', '/v1/admin/licences', { type: 'forever' })
    expect(bad.status).toBe(400)
  })

  it('refuses to remove a licence a portal uses, and moves a portal between licences (its Type follows)', async () => {
    const instance = await t.createInstance()
    // Only trials are free now, so the portal is a Trial.
    const before = await t.admin<{ licences: Array<{ id: string; portalId: string | null; type: string }> }>(
      'GET',
      '/v1/admin/licences',
    )
    for (const l of before.body.licences.filter((x) => x.portalId === null && x.type === 'production')) {
      expect((await t.admin('DELETE', `/v1/admin/licences/${l.id}`)).status).toBe(204)
    }
    await t.admin('POST', '/v1/admin/licences', { type: 'trial' })
    const res = await t.admin<{ portal: { id: string; type: string; licenceId: string } }>(
      'POST',
      '/v1/admin/portals',
      t.provisionBody(instance.id),
    )
    expect(res.status).toBe(202)
    expect(res.body.portal.type).toBe('Trial')
    const inUse = await t.admin<ErrorBody>('DELETE', `/v1/admin/licences/${res.body.portal.licenceId}`)
    expect(inUse.status).toBe(409)
    expect(inUse.body.error.code).toBe('licence_in_use')
    const production = await t.admin<{ id: string }>('POST', '/v1/admin/licences', { type: 'production' })
    const moved = await t.admin<{ type: string; licenceId: string }>(
      'POST',
      `/v1/admin/licences/${production.body.id}/assign`,
      {
        portalId: res.body.portal.id,
      },
    )
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ type: 'Production', licenceId: production.body.id })
    expect((await t.admin('DELETE', `/v1/admin/licences/${res.body.portal.licenceId}`)).status).toBe(204)
    await t.core.portals.settled()
  })
})

describe('contacts', () => {
  it('upserts contacts and lists them in the profile shape (crmrecordid, name, email)', async () => {
    const i = await t.createInstance()
    const contact = {
      crmrecordid: '3f2e1d0c-9b8a-4765-8432-10fedcba9876',
      name: 'Robin',
      email: 'robin@contoso.example',
    }
    const res = await t.admin<{ upserted: number }>('POST', `/v1/admin/instances/${i.id}/contacts`, [contact])
    expect(res.body.upserted).toBe(1)
    const list = await t.admin<{ contacts: unknown[] }>('GET', `/v1/admin/instances/${i.id}/contacts`)
    expect(list.body.contacts).toEqual([contact])
    const bad = await t.admin<ErrorBody>('POST', `/v1/admin/instances/${i.id}/contacts`, [
      { ...contact, email: 'nope' },
    ])
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('0.email')
  })
})
