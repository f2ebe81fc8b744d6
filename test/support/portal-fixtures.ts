import { createSitePages } from '../../portal-sites/index.ts'
import { rmSync } from 'node:fs'
import { afterAll, beforeAll } from 'vitest'
import {
  type Core,
  type DomainModuleOptions,
  type PortalModuleOptions,
  type Role,
  type TranslationCatalogue,
  openCore,
  sampleContacts,
} from '../../core/index.ts'
import { createApp } from '../../ingest/index.ts'
import { PUBLIC_URL, TEST_CONTROL_PLANE, TEST_DURABILITY, memoryLogger, tempDataDir } from './test-core.ts'
import { openForFile } from './file-fixture.ts'

/** The bootstrap admin's token in portal tests. */
export const ADMIN_TOKEN = 'portal-test-admin-token-0123456789'

/** A JSON answer: status and parsed body. */
export interface Answer<T = Record<string, unknown>> {
  status: number
  body: T
  headers: Headers
}

/**
 * Opens core on a real embedded ClickHouse in a temporary directory, with
 * the portal module's options (fault hooks, step delay, resume), builds the
 * app, and offers helpers that speak the admin API as any principal.
 */
export async function startPortalTestCore(
  options: {
    dataDir?: string
    portals?: PortalModuleOptions
    domains?: DomainModuleOptions
    clock?: () => number
    trustProxy?: boolean
    translationCatalogue?: TranslationCatalogue
    secretKey?: Buffer
    previousSecretKeys?: Buffer[]
    /** How long admin tokens live (ms); for tests that move the clock further than 90 days. */
    adminTokenTtlMs?: number
  } = {},
) {
  const dataDir = options.dataDir ?? tempDataDir()
  const { log, lines } = memoryLogger('info')
  const core: Core = await openCore({
    sitePages: createSitePages(),
    store: { kind: 'embedded', dataDir },
    publicUrl: PUBLIC_URL,
    durability: TEST_DURABILITY,
    log,
    // These suites sign contacts in with the demo's one click (as with CASETRAIL_DEMO on);
    // the portal sign-in suites turn it off, as every real portal has it.
    portals: { oneClickSignIn: 'every-contact', ...options.portals },
    domains: options.domains,
    clock: options.clock,
    translationCatalogue: options.translationCatalogue,
    secretKey: options.secretKey,
    previousSecretKeys: options.previousSecretKeys,
    adminTokenTtlMs: options.adminTokenTtlMs,
    controlPlane: TEST_CONTROL_PLANE,
  })
  const { principal: bootstrap } = await core.principals.ensureBootstrapAdmin(ADMIN_TOKEN)
  const app = createApp({ core, log, trustProxy: options.trustProxy })

  /** Calls the API with a bearer token and a JSON body; returns the status and parsed body. */
  const call = async <T = Record<string, unknown>>(
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Answer<T>> => {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers }
  }
  const admin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
    call<T>(ADMIN_TOKEN, method, path, body)

  /** Creates an instance as the bootstrap admin (who becomes its System Administrator). */
  const createInstance = async (
    overrides: Partial<{
      name: string
      baseLanguage: string
      installedLanguages: string[]
      installedSolutions: string[]
    }> = {},
  ) => {
    const res = await admin<{ id: string; name: string }>('POST', '/v1/admin/instances', {
      name: `Instance ${Math.random().toString(36).slice(2, 8)}`,
      baseLanguage: 'en-US',
      installedLanguages: ['en-US', 'fr-FR', 'de-DE', 'ar-SA', 'he-IL', 'ja-JP'],
      installedSolutions: [],
      ...overrides,
    })
    if (res.status !== 201) throw new Error(`instance not created: ${JSON.stringify(res.body)}`)
    return res.body
  }

  /** Creates a user with roles (as the bootstrap admin) and returns its id and token. */
  const createUser = async (name: string, roles: Role[]) => {
    const res = await admin<{ user: { id: string }; token: string }>('POST', '/v1/admin/users', {
      name,
      roles,
    })
    if (res.status !== 201) throw new Error(`user not created: ${JSON.stringify(res.body)}`)
    return { id: res.body.user.id, token: res.body.token }
  }

  const addLicence = async (type: 'trial' | 'production' = 'production') => {
    const res = await admin<{ id: string }>('POST', '/v1/admin/licences', { type })
    if (res.status !== 201) throw new Error(`licence not added: ${JSON.stringify(res.body)}`)
    return res.body
  }

  const createHub = async (name = 'Hub') => {
    const res = await admin<{
      id: string
      keys: Array<{ keyName: string; primaryKey: string; secondaryKey: string }>
    }>('POST', '/v1/admin/hubs', { name })
    if (res.status !== 201) throw new Error(`hub not created: ${JSON.stringify(res.body)}`)
    return res.body
  }

  /** A valid provisioning body for an instance, with overrides. */
  const provisionBody = (instanceId: string, overrides: Record<string, unknown> = {}) => ({
    name: 'Contoso Help',
    subdomain: `p${Math.random().toString(36).slice(2, 10)}`,
    instanceId,
    language: 'en-US',
    administratorId: bootstrap.id,
    audience: 'customer',
    portalType: 'customer_self_service',
    termsAccepted: true,
    ...overrides,
  })

  /** Provisions (as the bootstrap admin, with a fresh licence) and waits for the job to settle. */
  const provisionAndWait = async (instanceId: string, overrides: Record<string, unknown> = {}) => {
    await addLicence()
    const res = await admin<{ portal: { id: string; subdomain: string } }>(
      'POST',
      '/v1/admin/portals',
      provisionBody(instanceId, overrides),
    )
    if (res.status !== 202) throw new Error(`not provisioned: ${JSON.stringify(res.body)}`)
    await core.portals.settled()
    return res.body.portal
  }

  /** A page of a portal's site, by host. */
  const site = (subdomain: string, path = '/', init: RequestInit = {}) =>
    app.request(`http://${subdomain}.localhost${path}`, init)

  return {
    core,
    app,
    dataDir,
    logLines: lines,
    bootstrap,
    call,
    admin,
    createInstance,
    createUser,
    addLicence,
    createHub,
    provisionBody,
    provisionAndWait,
    site,
    close: () => core.close(),
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  }
}

