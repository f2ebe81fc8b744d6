import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MANAGE_PORTAL_DENIED_MESSAGE } from '../../core/index.ts'
import {
  type PortalTestCore,
  startPortalTestCore,
  rolesByName,
  type RoleName,
  ROLE_NAMES,
} from '../support/portal-fixtures.ts'

let t: PortalTestCore
let instanceId: string
let portalId: string
let hub: Awaited<ReturnType<PortalTestCore['createHub']>>
const tokens: Record<RoleName, string> = {} as Record<RoleName, string>

/** Who may manage a portal: the seed's three roles. */
const MANAGERS: RoleName[] = ['global', 'service', 'sysadmin']

beforeAll(async () => {
  t = await startPortalTestCore()
  instanceId = (await t.createInstance({ name: 'Contoso' })).id
  const other = (await t.createInstance({ name: 'Fabrikam' })).id
  const roles = rolesByName(instanceId, other)
  for (const r of ROLE_NAMES) tokens[r] = (await t.createUser(`user ${r}`, roles[r])).token
  hub = await t.createHub()
  portalId = (
    await t.provisionAndWait(instanceId, {
      subdomain: 'matrix',
      hub: { hubId: hub.id, keyName: 'default', key: hub.keys[0]!.primaryKey },
    })
  ).id
})
afterAll(async () => {
  await t.close()
  t.remove()
})

/** The send-only key the portal's binding keeps on the hub, with its secrets. */
async function portalKey(): Promise<{ keyName: string; primaryKey: string; secondaryKey: string }> {
  const res = await t.admin<{ keys: Array<{ keyName: string; primaryKey: string; secondaryKey: string }> }>(
    'GET',
    `/v1/admin/hubs/${hub.id}`,
  )
  const key = res.body.keys.find((k) => k.keyName === `portal-${portalId}`)
  if (!key)
    throw new Error(
      `the hub holds no key portal-${portalId}: ${JSON.stringify(res.body.keys.map((k) => k.keyName))}`,
    )
  return key
}

