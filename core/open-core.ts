import { join } from 'node:path'
import { createAuditLog } from './store/audit-log.ts'
import { createPrincipalService } from './admin/principal-service.ts'
import { createCheckerService } from './checker/index.ts'
import { createHubService } from './hubs/hub-service.ts'
import { createCaseQueries } from './cases/case-queries.ts'
import { createCaseReporting } from './cases/case-reporting.ts'
import { createInsightService } from './insights/insight-service.ts'
import { createDeflectionService } from './insights/deflection-service.ts'
import { type DurabilityOptions, openDurability } from './ingest/durability.ts'
import type { DurableSink } from './ingest/durable-sink.ts'
import { createQuarantineWriter } from './ingest/quarantine-writer.ts'
import { type IngestObserver, createIngestPipeline } from './ingest/ingest-pipeline.ts'
import type { InteractionSink } from './ingest/interaction-sink.ts'
import { createJourneyService } from './journey/journey-service.ts'
import { type PortalModuleOptions, createPortalModule } from './portals/portal-module.ts'
import { type DomainModuleOptions, createDomainModule } from './domains/index.ts'
import { createProfileRepository } from './profiles/profile-repository.ts'
import { createContactRights } from './rights/contact-rights.ts'
import { createRetention } from './rights/retention.ts'
import { createErasureTombstones } from './rights/erasure-tombstones.ts'
import { createSecretBox, loadOrCreateSecretKey, secretKeyMismatch } from './secrets/index.ts'
import { isDomainError } from './errors.ts'
import { type WalDirLock, lockWalDir } from './wal/wal-dir-lock.ts'
import {
  SHIPPED_CATALOGUE,
  type TranslationCatalogue,
  type TranslationService,
  createTranslationService,
  createTranslationStore,
} from './translations/index.ts'
import { createCaseRepository } from './store/case-repository.ts'
import { createInsightQueries } from './store/insight-queries.ts'
import { createDeflectionQueries } from './store/deflection-queries.ts'
import { type StoreOptions, openClickHouse } from './store/clickhouse-client.ts'
import { type ControlPlaneDb, openControlPlane } from './store/control-plane-db.ts'
import { upgradeControlPlane } from './store/control-plane-upgrade.ts'
import { guardControlPlane } from './store/control-plane-errors.ts'
import { type ChangeFeed, createChangeFeed } from './store/change-feed.ts'
import { createJobLeases } from './store/job-leases.ts'
import { readEngineMemory } from './store/engine-stats.ts'
import { type InteractionRepository, createInteractionRepository } from './store/interaction-repository.ts'
import { ingestionStats } from './store/ingestion-stats.ts'
import { LATEST_MIGRATION, appliedVersion, migrate } from './store/migrations.ts'
import type { Metrics } from './metrics.ts'
import { type Readiness, type ReadinessOptions, checkReadiness } from './readiness.ts'

/** What core needs from a logger. */
export interface CoreLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
  /** A logger that adds `bindings` to each line (pino's); the log and the flusher name themselves. */
  child?(bindings: object): CoreLog
}

const DEFAULT_WAL_MAX_BYTES = 1024 * 1024 * 1024

