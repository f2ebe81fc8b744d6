import { createPrincipalService } from './admin/principal-service.ts'
import { createCaseModule } from './cases/case-module.ts'
import { createCheckerService } from './checker/index.ts'
import type { CoreLog } from './core-log.ts'
import { type DomainModuleOptions, createDomainModule } from './domains/index.ts'
import { createHubService } from './hubs/hub-service.ts'
import type { DurableSink } from './ingest/durable-sink.ts'
import { type IngestModuleOptions, openIngestModule } from './ingest/ingest-module.ts'
import { createInsightModule } from './insights/insight-module.ts'
import { createJourneyService } from './journey/journey-service.ts'
import { type PortalModuleOptions, createPortalModule } from './portals/portal-module.ts'
import { createPortalStore } from './portals/portal-store.ts'
import { createProfileRepository, linkedProfiles } from './profiles/profile-repository.ts'
import { type Readiness, type ReadinessOptions, checkReadiness } from './readiness.ts'
import { openRightsModule } from './rights/rights-module.ts'
import { resealSecrets } from './secrets/index.ts'
import { createAuditLog } from './store/audit-log.ts'
import { createCaseRepository } from './store/case-repository.ts'
import type { ChangeFeed } from './store/change-feed.ts'
import type { ClickHouseHandle, StoreOptions } from './store/clickhouse-client.ts'
import { readEngineMemory } from './store/engine-stats.ts'
import { ingestionStats } from './store/ingestion-stats.ts'
import { createInteractionRepository } from './store/interaction-repository.ts'
import { LATEST_MIGRATION, appliedVersion } from './store/migrations.ts'
import { type Stores, openStores } from './store/store-module.ts'
import type { SitePages } from './sites/site-pages.ts'
import { createTenancyModule } from './tenancy/tenancy-module.ts'
import { type TranslationCatalogue, createTranslationModule } from './translations/index.ts'

export type { CoreLog }

const DEFAULT_WAL_MAX_BYTES = 1024 * 1024 * 1024

/** What {@link openCore} opens core with. */
export interface CoreOptions extends IngestModuleOptions {
  store: StoreOptions
  publicUrl: string
  log: CoreLog
  /** The pages portals' sites answer with: `createSitePages()` of portal-sites/ (core draws no HTML). */
  sitePages: SitePages
  clock?: () => number
  /** How long an admin token lives from its issue (ms; 90 days by default). */
  adminTokenTtlMs?: number
  /**
   * Where the write-ahead log lives (`<dataDir>/wal`). Default: the embedded
   * store's data directory; required with a ClickHouse server.
   */
  dataDir?: string
  /** When `/ready` turns 503. */
  readiness?: ReadinessOptions
  /** Time bound of one insight read, in seconds (default `INSIGHT_MAX_SECONDS`, 20). */
  insightMaxSeconds?: number
  /** Portals: the domain their hosts hang under, job step delay, fault hooks, resume on open. */
  portals?: PortalModuleOptions
  /** Custom domains: DNS servers for CNAME lookups, the HTTPS port links use. */
  domains?: DomainModuleOptions
  /**
   * The 32-byte key secrets at rest are sealed with (`CASETRAIL_SECRET_KEY`).
   * Unset: the key in `{secretKeyDir}/secret.key`, generated with mode 0600
   * on first start (`secretKeyDir` defaults to the embedded store's data dir).
   */
  secretKey?: Buffer
  secretKeyDir?: string
  /**
   * Keys the secrets may still be sealed with after a rotation
   * (`CASETRAIL_SECRET_KEY_PREVIOUS`): they open what they sealed, and the
   * open seals all of it again with the current key.
   */
  previousSecretKeys?: readonly Buffer[]
  /** Where metadata translation resources come from (the shipped ones by default). */
  translationCatalogue?: TranslationCatalogue
  /** How long one portal checker check may take, in ms (10 s by default). */
  checkTimeoutMs?: number
  /**
   * The control plane (hubs, principals, portals, jobs…): a shared Postgres
   * (`databaseUrl`, `DATABASE_URL`), or PGlite in `{dataDir}/control-plane`.
   * `template`: an initialised embedded database to copy instead of initdb (tests).
   */
  controlPlane?: { databaseUrl?: string; template?: string }
  /**
   * Background jobs' leases: how long a claim lasts unrenewed (30 s) and how
   * often it is renewed and expired ones looked for (10 s).
   */
  jobs?: { leaseMs?: number; heartbeatMs?: number }
}

/**
 * Opens the stores and composes core's modules on them, each built from a
 * small `deps` by its own factory (`core/<module>/…-module.ts`), in the order
 * they depend on each other: the hubs' side (hubs, rights, ingest, reads),
 * then the portals' side (records, tenancy, translations, portals, domains,
 * the checker). The one place core is put together; the entry point, tests and
 * benchmarks all call it.
 *
 * @example
 * const core = await openCore({ store: { kind: 'embedded', dataDir }, publicUrl, log })
 * const hub = await core.hubs.create('Support')
 * await core.close()
 */
