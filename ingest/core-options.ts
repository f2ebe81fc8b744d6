import { createSitePages } from '../portal-sites/index.ts'
import type { Core, Metrics } from '../core/index.ts'
import { ingestMetricsObserver } from '../core/index.ts'
import type { AppDeps } from './app.ts'
import { readsAhead } from './reads-ahead.ts'
import type { Config } from './config.ts'
import type { Logger } from './logger.ts'

type CoreOptions = Parameters<typeof import('../core/index.ts').openCore>[0]
type OneClickSignIn = NonNullable<NonNullable<CoreOptions['portals']>['oneClickSignIn']>

/**
 * What core opens with, from the configuration: the store (embedded or a
 * ClickHouse server), the write-ahead log, portals, custom domains, secrets,
 * the control plane and jobs.
 *
 * @example const core = await openCore(coreOptionsFrom(config, { log, metrics }))
 */
export function coreOptionsFrom(
  config: Config,
  deps: { log: Logger; metrics: Metrics; oneClickSignIn?: OneClickSignIn },
): CoreOptions {
  const { durability, engine } = config
  return {
    store: config.clickhouse
      ? { kind: 'server', ...config.clickhouse, readConnections: engine.readConnections }
      : {
          kind: 'embedded',
          dataDir: config.dataDir,
          engine: {
            memoryBytes: engine.memoryBytes,
            readSessions: engine.readConnections,
            priorities: engine.priorities,
          },
        },
    dataDir: config.dataDir,
    publicUrl: config.publicUrl,
    log: deps.log,
    metrics: deps.metrics,
    sitePages: createSitePages(),
    portals: {
      domain: config.portalsDomain,
      stepDelayMs: config.provisioningStepDelayMs,
      oneClickSignIn: deps.oneClickSignIn,
    },
    domains: { dnsServers: config.dnsServers, httpsPort: config.httpsPort },
    secretKey: config.secretKey,
    previousSecretKeys: config.previousSecretKeys,
    secretKeyDir: config.dataDir,
    adminTokenTtlMs: config.adminTokenTtlDays * 24 * 3600_000,
    observer: ingestMetricsObserver(deps.metrics),
    durability: {
      walMaxBytes: durability.walMaxBytes,
      walSegmentBytes: durability.walSegmentBytes,
      flushMaxRows: durability.flushMaxRows,
      flushIntervalMs: durability.flushIntervalMs,
      flushYieldMs: durability.flushYieldMs,
    },
    readiness: config.readiness,
    controlPlane: { databaseUrl: config.databaseUrl },
    jobs: config.jobs,
  }
}

/** What the app is built with, from the configuration, around an open core. */
export function appOptionsFrom(
  config: Config,
  deps: { core: Core; log: Logger; metrics: Metrics; version: string; widget: AppDeps['widget'] },
): AppDeps {
  const { ingest } = config
  return {
    ...deps,
    metricsToken: config.metricsToken,
    trustProxy: config.trustProxy,
    adminHosts: config.adminHosts,
    requestLog: config.requestLog,
    requestLogSample: config.requestLogSample,
    demo: config.demo,
    maxInFlightIngest: ingest.maxInFlight,
    ingest: {
      maxInFlightPerHub: ingest.maxInFlightPerHub,
      maxInFlightPerToken: ingest.maxInFlightPerToken,
      ratePerToken: ingest.ratePerToken,
      ratePerContact: ingest.ratePerContact,
      bodyTimeoutMs: ingest.bodyTimeoutMs,
    },
    readsAhead: readsAhead({ maxWaitMs: ingest.readWaitMs, metrics: deps.metrics }),
  }
}
