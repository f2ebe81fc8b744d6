import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Core, createMetrics, createSasToken, isDomainError, openCore } from '../core/index.ts'
import { type DemoState, demoOneClick, ensureDemoCase, startDemo } from '../demo/index.ts'
import { createApp } from './app.ts'
import { startHttpListener } from './http-listener.ts'
import { type Config, ConfigError, loadConfig } from './config.ts'
import { appOptionsFrom, coreOptionsFrom } from './core-options.ts'
import { type HttpsListener, startHttpsListener } from './https-listener.ts'
import { type Logger, createLogger } from './logger.ts'
import { projectRoot } from './project-root.ts'
import { stopOnSignals } from './shutdown.ts'

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

/** Reads the configuration, or says every bad key at once and stops (exit 78, EX_CONFIG). */
function configOrExit(): Config {
  try {
    return loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(78)
    }
    throw err
  }
}

/** Gives the bootstrap admin the configured token, and says what that did to the one before. */
async function ensureBootstrapAdmin(core: Core, config: Config, log: Logger) {
  const outcome = await core.principals.ensureBootstrapAdmin(config.bootstrapToken)
  const { replacedToken, revoked, expired, principal } = outcome
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
  return outcome
}

/** The demo case form's case: filled in once the demo is seeded, with a fresh 15-minute read token on every load. */
interface DemoCase {
  state: DemoState
  key: string
  portalUrl?: string
  portal: { instanceId: string; portalId: string }
}

function demoCaseOf(core: Core, publicUrl: string, demo: () => DemoCase | null) {
  return async () => {
    const demoCase = demo()
    if (!demoCase) return null
    // A real case: the demo contact's newest, so one just opened on the demo portal shows here.
    const shown = await ensureDemoCase(core, demoCase.state, demoCase.portal)
    const { hubId, contactId } = demoCase.state
    return {
      hubId,
      contactId,
      caseCreatedAt: shown.createdAt,
      case: shown,
      after: 'P1D',
      portalBaseUrl: demoCase.portalUrl,
      token: createSasToken({
        resourceUri: `${publicUrl}/v1/hubs/${hubId}/contacts/${contactId}`,
        keyName: 'demo-read',
        key: demoCase.key,
        ttlSeconds: 900,
      }),
    }
  }
}

/** Reads the configuration, opens core, builds the app, listens, seeds the demo, prints the summary. */
async function main() {
  const config = configOrExit()
  const log = createLogger({ level: config.logLevel, format: config.logFormat })
  const metrics = createMetrics()
  // The demo's one-click sign-in exists only while CASETRAIL_DEMO is on: Avery Lin, on the demo portal.
  // (Asked only when a sign-in page is served, by then `core` is open.)
  const oneClickSignIn = config.demo ? (portal: { id: string }) => demoOneClick(core, portal) : undefined
  // Core opens the write-ahead log and the flusher itself: a 202 means the items are synced to disk.
  const core: Core = await openCore(coreOptionsFrom(config, { log, metrics, oneClickSignIn }))
  metrics.observeEngine(async () => ({ ...(await core.engineMemory()) }))
  const { generatedToken } = await ensureBootstrapAdmin(core, config, log)
  let demoCase: DemoCase | null = null
  const widget = { demoCase: demoCaseOf(core, config.publicUrl, () => demoCase) }
  const appOptions = appOptionsFrom(config, { core, log, metrics, version: PACKAGE_VERSION, widget })
  const app = createApp(appOptions)
  // One host and one set of timeouts for both listeners: HTTPS is not the slow way in.
  const listen = { fetch: app.fetch, hostname: config.host, headersTimeoutMs: config.ingest.headersTimeoutMs }
  const { server } = await startHttpListener({ ...listen, port: config.port })
  log.info(
    { port: config.port, publicUrl: config.publicUrl, store: config.clickhouse ? 'server' : 'embedded' },
    'casetrail is listening',
  )
  // Custom domains over HTTPS: the certificate is picked by SNI from the bindings, reloaded on every change.
  let https: HttpsListener | null = null
  if (config.httpsPort !== undefined) {
    const { secureContextFor } = core.domains
    https = await startHttpsListener({ ...listen, port: config.httpsPort, secureContextFor, log })
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
  const { publicUrl } = config
  const summary = { publicUrl, httpsPort: https?.port, adminToken: generatedToken, demo: demoSummary }
  process.stdout.write(startupSummary(summary))
  stopOnSignals({
    server,
    https,
    core,
    log,
    deadlineMs: config.durability.shutdownDeadlineMs,
    readsAhead: appOptions.readsAhead,
  })
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