export async function openCore(options: CoreOptions) {
  const stores = await openStores({ ...options, walDir: options.durability?.walDir, lockWal: !options.sink })
  const clock = options.clock ?? Date.now
  let hubSide: Awaited<ReturnType<typeof openHubSide>> | undefined
  try {
    hubSide = await openHubSide(stores, options, clock)
    const { ingest, rights, ...hubFace } = hubSide
    const { portalCases, start, stop, ...portalFace } = await openPortalSide(stores, hubSide, options, clock)
    // Provisioning jobs and erasures a previous process left mid-way carry on in the background.
    await start()
    rights.contactRights.resume()
    const { ch, db, feed } = stores
    return {
      ch,
      /** The control-plane database (Postgres: embedded PGlite, or DATABASE_URL). */
      controlPlane: db,
      /** The audit log of admin changes (`audit_log`, append-only). */
      audit: createAuditLog(db),
      clock,
      ...hubFace,
      ...portalFace,
      /** Cases: reported by CRMs, read by admins, opened on portals' Support pages. */
      cases: { ...hubFace.cases, portal: portalCases },
      /** A contact's data rights: export and erasure. */
      contactRights: rights.contactRights,
      /** A hub's retention, applied now (`POST …/retention/apply`). */
      retention: rights.retention,
      sink: ingest.sink,
      durableSink: ingest.durableSink,
      quarantine: ingest.quarantine,
      pipeline: ingest.pipeline,
      /** The store engine's own memory figures, in bytes. */
      engineMemory: () => readEngineMemory(ch),
      ready: readiness({ ch, durable: ingest.durableSink, feed, clock, options }),
      close: closer([stop, () => rights.contactRights.settled(), ingest.close], stores),
    }
  } catch (err) {
    await hubSide?.ingest.close(1000).catch(() => undefined)
    await stores.close()
    throw err
  }
}

/**
 * Hubs and what hangs on them: keys and principals, contacts' rights (their
 * tombstones before the flusher), ingest, journeys, cases and insights.
 */
async function openHubSide(stores: Stores, options: CoreOptions, clock: () => number) {
  const { ch, db, feed, box } = stores
  const { log, publicUrl } = options
  const repository = createInteractionRepository(ch)
  const cases = createCaseRepository(ch)
  const profiles = createProfileRepository(db)
  const hubs = createHubService({ db, box, publicUrl, clock, feed })
  // The hub keys are opened before anything reads a hub (the retention stamps below do), so a
  // wrong key stops the start with secret_key_mismatch, not with the first hub read's error.
  await resealSecrets({
    reseals: [() => hubs.reseal()],
    what: 'the stored hub keys',
    // Whether the previous key can go is said once, after the portal side's secrets below.
    previousKeys: 0,
    log,
  })
  // Erased contacts first: every row the flusher inserts (the log's replay included) passes them.
  const rights = await openRightsModule({ db, repository, cases, profiles, hubs, feed, log, clock })
  // Cases are stamped with their hub's retention as they are stored (reports and portals' cases).
  const storedCases = rights.stamps.stampCases(cases)
  const ingest = await openIngestModule({
    ...options,
    repository,
    flushed: rights.stamps.stamp(rights.tombstones.guard(repository)),
    hubs,
    dataDir: stores.dataDir,
    engineMemoryBytes: ch.memoryBytes,
    reads: ch.read,
    clock,
  })
  return {
    repository,
    /** The `cases` table (cases a CRM reported or a portal's contact opened). */
    caseRepository: storedCases,
    hubs,
    principals: createPrincipalService({ db, clock, tokenTtlMs: options.adminTokenTtlMs }),
    profiles,
    rights,
    ingest,
    journey: createJourneyService({ repository, cases, profiles: linkedProfiles(hubs, profiles) }),
    cases: createCaseModule({ hubs, cases: storedCases, tombstones: rights.tombstones, profiles, clock }),
    ...createInsightModule({ ch, hubs, clock, maxSeconds: options.insightMaxSeconds }),
  }
}

/**
 * Portals and what hangs on them. Their records come first: translations,
 * custom domains and the portal module all read them, and the portal module
 * installs translations, so nothing is bound late.
 */
