import type { Contact, ItemError } from '../../schemas/index.ts'
import { type FormLimitName, type FormLimits, createFormLimits } from './form-limits.ts'
import { formTokenFor, formTokenValid } from './form-token.ts'
import type { PortalIdeas } from './portal-ideas.ts'
import type { PortalIdentity } from './portal-identity.ts'
import type { PortalSessions } from './portal-sessions.ts'
import type { SiteUiLabels } from './sample-content.ts'
import type { SitePages } from './site-pages.ts'
import { signInPagePath } from './site-paths.ts'
import { type SitePortal, settingOn } from './site-portal.ts'
import type { Site, SiteRepository } from './site-repository.ts'
import type { IdeasState, SiteResponse, SupportCase, SupportState } from './site-request.ts'
import {
  FILE_TRACKING_SETTING,
  PAGE_TRACKING_SETTING,
  type SiteTracking,
  type TrackedEvent,
} from './site-tracking.ts'

// What every part of a portal's site shares: its dependencies, one request,
// what a form comes to, and rendering a page for a visitor.

/** What the site needs of cases: a contact's cases, and opening one. */
export interface SiteCases {
  mine(instanceId: string, contactId: string): Promise<SupportCase[]>
  open(
    portal: { id: string; instanceId: string; hubId: string | null },
    contactId: string,
    input: unknown,
  ): Promise<{ ok: true; case: { caseNumber: string } } | { ok: false; errors: ItemError[] }>
}

/**
 * What posting a form comes to: where to go next, the page with the form's
 * errors, a form whose token is missing or not this browser's (`form_expired`,
 * 403), or one over its rate limit (429 after `retryAfterSeconds`).
 */
export type OpenCaseOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'page'; page: SiteResponse }
  | { kind: 'form_expired'; language: string }
  | { kind: 'limited'; retryAfterSeconds: number; language: string }

/** One request to a portal host. */
export interface SiteRequest {
  subdomain: string
  path: string
  query: Readonly<Record<string, string | undefined>>
  /** The session cookie's value, if the browser sent one. */
  session: string | undefined
  /** The Content-Security-Policy nonce for the page's script. */
  nonce?: string
  /** The visitor's address as the edge reads it (null when unknown); IP restrictions test it. */
  clientIp?: string | null
  /** The browser's form cookie: pages carry the form token made from it. */
  formCookie?: string
  /** The form token a post carried (`csrf`). */
  formToken?: string
  /** A refused sign-in's message, shown on the sign-in page. */
  signInNotice?: string
  /** The address a refused sign-in was for, kept in the form. */
  email?: string
}

/** What the site service is made of; see {@link createSiteService}. */
export interface SiteDeps {
  /** The pages the site answers with (portal-sites/): core resolves, they draw. */
  pages: SitePages
  repository: SiteRepository
  resolve: (subdomain: string) => Promise<SitePortal | null>
  contacts: {
    listOf: (instanceId: string) => Promise<Contact[]>
    find: (instanceId: string, id: string) => Promise<Contact | null>
    put?: (instanceId: string, contacts: readonly Contact[]) => Promise<void>
  }
  /** Local accounts, links and the portal's authentication settings; without them, no password sign-in. */
  identity?: PortalIdentity
  /**
   * The contacts who may sign in on a portal with one click, without a
   * password: the demo's Avery Lin on the demo portal (CASETRAIL_DEMO), none
   * anywhere else. Absent: nobody, on any portal, so no provisioned portal can
   * be entered by naming a contact id.
   */
  oneClick?: (portal: { id: string; instanceId: string }) => Promise<Contact[]>
  /** The OpenID providers a portal trusts (the sign-in page's "Sign in with …" buttons). */
  oidcProviders?: (portalId: string) => Promise<ReadonlyArray<{ id: string; name: string }>>
  /** The site's UI words from installed metadata labels in a language (falling back to the portal's own). */
  labels?: (portalId: string, language: string, fallback: string) => Promise<SiteUiLabels | null>
  /** Cases opened on portals; without them, Support pages carry no case form. */
  cases?: SiteCases
  /** Ideas of portals' Ideas pages; without them, Ideas pages show their copy only. */
  ideas?: PortalIdeas
  clock?: () => number
  /** Records sign-ins and views while the site's tracking settings are on. */
  tracking?: SiteTracking
  /** Hears a tracking write that failed (the page is served all the same). */
  onTrackingError?: (err: unknown) => void
  /** Signed-in visitors' sessions, kept server-side. */
  sessions: PortalSessions
  /** The forms' rate limits (defaults: FORM_LIMITS, in this process's memory). */
  limits?: FormLimits
}

/** The path a request names, as page paths are compared: lower case, without a trailing slash. */
export const pagePathOf = (path: string): string => path.replace(/\/+$/, '').toLowerCase() || '/'

