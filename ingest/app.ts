import { Hono } from 'hono'
import type { Core, Metrics } from '../core/index.ts'
import type { AppEnv } from './app-env.ts'
import type { RecordLocks } from './middleware/if-match.ts'
import type { Logger } from './logger.ts'
import { leanIngest, setLeanRoute } from './lean-ingest.ts'
import { adminAuth } from './middleware/admin-auth.ts'
import { adminBodyLimit } from './middleware/admin-body-limit.ts'
import { auditLog } from './middleware/audit-log.ts'
import { markRead } from './middleware/mark-read.ts'
import { errorHandler, notFoundHandler } from './middleware/error-handler.ts'
import { adminHostsOnly, sniMatchesHost } from './middleware/misdirected-request.ts'
import { type PublicCorsOptions, publicCors, publicCorsHeaders } from './middleware/public-cors.ts'
import { type RequestObserver, requestContext, requestTracker } from './middleware/request-context.ts'
import { type SendLimits, sendGuards } from './middleware/send-guards.ts'
import { type ReadsAhead, readsAhead } from './reads-ahead.ts'
import { type AdminConsoleOptions, adminConsoleRoutes } from './routes/admin-console-routes.tsx'
import { auditRoutes } from './routes/audit-routes.ts'
import { caseAdminRoutes } from './routes/case-admin-routes.ts'
import { caseRoutes } from './routes/case-routes.ts'
import { healthRoutes } from './routes/health-routes.ts'
import { customDomainRoutes, tenantDomainRoutes } from './routes/custom-domain-routes.ts'
import { translationRoutes } from './routes/translation-routes.ts'
import { checkerRoutes } from './routes/checker-routes.ts'
import { hubAdminRoutes } from './routes/hub-admin-routes.ts'
import { contactRightsRoutes } from './routes/contact-rights-routes.ts'
import { insightRoutes } from './routes/insight-routes.ts'
import { ingestRoutes } from './routes/ingest-routes.ts'
import { journeyRoutes } from './routes/journey-routes.ts'
import { metricsRoutes } from './routes/metrics-routes.ts'
import { portalAdminRoutes, provisioningJobRoutes } from './routes/portal-admin-routes.ts'
import { portalSites, siteHostTargets } from './routes/portal-site-routes.ts'
import { referenceRoutes } from './routes/reference-routes.tsx'
import { tokenAdminRoutes } from './routes/token-admin-routes.ts'
import { tenancyAdminRoutes } from './routes/tenancy-admin-routes.ts'
import { portalAuthRoutes } from './routes/portal-auth-routes.ts'
import { type WidgetRouteOptions, widgetRoutes } from './routes/widget-routes.ts'

/** What the app is built from: core's services and a logger. */
export interface AppDeps {
  core: Pick<
    Core,
    | 'hubs'
    | 'principals'
    | 'pipeline'
    | 'journey'
    | 'cases'
    | 'insights'
    | 'deflection'
    | 'ready'
    | 'profiles'
    | 'repository'
    | 'tenancy'
    | 'portals'
    | 'sites'
    | 'portalAuth'
    | 'portalsDomain'
    | 'domains'
    | 'translations'
    | 'checker'
    | 'controlPlane'
    | 'contactRights'
    | 'retention'
    | 'audit'
  >
  log: Logger
  /** Most ingest requests in flight at once before 429 (default 1024). */
  maxInFlightIngest?: number
  /** Fairness of the ingest routes: per-hub and per-token in-flight limits, the body read timeout, item rates. */
  ingest?: Omit<SendLimits, 'maxInFlight'>
  /**
   * Reps' reads ahead of ingest (reads-ahead.ts): the read routes mark themselves in it,
   * the send routes wait for it. Default: one with the default bound, no metric.
   */
  readsAhead?: ReadsAhead
  /** Hears every finished request (metrics). */
  observe?: RequestObserver
  /** Prometheus metrics: every request is timed into them, and `GET /metrics` serves them. */
  metrics?: Pick<Metrics, 'registry' | 'httpDuration'>
  /** A bearer token Prometheus may scrape `/metrics` with (admins' tokens work too). */
  metricsToken?: string
  /** Whether the demo data is on, so `/` links the demo case (default: whether `widget.demoCase` is given). */
  demo?: boolean
  /** The share of successful requests logged at info (default 1: every one). */
  requestLogSample?: number
  /** A log line per request (default), or failures only (`CASETRAIL_REQUEST_LOG=0`). */
  requestLog?: boolean
  /** The service's version, shown in `/openapi.json` (default 0.1.0). */
  version?: string
  /** Whether `X-Forwarded-For` names a portal site's visitor, for IP restrictions (CASETRAIL_TRUST_PROXY). */
  trustProxy?: boolean
  /** The journey widget's static files under `/widget/`, and the demo case page when `demoCase` is given. */
  widget?: WidgetRouteOptions
  /** The admin console at `/admin` (its built files under `/admin/assets/`). */
  adminConsole?: AdminConsoleOptions
  /**
   * Host names the admin API and console answer on (CASETRAIL_ADMIN_HOSTS);
   * default: the public URL's host and the loopback names. Others get 421.
   */
  adminHosts?: readonly string[]
}

