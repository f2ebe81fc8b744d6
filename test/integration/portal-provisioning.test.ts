import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

let t: PortalTestCore
let instanceId: string

beforeAll(async () => {
  t = await startPortalTestCore()
  instanceId = (await t.createInstance({ name: 'Contoso' })).id
})
afterAll(async () => {
  await t.close()
  t.remove()
})

type ErrorBody = { error: { code: string; message: string; field?: string } }
type Options = {
  instance: { id: string }
  canProvision: boolean
  type: string | null
  languages: Array<{ code: string; name: string }>
  administrators: Array<{ id: string; name: string }>
  audiences: Array<{
    id: string
    name: string
    portalTypes: Array<{
      id: string
      name: string
      available: boolean
      missingSolutions: Array<{ name: string }>
    }>
  }>
  featureMatrix: {
    columns: Array<{ id: string; name: string }>
    rows: Array<{ feature: string; included: Record<string, boolean> }>
  }
  portalTypes: Array<{ id: string; packages: string[] }>
}

describe('provisioning options', () => {
  it('lists the instances the caller may pick (System Administrator or Customizer there)', async () => {
    const other = await t.createInstance({ name: 'Other' })
    const sc = await t.createUser('Customizer', [{ role: 'system_customizer', instanceId: other.id }])
    const res = await t.call<{ instances: Array<{ id: string; canProvision: boolean }> }>(
      sc.token,
      'GET',
      '/v1/admin/portals/options',
    )
    expect(res.body.instances).toEqual([{ id: other.id, name: 'Other', canProvision: false }])
  })

  it('offers the instance’s languages except Arabic and Hebrew', async () => {
    const res = await t.admin<Options>('GET', `/v1/admin/portals/options?instanceId=${instanceId}`)
    expect(res.status).toBe(200)
    expect(res.body.languages.map((l) => l.code)).toEqual(['en-US', 'fr-FR', 'de-DE', 'ja-JP'])
    expect(res.body.languages[1]).toEqual({ code: 'fr-FR', name: 'French (France)' })
  })

  it('offers the instance’s System Administrators as portal administrators, and no one else', async () => {
    const sa = await t.createUser('Morgan (SA)', [{ role: 'system_administrator', instanceId }])
    await t.createUser('Sam (SC)', [{ role: 'system_customizer', instanceId }])
    const res = await t.admin<Options>('GET', `/v1/admin/portals/options?instanceId=${instanceId}`)
    const names = res.body.administrators.map((a) => a.name)
    expect(names).toContain('Morgan (SA)')
    expect(names).toContain('Bootstrap administrator')
    expect(names).not.toContain('Sam (SC)')
    expect(res.body.administrators.find((a) => a.name === 'Morgan (SA)')?.id).toBe(sa.id)
  })

  it('lists audiences and their portal types, and which need solutions the instance lacks', async () => {
    const res = await t.admin<Options>('GET', `/v1/admin/portals/options?instanceId=${instanceId}`)
    const partner = res.body.audiences.find((a) => a.id === 'partner')!
    expect(partner.portalTypes.map((p) => p.name)).toEqual([
      'Customer Self-Service Portal',
      'Custom Portal',
      'Partner Portal',
      'Partner Project Service',
      'Partner Field Service',
      'Community Portal',
    ])
    const fs = partner.portalTypes.find((p) => p.id === 'partner_field_service')!
    expect(fs).toMatchObject({ available: false, missingSolutions: [{ name: 'Field Service' }] })
    expect(res.body.audiences.find((a) => a.id === 'employee')!.portalTypes.map((p) => p.id)).toEqual([
      'employee_self_service',
    ])
  })

  it('returns the seed’s feature table as data', async () => {
    const res = await t.admin<Options>('GET', `/v1/admin/portals/options?instanceId=${instanceId}`)
    expect(res.body.featureMatrix.columns.map((c) => c.name)).toEqual([
      'Customer Self-Service Portal',
      'Partner Portal',
      'Employee Self-Service Portal',
      'Community Portal',
      'Custom Portal',
    ])
    expect(res.body.featureMatrix.rows).toHaveLength(26)
    expect(res.body.featureMatrix.rows.find((r) => r.feature === 'Blogs')?.included).toEqual({
      customer_self_service: false,
      partner: false,
      employee_self_service: false,
      community: true,
      custom: false,
    })
    expect(res.body.portalTypes.find((p) => p.id === 'custom')?.packages).toHaveLength(7)
  })

  it('says which Type the next licence gives (Production first, then Trial)', async () => {
    const { licences } = (
      await t.admin<{ licences: Array<{ id: string; portalId: string | null }> }>('GET', '/v1/admin/licences')
    ).body
    for (const l of licences.filter((x) => x.portalId === null))
      await t.admin('DELETE', `/v1/admin/licences/${l.id}`)
    const url = `/v1/admin/portals/options?instanceId=${instanceId}`
    expect((await t.admin<Options>('GET', url)).body.type).toBeNull()
    await t.admin('POST', '/v1/admin/licences', { type: 'trial' })
    expect((await t.admin<Options>('GET', url)).body.type).toBe('Trial')
    await t.admin('POST', '/v1/admin/licences', { type: 'production' })
    expect((await t.admin<Options>('GET', url)).body.type).toBe('Production')
  })
})