/** Where a visitor who is not signed in goes first: the sign-in page, then back to `path`. */
export function signInFirst(site: Site, path: string): OpenCaseOutcome {
  const signIn = signInPagePath(site)
  return { kind: 'redirect', location: signIn ? `${signIn}?next=${encodeURIComponent(path)}` : path }
}

/** The helpers the site's handlers share, made once from its dependencies. */
export function createSiteContext(deps: SiteDeps) {
  const clock = deps.clock ?? Date.now
  const limits = deps.limits ?? createFormLimits({ clock })
  const track = async (portalId: string, site: Site, setting: string, event: TrackedEvent) => {
    if (!deps.tracking || !settingOn(site.settings.get(setting))) return
    await deps.tracking.record(portalId, event).catch((err: unknown) => deps.onTrackingError?.(err))
  }

  /** The contact and session a cookie names, when it is a live session of this portal. */
  const readSession = async (portal: SitePortal, value: string | undefined) => {
    const session = await deps.sessions.read(portal, value)
    if (!session) return null
    const contact = await deps.contacts.find(portal.instanceId, session.contactId)
    return contact ? { contact, sessionId: session.sessionId } : null
  }

  /** Whether a posted form carries the token this browser's pages were given. */
  const formOk = (portal: SitePortal, req: Pick<SiteRequest, 'formCookie' | 'formToken'>) =>
    formTokenValid(portal.siteSecret, portal.id, req.formCookie, req.formToken)

  /** Spends one of a form's allowance; the refusal when there is none left. */
  const spend = (portal: SitePortal, name: FormLimitName, key: string): OpenCaseOutcome | null => {
    const got = limits.take(name, key)
    return got.ok
      ? null
      : { kind: 'limited', retryAfterSeconds: got.retryAfterSeconds, language: portal.language }
  }

  /** Renders a page of a ready portal's site for a visitor (or no one). */
  const render = async (
    portal: SitePortal,
    site: Awaited<ReturnType<SiteRepository['load']>>,
    req: SiteRequest,
    visitor: Awaited<ReturnType<typeof readSession>>,
    form?: SupportState['form'],
    ideaForm?: IdeasState['form'],
  ): Promise<SiteResponse & { portalId: string }> => {
    const cases = deps.cases
    const ideas = deps.ideas
    // The site's own UI words come from the installed metadata labels, in the site's language.
    const labels = await deps.labels?.(portal.id, site.website?.language ?? portal.language, portal.language)
    const auth = deps.identity ? await deps.identity.settings(portal.id) : null
    const oneClick = (await deps.oneClick?.(portal)) ?? []
    // Every form the page posts carries the browser's form token (issue 20 item 7).
    const formToken = req.formCookie ? formTokenFor(portal.siteSecret, portal.id, req.formCookie) : undefined
    const res = await deps.pages.site(site, {
      formToken,
      labels,
      signIn: {
        local: auth?.local ?? false,
        registration: auth?.registration ?? 'invitation',
        demo: oneClick.length > 0,
        providers: (await deps.oidcProviders?.(portal.id)) ?? [],
        ...(req.signInNotice ? { notice: req.signInNotice } : {}),
        ...(req.email ? { email: req.email } : {}),
      },
      path: req.path,
      query: req.query,
      visitor,
      beacon: visitor ? portal.beacon(visitor.contact.crmrecordid) : null,
      contacts: async () => oneClick,
      now: clock(),
      nonce: req.nonce,
      ...(cases && portal.caseManagement
        ? {
            support: async () =>
              visitor
                ? {
                    cases: await cases.mine(portal.instanceId, visitor.contact.crmrecordid),
                    opened: req.query.opened,
                    form,
                  }
                : null,
          }
        : {}),
      ...(ideas
        ? {
            ideas: async () => ({
              ideas: await ideas.list(portal.id, visitor?.contact.crmrecordid ?? null),
              signedIn: visitor !== null,
              ...(req.query.submitted ? { submitted: req.query.submitted } : {}),
              ...(ideaForm ? { form: ideaForm } : {}),
            }),
          }
        : {}),
    })
    if (res.status === 200) {
      const page = res.contentType.startsWith('text/html')
      await track(portal.id, site, page ? PAGE_TRACKING_SETTING : FILE_TRACKING_SETTING, {
        kind: page ? 'page' : 'file',
        subject: req.path.toLowerCase(),
        at: new Date(clock()).toISOString(),
      })
    }
    // Pages that carry a fresh token or a visitor's name must not be cached.
    return { ...res, headers: { ...res.headers, 'Cache-Control': 'no-store' }, portalId: portal.id }
  }

  return { deps, clock, limits, track, readSession, formOk, spend, render }
}

/** What {@link createSiteContext} gives the site's handlers. */
export type SiteContext = ReturnType<typeof createSiteContext>
