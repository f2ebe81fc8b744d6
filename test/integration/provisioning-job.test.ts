import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DomainError, type FaultPoint, packagesFor } from '../../core/index.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

let t: PortalTestCore
let instanceId: string
/** What the fault hook does at each point; each test sets its own. */
let fault: ((at: FaultPoint) => void | Promise<void>) | null = null

beforeAll(async () => {
  t = await startPortalTestCore({ portals: { faults: { beforeStep: (at) => fault?.(at) } } })
  instanceId = (await t.createInstance({ name: 'Contoso', installedSolutions: ['field_service'] })).id
})
beforeEach(() => {
  fault = null
})
afterAll(async () => {
  fault = null
  await t.close()
  t.remove()
})

type ErrorBody = { error: { code: string; message: string; field?: string } }
type Step = {
  id: string
  status: string
  runs: number
  detail: string | null
  progress: { done: number; total: number; current: string | null } | null
  error: { code: string; message: string } | null
}
type Progress = {
  displayName: string
  status: string
  job: {
    attempt: number
    reason: string
    state: string
    steps: Step[]
    error: { step: string; code: string; message: string } | null
  }
  packages: Array<{
    id: string
    name: string
    status: string
    attempts: number
    error: { code: string; message: string } | null
  }>
  attempts: Array<{ attempt: number; reason: string; state: string }>
}

const provision = async (overrides: Record<string, unknown> = {}) => {
  await t.addLicence()
  const res = await t.admin<{ portal: { id: string; subdomain: string; name: string } }>(
    'POST',
    '/v1/admin/portals',
    t.provisionBody(instanceId, overrides),
  )
  expect(res.status, JSON.stringify(res.body)).toBe(202)
  return res.body.portal
}
const progress = async (id: string) =>
  (await t.admin<Progress>('GET', `/v1/admin/portals/${id}/provisioning`)).body
const pkg = (p: Progress, id: string) => p.packages.find((x) => x.id === id)!

