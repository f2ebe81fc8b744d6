import type { ErrorCode } from '../../schemas/index.ts'
import { DomainError, isDomainError } from '../errors.ts'
import {
  sampleContacts,
  sampleRecords,
  packageRecords,
  type SiteBuildContext,
} from '../sites/site-packages.ts'
import { siteContentFor } from '../sites/sample-content.ts'
import type { SiteRepository } from '../sites/site-repository.ts'
import type { ContactService } from '../tenancy/contact-service.ts'
import type { InstanceService } from '../tenancy/instance-service.ts'
import type { Instance } from '../tenancy/tenancy-schemas.ts'
import { languageName } from '../tenancy/languages.ts'
import { solutionName } from '../tenancy/solutions.ts'
import type { HubBinder } from './hub-binding.ts'
import {
  type PackageId,
  type PortalPackage,
  hasFeature,
  missingPrerequisites,
  packageOf,
  packagesFor,
} from './portal-catalogue.ts'
import type { JobStep, PackageState, ProvisioningJob, StepId, StoredPortal } from './portal-schemas.ts'
import type { PortalStore } from './portal-store.ts'
import { type JobLease, type JobLeases, runUnderLease } from '../store/job-leases.ts'

/** Where a fault hook is called: before each step, and before each package inside "install packages". */
export interface FaultPoint {
  portalId: string
  jobKey: string
  attempt: number
  step: StepId
  /** Set for one package of the install step, and for a package retried on its own. */
  packageId?: PackageId
}

/**
 * Fault injection for tests and drills: `beforeStep` runs at each
 * {@link FaultPoint}; whatever it throws fails that step (a DomainError keeps
 * its code), and a promise it returns holds the step there.
 *
 * @example
 * const faults: ProvisioningFaults = {
 *   beforeStep: (at) => { if (at.packageId === 'forums') throw new Error('disk full') },
 * }
 */
export interface ProvisioningFaults {
  beforeStep?(at: FaultPoint): void | Promise<void>
}

/** What the runner logs with. */
export interface RunnerLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

/** Installs a package's metadata translations (the translations module does). */
export interface PackageMetadataInstaller {
  installPackage(
    portal: StoredPortal,
    packageId: PackageId,
    activatedLanguages: readonly string[],
  ): Promise<void>
}

/** What the runner is built from. */
export interface ProvisioningRunnerDeps {
  store: PortalStore
  sites: SiteRepository
  instances: InstanceService
  contacts: ContactService
  binder: HubBinder
  log: RunnerLog
  clock?: () => number
  faults?: ProvisioningFaults
  /** Installs a package's metadata translations for the instance's activated languages, as the package installs. */
  metadata?: PackageMetadataInstaller
  /** A pause before each step and each package (0 by default), to make progress visible in a demo. */
  stepDelayMs?: number
  sleep?: (ms: number) => Promise<void>
  /**
   * Leases on jobs in the control plane: a job runs only on the node holding
   * its lease. Unset, jobs are this process's alone (a runner without a
   * control plane, in unit tests).
   */
  leases?: JobLeases
  /**
   * How often a running job's lease is renewed and other nodes' expired
   * leases are looked for, in ms (10 s by default; the lease lasts 30 s).
   */
  heartbeatMs?: number
  /**
   * Leases found at start belong to no live process: the embedded control
   * plane is this process's alone (its data directory is locked), so a job a
   * killed process left resumes at once instead of after its lease expires.
   */
  ownsControlPlane?: boolean
}

/** The lease key of a provisioning job (`provisioning/{portalId}/{attempt}`). */
const LEASE_PREFIX = 'provisioning/'
const leaseKeyOf = (jobKey: string) => `${LEASE_PREFIX}${jobKey}`
const jobKeyOf = (leaseKey: string) => leaseKey.slice(LEASE_PREFIX.length)

