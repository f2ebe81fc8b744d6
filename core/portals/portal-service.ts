import { randomBytes, randomUUID } from 'node:crypto'
import type { Principal, PrincipalService } from '../admin/principal-service.ts'
import { DomainError } from '../errors.ts'
import type { SiteRepository } from '../sites/site-repository.ts'
import {
  type SiteRecord,
  type SiteRecordKind,
  SITE_RECORD_KINDS,
  siteRecordSchema,
} from '../sites/site-records.ts'
import type { SitePortal } from '../sites/site-service.ts'
import type { InstanceService } from '../tenancy/instance-service.ts'
import { canonicalLanguageTag, isPortalLanguageSupported, languageName } from '../tenancy/languages.ts'
import { type LicenceService, portalTypeLabel } from '../tenancy/licence-service.ts'
import {
  assertCanManagePortal,
  assertTenantAdministrator,
  canManagePortal,
  hasInstanceRole,
} from '../tenancy/permissions.ts'
import { createSerialWriter } from '../tenancy/serial-writer.ts'
import { solutionName } from '../tenancy/solutions.ts'
import type { Instance } from '../tenancy/tenancy-schemas.ts'
import type { UserService } from '../tenancy/user-service.ts'
import type { HubBinder, HubCredentials } from './hub-binding.ts'
import {
  AUDIENCES,
  AUDIENCE_IDS,
  type AudienceId,
  FEATURE_MATRIX,
  type FeatureColumn,
  PACKAGE_IDS,
  PORTAL_TYPES,
  PORTAL_TYPE_IDS,
  type PackageId,
  type PortalTypeId,
  featuresOf,
  packageOf,
  packagesFor,
  solutionsRequiredBy,
} from './portal-catalogue.ts'
import {
  type ChangeValuesInput,
  type ConfigureHubInput,
  type JobStep,
  type PackageStatus,
  type ProvisionInput,
  type ProvisioningJob,
  STEP_IDS,
  STEP_NAMES,
  type StoredPortal,
  type UpdateHubKeyInput,
  type UpdatePortalInput,
} from './portal-schemas.ts'
import { type PortalStore, jobKey } from './portal-store.ts'
import type { ProvisioningRunner } from './provisioning-runner.ts'
import { checkSubdomain } from './subdomain.ts'

/** The names the feature table's columns carry in the seed. */
const COLUMN_NAMES: Readonly<Record<FeatureColumn, string>> = {
  customer_self_service: 'Customer Self-Service Portal',
  partner: 'Partner Portal',
  employee_self_service: 'Employee Self-Service Portal',
  community: 'Community Portal',
  custom: 'Custom Portal',
}

/** A portal's status as the admin centre words it. */
export type PortalStatusLabel = 'Configuring' | 'Provisioned' | 'Provisioning Failed'

/** A portal as the admin API shows it: never its key or its site secret. */
export interface PortalView {
  id: string
  name: string
  /** `Name-Configuring` while provisioning runs, `Name-Provisioning Failed` after a failure, else the name. */
  displayName: string
  status: PortalStatusLabel
  /** From the portal's licence; never set by a request. */
  type: 'Trial' | 'Production' | null
  licenceId: string | null
  subdomain: string
  url: string
  instanceId: string
  language: string
  languageName: string
  administratorId: string
  audience: AudienceId
  portalType: PortalTypeId
  portalTypeName: string
  features: string[]
  createdAt: string
  updatedAt: string
  provisionedAt: string | null
  hub: HubBindingView | null
  provisioning: { attempt: number; state: ProvisioningJob['state']; step: string | null; resumes: number }
}

/** Which hub a portal sends to, as shown (the key stays hidden). */
export interface HubBindingView {
  hubId: string
  hubUri: string
  keyName: string
  configuredAt: string
  configuredBy: string
}

/** A package's state as the solution management page shows it. */
export interface PackageView {
  id: PackageId
  name: string
  status: PackageStatus
  prerequisites: string[]
  requiresSolutions: string[]
  attempts: number
  installedAt: string | null
  error: { code: string; message: string } | null
}