/** Every action on an existing portal, and what a principal who may manage it gets. */
const ACTIONS: Array<{
  name: string
  method: string
  path: () => string
  body?: () => unknown | Promise<unknown>
  allowed: number
  code?: string
  after?: () => Promise<void>
}> = [
  { name: 'view the portal', method: 'GET', path: () => `/v1/admin/portals/${portalId}`, allowed: 200 },
  {
    name: 'rename the portal',
    method: 'PATCH',
    path: () => `/v1/admin/portals/${portalId}`,
    body: () => ({ name: 'Contoso Help' }),
    allowed: 200,
  },
  {
    name: 'see provisioning progress',
    method: 'GET',
    path: () => `/v1/admin/portals/${portalId}/provisioning`,
    allowed: 200,
  },
  {
    name: 'list provisioning jobs',
    method: 'GET',
    path: () => `/v1/admin/portals/${portalId}/provisioning/jobs`,
    allowed: 200,
  },
  {
    name: 'restart provisioning',
    method: 'POST',
    path: () => `/v1/admin/portals/${portalId}/provisioning/restart`,
    allowed: 409,
    code: 'portal_already_provisioned',
  },
  {
    name: 'change values and restart provisioning',
    method: 'POST',
    path: () => `/v1/admin/portals/${portalId}/provisioning/change-values-and-restart`,
    body: () => ({ name: 'Renamed' }),
    allowed: 409,
    code: 'portal_already_provisioned',
  },
  {
    name: 'list packages',
    method: 'GET',
    path: () => `/v1/admin/portals/${portalId}/packages`,
    allowed: 200,
  },
  {
    name: 'retry a package',
    method: 'POST',
    path: () => `/v1/admin/portals/${portalId}/packages/portal_base/retry`,
    allowed: 409,
    code: 'package_already_installed',
  },
  {
    name: 'see the hub binding',
    method: 'GET',
    path: () => `/v1/admin/portals/${portalId}/hub-binding`,
    allowed: 200,
  },
  {
    name: 'configure the hub',
    method: 'PUT',
    path: () => `/v1/admin/portals/${portalId}/hub-binding`,
    body: () => ({ hubId: hub.id, keyName: 'default', key: hub.keys[0]!.primaryKey, termsAccepted: true }),
    allowed: 200,
  },
  {
    name: 'update the shared access key',
    method: 'PATCH',
    path: () => `/v1/admin/portals/${portalId}/hub-binding`,
    // The binding keeps a send-only key of its own (portal-{portalId}); its secrets are what the portal holds.
    body: async () => ({ key: (await portalKey()).secondaryKey }),
    allowed: 200,
  },
  {
    name: 'remove the hub',
    method: 'DELETE',
    path: () => `/v1/admin/portals/${portalId}/hub-binding`,
    allowed: 204,
    after: async () => {
      const res = await t.admin('PUT', `/v1/admin/portals/${portalId}/hub-binding`, {
        hubId: hub.id,
        keyName: 'default',
        key: hub.keys[0]!.primaryKey,
        termsAccepted: true,
      })
      expect(res.status).toBe(200)
    },
  },
  {
    name: 'read site records',
    method: 'GET',
    path: () => `/v1/admin/portals/${portalId}/site/records`,
    allowed: 200,
  },
  {
    name: 'write a site record',
    method: 'PUT',
    path: () => `/v1/admin/portals/${portalId}/site/records/site_setting/theme-accentcolor`,
    body: () => ({ name: 'Theme/AccentColor', value: '#2266e3' }),
    allowed: 200,
  },
  {
    name: 'delete a site record',
    method: 'DELETE',
    path: () => `/v1/admin/portals/${portalId}/site/records/site_setting/no-such-setting`,
    allowed: 404,
    code: 'site_record_not_found',
  },
]

describe('manage permission: every action x role', () => {
  for (const action of ACTIONS) {
    for (const role of ROLE_NAMES) {
      const allowed = MANAGERS.includes(role)
      it(`${action.name} as ${role}: ${allowed ? `allowed (${action.allowed})` : '403 with the seed’s message'}`, async () => {
        const res = await t.call<{ error?: { code: string; message: string } }>(
          tokens[role],
          action.method,
          action.path(),
          await action.body?.(),
        )
        if (allowed) {
          expect(res.status, JSON.stringify(res.body)).toBe(action.allowed)
          if (action.code) expect(res.body.error?.code).toBe(action.code)
          await action.after?.()
        } else {
          expect(res.status).toBe(403)
          expect(res.body.error).toEqual({
            code: 'portal_manage_forbidden',
            message: MANAGE_PORTAL_DENIED_MESSAGE,
          })
          expect(res.body.error?.message).toBe(
            'You need to be a global administrator, service administrator, or system administrator for this organization in order to manage this portal.',
          )
        }
      })
    }
  }

  for (const role of ROLE_NAMES) {
    it(`lists the portal for ${role} only if they may manage it`, async () => {
      const res = await t.call<{ portals: Array<{ id: string }> }>(tokens[role], 'GET', '/v1/admin/portals')
      expect(res.status).toBe(200)
      expect(res.body.portals.some((p) => p.id === portalId)).toBe(MANAGERS.includes(role))
    })
  }
})