describe('the provisioning job', () => {
  it('persists every step, installs packages in prerequisite order, and shows progress per step', async () => {
    const seen: string[] = []
    fault = (at) => {
      if (at.packageId) seen.push(at.packageId)
    }
    const portal = await provision({ audience: 'customer', portalType: 'community' })
    await t.core.portals.settled()
    const p = await progress(portal.id)
    expect(seen).toEqual(packagesFor('community').map((x) => x.id))
    expect(p.job.state).toBe('succeeded')
    expect(p.job.steps.map((s) => [s.id, s.status, s.runs])).toEqual([
      ['allocate_url', 'succeeded', 1],
      ['install_packages', 'succeeded', 1],
      ['install_sample_data', 'succeeded', 1],
      ['bind_hub', 'skipped', 1],
    ])
    expect(p.job.steps[1]!.progress).toEqual({ done: 12, total: 12, current: null })
    expect(p.packages.every((x) => x.status === 'Installed')).toBe(true)
    expect(p.packages.map((x) => x.name).slice(0, 7)).toEqual([
      'Portal Base',
      'Portal Workflows',
      'Web Notifications',
      'Microsoft Identity',
      'Identity Workflows',
      'Web Forms',
      'Feedback',
    ])
    expect(p.job.steps[3]!.detail).toContain('no hub')
  })

  it('shows "Name-Configuring" and the running step while it runs; the site says "Getting set up"', async () => {
    let reached!: () => void
    const atWebForms = new Promise<void>((r) => {
      reached = r
    })
    let release!: () => void
    const gate = new Promise<void>((r) => {
      release = r
    })
    fault = async (at) => {
      if (at.packageId === 'web_forms') {
        reached()
        await gate
      }
    }
    const portal = await provision({ name: 'Slow' })
    await atWebForms
    const view = await t.admin<{ displayName: string; status: string; provisioning: { step: string } }>(
      'GET',
      `/v1/admin/portals/${portal.id}`,
    )
    expect(view.body).toMatchObject({
      displayName: 'Slow-Configuring',
      status: 'Configuring',
      provisioning: { step: 'install_packages' },
    })
    const p = await progress(portal.id)
    expect(p.job.steps[0]!.status).toBe('succeeded')
    expect(p.job.steps[1]).toMatchObject({ status: 'running', progress: { done: 5, current: 'Web Forms' } })
    expect(pkg(p, 'portal_base').status).toBe('Installed')
    expect(pkg(p, 'web_forms').status).toBe('Installing')
    expect(pkg(p, 'feedback').status).toBe('Not Installed')
    const site = await t.site(portal.subdomain)
    expect(site.status).toBe(503)
    expect(await site.text()).toContain('Getting set up')
    const restart = await t.admin<ErrorBody>('POST', `/v1/admin/portals/${portal.id}/provisioning/restart`)
    expect(restart.status).toBe(409)
    expect(restart.body.error.code).toBe('provisioning_in_progress')
    expect(
      (await t.admin<ErrorBody>('POST', `/v1/admin/portals/${portal.id}/packages/feedback/retry`)).status,
    ).toBe(409)
    release()
    await t.core.portals.settled()
    expect(
      (await t.admin<{ displayName: string }>('GET', `/v1/admin/portals/${portal.id}`)).body.displayName,
    ).toBe('Slow')
    expect((await t.site(portal.subdomain)).status).toBe(200)
  })

  it('fails as "Name-Provisioning Failed" when a package fails (Install Failed), and Restart Provisioning finishes it', async () => {
    fault = (at) => {
      if (at.packageId === 'forums') throw new Error('disk full')
    }
    const portal = await provision({ name: 'Flaky' })
    await t.core.portals.settled()
    let p = await progress(portal.id)
    expect(p).toMatchObject({ displayName: 'Flaky-Provisioning Failed', status: 'Provisioning Failed' })
    expect(p.job.state).toBe('failed')
    expect(p.job.error).toMatchObject({
      step: 'install_packages',
      code: 'package_install_failed',
      message: 'Forums could not be installed: disk full',
    })
    expect(pkg(p, 'forums')).toMatchObject({
      status: 'Install Failed',
      error: { code: 'package_install_failed' },
    })
    expect(pkg(p, 'knowledge_management').status).toBe('Installed')
    expect(p.job.steps.map((s) => s.status)).toEqual(['succeeded', 'failed', 'pending', 'pending'])
    const site = await t.site(portal.subdomain)
    expect(site.status).toBe(503)
    expect(await site.text()).toContain('Getting set up')

    fault = null
    const restart = await t.admin<{ job: { attempt: number; reason: string } }>(
      'POST',
      `/v1/admin/portals/${portal.id}/provisioning/restart`,
    )
    expect(restart.status).toBe(202)
    expect(restart.body.job).toMatchObject({ attempt: 2, reason: 'restart' })
    await t.core.portals.settled()
    p = await progress(portal.id)
    expect(p).toMatchObject({ displayName: 'Flaky', status: 'Provisioned' })
    expect(p.attempts.map((a) => [a.attempt, a.reason, a.state])).toEqual([
      [1, 'provision', 'failed'],
      [2, 'restart', 'succeeded'],
    ])
    expect(pkg(p, 'portal_base').attempts).toBe(1)
    expect(pkg(p, 'forums').attempts).toBe(2)
    expect((await t.site(portal.subdomain)).status).toBe(200)
    const again = await t.admin<ErrorBody>('POST', `/v1/admin/portals/${portal.id}/provisioning/restart`)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('portal_already_provisioned')
  })

  it('fails on the URL step too, and Change Values and Restart Provisioning takes new values', async () => {
    fault = (at) => {
      if (at.step === 'allocate_url' && !at.packageId)
        throw new DomainError('unavailable', 'dns_lookup_failed', 'the DNS provider timed out')
    }
    const portal = await provision({ name: 'Help', subdomain: 'first-try' })
    await t.core.portals.settled()
    expect((await progress(portal.id)).job.error).toMatchObject({
      step: 'allocate_url',
      code: 'dns_lookup_failed',
    })
    expect((await t.site('first-try')).status).toBe(503)

    fault = null
    const res = await t.admin<{ portal: { subdomain: string; language: string } }>(
      'POST',
      `/v1/admin/portals/${portal.id}/provisioning/change-values-and-restart`,
      { name: 'Aide', subdomain: 'second-try', language: 'fr-FR' },
    )
    expect(res.status, JSON.stringify(res.body)).toBe(202)
    await t.core.portals.settled()
    const view = await t.admin<{ displayName: string; subdomain: string; language: string }>(
      'GET',
      `/v1/admin/portals/${portal.id}`,
    )
    expect(view.body).toMatchObject({ displayName: 'Aide', subdomain: 'second-try', language: 'fr-FR' })
    expect((await t.site('first-try')).status).toBe(404)
    const home = await t.site('second-try')
    expect(home.status).toBe(200)
    const html = await home.text()
    expect(html).toContain('<html lang="fr-FR">')
    expect(html).toContain('Réinitialiser votre mot de passe')
    expect((await progress(portal.id)).attempts.map((a) => a.reason)).toEqual(['provision', 'change_values'])
  })

  it('refuses to change the instance, the Type, or to take values provisioning would refuse', async () => {
    fault = (at) => {
      if (at.step === 'allocate_url') throw new Error('no')
    }
    const taken = await t.provisionAndWait(instanceId)
    const portal = await provision()
    await t.core.portals.settled()
    fault = null
    const other = await t.createInstance()
    const url = `/v1/admin/portals/${portal.id}/provisioning/change-values-and-restart`
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ instanceId: other.id }, 400, 'instance_not_changeable'],
      [{ type: 'Trial' }, 400, 'type_not_settable'],
      [{ language: 'ar-SA' }, 400, 'language_not_supported'],
      [{ subdomain: 'bad_name' }, 400, 'subdomain_invalid_characters'],
      [{ subdomain: taken.subdomain }, 409, 'subdomain_taken'],
      [{ audience: 'employee' }, 400, 'portal_type_not_in_audience'],
    ]
    for (const [body, status, code] of cases) {
      const res = await t.admin<ErrorBody>('POST', url, body)
      expect([res.status, res.body.error?.code], JSON.stringify(body)).toEqual([status, code])
    }
  })

  it('fails a package whose prerequisites are missing, naming them; Install Failed, then retried to Installed', async () => {
    fault = (at) => {
      if (at.packageId === 'partner_portal') throw new Error('solution import timed out')
    }
    const portal = await provision({ audience: 'partner', portalType: 'partner_field_service' })
    await t.core.portals.settled()
    fault = null
    let p = await progress(portal.id)
    expect(pkg(p, 'partner_portal').status).toBe('Install Failed')
    expect(pkg(p, 'partner_field_service').status).toBe('Not Installed')

    const retry = (id: string) =>
      t.admin<ErrorBody & { status: string }>('POST', `/v1/admin/portals/${portal.id}/packages/${id}/retry`)
    const early = await retry('partner_field_service')
    expect(early.status).toBe(409)
    expect(early.body.error.code).toBe('package_prerequisites_missing')
    expect(early.body.error.message).toBe(
      'Partner Field Service cannot be installed: its prerequisites are missing: Partner Portal',
    )
    p = await progress(portal.id)
    expect(pkg(p, 'partner_field_service')).toMatchObject({
      status: 'Install Failed',
      error: { code: 'package_prerequisites_missing' },
    })

    expect((await retry('partner_portal')).body.status).toBe('Installed')

    await t.admin('PATCH', `/v1/admin/instances/${instanceId}`, { installedSolutions: [] })
    const noSolution = await retry('partner_field_service')
    expect(noSolution.status).toBe(409)
    expect(noSolution.body.error.message).toContain('Field Service (solution)')
    await t.admin('PATCH', `/v1/admin/instances/${instanceId}`, { installedSolutions: ['field_service'] })

    const done = await retry('partner_field_service')
    expect(done.status).toBe(200)
    expect(done.body.status).toBe('Installed')
    expect((await retry('partner_field_service')).body.error.code).toBe('package_already_installed')
    // Packages are in, but the job failed: still "Getting set up" until provisioning restarts.
    expect((await t.site(portal.subdomain)).status).toBe(503)
    await t.admin('POST', `/v1/admin/portals/${portal.id}/provisioning/restart`)
    await t.core.portals.settled()
    expect((await progress(portal.id)).status).toBe('Provisioned')
    expect(await (await t.site(portal.subdomain, '/work-orders')).text()).toContain('Work orders')
  })

  it('refuses to retry an unknown package, or one the portal type does not use', async () => {
    const portal = await t.provisionAndWait(instanceId)
    const unknown = await t.admin<ErrorBody>(
      'POST',
      `/v1/admin/portals/${portal.id}/packages/teleporter/retry`,
    )
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'package_not_found'])
    const unused = await t.admin<ErrorBody>('POST', `/v1/admin/portals/${portal.id}/packages/blogs/retry`)
    expect([unused.status, unused.body.error.code]).toEqual([400, 'package_not_used'])
  })

  it('installs sample data in the default language, or says it used English when there is no translation', async () => {
    const portal = await t.provisionAndWait(instanceId, { language: 'ja-JP' })
    const p = await progress(portal.id)
    expect(p.job.steps[2]!.detail).toBe(
      'no sample data is written in Japanese (Japan); installed it in English (United States)',
    )
    expect(await (await t.site(portal.subdomain)).text()).toContain('<html lang="en-US">')
    const de = await t.provisionAndWait(instanceId, { language: 'de-DE' })
    expect((await progress(de.id)).job.steps[2]!.detail).toBe('sample data in German (Germany)')
    expect(await (await t.site(de.subdomain, '/knowledgebase')).text()).toContain('Passwort zurücksetzen')
  })

  it('fails a step whose language the instance no longer has', async () => {
    const lang = await t.createInstance({ installedLanguages: ['en-US', 'fr-FR'] })
    fault = async (at) => {
      if (at.step === 'install_sample_data') {
        await t.admin('PATCH', `/v1/admin/instances/${lang.id}`, { installedLanguages: ['en-US'] })
      }
    }
    await t.addLicence()
    const res = await t.admin<{ portal: { id: string } }>(
      'POST',
      '/v1/admin/portals',
      t.provisionBody(lang.id, { language: 'fr-FR' }),
    )
    await t.core.portals.settled()
    expect((await progress(res.body.portal.id)).job.error).toMatchObject({
      step: 'install_sample_data',
      code: 'language_not_installed',
    })
  })
})
