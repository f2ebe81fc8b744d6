import type { SiteRepository } from '../sites/site-repository.ts'
import type { ContactService } from '../tenancy/contact-service.ts'
import type { InstanceService } from '../tenancy/instance-service.ts'
import type { HubBinder } from './hub-binding.ts'
import type { PackageId } from './portal-catalogue.ts'
import type { ProvisioningJob, StepId, StoredPortal } from './portal-schemas.ts'
import type { PortalStore } from './portal-store.ts'
import { type JobLease, type JobLeases, runUnderLease } from '../store/job-leases.ts'
import { Interrupted, createProvisioningSteps } from './provisioning-steps.ts'

export { siteContextOf } from './provisioning-steps.ts'

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

  const { run, installPackage } = createProvisioningSteps(deps, { now, delay, checkpoint })

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

/** The runner's interface. */
export type ProvisioningRunner = ReturnType<typeof createProvisioningRunner>