/** The build context of a portal's site records. */
export const siteContextOf = (portal: StoredPortal): SiteBuildContext => ({
  portalId: portal.id,
  portalName: portal.name,
  language: portal.language,
  facetedSearch: hasFeature(portal.portalType, 'Faceted Search'),
})

const asStepError = (err: unknown, fallback: string): { code: string; message: string } =>
  isDomainError(err)
    ? { code: err.code, message: err.message }
    : { code: fallback, message: err instanceof Error ? err.message : String(err) }

/**
 * Runs provisioning jobs in the background, one persisted step at a time:
 * allocate the URL, install the type's packages in prerequisite order,
 * install sample data in the default language, bind the hub. A step is
 * written as running before it starts and as done after, and every step is
 * idempotent, so a job the process dropped mid-way is resumed from its first
 * unfinished step by {@link ProvisioningRunner.resumeInterrupted}.
 */
export function createProvisioningRunner(deps: ProvisioningRunnerDeps) {
  const clock = deps.clock ?? Date.now
  const now = () => new Date(clock()).toISOString()
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const delay = async () => {
    if ((deps.stepDelayMs ?? 0) > 0) await sleep(deps.stepDelayMs!)
  }
  const running = new Map<string, Promise<void>>()
  let stopping = false
  const { store } = deps
  const heartbeatMs = deps.heartbeatMs ?? 10_000
  /** Jobs whose lease another node took over (this one stopped renewing in time): they stop here. */
  const lost = new Set<string>()
  let sweeper: NodeJS.Timeout | null = null
  let sweeping: Promise<unknown> | null = null

  /** Stops the job at this boundary if stopping, or if its lease is no longer this node's. */
  const checkpoint = async (key: string, lease: JobLease | null) => {
    if (stopping) throw new Interrupted()
    if (!lease || !deps.leases) return
    // Renewed at every boundary too: a step never starts on a lease about to lapse.
    if (lost.has(key) || !(await deps.leases.renew(lease))) {
      lost.add(key)
      throw new Interrupted()
    }
  }

  const fault = async (at: FaultPoint) => {
    await deps.faults?.beforeStep?.(at)
  }

  const instanceOf = async (portal: StoredPortal): Promise<Instance> => {
    const instance = await deps.instances.find(portal.instanceId)
    if (!instance) {
      throw new DomainError(
        'conflict',
        'instance_not_found',
        `instance ${portal.instanceId} of the portal no longer exists`,
      )
    }
    return instance
  }

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

  /**
   * Runs a job under its lease: claimed first (unless given), renewed every
   * heartbeat, given up when the job ends or stops at a step boundary. A job
   * whose lease another node holds is not run here.
   */
  const launch = (key: string, given?: JobLease | null, onClaimed?: () => Promise<void>): void => {
    if (stopping || running.has(key)) return
    const task = (async () => {
      const lease =
        given !== undefined ? given : deps.leases ? await deps.leases.claim(leaseKeyOf(key)) : null
      if (deps.leases && !lease) return
      lost.delete(key)
      const beat = lease
        ? setInterval(() => {
            deps.leases!.renew(lease).then(
              (held) => {
                if (!held) lost.add(key)
              },
              // Unreachable for a while: the lease holds until it expires; the next boundary checks again.
              () => undefined,
            )
          }, heartbeatMs)
        : null
      beat?.unref()
      try {
        await onClaimed?.()
        await run(key, lease)
      } finally {
        if (beat) clearInterval(beat)
        // Released unless lost: whoever holds it now keeps it.
        if (lease && !lost.has(key)) await deps.leases!.release(lease).catch(() => undefined)
        lost.delete(key)
      }
    })()
      .catch((err: unknown) => deps.log.error({ err, jobKey: key }, 'provisioning job stopped unexpectedly'))
      .finally(() => running.delete(key))
    running.set(key, task)
  }

  const start = (key: string): void => launch(key)

  /** Carries on a job another process left: counted as a resume once this node holds its lease. */
  const resume = (job: ProvisioningJob, lease: JobLease | null) =>
    launch(job.key, lease, async () => {
      const current = await store.jobs.get(job.key)
      if (current?.state !== 'running') return
      await store.updateJob(job.key, (j) => ({ ...j, resumes: j.resumes + 1, updatedAt: now() }))
      deps.log.info(
        { portalId: job.portalId, attempt: job.attempt },
        'resuming an interrupted provisioning job',
      )
    })

  /**
   * Takes over jobs whose lease expired unrenewed (their node died or lost
   * the control plane; `FOR UPDATE SKIP LOCKED`, so nodes sweeping at once
   * split them) and running jobs with no lease at all (released at a
   * shutdown, or left by a version without leases). Returns their keys.
   */
  const sweep = async (options: { force?: boolean } = {}): Promise<string[]> => {
    const jobs = (await store.jobs.list()).map((r) => r.value).filter((j) => j.state === 'running')
    const byKey = new Map(jobs.map((j) => [j.key, j]))
    const taken: string[] = []
    if (!deps.leases) {
      for (const job of jobs) {
        if (running.has(job.key)) continue
        resume(job, null)
        taken.push(job.key)
      }
      return taken
    }
    for (const lease of await deps.leases.claimExpired(LEASE_PREFIX)) {
      const job = byKey.get(jobKeyOf(lease.job))
      if (!job || running.has(job.key)) {
        await deps.leases.release(lease)
        continue
      }
      resume(job, lease)
      taken.push(job.key)
    }
    const held = options.force ? new Set<string>() : await deps.leases.held(LEASE_PREFIX)
    for (const job of jobs) {
      if (running.has(job.key) || held.has(leaseKeyOf(job.key))) continue
      const lease = options.force
        ? await deps.leases.takeOver(leaseKeyOf(job.key))
        : await deps.leases.claim(leaseKeyOf(job.key))
      if (!lease) continue
      resume(job, lease)
      taken.push(job.key)
    }
    return taken
  }

  return {
    start,
    installPackage,

    /**
     * Runs `fn` under the lease on `job` when there are leases (one node at a
     * time: a package retried on two nodes at once installs once, the other
     * gets what `busy` makes); without them, just runs it.
     */
    underLease: <T>(job: string, busy: () => Error, fn: () => Promise<T>): Promise<T> =>
      deps.leases ? runUnderLease(deps.leases, job, heartbeatMs, busy, fn) : fn(),

    /** Whether a job of this portal is running in this process. */
    isRunning: (portalId: string): boolean => [...running.keys()].some((k) => k.startsWith(`${portalId}/`)),

    /**
     * Picks up jobs the store says are running and no live node holds: those
     * a stopped or killed process left mid-way (at once when the control
     * plane is this process's own), then keeps looking every heartbeat for
     * jobs whose node died. Returns the keys taken now.
     */
    async resumeInterrupted(): Promise<string[]> {
      const taken = await sweep({ force: deps.ownsControlPlane === true })
      if (deps.leases && !sweeper && !stopping) {
        sweeper = setInterval(() => {
          if (sweeping || stopping) return
          sweeping = sweep()
            .catch((err: unknown) =>
              deps.log.warn({ err }, 'could not look for interrupted provisioning jobs'),
            )
            .finally(() => {
              sweeping = null
            })
        }, heartbeatMs)
        sweeper.unref()
      }
      return taken
    },

    /** Resolves when no job runs here (tests, shutdown). */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.all([...running.values()])
    },

    /** Stops at the next step boundary and waits; unfinished jobs resume on the next start. */
    async stop(): Promise<void> {
      stopping = true
      if (sweeper) clearInterval(sweeper)
      await sweeping
      while (running.size > 0) await Promise.all([...running.values()])
    },
  }
}

/** Thrown inside a step when the runner is stopping; never leaves the runner. */
class Interrupted extends Error {
  override readonly name = 'Interrupted'
}

/** The runner's interface. */
export type ProvisioningRunner = ReturnType<typeof createProvisioningRunner>