/** CORS of the public routes (`/v1/hubs/*`): beacons and the journey widget, from any origin. */
const PUBLIC_CORS: PublicCorsOptions = {
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  allowHeaders: ['Authorization', 'Content-Type', 'Content-Encoding', 'X-Request-Id'],
  exposeHeaders: ['Retry-After', 'Casetrail-Ack', 'X-Request-Id', 'WWW-Authenticate'],
  maxAge: 86_400,
}

/** Loopback names the admin API answers on by default, beside the public URL's host. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]']

/**
 * Builds the HTTP edge. Tests call `createApp(deps).request(…)`; only the
 * entry point opens a port.
 *
 * @example
 * const app = createApp({ core, log })
 * const res = await app.request('/health')
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { core } = deps
  const app = new Hono<AppEnv>()
  // One request id counter, log and histogram for the app and the ingest routes' lean path.
  const tracker = requestTracker({
    log: deps.log,
    observe: deps.observe,
    sample: deps.requestLogSample,
    requests: deps.requestLog,
    durations: deps.metrics?.httpDuration,
  })
  app.use('*', requestContext({ log: deps.log, tracker }))
  app.onError(errorHandler())
  app.notFound(notFoundHandler())
  // Over TLS the Host must be the name the certificate was picked for (SNI), before anything routes by it.
  app.use('*', sniMatchesHost())

  // A Host of `{subdomain}.{PORTALS_DOMAIN}` is a portal's site: it never reaches the API routes.
  const hosts = {
    portalsDomain: core.portalsDomain,
    customDomains: core.domains,
    publicUrl: core.hubs.resourceUri(''),
  }
  app.use(
    '*',
    portalSites({ ...hosts, sites: core.sites, oidc: core.portalAuth.oidcSite, trustProxy: deps.trustProxy }),
  )

  // Portals' browsers and the case form's widget call these from other origins.
  // Beacons (text/plain, no custom headers) need no preflight; fetches with an
  // Authorization header get one, answered here.
  app.use('/v1/hubs/*', publicCors(PUBLIC_CORS))

  // The admin API and console answer only on their own hosts (portals' hosts were taken above).
  const adminHosts = adminHostsOnly(
    deps.adminHosts ?? [new URL(core.hubs.resourceUri('')).host, ...LOOPBACK_HOSTS],
  )
  app.use('/v1/admin/*', adminHosts)
  app.use('/admin', adminHosts)
  app.use('/admin/*', adminHosts)

  app.route('/', healthRoutes({ ready: () => core.ready() }))
  app.route(
    '/',
    referenceRoutes({
      publicUrl: core.hubs.resourceUri(''),
      version: deps.version ?? '0.1.0',
      demo: deps.demo ?? deps.widget?.demoCase !== undefined,
    }),
  )
  if (deps.metrics) {
    app.route(
      '/',
      metricsRoutes({
        registry: deps.metrics.registry,
        principals: core.principals,
        scrapeToken: deps.metricsToken,
      }),
    )
  }
  // Reps' reads go first: journeys, a case and a profile mark themselves; ingest bodies wait for them.
  const reads = deps.readsAhead ?? readsAhead()
  // Interactions and CRM cases share one set of in-flight counts and one body reader.
  const guards = sendGuards({ hubs: core.hubs, maxInFlight: deps.maxInFlightIngest, ...deps.ingest, reads })
  app.route('/', ingestRoutes({ hubs: core.hubs, pipeline: core.pipeline, guards }))
  // The same routes from node:http's request and response, for listeners opened on this app (lean-ingest.ts).
  setLeanRoute(
    app.fetch,
    leanIngest({
      guards,
      pipeline: core.pipeline,
      tracker,
      targetOf: siteHostTargets(hosts),
      answerHeaders: publicCorsHeaders(PUBLIC_CORS),
    }),
  )
  app.route(
    '/',
    journeyRoutes({
      hubs: core.hubs,
      journey: core.journey,
      audit: core.audit,
      trustProxy: deps.trustProxy,
      reads,
    }),
  )
  app.route('/', caseRoutes({ hubs: core.hubs, reporting: core.cases.reporting, guards }))
  app.route('/', insightRoutes({ hubs: core.hubs, insights: core.insights, deflection: core.deflection }))
  app.route(
    '/',
    widgetRoutes({
      // The case card names the customer from the contact's linked profile, as the journey does.
      customerOf: async (hubId, contactId) => {
        const hub = await deps.core.hubs.get(hubId)
        if (!hub.profile || hub.profile.linkedTypes.length === 0) return null
        const profile = await deps.core.profiles.get(hubId, contactId)
        return profile ? { name: profile.name, email: profile.email } : null
      },
      ...deps.widget,
    }),
  )
  app.route('/', adminConsoleRoutes(deps.adminConsole))

  // Admin: denied by default, behind a bearer token, no CORS.
  // The token first (a stranger's body is never read), then a byte limit counted while reading.
  // Every admin write, refused ones included, leaves one audit entry: after the token (an
  // entry names its actor), before the body limit (a 413 is recorded too).
  app.use(
    '/v1/admin/*',
    adminAuth(core.principals),
    auditLog({ audit: core.audit, trustProxy: deps.trustProxy }),
    adminBodyLimit(),
  )
  // A case and its contact's profile, as a rep opens them beside the journey: reads ahead of
  // ingest too, marked once the admin token is checked (the routes themselves follow).
  app.get('/v1/admin/hubs/:hubId/cases/:caseId', markRead(reads))
  app.get('/v1/admin/hubs/:hubId/profiles/:crmrecordid', markRead(reads))
  // One set of per-record locks for every admin route file: If-Match's check and the write are one
  // step on every node. The lock is the control plane's (a Postgres advisory lock with DATABASE_URL),
  // so two edges holding the same ETag cannot both write.
  const locks: RecordLocks = (key, fn) => core.controlPlane.lock(`record:${key}`, fn)
  app.route('/v1/admin/hubs', hubAdminRoutes({ core, locks }))
  app.route('/v1/admin/hubs', tokenAdminRoutes({ core }))
  app.route('/v1/admin/hubs', caseAdminRoutes({ queries: core.cases.queries }))
  app.route('/v1/admin/hubs', contactRightsRoutes({ core }))
  app.route('/v1/admin/portals', portalAdminRoutes({ core, locks }))
  app.route('/v1/admin/provisioning-jobs', provisioningJobRoutes({ core }))
  app.route('/v1/admin/portals', customDomainRoutes({ core, locks }))
  app.route('/v1/admin', tenantDomainRoutes({ core }))
  app.route('/v1/admin/portals', translationRoutes({ core, locks }))
  // The checker reaches the portal's site through this app: a real request with the portal's host.
  app.route('/v1/admin/portals', checkerRoutes({ core }))
  app.route('/v1/admin', tenancyAdminRoutes({ core, locks }))
  app.route('/v1/admin', portalAuthRoutes({ core, locks }))
  app.route('/v1/admin', auditRoutes({ audit: core.audit }))
  return app
}