describe('provisioning rules', () => {
  it('provisions: 202, "Name-Configuring", the Type from the licence, then Provisioned', async () => {
    await t.addLicence('trial')
    const res = await t.admin<{
      portal: {
        id: string
        displayName: string
        status: string
        type: string
        url: string
        subdomain: string
      }
    }>('POST', '/v1/admin/portals', t.provisionBody(instanceId, { name: 'Help', subdomain: 'Help-Desk' }))
    expect(res.status).toBe(202)
    expect(res.body.portal).toMatchObject({
      displayName: 'Help-Configuring',
      status: 'Configuring',
      subdomain: 'help-desk',
      url: 'http://help-desk.localhost',
    })
    expect(['Trial', 'Production']).toContain(res.body.portal.type)
    await t.core.portals.settled()
    const after = await t.admin<{ displayName: string; status: string }>(
      'GET',
      `/v1/admin/portals/${res.body.portal.id}`,
    )
    expect(after.body).toMatchObject({ displayName: 'Help', status: 'Provisioned' })
  })

  it('sets Type Trial from a trial licence', async () => {
    const { licences } = (
      await t.admin<{ licences: Array<{ id: string; portalId: string | null }> }>('GET', '/v1/admin/licences')
    ).body
    for (const l of licences.filter((x) => x.portalId === null))
      await t.admin('DELETE', `/v1/admin/licences/${l.id}`)
    await t.addLicence('trial')
    const res = await t.admin<{ portal: { type: string } }>(
      'POST',
      '/v1/admin/portals',
      t.provisionBody(instanceId),
    )
    expect(res.body.portal.type).toBe('Trial')
    await t.core.portals.settled()
  })

  const cases: Array<[string, Record<string, unknown>, number, string, string]> = [
    ['a request that sets the Type', { type: 'Production' }, 400, 'type_not_settable', 'type'],
    [
      'a subdomain with an underscore',
      { subdomain: 'contoso_help' },
      400,
      'subdomain_invalid_characters',
      'subdomain',
    ],
    [
      'a subdomain with a dot',
      { subdomain: 'contoso.help' },
      400,
      'subdomain_invalid_characters',
      'subdomain',
    ],
    [
      'a subdomain starting with a hyphen',
      { subdomain: '-help' },
      400,
      'subdomain_invalid_label',
      'subdomain',
    ],
    ['a subdomain of 64 characters', { subdomain: 'x'.repeat(64) }, 400, 'subdomain_too_long', 'subdomain'],
    ['a reserved subdomain', { subdomain: 'www' }, 400, 'subdomain_reserved', 'subdomain'],
    [
      'a subdomain another portal has (any case)',
      { subdomain: 'HELP-DESK' },
      409,
      'subdomain_taken',
      'subdomain',
    ],
    ['Arabic', { language: 'ar-SA' }, 400, 'language_not_supported', 'language'],
    ['Hebrew', { language: 'he-IL' }, 400, 'language_not_supported', 'language'],
    ['a language the instance lacks', { language: 'es-ES' }, 400, 'language_not_installed', 'language'],
    [
      'an unknown administrator',
      { administratorId: 'nobody' },
      400,
      'administrator_not_found',
      'administratorId',
    ],
    [
      'a portal type the audience does not offer',
      { audience: 'employee', portalType: 'community' },
      400,
      'portal_type_not_in_audience',
      'portalType',
    ],
    [
      'Partner Field Service without the Field Service solution',
      { audience: 'partner', portalType: 'partner_field_service' },
      400,
      'solution_required',
      'portalType',
    ],
    [
      'Partner Project Service without Project Service Automation',
      { audience: 'partner', portalType: 'partner_project_service' },
      400,
      'solution_required',
      'portalType',
    ],
    ['Terms of Service not accepted', { termsAccepted: false }, 400, 'terms_not_accepted', 'termsAccepted'],
    ['Terms of Service left out', { termsAccepted: undefined }, 400, 'terms_not_accepted', 'termsAccepted'],
    ['an unknown instance', { instanceId: 'no-such-instance' }, 404, 'instance_not_found', 'instanceId'],
    ['an unknown audience', { audience: 'martians' }, 400, 'invalid_value', 'audience'],
  ]
  it.each(cases)('refuses %s (%j): %i %s', async (_label, overrides, status, code, field) => {
    await t.addLicence()
    const res = await t.admin<ErrorBody>('POST', '/v1/admin/portals', t.provisionBody(instanceId, overrides))
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    expect(res.body.error).toMatchObject({ code, field })
  })

  it('names the missing solution, and provisions once the instance has it', async () => {
    await t.addLicence()
    const body = t.provisionBody(instanceId, { audience: 'partner', portalType: 'partner_field_service' })
    const refused = await t.admin<ErrorBody>('POST', '/v1/admin/portals', body)
    expect(refused.body.error.message).toContain('Field Service')
    await t.admin('PATCH', `/v1/admin/instances/${instanceId}`, { installedSolutions: ['field_service'] })
    const res = await t.admin<{ portal: { id: string } }>('POST', '/v1/admin/portals', body)
    expect(res.status).toBe(202)
    await t.core.portals.settled()
    expect(
      (await t.admin<{ status: string }>('GET', `/v1/admin/portals/${res.body.portal.id}`)).body.status,
    ).toBe('Provisioned')
  })

  it('refuses an administrator who is not a System Administrator of the instance', async () => {
    const sc = await t.createUser('Customizer only', [{ role: 'system_customizer', instanceId }])
    const res = await t.admin<ErrorBody>(
      'POST',
      '/v1/admin/portals',
      t.provisionBody(instanceId, { administratorId: sc.id }),
    )
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('administrator_not_system_administrator')
  })

  it('refuses when the tenant holds no free licence, and a refused request takes none', async () => {
    const { licences } = (
      await t.admin<{ licences: Array<{ id: string; portalId: string | null }> }>('GET', '/v1/admin/licences')
    ).body
    for (const l of licences.filter((x) => x.portalId === null))
      await t.admin('DELETE', `/v1/admin/licences/${l.id}`)
    const res = await t.admin<ErrorBody>('POST', '/v1/admin/portals', t.provisionBody(instanceId))
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('no_licence_available')
    const free = await t.addLicence()
    await t.admin('POST', '/v1/admin/portals', t.provisionBody(instanceId, { language: 'ar-SA' }))
    const after = (
      await t.admin<{ licences: Array<{ id: string; portalId: string | null }> }>('GET', '/v1/admin/licences')
    ).body
    expect(after.licences.find((l) => l.id === free.id)?.portalId).toBeNull()
  })
})