describe('provisioning permission: System Administrator of the instance only', () => {
  const expected: Record<RoleName, [number, string | null]> = {
    global: [403, 'instance_role_required'],
    service: [403, 'instance_role_required'],
    sysadmin: [202, null],
    customizer: [403, 'provision_role_required'],
    otherSysadmin: [403, 'instance_role_required'],
    none: [403, 'instance_role_required'],
  }
  for (const role of ROLE_NAMES) {
    const [status, code] = expected[role]
    it(`provisions as ${role}: ${status}${code ? ` ${code}` : ''}`, async () => {
      await t.addLicence()
      const res = await t.call<{ error?: { code: string; message: string } }>(
        tokens[role],
        'POST',
        '/v1/admin/portals',
        t.provisionBody(instanceId),
      )
      expect(res.status, JSON.stringify(res.body)).toBe(status)
      if (code) expect(res.body.error?.code).toBe(code)
      if (code === 'provision_role_required') {
        expect(res.body.error?.message).toContain(
          'To provision a portal, you must be assigned to the System Administrator role of the instance selected for the portal',
        )
      }
    })
  }

  const optionsExpected: Record<RoleName, number> = {
    global: 403,
    service: 403,
    sysadmin: 200,
    customizer: 200,
    otherSysadmin: 403,
    none: 403,
  }
  for (const role of ROLE_NAMES) {
    it(`sees the instance’s provisioning options as ${role}: ${optionsExpected[role]} (System Administrator or Customizer picks it)`, async () => {
      const res = await t.call<{ error?: { code: string }; canProvision?: boolean }>(
        tokens[role],
        'GET',
        `/v1/admin/portals/options?instanceId=${instanceId}`,
      )
      expect(res.status).toBe(optionsExpected[role])
      if (res.status === 200) expect(res.body.canProvision).toBe(role === 'sysadmin')
      else expect(res.body.error?.code).toBe('instance_role_required')
    })
  }
})

describe('tenancy actions x role', () => {
  const TENANT: RoleName[] = ['global', 'service']
  const cases: Array<{
    name: string
    method: string
    path: () => string
    body?: () => unknown
    ok: number
    allowed: RoleName[]
  }> = [
    {
      name: 'create an instance',
      method: 'POST',
      path: () => '/v1/admin/instances',
      body: () => ({ name: `I ${Math.random()}`, baseLanguage: 'en-US' }),
      ok: 201,
      allowed: TENANT,
    },
    { name: 'list licences', method: 'GET', path: () => '/v1/admin/licences', ok: 200, allowed: TENANT },
    {
      name: 'add a licence',
      method: 'POST',
      path: () => '/v1/admin/licences',
      body: () => ({ type: 'trial' }),
      ok: 201,
      allowed: TENANT,
    },
    { name: 'list users', method: 'GET', path: () => '/v1/admin/users', ok: 200, allowed: TENANT },
    {
      name: 'create a user',
      method: 'POST',
      path: () => '/v1/admin/users',
      body: () => ({ name: 'New' }),
      ok: 201,
      allowed: TENANT,
    },
    {
      name: 'change the instance',
      method: 'PATCH',
      path: () => `/v1/admin/instances/${instanceId}`,
      body: () => ({ installedSolutions: [] }),
      ok: 200,
      allowed: ['global', 'service', 'sysadmin'],
    },
    {
      name: 'add contacts to the instance',
      method: 'POST',
      path: () => `/v1/admin/instances/${instanceId}/contacts`,
      body: () => [
        { crmrecordid: '11111111-2222-4333-8444-555555555555', name: 'Kim', email: 'kim@example.com' },
      ],
      ok: 200,
      allowed: ['global', 'service', 'sysadmin'],
    },
    {
      name: 'list the instance’s contacts',
      method: 'GET',
      path: () => `/v1/admin/instances/${instanceId}/contacts`,
      ok: 200,
      allowed: ['global', 'service', 'sysadmin', 'customizer'],
    },
  ]
  for (const c of cases) {
    for (const role of ROLE_NAMES) {
      const allowed = c.allowed.includes(role)
      it(`${c.name} as ${role}: ${allowed ? c.ok : 403}`, async () => {
        const res = await t.call(tokens[role], c.method, c.path(), c.body?.())
        expect(res.status, JSON.stringify(res.body)).toBe(allowed ? c.ok : 403)
      })
    }
  }
})
