import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type Core,
  createMetrics,
  createSasToken,
  ingestMetricsObserver,
  isDomainError,
  openCore,
} from '../core/index.ts'
import { type DemoState, demoOneClick, ensureDemoCase, startDemo } from '../demo/index.ts'
import { createApp } from './app.ts'
import { startHttpListener } from './http-listener.ts'
import { ConfigError, loadConfig } from './config.ts'
import { type HttpsListener, startHttpsListener } from './https-listener.ts'
import { createLogger } from './logger.ts'
import { projectRoot } from './project-root.ts'

/** The version in package.json, shown in `/openapi.json` and on `/`. */
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }
).version

/** The demo's tokens and the curl lines that use them, printed on its first start or when asked. */
function demoTokenLines(
  publicUrl: string,
  core: Core,
  demo: DemoState,
  /** A send-only key and a read-only key of the demo hub: each token printed can do what its line says, and no more. */
  keys: { send: { keyName: string; key: string }; read: { keyName: string; key: string } },
): string[] {
  const hubUri = `${publicUrl}/v1/hubs/${demo.hubId}`
  const send = createSasToken({
    resourceUri: `${hubUri}/portals/${demo.portalId}`,
    ...keys.send,
    ttlSeconds: 86_400,
  })
  const read = createSasToken({
    resourceUri: `${hubUri}/contacts/${demo.contactId}`,
    ...keys.read,
    ttlSeconds: 86_400,
  })
  // Hub-wide, for the insights (what preceded cases) of the whole demo hub.
  const insights = createSasToken({ resourceUri: hubUri, ...keys.read, ttlSeconds: 86_400 })
  const now = new Date(core.clock()).toISOString()
  return [
    'try the API (the tokens below last 24 hours):',
    '  send an interaction:',
    `    curl -s -X POST '${hubUri}/portals/${demo.portalId}/interactions' -H 'Content-Type: application/json' -H 'Authorization: ${send}' -d '{"type":"portal_search","portal_interactionid":"${crypto.randomUUID()}","portal_contactid":"${demo.contactId}","portal_timestamp":"${now}","portal_portalid":"${demo.portalId}","portal_searchstring":"reset password"}'`,
    '  read the journey:',
    `    curl -s '${hubUri}/contacts/${demo.contactId}/journey?before=${encodeURIComponent(new Date(core.clock() + 60_000).toISOString())}&window=P7D' -H 'Authorization: ${read}'`,
    '  see what preceded cases (the last 30 days):',
    `    curl -s '${hubUri}/insights/content' -H 'Authorization: ${insights}'`,
    '',
    `  hub id           ${demo.hubId}`,
    `  portal id        ${demo.portalId}`,
    `  contact id       ${demo.contactId}`,
    `  send token       ${send}`,
    `  read token       ${read}`,
    `  insights token   ${insights}`,
    '  (send: the demo portal; read: the demo contact; insights: the whole hub)',
    '',
  ]
}

/**
 * The startup summary, the last thing `npm start` prints: where things are,
 * and the secrets of a first start (the admin token exists only here; the demo
 * tokens come back with `CASETRAIL_DEMO_TOKENS=1`).
 */
function startupSummary(options: {
  publicUrl: string
  httpsPort?: number
  adminToken?: string
  demo?: { portalUrl: string; tokens: string[] | null }
}): string {
  const { publicUrl, adminToken, demo } = options
  const lines = [
    '',
    ...(demo?.tokens ?? []),
    'casetrail is ready',
    `  admin console    ${publicUrl}/admin`,
    adminToken
      ? `  admin token      ${adminToken}   (shown once: keep it; only its hash is stored)`
      : '  admin token      the one printed on the first start; lost it? start again with CASETRAIL_BOOTSTRAP_TOKEN=<24 or more characters> and sign in with that',
    `  API reference    ${publicUrl}/docs`,
    ...(options.httpsPort !== undefined ? [`  HTTPS (custom domains) on port ${options.httpsPort}`] : []),
    ...(demo
      ? [
          `  demo portal      ${demo.portalUrl}   (sign in as Avery Lin, read an article, search)`,
          `  demo case form   ${publicUrl}/demo/case   (the journey widget, as a service rep sees it)`,
          ...(demo.tokens
            ? []
            : [
                '  demo tokens      printed on the first start; CASETRAIL_DEMO_TOKENS=1 npm start prints fresh ones',
              ]),
        ]
      : []),
    '',
  ]
  return `${lines.join('\n')}\n`
}

