import {
  type CheckDefinitionView,
  type CheckResult,
  type CheckerActionRecord,
  type CheckerRun,
  type CheckerRunSummary,
  type FeedbackInput,
  type PortalBeacons,
  type ResultSortQuery,
  type RunActionInput,
  type StartRunInput,
  checkerThresholdsSchema,
} from '../../schemas/index.ts'
import type { Principal } from '../admin/principal-service.ts'
import { DomainError, isDomainError } from '../errors.ts'
import type { StoredHub } from '../hubs/hub-record.ts'
import type { StoredPortal } from '../portals/portal-schemas.ts'
import { said, sentenceOf } from './check-text.ts'
import { toSite } from '../sites/site-repository.ts'
import { type JobLeases, runUnderLease } from '../store/job-leases.ts'
import type { RecordStore } from '../store/record-repository.ts'
import type { IngestionStats } from '../store/ingestion-stats.ts'
import { assertCanManageHubs, assertCanManagePortal } from '../tenancy/permissions.ts'
import { CHECKS, actionsOf } from './check-registry.ts'
import {
  DEFAULT_CHECK_TIMEOUT_MS,
  SKIPPED_CHECKS_NOTE,
  runChecks,
  siteSkipReason,
  sortResults,
} from './check-runner.ts'
import type { CheckContext, CheckDefinition, CheckerDeps, SiteAnswer } from './check-types.ts'
import { createCheckerStore, timeOrderedId } from './checker-store.ts'

const DEFAULT_SORT: ResultSortQuery = { sort: 'result', order: 'asc' }

const summaryOf = ({ results: _results, ...summary }: CheckerRun): CheckerRunSummary => summary

/**
 * The portal checker (Manage > Run Portal Checker): runs every check against
 * a portal's real state (its records, the running site, its hub, the store),
 * stores each run with its time and who started it, keeps earlier runs
 * readable, takes feedback on each result, and runs the actions that fix
 * what the checks find, recording who ran them and when. Every call needs
 * the manage permission on the portal.
 *
 * @example
 * const run = await checker.run(admin, portalId, {})
 * await checker.runAction(admin, portalId, run.results[0].action!.id, { runId: run.id })
 */
