import type { ErrorCode, Instance } from '../../schemas/index.ts'
import { instanceOfPortal } from './portal-instance.ts'
import { DomainError, isDomainError } from '../errors.ts'
import {
  sampleContacts,
  sampleRecords,
  packageRecords,
  type SiteBuildContext,
} from '../sites/site-packages.ts'
import { siteContentFor } from '../sites/sample-content.ts'
import { languageName } from '../tenancy/languages.ts'
import { solutionName } from '../tenancy/solutions.ts'
import {
  type PackageId,
  type PortalPackage,
  hasFeature,
  missingPrerequisites,
  packageOf,
  packagesFor,
} from './portal-catalogue.ts'
import type { JobStep, PackageState, ProvisioningJob, StepId, StoredPortal } from './portal-schemas.ts'
import type { JobLease } from '../store/job-leases.ts'

import type { FaultPoint, ProvisioningRunnerDeps } from './provisioning-runner.ts'

/** The build context of a portal's site records. */
export const siteContextOf = (portal: StoredPortal): SiteBuildContext => ({
  portalId: portal.id,
  portalName: portal.name,
  language: portal.language,
  facetedSearch: hasFeature(portal.portalType, 'Faceted Search'),
})

export const asStepError = (err: unknown, fallback: string): { code: string; message: string } =>
  isDomainError(err)
    ? { code: err.code, message: err.message }
    : { code: fallback, message: err instanceof Error ? err.message : String(err) }

/** Thrown inside a step when the runner is stopping; never leaves the runner. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted'
}

/**
 * The steps of a provisioning job and what runs them: each step in turn, its
 * state written before and after, a package's install with its checks, and
 * the fault hooks drills and tests use. The runner (leases, resume, stop)
 * gives it `checkpoint`, which stops a job at a step boundary.
 */