async function main() {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(78)
    }
    throw err
  }
  const log = createLogger({ level: config.logLevel, format: config.logFormat })
  const metrics = createMetrics()
  const durability = config.durability
  // Core opens the write-ahead log and the flusher itself: a 202 means the items are synced to disk.
  const core = await openCore({
    store: config.clickhouse
      ? { kind: 'server', ...config.clickhouse, readConnections: config.engine.readConnections }
      : {
          kind: 'embedded',
          dataDir: config.dataDir,
          engine: { memoryBytes: config.engine.memoryBytes, readSessions: config.engine.readConnections },
        },
    dataDir: config.dataDir,
    publicUrl: config.publicUrl,
    log,
    metrics,
    portals: {
      domain: config.portalsDomain,
      stepDelayMs: config.provisioningStepDelayMs,
      // The demo's one-click sign-in exists only while CASETRAIL_DEMO is on: Avery Lin, on the demo portal.
      // (Asked only when a sign-in page is served, by then `core` is open.)
      oneClickSignIn: config.demo ? (portal) => demoOneClick(core, portal) : undefined,
    },
    domains: { dnsServers: config.dnsServers, httpsPort: config.httpsPort },
    secretKey: config.secretKey,
    previousSecretKeys: config.previousSecretKeys,
    secretKeyDir: config.dataDir,
    adminTokenTtlMs: config.adminTokenTtlDays * 24 * 3600_000,
    observer: ingestMetricsObserver(metrics),
    durability: {
      walMaxBytes: durability.walMaxBytes,
      walSegmentBytes: durability.walSegmentBytes,
      flushMaxRows: durability.flushMaxRows,
      flushIntervalMs: durability.flushIntervalMs,
    },
    readiness: config.readiness,
    controlPlane: { databaseUrl: config.databaseUrl },
    jobs: config.jobs,
  })
  metrics.observeEngine(async () => ({ ...(await core.engineMemory()) }))
  const { generatedToken, replacedToken, revoked, expired, principal } =
    await core.principals.ensureBootstrapAdmin(config.bootstrapToken)
  if (config.bootstrapToken && (revoked || expired)) {
    log.warn(
      { revokedAt: principal.tokenRevokedAt, expiresAt: principal.tokenExpiresAt },
      `CASETRAIL_BOOTSTRAP_TOKEN was ${revoked ? 'revoked' : 'expired'}: it stays refused; set a new value to give the bootstrap admin a new token`,
    )
  }
  if (replacedToken) {
    log.warn(
      { dataDir: config.dataDir },
      'CASETRAIL_BOOTSTRAP_TOKEN differs from the bootstrap admin token this data directory had: the old token no longer works, the new one does',
    )
  }
  // The demo case form: filled in once the demo is seeded, with a fresh
  // 15-minute read token for the demo contact on every page load.
  let demoCase: {
    state: DemoState
    key: string
    portalUrl?: string
    portal: { instanceId: string; portalId: string }
  } | null = null
  const app = createApp({
    core,
    log,
    metrics,
    metricsToken: config.metricsToken,
    trustProxy: config.trustProxy,
    adminHosts: config.adminHosts,
    requestLog: config.requestLog,
    requestLogSample: config.requestLogSample,
    demo: config.demo,
    version: PACKAGE_VERSION,
    maxInFlightIngest: config.ingest.maxInFlight,
    ingest: {
      maxInFlightPerHub: config.ingest.maxInFlightPerHub,
      maxInFlightPerToken: config.ingest.maxInFlightPerToken,
      ratePerToken: config.ingest.ratePerToken,
      ratePerContact: config.ingest.ratePerContact,
      bodyTimeoutMs: config.ingest.bodyTimeoutMs,
    },
    widget: {
      demoCase: async () => {
        if (!demoCase) return null
        // A real case: the demo contact's newest, so one just opened on the demo portal shows here.
        const shown = await ensureDemoCase(core, demoCase.state, demoCase.portal)
        return {
          hubId: demoCase.state.hubId,
          contactId: demoCase.state.contactId,
          caseCreatedAt: shown.createdAt,
          case: shown,
          after: 'P1D',
          portalBaseUrl: demoCase.portalUrl,
          token: createSasToken({
            resourceUri: `${config.publicUrl}/v1/hubs/${demoCase.state.hubId}/contacts/${demoCase.state.contactId}`,
            keyName: 'demo-read',
            key: demoCase.key,
            ttlSeconds: 900,
          }),
        }
      },
    },
  })
  // One set of timeouts for both listeners: HTTPS is not the slow way in.
  const timeouts = { headersTimeoutMs: config.ingest.headersTimeoutMs }
  const { server } = await startHttpListener({
    fetch: app.fetch,
    port: config.port,
    hostname: config.host,
    ...timeouts,
  })
  log.info(
    { port: config.port, publicUrl: config.publicUrl, store: config.clickhouse ? 'server' : 'embedded' },
    'casetrail is listening',
  )
  // Custom domains over HTTPS: the certificate is picked by SNI from the bindings, reloaded on every change.
  let https: HttpsListener | null = null
  if (config.httpsPort !== undefined) {
    https = await startHttpsListener({
      fetch: app.fetch,
      port: config.httpsPort,
      hostname: config.host,
      secureContextFor: core.domains.secureContextFor,
      log,
      ...timeouts,
    })
    log.info(
      { httpsPort: https.port, customDomains: core.domains.hosts() },
      'casetrail is listening for HTTPS',
    )
  }
  core.domains.onChange((hosts) => log.info({ customDomains: hosts }, 'custom domains reloaded'))
  let demoSummary: { portalUrl: string; tokens: string[] | null } | undefined
  if (config.demo) {
    // The demo hub, its history, keys, portal and case: made on the first start, found on the others.
    const { state, created, portal, keys } = await startDemo(core)
    // Items link to the portal by record id; /go/{kind}/{id} resolves them to their pages.
    demoCase = { state, key: keys.read.key, portalUrl: `${portal.url}/go`, portal }
    // Fresh 24-hour tokens on the first start only (or when asked): a restart does not scatter more of them.
    const tokens = created || config.demoTokens ? demoTokenLines(config.publicUrl, core, state, keys) : null
    demoSummary = { portalUrl: portal.url, tokens }
  }
  process.stdout.write(
    startupSummary({
      publicUrl: config.publicUrl,
      httpsPort: https?.port,
      adminToken: generatedToken,
      demo: demoSummary,
    }),
  )

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    const deadlineMs = durability.shutdownDeadlineMs
    log.info({ signal, deadlineMs }, 'stopping: no new connections, draining')
    // The last resort, should a step below never settle: the HTTP drain and the log's drain each get the deadline.
    const forced = setTimeout(
      () => {
        log.error({ deadlineMs }, 'shutdown did not finish in time: exiting without a clean stop')
        process.exit(1)
      },
      2 * deadlineMs + 5_000,
    ).unref()
    // Requests in flight may finish until the deadline; idle keep-alive connections go now.
    const drained = Promise.all([
      new Promise<void>((resolve) => server.close(() => resolve())),
      https?.close(),
    ])
    server.closeIdleConnections()
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), deadlineMs)
    })
    if ((await Promise.race([drained, expired])) === 'deadline') {
      // Reads still running (a busy contact's journeys, an insight) are cancelled: their
      // connections are closed here and their engine queries when core closes the store.
      log.warn({ deadlineMs }, 'requests still in flight at the shutdown deadline: cancelling them')
      server.closeAllConnections()
    }
    clearTimeout(timer)
    // Drains the write-ahead log into the store within the deadline, closes the log, then the
    // store (queued and running reads are refused); the rest of the log is replayed on the next start.
    await core.close(deadlineMs)
    clearTimeout(forced)
    log.info({}, 'stopped')
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

main().catch((err: unknown) => {
  // An expected refusal (the data directory is in use, …) is one clear line; anything else keeps its stack.
  const text = isDomainError(err)
    ? `${err.message} (${err.code})`
    : err instanceof Error
      ? (err.stack ?? err.message)
      : String(err)
  process.stderr.write(`casetrail failed to start: ${text}\n`)
  process.exit(1)
})
