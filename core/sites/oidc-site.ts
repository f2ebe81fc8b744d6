import { formTokenFor, formTokenValid } from './form-token.ts'
import { OIDC_PATHS } from './oidc-providers.ts'
import type { OidcOutcome } from './oidc-records.ts'
import type { OidcSignIn } from './oidc-sign-in.ts'
import type { PortalSessions } from './portal-sessions.ts'
import { SESSION_TTL_SECONDS } from './portal-sessions.ts'
import { safeNext } from './safe-next.ts'
import { signInPagePath } from './site-paths.ts'
import type { SiteRepository } from './site-repository.ts'
import { LOGIN_TRACKING_SETTING, type SiteTracking } from './site-tracking.ts'
import type { OidcRefusalOptions, SitePages } from './site-pages.ts'
import type { SiteResponse } from './site-request.ts'
import type { OpenCaseOutcome } from './site-context.ts'
import { type SitePortal, refusal } from './site-portal.ts'

/** The cookie that binds a started OpenID sign-in to the browser that started it (HttpOnly, 10 minutes). */
export const OIDC_COOKIE = 'casetrail_oidc'

/** What a request to an OpenID sign-in path comes to. */
export type OidcSiteOutcome =
  | OpenCaseOutcome
  /** To the provider, with the pre-sign-in cookie set to `browser`. */
  | { kind: 'start'; location: string; browser: string }
  /** Signed in: the session cookie, where to go, and the pre-sign-in cookie cleared. */
  | { kind: 'session'; session: string; next: string; maxAge: number }

/** One request to `/signin/oidc/…` on a portal host. */
export interface OidcSiteRequest {
  subdomain: string
  method: 'GET' | 'POST'
  path: string
  /** The request's query string, without `?`. */
  search: string
  /** The Host the request came to (the flow runs on the portal's own host). */
  host: string
  /** The pre-sign-in cookie, if the browser sent it. */
  browser: string | undefined
  clientIp: string | null
  formCookie: string | undefined
  /** Posted fields (the consent page's `pending`, `decision` and `csrf`). */
  form?: { pending: string; decision: string; csrf: string }
}

/**
 * The portal site's side of OpenID sign-in: the sign-in page's provider
 * buttons start (`/signin/oidc/start?provider=…&next=…`, on the portal's own
 * host), the provider comes back to `/signin/oidc/callback`, a first sign-in
 * shows the seed's consent page (`/signin/oidc/consent`), and its Accept
 * signs the contact in (a server-side session, like every sign-in) while
 * Decline signs nobody in and says so. Null for any other path or a portal
 * that is not serving.
 */
export function createOidcSite(deps: {
  /** The consent and refusal pages (portal-sites/). */
  pages: SitePages
  resolve: (subdomain: string) => Promise<SitePortal | null>
  repository: SiteRepository
  oidc: OidcSignIn
  sessions: PortalSessions
  /** Records sign-ins while the site's login tracking setting is on (as a password sign-in does). */
  tracking?: SiteTracking
  onTrackingError?: (err: unknown) => void
  clock?: () => number
}) {
  const clock = deps.clock ?? Date.now
  return {
    async handle(req: OidcSiteRequest): Promise<OidcSiteOutcome | null> {
      const path = req.path.replace(/\/+$/, '').toLowerCase()
      if (!(Object.values(OIDC_PATHS) as string[]).includes(path)) return null
      const portal = await deps.resolve(req.subdomain)
      if (!portal?.ready || refusal(deps.pages, portal, req.clientIp)) return null
      const site = await deps.repository.load(portal.id)
      const language = site.website?.language ?? portal.language
      const signInPath = signInPagePath(site) ?? '/'
      const own = new URL(portal.url)
      const page = (res: SiteResponse): OidcSiteOutcome => ({ kind: 'page', page: res })
      const refused = (code: OidcRefusalOptions['code'], providerName?: string) =>
        page(
          deps.pages.oidcRefusal({ language, code, signInPath, ...(providerName ? { providerName } : {}) }),
        )
      const outcome = async (out: OidcOutcome): Promise<OidcSiteOutcome> => {
        if (out.kind === 'refused') return refused(out.code)
        if (out.kind === 'consent')
          return {
            kind: 'redirect',
            location: `${OIDC_PATHS.consent}?pending=${encodeURIComponent(out.pendingId)}`,
          }
        if (deps.tracking && site.settings.get(LOGIN_TRACKING_SETTING)?.trim().toLowerCase() === 'true')
          await deps.tracking
            .record(portal.id, { kind: 'login', subject: out.contactId, at: new Date(clock()).toISOString() })
            .catch((err: unknown) => deps.onTrackingError?.(err))
        const session = await deps.sessions.create({
          portalId: portal.id,
          instanceId: portal.instanceId,
          contactId: out.contactId,
          method: 'oidc',
        })
        return { kind: 'session', session, next: safeNext(out.next), maxAge: SESSION_TTL_SECONDS }
      }
      const query = new URLSearchParams(req.search)

      if (path === OIDC_PATHS.start && req.method === 'GET') {
        // The callback is on the portal's own host: the flow starts there, so its cookie is there.
        if (req.host.toLowerCase() !== own.host.toLowerCase())
          return { kind: 'redirect', location: `${portal.url}${OIDC_PATHS.start}?${query}` }
        const started = await deps.oidc.start(
          portal,
          query.get('provider') ?? '',
          safeNext(query.get('next') ?? undefined),
        )
        return started.ok
          ? { kind: 'start', location: started.location, browser: started.browser }
          : refused(started.code)
      }
      if (path === OIDC_PATHS.callback && req.method === 'GET')
        return outcome(await deps.oidc.callback(portal, req.search, req.browser))
      if (path === OIDC_PATHS.consent && req.method === 'GET') {
        const found = await deps.oidc.pendingOf(portal, query.get('pending') ?? '', req.browser)
        if (!found) return refused('consent_invalid')
        return page(
          deps.pages.consent({
            language,
            portalName: portal.name,
            providerName: found.provider.name,
            pendingId: query.get('pending') ?? '',
            name: found.pending.name,
            email: found.pending.email,
            ...(req.formCookie
              ? { formToken: formTokenFor(portal.siteSecret, portal.id, req.formCookie) }
              : {}),
          }),
        )
      }
      if (path === OIDC_PATHS.consent && req.method === 'POST' && req.form) {
        if (!formTokenValid(portal.siteSecret, portal.id, req.formCookie, req.form.csrf))
          return { kind: 'form_expired', language }
        const found = await deps.oidc.pendingOf(portal, req.form.pending, req.browser)
        const accept = req.form.decision === 'accept'
        const out = await deps.oidc.decide(portal, req.form.pending, req.browser, accept)
        if (out.kind === 'refused' && out.code === 'declined')
          return refused('declined', found?.provider.name)
        return outcome(out)
      }
      return null
    },
  }
}

/** The OpenID site handler's interface. */
export type OidcSite = ReturnType<typeof createOidcSite>