/** The fixture's interface. */
export type PortalTestCore = Awaited<ReturnType<typeof startPortalTestCore>>

/** A portal test core with an instance and its provisioned portal, from {@link useProvisionedPortal}. */
export interface ProvisionedPortal {
  t: PortalTestCore
  instanceId: string
  /** The hub the portal sends to; undefined when none was asked for. */
  hub: Awaited<ReturnType<PortalTestCore['createHub']>>
  portal: { id: string; subdomain: string }
}

/**
 * Before a file's tests, starts a portal test core, creates an instance named
 * `instance` (with `installedLanguages` when given), a hub named `hub` (none
 * when false) and provisions the instance's portal with `portal`'s fields
 * (subdomain, name, type), bound to that hub; after them, closes and removes
 * the core. The fields are set once beforeAll has run.
 *
 * @example
 * const site = useProvisionedPortal({ instance: 'Contoso', hub: 'Insights', portal: { subdomain: 'community' } })
 * it('serves', async () => expect((await site.t.site(site.portal.subdomain, '/')).status).toBe(200))
 */
export function useProvisionedPortal(options: {
  instance: string
  installedLanguages?: string[]
  hub: string | false
  portal: { subdomain: string } & Record<string, unknown>
}): ProvisionedPortal {
  const fixture = {} as ProvisionedPortal
  beforeAll(async () => {
    const t = await startPortalTestCore()
    const instanceId = (
      await t.createInstance({
        name: options.instance,
        ...(options.installedLanguages ? { installedLanguages: options.installedLanguages } : {}),
      })
    ).id
    const hub = options.hub === false ? undefined : await t.createHub(options.hub)
    const portal = await t.provisionAndWait(instanceId, {
      ...options.portal,
      ...(hub ? { hub: { hubId: hub.id, keyName: 'default', key: hub.keys[0]!.primaryKey } } : {}),
    })
    Object.assign(fixture, { t, instanceId, hub, portal })
  })
  afterAll(async () => {
    await fixture.t?.close()
    fixture.t?.remove()
  })
  return fixture
}

/**
 * The portal-site suites' portal: Contoso's "Contoso Community" (type
 * community, subdomain community) bound to a hub named Insights, and
 * `morgan`, the instance's first sample contact, once beforeAll has run.
 */
export function useContosoCommunity(): ProvisionedPortal & { morgan: string } {
  const site = useProvisionedPortal({
    instance: 'Contoso',
    hub: 'Insights',
    portal: { name: 'Contoso Community', subdomain: 'community', portalType: 'community' },
  }) as ProvisionedPortal & { morgan: string }
  beforeAll(() => {
    site.morgan = sampleContacts(site.instanceId)[0]!.crmrecordid
  })
  return site
}

/**
 * A portal test core for a whole test file: started before its tests, closed
 * and removed after them (see {@link openForFile}).
 *
 * @example
 * const t = usePortalTestCore()
 */
export const usePortalTestCore = (options?: Parameters<typeof startPortalTestCore>[0]) =>
  openForFile(
    () => startPortalTestCore(options),
    async (core) => {
      await core.close()
      core.remove()
    },
  )

/** The kinds of user the permission suites try each route as. */
export type RoleName = 'global' | 'service' | 'sysadmin' | 'customizer' | 'otherSysadmin' | 'none'
/** Every {@link RoleName}, in the order the suites create them. */
export const ROLE_NAMES: RoleName[] = ['global', 'service', 'sysadmin', 'customizer', 'otherSysadmin', 'none']

/**
 * What each {@link RoleName} holds: the tenant administrators, a System
 * Administrator and a System Customizer of `instanceId`, a System
 * Administrator of `other` only, and no role at all.
 */
export const rolesByName = (instanceId: string, other: string): Record<RoleName, Role[]> => ({
  global: [{ role: 'global_administrator' }],
  service: [{ role: 'service_administrator' }],
  sysadmin: [{ role: 'system_administrator', instanceId }],
  customizer: [{ role: 'system_customizer', instanceId }],
  otherSysadmin: [{ role: 'system_administrator', instanceId: other }],
  none: [],
})
