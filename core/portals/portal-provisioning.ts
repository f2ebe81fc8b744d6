import { randomBytes, randomUUID } from 'node:crypto'
import type { Principal } from '../admin/principal-service.ts'
import { DomainError } from '../errors.ts'
import { hasInstanceRole } from '../tenancy/permissions.ts'
import { refusingAlike } from './binding-refusals.ts'
import type { HubCredentials } from './hub-binding.ts'
import type { PortalContext } from './portal-context.ts'
import {
  type ChangeValuesInput,
  type JobStep,
  type ProvisionInput,
  type ProvisioningJob,
  STEP_IDS,
  STEP_NAMES,
  type StoredPortal,
} from './portal-schemas.ts'
import { jobKey } from './portal-store.ts'
import { type PortalView, displayNameOf, statusLabel } from './portal-views.ts'
import { checkInstanceRoles, createProvisioningRules, refuseType } from './provisioning-rules.ts'

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
 * Provisioning a portal and its job: provision (with every rule the seed
 * states), the job's progress, Restart Provisioning, and Change Values and
 * Restart Provisioning.
 */
export function createPortalProvisioning(ctx: PortalContext) {
  const { deps, store, runner, binder, now, lock, managed, view, packageViews } = ctx
  const { checkFreeSubdomain, checkValues, assertRestartable } = createProvisioningRules(ctx)

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

  return {
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
        const { hub } = input
        if (hub) await refusingAlike(actor, () => binder.verify(portalId, hub))
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
          portalState: 'on',
          ipRestrictions: { enabled: false, allow: [] },
        }
        await store.claimSubdomain(subdomain, portalId, 'reserved', at)
        await store.jobs.put(job.key, job)
        await store.savePortal(portal)
        runner.start(job.key)
        return { portal: await view(portal), job }
      }),

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
          const hub = input.hub
          await refusingAlike(actor, () => binder.verify(fresh.id, hub))
          requestedHub = hub
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
  }
}