/** What the portal service is built from. */
export interface PortalServiceDeps {
  store: PortalStore
  runner: ProvisioningRunner
  binder: HubBinder
  principals: PrincipalService
  instances: InstanceService
  users: UserService
  licences: LicenceService
  sites: SiteRepository
  /** The domain portals' hosts hang under (`PORTALS_DOMAIN`). */
  portalsDomain: string
  /** The service's own URL; a portal's URL takes its scheme and port. */
  publicUrl: string
  clock?: () => number
}

const displayNameOf = (p: StoredPortal): string =>
  p.status === 'configuring'
    ? `${p.name}-Configuring`
    : p.status === 'failed'
      ? `${p.name}-Provisioning Failed`
      : p.name

const statusLabel = (p: StoredPortal): PortalStatusLabel =>
  p.status === 'configuring' ? 'Configuring' : p.status === 'failed' ? 'Provisioning Failed' : 'Provisioned'

/** The steps of a new job, all pending. */
const freshSteps = (): JobStep[] =>
  STEP_IDS.map((id) => ({
    id,
    name: STEP_NAMES[id],
    status: 'pending',
    startedAt: null,
    finishedAt: null,
    runs: 0,
    progress: null,
    detail: null,
    error: null,
  }))

/**
 * The portal admin centre: provisioning options and provisioning (with every
 * rule the seed states), the provisioning job's progress, Restart
 * Provisioning and Change Values and Restart Provisioning, package states and
 * retries, the hub a portal sends to and its key, and the site's records.
 * Every action on an existing portal needs {@link canManagePortal}.
 */