/** What {@link openCore} opens core with. */
export interface CoreOptions {
  store: StoreOptions
  publicUrl: string
  log: CoreLog
  clock?: () => number
  /** How long an admin token lives from its issue (ms; 90 days by default). */
  adminTokenTtlMs?: number
  /**
   * Where the write-ahead log lives (`<dataDir>/wal`). Default: the embedded
   * store's data directory; required with a ClickHouse server.
   */
  dataDir?: string
  /** The write-ahead log and its flusher: core opens both, so a `202` is durable on every path. */
  durability?: DurabilityOptions
  /** When `/ready` turns 503. */
  readiness?: ReadinessOptions
  /** Time bound of one insight read, in seconds (default `INSIGHT_MAX_SECONDS`, 20). */
  insightMaxSeconds?: number
  /** Prometheus metrics the log and the flusher count into. */
  metrics?: Metrics
  /**
   * Replaces the durable sink. Only for a test that says why (the batching
   * sink's own answers); everything else runs the durable path.
   */
  sink?: (repository: InteractionRepository) => InteractionSink | Promise<InteractionSink>
  observer?: IngestObserver
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
 * Opens the store, applies migrations, and wires core's services. The one
 * place that builds them; the entry point, tests and benchmarks all call it.
 *
 * @example
 * const core = await openCore({ store: { kind: 'embedded', dataDir }, publicUrl, log })
 * const hub = await core.hubs.create('Support')
 * await core.close()
 */
export async function openCore(options: CoreOptions) {
  const dataDir = options.dataDir ?? (options.store.kind === 'embedded' ? options.store.dataDir : undefined)
  // The write-ahead log's directory is this process's before anything else opens (the embedded
  // engine, the control plane): a second process on it stops here, with the directory's name.
  let walLock: WalDirLock | null = null
  if (!options.sink && dataDir !== undefined) {
    walLock = await lockWalDir(options.durability?.walDir ?? join(dataDir, 'wal'))
  }
  try {
    return await openLocked(options, dataDir, walLock)
  } catch (err) {
    await walLock?.release()
    throw err
  }
}

async function openLocked(options: CoreOptions, dataDir: string | undefined, walLock: WalDirLock | null) {
  const keyDir =
    options.secretKeyDir ?? (options.store.kind === 'embedded' ? options.store.dataDir : undefined)
  if (!options.secretKey && !keyDir) {
    throw new Error('openCore needs secretKey or secretKeyDir when the store is a ClickHouse server')
  }
  let secretKey = options.secretKey
  if (!secretKey) {
    const loaded = loadOrCreateSecretKey(keyDir!)
    if (loaded.created)
      options.log.info(
        { path: loaded.path },
        'generated the secret key for secrets at rest (mode 0600); back it up with the data',
      )
    secretKey = loaded.key
  }
  const box = createSecretBox(secretKey, options.previousSecretKeys ?? [])
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
  let db: ControlPlaneDb
  // Every node hears of the changes to what it caches (hubs, domains, translations, portals).
  let feed: ChangeFeed
  try {
    if (dataDir === undefined && !options.controlPlane?.databaseUrl)
      throw new Error(
        'openCore needs a dataDir for the embedded control plane when the store is a ClickHouse server',
      )
    // Unreachable, it answers control_plane_unavailable (503, Retry-After), not a socket error.
    db = guardControlPlane(
      await openControlPlane({
        databaseUrl: options.controlPlane?.databaseUrl,
        dataDir: dataDir ?? '',
        template: options.controlPlane?.template,
        onError: (err) => options.log.warn({ err }, 'control plane: a pooled connection failed'),
      }),
    )
  } catch (err) {
    await ch.close()
    throw err
  }
  try {
    feed = createChangeFeed({ db, log: options.log })
    await feed.start()
  } catch (err) {
    await db.close().catch(() => undefined)
    await ch.close()
    throw err
  }
  const leases = createJobLeases({ db, leaseMs: options.jobs?.leaseMs ?? 30_000 })
  const closeStores = async () => {
    await feed.close().catch(() => undefined)
    await db.close().catch(() => undefined)
    await ch.close()
  }
  try {
    // A data dir an older release wrote keeps its control plane in ClickHouse key-value tables:
    // moved here on the first start, once.
    const moved = await upgradeControlPlane(ch, db)
    if (moved)
      options.log.info(
        { moved },
        'moved the control-plane records from the ClickHouse key-value tables to Postgres (the tables are left as they were)',
      )
  } catch (err) {
    await closeStores()
    throw err
  }
  const profiles = createProfileRepository(db)
  // Erased contacts first: every row the flusher inserts (the log's replay included) passes them.
  const tombstones = createErasureTombstones()
  const contactRights = createContactRights({
    db,
    repository,
    cases: caseRepository,
    profiles,
    tombstones,
    feed,
    log: options.log,
    clock,
  })
  try {
    await contactRights.load()
  } catch (err) {
    await closeStores()
    throw err
  }
  const flushedRepository = tombstones.guard(repository)
  let durable: DurableSink | null = null
  let sink: InteractionSink
  try {
    if (options.sink) sink = await options.sink(flushedRepository)
    else {
      if (dataDir === undefined)
        throw new Error(
          'openCore needs a dataDir for the write-ahead log when the store is a ClickHouse server',
        )
      durable = await openDurability({
        dataDir,
        repository: flushedRepository,
        log: options.log,
        metrics: options.metrics,
        clock: options.clock,
        options: options.durability,
        engineMemoryBytes: ch.memoryBytes,
      })
      sink = durable
    }
  } catch (err) {
    await closeStores()
    throw err
  }
  const hubs = createHubService({ db, box, publicUrl: options.publicUrl, clock, feed })
  const principals = createPrincipalService({ db, clock, tokenTtlMs: options.adminTokenTtlMs })
  const quarantine = createQuarantineWriter({ repository, log: options.log })
  const pipeline = createIngestPipeline({
    hubs,
    sink,
    quarantine,
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
    // An erased contact's cases dated before the erasure are not stored again when a CRM reports them.
    reporting: createCaseReporting({ hubs, repository: tombstones.guardCases(caseRepository), clock }),
    /** A hub's cases, for admins. */
    queries: createCaseQueries({ hubs, repository: caseRepository, profiles, clock }),
  }
  const insights = createInsightService({
    hubs,
    queries: createInsightQueries(ch, { maxSeconds: options.insightMaxSeconds }),
    clock,
  })
  const deflection = createDeflectionService({
    hubs,
    queries: createDeflectionQueries(ch, { maxSeconds: options.insightMaxSeconds }),
    clock,
  })
  // Translations read portals and the portal module installs translations: the module gets
  // them through this late-bound face (jobs only run after `start()`, once both exist).
  let translations: TranslationService | null = null
  const portalModule = createPortalModule({
    db,
    box,
    hubs,
    principals,
    publicUrl: options.publicUrl,
    log: options.log,
    clock,
    metadata: {
      installPackage: (portal, packageId, languages) =>
        translations!.installPackage(portal, packageId, languages),
      siteLabels: (portalId, language, fallback) => translations!.siteLabels(portalId, language, fallback),
    },
    caseRepository,
    feed,
    leases,
    heartbeatMs: options.jobs?.heartbeatMs,
    // The embedded control plane is this process's alone (its data dir is locked): a lease in it
    // at start was left by a process that is gone.
    ownsControlPlane: db.kind === 'embedded',
    ...options.portals,
  })
  translations = createTranslationService({
    store: createTranslationStore(db, feed),
    catalogue: options.translationCatalogue ?? SHIPPED_CATALOGUE,
    getPortal: (id) => portalModule.store.getPortal(id),
    findInstance: (id) => portalModule.tenancy.instances.find(id),
    packageStates: (id) => portalModule.store.packageStates(id),
    isProvisioning: (id) => portalModule.runner.isRunning(id),
    clock,
  })
  const domains = createDomainModule({
    db,
    box,
    getPortal: (id) => portalModule.store.getPortal(id),
    portalsDomain: portalModule.portalsDomain,
    publicUrl: options.publicUrl,
    log: options.log,
    clock,
    feed,
    ...options.domains,
  })
  // Secrets at rest: a key that cannot open the stored hubs or portals stops the start here, with
  // one clear line; records written before sealing are sealed now (and on every later write).
  // After a rotation (CASETRAIL_SECRET_KEY_PREVIOUS) everything sealed with an old key is sealed
  // again with the current one, so the old key can be dropped at the next start.
  try {
    const resealed =
      (await hubs.reseal()) +
      (await portalModule.store.resealPortals()) +
      (await domains.resealCertificates())
    if (resealed > 0)
      options.log.info(
        { resealed },
        'sealed secrets again with the current secret key (stored in plaintext by an older version, or sealed with a previous key)',
      )
    else if ((options.previousSecretKeys ?? []).length > 0)
      options.log.info(
        { previousKeys: options.previousSecretKeys?.length },
        'every stored secret is sealed with the current secret key; CASETRAIL_SECRET_KEY_PREVIOUS can be removed',
      )
  } catch (err) {
    await sink.close(1000).catch(() => undefined)
    await quarantine.close().catch(() => undefined)
    await closeStores()
    if (isDomainError(err) && err.code === 'secret_unreadable')
      throw secretKeyMismatch('the stored hub keys, portal keys and certificate keys')
    throw err
  }
  await domains.reload()
  const checker = createCheckerService({
    db,
    store: portalModule.store,
    portals: portalModule.portals,
    siteRecords: portalModule.siteRecords,
    instances: portalModule.tenancy.instances,
    hubs,
    binder: portalModule.binder,
    domains,
    translations: translations as TranslationService,
    ingestionStats: (q) => ingestionStats(ch, q),
    urlOf: portalModule.portals.urlOf,
    clock,
    timeoutMs: options.checkTimeoutMs,
    leases,
    heartbeatMs: options.jobs?.heartbeatMs,
  })
  // Provisioning jobs a previous process left mid-way carry on in the background.
  await portalModule.start()
  // Erasures a killed process left mid-way carry on too (their tombstones are already in place).
  contactRights.resume()
  let closed = false

  return {
    ch,
    /** The control-plane database (Postgres: embedded PGlite, or DATABASE_URL). */
    controlPlane: db,
    /** The audit log of admin changes (`audit_log`, append-only). */
    audit: createAuditLog(db),
    clock,
    repository,
    /** Refused items on their way to the quarantine table, written in batches. */
    quarantine,
    /** The durable sink's levels (null when a test replaced the sink). */
    durableSink: durable as DurableSink | null,
    /** The `cases` table (cases a CRM reported or a portal's contact opened). */
    caseRepository,
    sink,
    hubs,
    principals,
    profiles,
    /** A contact's data rights: export and erasure. */
    contactRights,
    /** A hub's retention, applied now (`POST …/retention/apply`). */
    retention: createRetention({ hubs, interactions: repository, cases: caseRepository, clock }),
    pipeline,
    journey,
    /** Cases: reported by CRMs, read by admins, opened on portals' Support pages. */
    cases: { ...cases, portal: portalModule.portalCases },
    /** What preceded cases, per hub or portal. */
    insights,
    /** Deflection as support teams measure it, per hub or portal. */
    deflection,
    /** Instances, users, licences and contacts. */
    tenancy: portalModule.tenancy,
    /** The portal admin centre and its provisioning jobs. */
    portals: portalModule.portals,
    /** Portals' sites, served by host. */
    sites: portalModule.sites,
    /** Portal visitors: sessions, local accounts and invitations, the outbox. */
    portalAuth: {
      sessions: portalModule.sessions,
      identity: portalModule.identity,
      outbox: portalModule.outbox,
      admin: portalModule.authAdmin,
    },
    /** The records portals' sites are made of. */
    siteRecords: portalModule.siteRecords,
    /** The domain portal hosts hang under (`{subdomain}.{domain}`). */
    portalsDomain: portalModule.portalsDomain,
    /** Custom domains and certificates: the wizard, the served registry (Host routing, SNI), checker reads. */
    domains,
    /** Metadata translations: the update, labels, what the checker reads. */
    translations: translations as TranslationService,
    /** The portal checker: runs, feedback and actions. */
    checker,
    /** Whether the store answers and the schema is current. */
    /** The store engine's own memory figures, in bytes. */
    engineMemory: () => readEngineMemory(ch),
    async ready(): Promise<Readiness> {
      return checkReadiness({
        ping: async () => (await ch.client.ping()).success,
        migrationsCurrent: async () => (await appliedVersion(ch)) >= LATEST_MIGRATION,
        flusher: durable?.stats(),
        capBytes: options.durability?.walMaxBytes ?? DEFAULT_WAL_MAX_BYTES,
        controlPlaneReachable: feed.reachable,
        now: clock(),
        options: options.readiness,
      })
    },
    /** Drains the sink (within `deadlineMs`) and closes the store. */
    async close(deadlineMs = 10_000): Promise<void> {
      if (closed) return
      closed = true
      try {
        // Jobs stop at a step boundary; the next open resumes them.
        await portalModule.stop()
        await contactRights.settled()
        await sink.close(deadlineMs)
        await quarantine.close()
      } finally {
        await closeStores()
        await walLock?.release()
      }
    },
  }
}

/** Core's services, as `openCore` returns them. */
export type Core = Awaited<ReturnType<typeof openCore>>