export function createProvisioningSteps(
  deps: ProvisioningRunnerDeps,
  control: {
    now: () => string
    /** The pause before each step and package (stepDelayMs). */
    delay: () => Promise<void>
    /** Throws Interrupted when the job must stop at this boundary. */
    checkpoint: (key: string, lease: JobLease | null) => Promise<void>
  },
) {
  const { store } = deps
  const { now, delay, checkpoint } = control
  const clock = deps.clock ?? Date.now
  const fault = async (at: FaultPoint) => {
    await deps.faults?.beforeStep?.(at)
  }

  const instanceOf = (portal: StoredPortal): Promise<Instance> =>
    instanceOfPortal((id) => deps.instances.find(id), portal)

  const checkLanguage = (portal: StoredPortal, instance: Instance) => {
    if (!instance.installedLanguages.includes(portal.language)) {
      throw new DomainError(
        'conflict',
        'language_not_installed',
        `${languageName(portal.language)} (${portal.language}) is not installed on instance ${instance.name}; packages install in the portal's default language`,
      )
    }
  }

  /**
   * Installs one package for a portal: checks its prerequisites (packages
   * installed before it, solutions on the instance) and the language, then
   * writes its site records. The package's state is persisted as Installing,
   * then Installed or Install Failed (with the error), and a failure is thrown.
   */
  async function installPackage(
    portal: StoredPortal,
    pkg: PortalPackage,
    at: Omit<FaultPoint, 'packageId' | 'step'>,
  ): Promise<PackageState> {
    const states = await store.packageStates(portal.id)
    const previous = states.get(pkg.id)
    const base: PackageState = {
      portalId: portal.id,
      packageId: pkg.id,
      status: 'Installing',
      attempts: (previous?.attempts ?? 0) + 1,
      language: portal.language,
      updatedAt: now(),
      installedAt: null,
      error: null,
    }
    await store.putPackage(base)
    try {
      await delay()
      const instance = await instanceOf(portal)
      const installed = new Set(
        [...states.values()].filter((s) => s.status === 'Installed').map((s) => s.packageId),
      )
      const missing = missingPrerequisites(pkg, installed, instance.installedSolutions)
      if (missing.packages.length > 0 || missing.solutions.length > 0) {
        const names = [
          ...missing.packages.map((p) => packageOf(p).name),
          ...missing.solutions.map((s) => `${solutionName(s)} (solution)`),
        ]
        throw new DomainError(
          'conflict',
          'package_prerequisites_missing',
          `${pkg.name} cannot be installed: its prerequisites are missing: ${names.join(', ')}`,
        )
      }
      checkLanguage(portal, instance)
      await fault({ ...at, step: 'install_packages', packageId: pkg.id })
      await deps.sites.put(portal.id, packageRecords(pkg.id, siteContextOf(portal)))
      // Metadata translations install with the package, for the languages activated right now only.
      await deps.metadata?.installPackage(portal, pkg.id, instance.installedLanguages)
      const done: PackageState = { ...base, status: 'Installed', updatedAt: now(), installedAt: now() }
      await store.putPackage(done)
      return done
    } catch (err) {
      // An unexpected failure becomes the package's own error, naming it, for the package and the job alike.
      const error: { code: ErrorCode; message: string } = isDomainError(err)
        ? { code: err.code, message: err.message }
        : {
            code: 'package_install_failed',
            message: `${pkg.name} could not be installed: ${err instanceof Error ? err.message : String(err)}`,
          }
      await store.putPackage({ ...base, status: 'Install Failed', updatedAt: now(), error })
      if (!isDomainError(err))
        deps.log.error({ err, portalId: portal.id, packageId: pkg.id }, 'package install failed')
      throw isDomainError(err) ? err : new DomainError('conflict', error.code, error.message)
    }
  }

  const setStep = (key: string, id: StepId, change: Partial<JobStep>) =>
    store.updateJob(key, (j) => ({
      ...j,
      updatedAt: now(),
      steps: j.steps.map((s) => (s.id === id ? { ...s, ...change } : s)),
    }))

  /** Runs one step; returns a detail line for the job, or 'skipped'. */
  async function runStep(
    job: ProvisioningJob,
    step: StepId,
    lease: JobLease | null,
  ): Promise<{ skipped: boolean; detail: string | null }> {
    const at = { portalId: job.portalId, jobKey: job.key, attempt: job.attempt }
    await delay()
    await fault({ ...at, step })
    const portal = await store.getPortal(job.portalId)
    switch (step) {
      case 'allocate_url': {
        const claim = await store.subdomains.get(portal.subdomain)
        if (claim && claim.portalId !== portal.id) {
          throw new DomainError(
            'conflict',
            'subdomain_taken',
            `the subdomain ${portal.subdomain} belongs to another portal`,
          )
        }
        await store.claimSubdomain(portal.subdomain, portal.id, 'allocated', now())
        return { skipped: false, detail: portal.subdomain }
      }
      case 'install_packages': {
        const list = packagesFor(portal.portalType)
        for (const [i, pkg] of list.entries()) {
          await checkpoint(job.key, lease)
          await setStep(job.key, step, { progress: { done: i, total: list.length, current: pkg.name } })
          const state = (await store.packageStates(portal.id)).get(pkg.id)
          if (state?.status === 'Installed') continue
          await installPackage(portal, pkg, at)
        }
        await setStep(job.key, step, { progress: { done: list.length, total: list.length, current: null } })
        return { skipped: false, detail: list.map((p) => p.name).join(', ') }
      }
      case 'install_sample_data': {
        const instance = await instanceOf(portal)
        checkLanguage(portal, instance)
        const installed = await store.packageStates(portal.id)
        const has = (id: PackageId) => installed.get(id)?.status === 'Installed'
        await deps.sites.put(
          portal.id,
          sampleRecords(
            siteContextOf(portal),
            { knowledge: has('knowledge_management'), blogs: has('blogs'), forums: has('forums') },
            clock(),
          ),
        )
        await deps.contacts.put(portal.instanceId, sampleContacts(portal.instanceId))
        const written = siteContentFor(portal.language).language
        return {
          skipped: false,
          detail:
            written === portal.language
              ? `sample data in ${languageName(written)}`
              : `no sample data is written in ${languageName(portal.language)}; installed it in ${languageName(written)}`,
        }
      }
      case 'bind_hub': {
        const wanted = portal.requestedHub
        if (!wanted) return { skipped: true, detail: 'no hub was asked for; configure one later' }
        // Kept: a send-only key (made for the portal when the one given holds more), see binder.bind.
        const kept = await deps.binder.bind(portal.id, wanted)
        await deps.binder.installPortalTypes(wanted.hubId)
        await store.updatePortal(portal.id, (p) => ({
          ...p,
          requestedHub: null,
          hubBinding: { ...kept, configuredAt: now(), configuredBy: job.createdBy },
          updatedAt: now(),
        }))
        return { skipped: false, detail: `hub ${kept.hubId}, key ${kept.keyName}` }
      }
    }
  }

  async function run(key: string, lease: JobLease | null): Promise<void> {
    for (;;) {
      try {
        await checkpoint(key, lease)
      } catch (err) {
        if (err instanceof Interrupted) return
        throw err
      }
      const job = await store.jobs.get(key)
      if (job?.state !== 'running') return
      const step = job.steps.find((s) => s.status !== 'succeeded' && s.status !== 'skipped')
      if (!step) {
        await store.updateJob(key, (j) => ({ ...j, state: 'succeeded', finishedAt: now(), updatedAt: now() }))
        await store.updatePortal(job.portalId, (p) => ({
          ...p,
          status: 'provisioned',
          provisionedAt: now(),
          updatedAt: now(),
        }))
        deps.log.info({ portalId: job.portalId, attempt: job.attempt }, 'portal provisioned')
        return
      }
      await setStep(key, step.id, {
        status: 'running',
        startedAt: now(),
        finishedAt: null,
        error: null,
        runs: step.runs + 1,
      })
      try {
        const outcome = await runStep(job, step.id, lease)
        await setStep(key, step.id, {
          status: outcome.skipped ? 'skipped' : 'succeeded',
          finishedAt: now(),
          detail: outcome.detail,
        })
      } catch (err) {
        // Stopping mid-step leaves it "running": the next start resumes it.
        if (err instanceof Interrupted) return
        const error = asStepError(err, 'step_failed')
        if (!isDomainError(err))
          deps.log.error({ err, portalId: job.portalId, step: step.id }, 'provisioning step failed')
        await setStep(key, step.id, { status: 'failed', finishedAt: now(), error })
        await store.updateJob(key, (j) => ({
          ...j,
          state: 'failed',
          finishedAt: now(),
          updatedAt: now(),
          error: { step: step.id, ...error },
        }))
        await store.updatePortal(job.portalId, (p) => ({ ...p, status: 'failed', updatedAt: now() }))
        deps.log.warn(
          { portalId: job.portalId, step: step.id, code: error.code },
          'portal provisioning failed',
        )
        return
      }
    }
  }

  return { run, installPackage }
}