export function createCheckerService(
  deps: CheckerDeps & {
    db: RecordStore
    /** The checks to run (all of them by default; tests hand in their own). */
    checks?: readonly CheckDefinition[]
    /** How long one check may take (ms). */
    timeoutMs?: number
    /** How many runs of a portal are kept (100 by default). */
    runsKept?: number
    /** A portal's run holds its lease: one run of a portal at a time across nodes. */
    leases?: JobLeases
    /** How often a run's lease is renewed (10 s by default). */
    heartbeatMs?: number
  },
) {
  const clock = deps.clock ?? Date.now
  const now = () => new Date(clock()).toISOString()
  const checks = deps.checks ?? CHECKS
  const actions = actionsOf(checks)
  const store = createCheckerStore(deps.db, { runsKept: deps.runsKept })

  const managed = async (actor: Principal, portalId: string): Promise<StoredPortal> => {
    const portal = await deps.store.getPortal(portalId)
    assertCanManagePortal(actor, portal.instanceId)
    return portal
  }

  const hubOf = async (portal: StoredPortal): Promise<StoredHub | null> => {
    if (!portal.hubBinding) return null
    try {
      return await deps.hubs.get(portal.hubBinding.hubId)
    } catch (err) {
      if (isDomainError(err, 'hub_not_found')) return null
      throw err
    }
  }

  /** Reads what the checks share, once per run. */
  async function contextOf(
    portal: StoredPortal,
    thresholds: CheckContext['thresholds'],
  ): Promise<Omit<CheckContext, 'signal'>> {
    const [records, packages, instance, claim, hub, job, customDomain] = await Promise.all([
      deps.siteRecords.list(portal.id),
      deps.store.packageStates(portal.id),
      deps.instances.find(portal.instanceId),
      deps.store.subdomains.get(portal.subdomain),
      hubOf(portal),
      deps.store.jobs.get(portal.jobKey),
      deps.domains.bindingFactsOf(portal.id),
    ])
    const url = deps.urlOf(portal.subdomain)
    const stats = new Map<number, Promise<IngestionStats>>()
    return {
      portal,
      site: toSite(records),
      packages,
      job,
      instance,
      subdomainOwner: claim?.portalId ?? null,
      hub,
      thresholds,
      now: clock(),
      url,
      binder: deps.binder,
      customDomain,
      domains: deps.domains,
      translations: deps.translations,
      ingestion(since) {
        const binding = portal.hubBinding
        if (!binding) return Promise.reject(new Error('no hub is bound to the portal'))
        let hit = stats.get(since)
        if (!hit) {
          hit = deps.ingestionStats({ hubId: binding.hubId, portalId: portal.id, since })
          stats.set(since, hit)
        }
        return hit
      },
      async fetchSite(path): Promise<SiteAnswer> {
        const started = performance.now()
        const page = await deps.renderPage(portal.subdomain, path)
        return { ...page, ms: performance.now() - started }
      },
    }
  }

  /** One run of every check on a portal, stored and answered. */
  const runNow = async (
    actor: Principal,
    portal: Awaited<ReturnType<typeof managed>>,
    input: StartRunInput,
  ): Promise<CheckerRun> => {
    const thresholds = checkerThresholdsSchema.parse(input.thresholds ?? {})
    const started = clock()
    const startedAt = new Date(started).toISOString()
    const base = await contextOf(portal, thresholds)
    const skipSite = siteSkipReason(portal)
    const results = await runChecks(checks, (signal) => ({ ...base, signal }), {
      timeoutMs: deps.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
      skipSite,
    })
    const counts = { error: 0, warning: 0, pass: 0, not_applicable: 0, not_run: 0 }
    for (const r of results) counts[r.result]++
    const run: CheckerRun = {
      id: timeOrderedId(started),
      portalId: portal.id,
      startedAt,
      finishedAt: now(),
      startedBy: actor.id,
      thresholds,
      counts,
      notes: skipSite ? [SKIPPED_CHECKS_NOTE, `Not run: ${skipSite}.`] : [],
      results: sortResults(results, DEFAULT_SORT),
    }
    await store.saveRun(run)
    return run
  }

  return {
    /** The checks and the actions each offers. */
    catalogue: (): CheckDefinitionView[] =>
      checks.map((c) => ({
        id: c.id,
        issue: c.issue,
        category: c.category,
        reads: [...c.reads],
        needsSite: c.needsSite ?? false,
        mitigation: c.mitigation,
        actions: (c.actions ?? []).map((a) => ({ id: a.id, label: a.label })),
      })),

    /**
     * Run Portal Checker (and Refresh results): runs every check concurrently,
     * each within the timeout, stores the run with its time and who started
     * it, and answers it sorted error, warning, pass.
     */
    async run(actor: Principal, portalId: string, input: StartRunInput): Promise<CheckerRun> {
      const portal = await managed(actor, portalId)
      if (!deps.leases) return runNow(actor, portal, input)
      return runUnderLease(
        deps.leases,
        `checker/${portal.id}`,
        deps.heartbeatMs ?? 10_000,
        () =>
          new DomainError(
            'conflict',
            'checker_run_in_progress',
            'the portal checker is already running for this portal; wait for its results',
          ),
        () => runNow(actor, portal, input),
      )
    },

    /** The portal's earlier runs, newest first, without their results. */
    async listRuns(actor: Principal, portalId: string): Promise<CheckerRunSummary[]> {
      const portal = await managed(actor, portalId)
      return (await store.listRuns(portal.id)).map(summaryOf)
    },

    /** One run, its results sorted by any column (result by default: error, warning, pass). */
    async getRun(
      actor: Principal,
      portalId: string,
      runId: string,
      sort: ResultSortQuery = DEFAULT_SORT,
    ): Promise<CheckerRun> {
      const portal = await managed(actor, portalId)
      const run = await store.getRun(portal.id, runId)
      return { ...run, results: sortResults(run.results, sort) }
    },

    /** "Was this mitigation useful?": stores the answer (and comment) on the result, in its run. */
    async feedback(
      actor: Principal,
      portalId: string,
      runId: string,
      checkId: string,
      input: FeedbackInput,
    ): Promise<CheckResult> {
      const portal = await managed(actor, portalId)
      const run = await store.updateRun(portal.id, runId, (r) => {
        if (!r.results.some((x) => x.checkId === checkId)) {
          throw new DomainError(
            'not_found',
            'check_result_not_found',
            `run ${runId} has no result for check ${JSON.stringify(checkId)}`,
            'checkId',
          )
        }
        const feedback = { useful: input.useful, comment: input.comment || null, by: actor.id, at: now() }
        return { ...r, results: r.results.map((x) => (x.checkId === checkId ? { ...x, feedback } : x)) }
      })
      return run.results.find((x) => x.checkId === checkId)!
    },

    /**
     * Runs an action that fixes what a check found, as the actor, and records
     * who ran it, when, for which run, and what it changed. An action needs
     * the rights of the change it makes: the portal's (every call here), and
     * the hubs' for one that changes a hub or reads its key, as the hub
     * routes ask. Actions are idempotent: run again, they change nothing and
     * say so.
     */
    async runAction(
      actor: Principal,
      portalId: string,
      actionId: string,
      input: RunActionInput,
    ): Promise<CheckerActionRecord> {
      const portal = await managed(actor, portalId)
      const found = actions.get(actionId)
      if (!found) {
        throw new DomainError(
          'not_found',
          'checker_action_not_found',
          `no checker action ${JSON.stringify(actionId)}; GET …/checker/checks lists them`,
          'actionId',
        )
      }
      if (found.action.changes === 'hubs') assertCanManageHubs(actor)
      if (input.runId !== undefined) await store.getRun(portal.id, input.runId)
      const outcome = await found.action.run({ actor, portal, now, deps })
      const at = clock()
      const record: CheckerActionRecord = {
        id: timeOrderedId(at),
        portalId: portal.id,
        actionId,
        label: found.action.label,
        checkId: found.check.id,
        runId: input.runId ?? null,
        by: actor.id,
        at: new Date(at).toISOString(),
        changed: outcome.changed,
        details: said(outcome.details).text,
        sentence: sentenceOf(outcome.details),
      }
      await store.saveAction(record)
      return record
    },

    /** The actions run on a portal, newest first. */
    async listActions(actor: Principal, portalId: string): Promise<CheckerActionRecord[]> {
      const portal = await managed(actor, portalId)
      return store.listActions(portal.id)
    },

    /**
     * What arrived from the portal lately, as the Ingestion checks read it but
     * without a run: when its latest interaction arrived and the last 24
     * hours' stored and refused counts. A portal without a hub has none.
     */
    async beacons(actor: Principal, portalId: string): Promise<PortalBeacons> {
      const portal = await managed(actor, portalId)
      const binding = portal.hubBinding
      if (!binding) return { hubId: null, lastReceivedAt: null, accepted24h: 0, rejected24h: 0 }
      const stats = await deps.ingestionStats({
        hubId: binding.hubId,
        portalId: portal.id,
        since: clock() - 86_400_000,
      })
      return {
        hubId: binding.hubId,
        lastReceivedAt: stats.lastReceivedAt === null ? null : new Date(stats.lastReceivedAt).toISOString(),
        accepted24h: stats.accepted,
        rejected24h: stats.rejected,
      }
    },
  }
}

/** The checker service's interface. */
export type CheckerService = ReturnType<typeof createCheckerService>