async function openPortalSide(
  stores: Stores,
  hubSide: Pick<Awaited<ReturnType<typeof openHubSide>>, 'hubs' | 'principals' | 'caseRepository'>,
  options: CoreOptions,
  clock: () => number,
) {
  const { ch, db, feed, leases, box } = stores
  const { log, publicUrl } = options
  const { hubs, principals } = hubSide
  const heartbeatMs = options.jobs?.heartbeatMs
  const store = createPortalStore(db, box, feed)
  const tenancy = createTenancyModule({ db, principals, log, clock })
  const { instances } = tenancy
  const catalogue = options.translationCatalogue
  const translations = createTranslationModule({ db, feed, portals: store, instances, clock, catalogue })
  const portals = createPortalModule({
    ...{ db, box, store, tenancy, hubs, principals, publicUrl, log, clock, leases, heartbeatMs },
    metadata: translations,
    sitePages: options.sitePages,
    caseRepository: hubSide.caseRepository,
    // The embedded control plane is this process's alone (its data dir is locked): a lease in it
    // at start was left by a process that is gone.
    ownsControlPlane: db.kind === 'embedded',
    ...options.portals,
  })
  const domains = createDomainModule({
    ...{ db, box, publicUrl, log, clock, feed, portalsDomain: portals.portalsDomain },
    getPortal: (id) => store.getPortal(id),
    ...options.domains,
  })
  await resealSecrets({
    reseals: [
      () => store.resealPortals(),
      () => portals.resealOidcProviders(),
      () => domains.resealCertificates(),
    ],
    what: 'the stored portal keys, OpenID client secrets and certificate keys',
    previousKeys: options.previousSecretKeys?.length ?? 0,
    log,
  })
  await domains.reload()
  const checker = createCheckerService({
    ...{ db, store, hubs, instances, domains, translations, clock, leases, heartbeatMs },
    ...{ portals: portals.portals, siteRecords: portals.siteRecords, binder: portals.binder },
    urlOf: portals.portals.urlOf,
    // A check reads the site through its renderer, as the site's host serves it; not over HTTP.
    renderPage: (subdomain, path) => portals.sites.serve({ subdomain, path, query: {}, session: undefined }),
    timeoutMs: options.checkTimeoutMs,
    ingestionStats: (q) => ingestionStats(ch, q),
  })
  return {
    /** Instances, users, licences and contacts. */
    tenancy,
    /** The portal admin centre and its provisioning jobs. */
    portals: portals.portals,
    /** Portals' sites, served by host. */
    sites: portals.sites,
    /** Portal visitors: sessions, local accounts and invitations, the outbox. */
    portalAuth: {
      sessions: portals.sessions,
      identity: portals.identity,
      outbox: portals.outbox,
      admin: portals.authAdmin,
      /** OpenID Connect sign-in on portals' sites. */
      oidcSite: portals.oidcSite,
      /** Portals' OpenID users and their consents (`forgetContact` for an erasure). */
      oidc: portals.oidc,
    },
    /** The records portals' sites are made of. */
    siteRecords: portals.siteRecords,
    /** The domain portal hosts hang under (`{subdomain}.{domain}`). */
    portalsDomain: portals.portalsDomain,
    portalCases: portals.portalCases,
    /** Custom domains and certificates: the wizard, the served registry (Host routing, SNI), checker reads. */
    domains,
    /** Metadata translations: the update, labels, what the checker reads. */
    translations,
    /** The portal checker: runs, feedback and actions. */
    checker,
    start: () => portals.start(),
    stop: () => portals.stop(),
  }
}

/** `/ready`: the store answers, the schema is current, the flusher keeps up, the control plane is heard. */
function readiness(deps: {
  ch: ClickHouseHandle
  durable: DurableSink | null
  feed: ChangeFeed
  clock: () => number
  options: CoreOptions
}): () => Promise<Readiness> {
  return () =>
    checkReadiness({
      ping: async () => (await deps.ch.client.ping()).success,
      migrationsCurrent: async () => (await appliedVersion(deps.ch)) >= LATEST_MIGRATION,
      flusher: deps.durable?.stats(),
      capBytes: deps.options.durability?.walMaxBytes ?? DEFAULT_WAL_MAX_BYTES,
      controlPlaneReachable: deps.feed.reachable,
      now: deps.clock(),
      options: deps.options.readiness,
    })
}

/**
 * Core's `close(deadlineMs)`: each part in turn (jobs stop at a step boundary and
 * resume on the next open; erasures settle; the sink drains within the deadline),
 * then the stores, once.
 */
function closer(
  parts: readonly ((deadlineMs: number) => Promise<unknown>)[],
  stores: Pick<Stores, 'close'>,
): (deadlineMs?: number) => Promise<void> {
  let closed = false
  return async (deadlineMs = 10_000) => {
    if (closed) return
    closed = true
    try {
      for (const part of parts) await part(deadlineMs)
    } finally {
      await stores.close()
    }
  }
}

/** Core's services, as `openCore` returns them. */
export type Core = Awaited<ReturnType<typeof openCore>>