export function createPortalService(deps: PortalServiceDeps) {
  const clock = deps.clock ?? Date.now
  const now = () => new Date(clock()).toISOString()
  const { store, runner, binder } = deps
  const lock = createSerialWriter()
  const base = new URL(deps.publicUrl)
  const urlOf = (subdomain: string) =>
    `${base.protocol}//${subdomain}.${deps.portalsDomain}${base.port ? `:${base.port}` : ''}`

  const hubView = (p: StoredPortal): HubBindingView | null =>
    p.hubBinding
      ? {
          hubId: p.hubBinding.hubId,
          hubUri: binder.hubUri(p.hubBinding.hubId),
          keyName: p.hubBinding.keyName,
          configuredAt: p.hubBinding.configuredAt,
          configuredBy: p.hubBinding.configuredBy,
        }
      : null

  async function view(p: StoredPortal): Promise<PortalView> {
    const [licence, job] = await Promise.all([deps.licences.ofPortal(p.id), store.jobs.get(p.jobKey)])
    const current = job?.steps.find((s) => s.status === 'running' || s.status === 'failed') ?? null
    return {
      id: p.id,
      name: p.name,
      displayName: displayNameOf(p),
      status: statusLabel(p),
      type: licence ? portalTypeLabel(licence.type) : null,
      licenceId: licence?.id ?? null,
      subdomain: p.subdomain,
      url: urlOf(p.subdomain),
      instanceId: p.instanceId,
      language: p.language,
      languageName: languageName(p.language),
      administratorId: p.administratorId,
      audience: p.audience,
      portalType: p.portalType,
      portalTypeName: PORTAL_TYPES[p.portalType],
      features: featuresOf(p.portalType),
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      provisionedAt: p.provisionedAt,
      hub: hubView(p),
      provisioning: {
        attempt: job?.attempt ?? 0,
        state: job?.state ?? 'running',
        step: current?.id ?? null,
        resumes: job?.resumes ?? 0,
      },
    }
  }

  /** The portal, if the actor may manage it (the seed's 403 otherwise). */
  const managed = async (actor: Principal, id: string): Promise<StoredPortal> => {
    const portal = await store.getPortal(id)
    assertCanManagePortal(actor, portal.instanceId)
    return portal
  }

  const refuseType = (input: { type?: unknown }) => {
    if (input.type !== undefined) {
      throw new DomainError(
        'invalid',
        'type_not_settable',
        'Type is set by the portal licence (Trial or Production) and cannot be set by a request; leave it out',
        'type',
      )
    }
  }

  const checkInstanceRoles = (actor: Principal, instance: Instance) => {
    if (
      !hasInstanceRole(actor, instance.id, 'system_administrator') &&
      !hasInstanceRole(actor, instance.id, 'system_customizer')
    ) {
      throw new DomainError(
        'forbidden',
        'instance_role_required',
        `To select instance ${instance.name} you need the System Administrator or System Customizer role in it.`,
        'instanceId',
      )
    }
  }

  /** Checks a subdomain's form and that no other portal has it; returns it lower-cased. */
  const checkFreeSubdomain = async (raw: string, portalId: string): Promise<string> => {
    const checked = checkSubdomain(raw)
    if (!checked.ok) throw new DomainError('invalid', checked.code, checked.message, 'subdomain')
    const claim = await store.subdomains.get(checked.subdomain)
    if (claim && claim.portalId !== portalId) {
      throw new DomainError(
        'conflict',
        'subdomain_taken',
        `the portal URL ${urlOf(checked.subdomain)} is already used by another portal; choose another subdomain`,
        'subdomain',
      )
    }
    return checked.subdomain
  }

  /** The rules on language, administrator, audience and type that provisioning and changing values share. */
  const checkValues = async (
    instance: Instance,
    v: { language: string; administratorId: string; audience: AudienceId; portalType: PortalTypeId },
  ): Promise<{ language: string }> => {
    const language = canonicalLanguageTag(v.language)
    if (!language) {
      throw new DomainError(
        'invalid',
        'invalid_language',
        `language must be a tag like en-US, got ${JSON.stringify(v.language)}`,
        'language',
      )
    }
    if (!isPortalLanguageSupported(language)) {
      throw new DomainError(
        'invalid',
        'language_not_supported',
        `${languageName(language)} (${language}) is not supported for portals: Arabic and Hebrew are not available`,
        'language',
      )
    }
    if (!instance.installedLanguages.includes(language)) {
      throw new DomainError(
        'invalid',
        'language_not_installed',
        `${languageName(language)} (${language}) is not installed on instance ${instance.name}; installed: ${instance.installedLanguages.join(', ')}`,
        'language',
      )
    }
    const admin = await deps.principals.get(v.administratorId)
    if (!admin) {
      throw new DomainError(
        'invalid',
        'administrator_not_found',
        `no user with id ${JSON.stringify(v.administratorId)}`,
        'administratorId',
      )
    }
    if (!hasInstanceRole(admin, instance.id, 'system_administrator')) {
      throw new DomainError(
        'invalid',
        'administrator_not_system_administrator',
        `${admin.name} is not a System Administrator of instance ${instance.name}; the portal administrator must be one`,
        'administratorId',
      )
    }
    const allowed: readonly PortalTypeId[] = AUDIENCES[v.audience].portalTypes
    if (!allowed.includes(v.portalType)) {
      throw new DomainError(
        'invalid',
        'portal_type_not_in_audience',
        `the ${AUDIENCES[v.audience].name} audience offers ${allowed.map((t) => PORTAL_TYPES[t]).join(', ')}; ${PORTAL_TYPES[v.portalType]} is not among them`,
        'portalType',
      )
    }
    const missing = solutionsRequiredBy(v.portalType).filter((s) => !instance.installedSolutions.includes(s))
    if (missing.length > 0) {
      throw new DomainError(
        'invalid',
        'solution_required',
        `${PORTAL_TYPES[v.portalType]} needs the ${missing.map(solutionName).join(' and ')} solution${missing.length > 1 ? 's' : ''} installed on instance ${instance.name}`,
        'portalType',
      )
    }
    return { language }
  }

  const newJob = (
    portalId: string,
    attempt: number,
    reason: ProvisioningJob['reason'],
    by: string,
  ): ProvisioningJob => ({
    key: jobKey(portalId, attempt),
    portalId,
    attempt,
    reason,
    state: 'running',
    steps: freshSteps(),
    createdAt: now(),
    createdBy: by,
    updatedAt: now(),
    finishedAt: null,
    resumes: 0,
    error: null,
  })

  const assertRestartable = (portal: StoredPortal) => {
    if (portal.status === 'configuring' || runner.isRunning(portal.id)) {
      throw new DomainError(
        'conflict',
        'provisioning_in_progress',
        `${displayNameOf(portal)} is being provisioned; wait for it to finish or fail`,
      )
    }
    if (portal.status === 'provisioned') {
      throw new DomainError(
        'conflict',
        'portal_already_provisioned',
        `${portal.name} is provisioned; there is nothing to restart`,
      )
    }
  }

  /** Starts the next attempt of a portal's job. */
  const restartJob = async (portal: StoredPortal, reason: ProvisioningJob['reason'], by: string) => {
    const previous = await store.jobs.get(portal.jobKey)
    const job = newJob(portal.id, (previous?.attempt ?? 0) + 1, reason, by)
    await store.jobs.put(job.key, job)
    const next = await store.updatePortal(portal.id, (p) => ({
      ...p,
      status: 'configuring',
      jobKey: job.key,
      updatedAt: now(),
    }))
    runner.start(job.key)
    return { portal: next, job }
  }

  const packageViews = async (portal: StoredPortal): Promise<PackageView[]> => {
    const states = await store.packageStates(portal.id)
    return packagesFor(portal.portalType).map((pkg) => {
      const s = states.get(pkg.id)
      return {
        id: pkg.id,
        name: pkg.name,
        status: s?.status ?? 'Not Installed',
        prerequisites: pkg.prerequisites.map((p) => packageOf(p).name),
        requiresSolutions: pkg.requiresSolutions.map(solutionName),
        attempts: s?.attempts ?? 0,
        installedAt: s?.installedAt ?? null,
        error: s?.error ?? null,
      }
    })
  }

  const resolveCache = new Map<string, { generation: number; at: number; value: SitePortal | null }>()

  return {
    view,

    /**
     * What the provisioning form offers the actor. Without an instance: the
     * instances they may pick (System Administrator or System Customizer
     * there). With one: its languages (minus Arabic and Hebrew), its System
     * Administrators (the possible portal administrators), the audiences and
     * their portal types, the feature table, and the Type the licence gives.
     */
    async options(actor: Principal, instanceId?: string) {
      const audiences = (instance: Instance | null) =>
        AUDIENCE_IDS.map((id) => ({
          id,
          name: AUDIENCES[id].name,
          portalTypes: AUDIENCES[id].portalTypes.map((t) => {
            const missing = instance
              ? solutionsRequiredBy(t).filter((s) => !instance.installedSolutions.includes(s))
              : []
            return {
              id: t,
              name: PORTAL_TYPES[t],
              available: missing.length === 0,
              requiresSolutions: solutionsRequiredBy(t).map((s) => ({ id: s, name: solutionName(s) })),
              missingSolutions: missing.map((s) => ({ id: s, name: solutionName(s) })),
            }
          }),
        }))
      const featureMatrix = {
        columns: (Object.keys(COLUMN_NAMES) as FeatureColumn[]).map((id) => ({ id, name: COLUMN_NAMES[id] })),
        rows: FEATURE_MATRIX.map((r) => ({
          feature: r.feature,
          included: Object.fromEntries(
            (Object.keys(COLUMN_NAMES) as FeatureColumn[]).map((c) => [c, r.in.includes(c)]),
          ),
        })),
      }
      const portalTypes = PORTAL_TYPE_IDS.map((t) => ({
        id: t,
        name: PORTAL_TYPES[t],
        features: featuresOf(t),
        packages: packagesFor(t).map((p) => p.name),
      }))
      const selectable = (await deps.instances.all()).filter(
        (i) =>
          hasInstanceRole(actor, i.id, 'system_administrator') ||
          hasInstanceRole(actor, i.id, 'system_customizer'),
      )
      if (!instanceId) {
        return {
          instances: selectable.map((i) => ({
            id: i.id,
            name: i.name,
            canProvision: hasInstanceRole(actor, i.id, 'system_administrator'),
          })),
          audiences: audiences(null),
          portalTypes,
          featureMatrix,
        }
      }
      const instance = await deps.instances.get(instanceId)
      checkInstanceRoles(actor, instance)
      const licence = await deps.licences.peek()
      return {
        instance: { id: instance.id, name: instance.name, baseLanguage: instance.baseLanguage },
        canProvision: hasInstanceRole(actor, instance.id, 'system_administrator'),
        type: licence ? portalTypeLabel(licence.type) : null,
        languages: instance.installedLanguages
          .filter(isPortalLanguageSupported)
          .map((code) => ({ code, name: languageName(code) })),
        administrators: (await deps.users.systemAdministratorsOf(instance.id)).map((u) => ({
          id: u.id,
          name: u.name,
          ...(u.email ? { email: u.email } : {}),
        })),
        audiences: audiences(instance),
        portalTypes,
        featureMatrix,
      }
    },

    /**
     * Provisions a portal: checks every rule, takes a licence (which sets the
     * Type), reserves the subdomain and starts the durable job. Answers at
     * once; the job's progress is at {@link provisioning}.
     */
    provision: (
      actor: Principal,
      input: ProvisionInput,
      internal: { portalId?: string } = {},
    ): Promise<{ portal: PortalView; job: ProvisioningJob }> =>
      lock(async () => {
        refuseType(input)
        const instance = await deps.instances.get(input.instanceId)
        checkInstanceRoles(actor, instance)
        if (!hasInstanceRole(actor, instance.id, 'system_administrator')) {
          throw new DomainError(
            'forbidden',
            'provision_role_required',
            `To provision a portal, you must be assigned to the System Administrator role of the instance selected for the portal (${instance.name}).`,
            'instanceId',
          )
        }
        const portalId = internal.portalId ?? randomUUID()
        const subdomain = await checkFreeSubdomain(input.subdomain, portalId)
        const { language } = await checkValues(instance, input)
        if (input.hub) await binder.verify(portalId, input.hub)
        if (input.termsAccepted !== true) {
          throw new DomainError(
            'invalid',
            'terms_not_accepted',
            'accept the Terms of Service (termsAccepted: true) to provision the portal',
            'termsAccepted',
          )
        }
        await deps.licences.claim(portalId, input.licenceId)
        const at = now()
        const job = newJob(portalId, 1, 'provision', actor.id)
        const portal: StoredPortal = {
          id: portalId,
          name: input.name,
          subdomain,
          instanceId: instance.id,
          language,
          administratorId: input.administratorId,
          audience: input.audience,
          portalType: input.portalType,
          status: 'configuring',
          termsAcceptedAt: at,
          termsAcceptedBy: actor.id,
          createdAt: at,
          createdBy: actor.id,
          updatedAt: at,
          provisionedAt: null,
          jobKey: job.key,
          requestedHub: input.hub ?? null,
          hubBinding: null,
          siteSecret: randomBytes(32).toString('base64url'),
        }
        await store.claimSubdomain(subdomain, portalId, 'reserved', at)
        await store.jobs.put(job.key, job)
        await store.savePortal(portal)
        runner.start(job.key)
        return { portal: await view(portal), job }
      }),

    /** The portals the actor may manage, oldest first. */
    async list(actor: Principal): Promise<PortalView[]> {
      const all = (await store.portals.list()).map((r) => r.value)
      const mine = all
        .filter((p) => canManagePortal(actor, p.instanceId))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      return Promise.all(mine.map(view))
    },

    /** One portal. */
    get: async (actor: Principal, id: string): Promise<PortalView> => view(await managed(actor, id)),

    /** Renames a portal. Its URL never changes, and its Type follows its licence. */
    async update(actor: Principal, id: string, input: UpdatePortalInput): Promise<PortalView> {
      const portal = await managed(actor, id)
      refuseType(input)
      if (input.subdomain !== undefined && input.subdomain !== portal.subdomain) {
        throw new DomainError(
          'invalid',
          'subdomain_immutable',
          portal.status === 'failed' && portal.provisionedAt === null
            ? 'the portal URL cannot be changed here; use Change Values and Restart Provisioning while provisioning has failed'
            : 'the portal URL cannot be changed after the portal is provisioned; add a custom domain name instead',
          'subdomain',
        )
      }
      const next = await store.updatePortal(portal.id, (p) => ({
        ...p,
        name: input.name ?? p.name,
        updatedAt: now(),
      }))
      return view(next)
    },

    /** The latest job with its steps and per-package progress, and every attempt before it. */
    async provisioning(actor: Principal, id: string) {
      const portal = await managed(actor, id)
      const jobs = await store.jobsOf(portal.id)
      const current = jobs.find((j) => j.key === portal.jobKey) ?? null
      return {
        portalId: portal.id,
        displayName: displayNameOf(portal),
        status: statusLabel(portal),
        job: current,
        packages: await packageViews(portal),
        attempts: jobs.map((j) => ({
          attempt: j.attempt,
          reason: j.reason,
          state: j.state,
          createdAt: j.createdAt,
          finishedAt: j.finishedAt,
          error: j.error,
        })),
      }
    },

    /** Restart Provisioning: the same values, a new attempt; steps already done are done again or skipped. */
    async restart(actor: Principal, id: string) {
      const portal = await managed(actor, id)
      return lock(async () => {
        const fresh = await store.getPortal(portal.id)
        assertRestartable(fresh)
        const { portal: next, job } = await restartJob(fresh, 'restart', actor.id)
        return { portal: await view(next), job }
      })
    },

    /** Change Values and Restart Provisioning: new values (checked as at provisioning), then a new attempt. */
    async changeValuesAndRestart(actor: Principal, id: string, input: ChangeValuesInput) {
      const portal = await managed(actor, id)
      return lock(async () => {
        const fresh = await store.getPortal(portal.id)
        assertRestartable(fresh)
        refuseType(input)
        if (input.instanceId !== undefined && input.instanceId !== fresh.instanceId) {
          throw new DomainError(
            'invalid',
            'instance_not_changeable',
            'the instance a portal links to cannot be changed; provision another portal instead',
            'instanceId',
          )
        }
        const instance = await deps.instances.get(fresh.instanceId)
        let subdomain = fresh.subdomain
        if (input.subdomain !== undefined && input.subdomain.trim().toLowerCase() !== fresh.subdomain) {
          if (fresh.provisionedAt !== null) {
            throw new DomainError(
              'invalid',
              'subdomain_immutable',
              'the portal URL cannot be changed after the portal is provisioned',
              'subdomain',
            )
          }
          subdomain = await checkFreeSubdomain(input.subdomain, fresh.id)
        }
        const values = {
          language: input.language ?? fresh.language,
          administratorId: input.administratorId ?? fresh.administratorId,
          audience: input.audience ?? fresh.audience,
          portalType: input.portalType ?? fresh.portalType,
        }
        const { language } = await checkValues(instance, values)
        let requestedHub: HubCredentials | null = fresh.requestedHub
        if (input.hub === null) requestedHub = null
        else if (input.hub) {
          await binder.verify(fresh.id, input.hub)
          requestedHub = input.hub
        }
        if (subdomain !== fresh.subdomain) {
          await store.claimSubdomain(subdomain, fresh.id, 'reserved', now())
          await store.releaseSubdomain(fresh.subdomain)
        }
        // Another language or type means other records: install everything again.
        if (language !== fresh.language || values.portalType !== fresh.portalType) {
          await deps.sites.clear(fresh.id)
          await store.clearPackages(fresh.id)
        }
        const changed = await store.updatePortal(fresh.id, (p) => ({
          ...p,
          name: input.name ?? p.name,
          subdomain,
          language,
          administratorId: values.administratorId,
          audience: values.audience,
          portalType: values.portalType,
          requestedHub,
          updatedAt: now(),
        }))
        const { portal: next, job } = await restartJob(changed, 'change_values', actor.id)
        return { portal: await view(next), job }
      })
    },

    /** The portal's packages and their states, in install order. */
    packages: async (actor: Principal, id: string): Promise<PackageView[]> =>
      packageViews(await managed(actor, id)),

    /**
     * Retries one package's installation (as from the solution page). Fails,
     * with the package left Install Failed, when its prerequisites are missing.
     */
    async retryPackage(actor: Principal, id: string, packageId: string): Promise<PackageView> {
      const portal = await managed(actor, id)
      if (!(PACKAGE_IDS as string[]).includes(packageId)) {
        throw new DomainError(
          'not_found',
          'package_not_found',
          `no package with id ${JSON.stringify(packageId)}`,
          'packageId',
        )
      }
      const pkg = packageOf(packageId as PackageId)
      if (!packagesFor(portal.portalType).some((p) => p.id === pkg.id)) {
        throw new DomainError(
          'invalid',
          'package_not_used',
          `${pkg.name} is not one of the packages a ${PORTAL_TYPES[portal.portalType]} installs`,
          'packageId',
        )
      }
      if (portal.status === 'configuring' || runner.isRunning(portal.id)) {
        throw new DomainError(
          'conflict',
          'provisioning_in_progress',
          `${displayNameOf(portal)} is being provisioned; wait for it to finish or fail`,
        )
      }
      const state = (await store.packageStates(portal.id)).get(pkg.id)
      if (state?.status === 'Installed') {
        throw new DomainError('conflict', 'package_already_installed', `${pkg.name} is already installed`)
      }
      const job = await store.jobs.get(portal.jobKey)
      await runner.installPackage(portal, pkg, {
        portalId: portal.id,
        jobKey: portal.jobKey,
        attempt: job?.attempt ?? 0,
      })
      return (await packageViews(portal)).find((p) => p.id === pkg.id)!
    },

    /** Which hub the portal sends to, or null. */
    async hubBinding(actor: Principal, id: string): Promise<{ hub: HubBindingView | null }> {
      return { hub: hubView(await managed(actor, id)) }
    },

    /**
     * Configures (or changes) the hub the portal sends to, with the key name
     * and shared access key it mints tokens with. The key is proved against
     * the hub before it is kept; the preview terms must be accepted.
     */
    async configureHub(
      actor: Principal,
      id: string,
      input: ConfigureHubInput,
    ): Promise<{ hub: HubBindingView | null }> {
      const portal = await managed(actor, id)
      if (input.termsAccepted !== true) {
        throw new DomainError(
          'invalid',
          'terms_not_accepted',
          'confirm you have read and understood the terms and conditions (termsAccepted: true)',
          'termsAccepted',
        )
      }
      const creds = { hubId: input.hubId, keyName: input.keyName, key: input.key }
      await binder.verify(portal.id, creds)
      const next = await store.updatePortal(portal.id, (p) => ({
        ...p,
        requestedHub: null,
        hubBinding: { ...creds, configuredAt: now(), configuredBy: actor.id },
        updatedAt: now(),
      }))
      return { hub: hubView(next) }
    },

    /** Updates the shared access key (and optionally the key name) the portal uses; the hub stays. */
    async updateHubKey(
      actor: Principal,
      id: string,
      input: UpdateHubKeyInput,
    ): Promise<{ hub: HubBindingView | null }> {
      const portal = await managed(actor, id)
      const binding = portal.hubBinding
      if (!binding) {
        throw new DomainError(
          'not_found',
          'hub_binding_not_found',
          `${portal.name} sends to no hub; configure one first (PUT)`,
        )
      }
      if (input.hubId !== undefined && input.hubId !== binding.hubId) {
        throw new DomainError(
          'invalid',
          'hub_uri_read_only',
          `the hub URI is read-only here (${binder.hubUri(binding.hubId)}); configure the portal again to send to another hub`,
          'hubId',
        )
      }
      const creds = { hubId: binding.hubId, keyName: input.keyName ?? binding.keyName, key: input.key }
      await binder.verify(portal.id, creds)
      const next = await store.updatePortal(portal.id, (p) => ({
        ...p,
        hubBinding: { ...creds, configuredAt: now(), configuredBy: actor.id },
        updatedAt: now(),
      }))
      return { hub: hubView(next) }
    },

    /** Removes the portal's hub: its pages stop sending beacons. */
    async removeHub(actor: Principal, id: string): Promise<void> {
      const portal = await managed(actor, id)
      if (!portal.hubBinding) {
        throw new DomainError('not_found', 'hub_binding_not_found', `${portal.name} sends to no hub`)
      }
      await store.updatePortal(portal.id, (p) => ({
        ...p,
        hubBinding: null,
        requestedHub: null,
        updatedAt: now(),
      }))
    },

    /** The site's records, optionally of one kind. */
    async siteRecords(actor: Principal, id: string, kind?: string): Promise<SiteRecord[]> {
      const portal = await managed(actor, id)
      return deps.sites.list(portal.id, kind === undefined ? undefined : checkKind(kind))
    },

    /** Writes one site record (an admin's edit: a page's publishing state, a setting, the CSS…). */
    async putSiteRecord(
      actor: Principal,
      id: string,
      kind: string,
      recordId: string,
      body: unknown,
    ): Promise<SiteRecord> {
      const portal = await managed(actor, id)
      const k = checkKind(kind)
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new DomainError('invalid', 'invalid_body', 'a site record is a JSON object', 'body')
      }
      const fields = body as Record<string, unknown>
      if (
        (fields.kind !== undefined && fields.kind !== k) ||
        (fields.id !== undefined && fields.id !== recordId)
      ) {
        throw new DomainError(
          'invalid',
          'record_mismatch',
          `the body's kind and id must match the path (${k}/${recordId})`,
          'body',
        )
      }
      const parsed = siteRecordSchema.safeParse({ source: 'admin', ...fields, kind: k, id: recordId })
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        const field = issue.path.map(String).join('.') || 'body'
        throw new DomainError('invalid', 'invalid_site_record', `${field}: ${issue.message}`, field)
      }
      await deps.sites.put(portal.id, [parsed.data])
      return parsed.data
    },

    /** Removes one site record. */
    async deleteSiteRecord(actor: Principal, id: string, kind: string, recordId: string): Promise<void> {
      const portal = await managed(actor, id)
      const k = checkKind(kind)
      if (!(await deps.sites.get(portal.id, k, recordId))) {
        throw new DomainError(
          'not_found',
          'site_record_not_found',
          `portal ${portal.name} has no ${k} ${JSON.stringify(recordId)}`,
        )
      }
      await deps.sites.delete(portal.id, k, recordId)
    },

    /** Moves a portal onto another licence (its Type follows); for tenant administrators. */
    async assignLicence(actor: Principal, licenceId: string, portalId: string): Promise<PortalView> {
      assertTenantAdministrator(actor, 'assign portal licences')
      const portal = await store.getPortal(portalId)
      await deps.licences.assign(actor, licenceId, portal.id)
      return view(portal)
    },

    /**
     * The portal a subdomain names, as its site needs it; null when none.
     * Cached until the next write through the portal store.
     */
    async resolveSite(subdomain: string): Promise<SitePortal | null> {
      const hit = resolveCache.get(subdomain)
      if (hit && hit.generation === store.generation() && clock() - hit.at < 5_000) return hit.value
      const generation = store.generation()
      const claim = await store.subdomains.get(subdomain)
      const portal = claim ? await store.portals.get(claim.portalId) : null
      let value: SitePortal | null = null
      if (claim && portal) {
        const states = await store.packageStates(portal.id)
        const installed = packagesFor(portal.portalType).every(
          (p) => states.get(p.id)?.status === 'Installed',
        )
        const binding = portal.hubBinding
        value = {
          id: portal.id,
          name: portal.name,
          language: portal.language,
          instanceId: portal.instanceId,
          ready: claim.state === 'allocated' && portal.status === 'provisioned' && installed,
          siteSecret: portal.siteSecret,
          beacon: () => (binding ? binder.beaconTarget(portal.id, binding) : null),
        }
      }
      resolveCache.set(subdomain, { generation, at: clock(), value })
      return value
    },

    /** Resolves when no provisioning job runs in this process (tests, the demo). */
    settled: (): Promise<void> => runner.idle(),

    /** Picks up jobs a stopped or killed process left mid-way (done on open unless `resume: false`). */
    resumeInterrupted: (): Promise<string[]> => runner.resumeInterrupted(),
  }
}

function checkKind(kind: string): SiteRecordKind {
  if (!(SITE_RECORD_KINDS as readonly string[]).includes(kind)) {
    throw new DomainError(
      'not_found',
      'site_record_kind_not_found',
      `no kind of site record named ${JSON.stringify(kind)}; kinds: ${SITE_RECORD_KINDS.join(', ')}`,
      'kind',
    )
  }
  return kind as SiteRecordKind
}

/** The portal service's interface. */
export type PortalService = ReturnType<typeof createPortalService>
