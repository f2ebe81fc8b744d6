import { createPrincipalService } from './admin/principal-service.ts'
import { createCheckerService } from './checker/index.ts'
import { createHubService } from './hubs/hub-service.ts'
import { createCaseQueries } from './cases/case-queries.ts'
import { createCaseReporting } from './cases/case-reporting.ts'
import { createInsightService } from './insights/insight-service.ts'
import { createBatchingSink } from './ingest/batching-sink.ts'
import { type IngestObserver, createIngestPipeline } from './ingest/ingest-pipeline.ts'
import type { InteractionSink } from './ingest/interaction-sink.ts'
import { createJourneyService } from './journey/journey-service.ts'
import { type PortalModuleOptions, createPortalModule } from './portals/portal-module.ts'
import { createProfileRepository } from './profiles/profile-repository.ts'
import { createCaseRepository } from './store/case-repository.ts'
import { createInsightQueries } from './store/insight-queries.ts'
import { type StoreOptions, openClickHouse } from './store/clickhouse-client.ts'
import { type InteractionRepository, createInteractionRepository } from './store/interaction-repository.ts'
import { ingestionStats } from './store/ingestion-stats.ts'
import { LATEST_MIGRATION, appliedVersion, migrate } from './store/migrations.ts'

/** What core needs from a logger. */
export interface CoreLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

/**
 * Opens the store, applies migrations, and wires core's services. The one
 * place that builds them; the entry point, tests and benchmarks all call it.
 *
 * @example
 * const core = await openCore({ store: { kind: 'embedded', dataDir }, publicUrl, log })
 * const hub = await core.hubs.create('Support')
 * await core.close()
 */
export async function openCore(options: {
  store: StoreOptions
  publicUrl: string
  log: CoreLog
  clock?: () => number
  /** Builds the sink accepted interactions go to; defaults to the micro-batching sink. */
  sink?: (repository: InteractionRepository) => InteractionSink | Promise<InteractionSink>
  observer?: IngestObserver
  /** Portals: the domain their hosts hang under, job step delay, fault hooks, resume on open. */
  portals?: PortalModuleOptions
  /** How long one portal checker check may take, in ms (10 s by default). */
  checkTimeoutMs?: number
}) {
  const ch = await openClickHouse(options.store)
  try {
    const applied = await migrate(ch)
    if (applied.length > 0) options.log.info({ applied }, 'applied store migrations')
  } catch (err) {
    await ch.close()
    throw err
  }
  const clock = options.clock ?? Date.now
  const repository = createInteractionRepository(ch)
  const caseRepository = createCaseRepository(ch)
  const sink = options.sink
    ? await options.sink(repository)
    : createBatchingSink({
        repository,
        onError: (err) => options.log.error({ err }, 'insert into the store failed'),
      })
  const hubs = createHubService({ ch, publicUrl: options.publicUrl, clock })
  const principals = createPrincipalService({ ch, clock })
  const profiles = createProfileRepository(ch)
  const pipeline = createIngestPipeline({
    hubs,
    sink,
    repository,
    clock,
    log: options.log,
    observer: options.observer,
  })
  const journey = createJourneyService({
    repository,
    cases: caseRepository,
    // A profile shows in a journey only once the hub links the Contact profile to interaction types.
    profiles: {
      async get(hubId, contactId) {
        const hub = await hubs.getCached(hubId)
        if (!hub.profile || hub.profile.linkedTypes.length === 0) return null
        return profiles.get(hubId, contactId)
      },
    },
  })
  const cases = {
    /** Cases a CRM reports. */
    reporting: createCaseReporting({ hubs, repository: caseRepository, clock }),
    /** A hub's cases, for admins. */
    queries: createCaseQueries({ hubs, repository: caseRepository, profiles, clock }),
  }
  const insights = createInsightService({ hubs, queries: createInsightQueries(ch), clock })
  const portalModule = createPortalModule({
    ch,
    hubs,
    principals,
    publicUrl: options.publicUrl,
    log: options.log,
    clock,
    ...options.portals,
  })
  const checker = createCheckerService({
    ch,
    store: portalModule.store,
    portals: portalModule.portals,
    siteRecords: portalModule.siteRecords,
    instances: portalModule.tenancy.instances,
    hubs,
    binder: portalModule.binder,
    ingestionStats: (q) => ingestionStats(ch, q),
    urlOf: portalModule.portals.urlOf,
    clock,
    timeoutMs: options.checkTimeoutMs,
  })
  // Provisioning jobs a previous process left mid-way carry on in the background.
  await portalModule.start()
  let closed = false

  return {
    ch,
    clock,
    repository,
    /** The `cases` table (cases a CRM reported or a portal's contact opened). */
    caseRepository,
    sink,
    hubs,
    principals,
    profiles,
    pipeline,
    journey,
    cases,
    /** What preceded cases, per hub or portal. */
    insights,
    /** Instances, users, licences and contacts. */
    tenancy: portalModule.tenancy,
    /** The portal admin centre and its provisioning jobs. */
    portals: portalModule.portals,
    /** Portals' sites, served by host. */
    sites: portalModule.sites,
    /** The records portals' sites are made of. */
    siteRecords: portalModule.siteRecords,
    /** The domain portal hosts hang under (`{subdomain}.{domain}`). */
    portalsDomain: portalModule.portalsDomain,
    /** The portal checker: runs, feedback and actions. */
    checker,
    /** Whether the store answers and the schema is current. */
    async ready(): Promise<{ ok: boolean; checks: Record<string, string> }> {
      const ping = await ch.client.ping()
      if (!ping.success) return { ok: false, checks: { store: 'unreachable', migrations: 'unknown' } }
      const current = (await appliedVersion(ch)) >= LATEST_MIGRATION
      return { ok: current, checks: { store: 'ok', migrations: current ? 'ok' : 'pending' } }
    },
    /** Drains the sink (within `deadlineMs`) and closes the store. */
    async close(deadlineMs = 10_000): Promise<void> {
      if (closed) return
      closed = true
      try {
        // Jobs stop at a step boundary; the next open resumes them.
        await portalModule.stop()
        await sink.close(deadlineMs)
      } finally {
        await ch.close()
      }
    },
  }
}

/** Core's services, as `openCore` returns them. */
export type Core = Awaited<ReturnType<typeof openCore>>