describe('after provisioning', () => {
  it('renames a portal but never changes its URL or its Type', async () => {
    const portal = await t.provisionAndWait(instanceId, { subdomain: 'fixed-url' })
    const renamed = await t.admin<{ name: string; displayName: string }>(
      'PATCH',
      `/v1/admin/portals/${portal.id}`,
      { name: 'Renamed' },
    )
    expect(renamed.body).toMatchObject({ name: 'Renamed', displayName: 'Renamed' })
    const url = await t.admin<ErrorBody>('PATCH', `/v1/admin/portals/${portal.id}`, { subdomain: 'moved' })
    expect(url.status).toBe(400)
    expect(url.body.error).toMatchObject({ code: 'subdomain_immutable', field: 'subdomain' })
    expect(url.body.error.message).toContain('custom domain')
    const type = await t.admin<ErrorBody>('PATCH', `/v1/admin/portals/${portal.id}`, { type: 'Production' })
    expect(type.body.error.code).toBe('type_not_settable')
    expect(
      (await t.admin<{ subdomain: string }>('GET', `/v1/admin/portals/${portal.id}`)).body.subdomain,
    ).toBe('fixed-url')
  })

  it('answers 404 for a portal that does not exist', async () => {
    const res = await t.admin<ErrorBody>('GET', '/v1/admin/portals/no-such-portal')
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('portal_not_found')
  })
})
