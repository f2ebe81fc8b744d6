import { renderNotice } from '../../portal-sites/index.ts'
import { randomBytes } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import {
  FORM_COOKIE,
  OIDC_COOKIE,
  type OidcSite,
  type OidcSiteOutcome,
  type OpenCaseOutcome,
  type SiteResponse,
  type SiteService,
  newFormCookie,
} from '../../core/index.ts'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../app-env.ts'
import { clientAddress } from '../client-address.ts'

/** The cookie a portal's demo sign-in sets (host-only: each portal has its own). */
export const SESSION_COOKIE = 'casetrail_session'

/**
 * Largest form post a portal site reads (sign-in, support case, ideas), in bytes:
 * the longest legitimate form is a case of 4,000 characters and a 200-character
 * title, which in a script of three UTF-8 bytes per character, percent-encoded
 * (`%E6%BC%A2`: 9 bytes each), is about 38 KB; 64 KiB leaves room for that.
 */
export const MAX_SITE_FORM_BYTES = 64 * 1024

/**
 * Reads a site form with a byte limit counted while reading (Hono's
 * `bodyLimit`): a declared length over it is refused before reading, a
 * chunked body the moment it passes it. Null when the form is too large.
 */
async function readSiteForm(c: Context<AppEnv>, maxBytes: number) {
  let form: Awaited<ReturnType<typeof c.req.parseBody>> | null = null
  await bodyLimit({ maxSize: maxBytes, onError: (ctx) => ctx.body(null, 413) })(c, async () => {
    form = await c.req.parseBody()
  })
  return form as Awaited<ReturnType<typeof c.req.parseBody>> | null
}

/** What a request's host names: the API, a portal's subdomain, or a portal-looking host that is none. */
export type HostTarget = { kind: 'api' } | { kind: 'portal'; subdomain: string } | { kind: 'not_a_portal' }

/**
 * Reads the `Host` header: lower-cased, the port and a trailing dot
 * dropped. `{label}.{portalsDomain}` names a portal (one DNS label, never the
 * API's own host); deeper names under the domain name none; anything else is
 * the API.
 *
 * @example
 * portalHostOf('Demo.localhost:8787', 'localhost', 'localhost') // { kind: 'portal', subdomain: 'demo' }
 * portalHostOf('localhost:8787', 'localhost', 'localhost')      // { kind: 'api' }
 */
export function portalHostOf(
  host: string | undefined,
  portalsDomain: string,
  apiHostname: string,
): HostTarget {
  if (!host) return { kind: 'api' }
  let name = host.trim().toLowerCase()
  if (name.startsWith('[')) return { kind: 'api' } // an IPv6 literal is never a portal
  const port = /:(\d{1,5})$/.exec(name)
  if (port) name = name.slice(0, port.index)
  name = name.replace(/\.$/, '')
  const domain = portalsDomain.toLowerCase().replace(/\.$/, '')
  if (name === apiHostname.toLowerCase() || name === domain || !name.endsWith(`.${domain}`))
    return { kind: 'api' }
  const label = name.slice(0, -(domain.length + 1))
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label)) return { kind: 'not_a_portal' }
  return { kind: 'portal', subdomain: label }
}

/** A site page's policy: only its own nonce'd script runs, and beacons reach the hub's origin alone. */
const pagePolicy = (nonce: string, apiOrigin: string) =>
  `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ${apiOrigin}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`

/** The host (with port) an `Origin` header names; null for `null` or anything that is not a URL. */
const originHost = (origin: string): string | null => {
  try {
    return new URL(origin).host.toLowerCase()
  } catch {
    return null
  }
}

/** Distinct Host headers whose parse is remembered. */
const MAX_MEMO_HOSTS = 256

/** A Host header's name: lower-case, without the port or a trailing dot. */
const hostNameOf = (host: string): string =>
  host
    .trim()
    .toLowerCase()
    .replace(/:\d{1,5}$/, '')
    .replace(/\.$/, '')

const send = (c: Context<AppEnv>, res: SiteResponse, extra: Record<string, string> = {}) =>
  c.body(res.body, res.status as ContentfulStatusCode, {
    'Content-Type': res.contentType,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    ...res.headers,
    ...extra,
  })

/**
 * What each `Host` names (see {@link portalHostOf}), custom domains included:
 * what {@link portalSites} routes by, and what the lean ingest path asks
 * before it takes a request (only the API's hosts).
 */
export function siteHostTargets(deps: {
  portalsDomain: string
  customDomains?: { portalOfHost(hostName: string): { subdomain: string } | null }
  publicUrl: string
}): (host: string) => HostTarget {
  const apiHostname = new URL(deps.publicUrl).hostname
  // What a Host header names is a pure function of it: parsed once per distinct host,
  // not on every request (every beacon passes through here).
  const hosts = new Map<string, { target: HostTarget; name: string }>()
  return function targetOf(host) {
    let parsed = hosts.get(host)
    if (parsed === undefined) {
      parsed = { target: portalHostOf(host, deps.portalsDomain, apiHostname), name: hostNameOf(host) }
      // Hosts are the caller's to choose: the memo is bounded.
      if (hosts.size >= MAX_MEMO_HOSTS) hosts.clear()
      hosts.set(host, parsed)
    }
    if (parsed.target.kind === 'api' && deps.customDomains) {
      // Not memoised: custom domains come and go while the server runs.
      const custom = deps.customDomains.portalOfHost(parsed.name)
      if (custom) return { kind: 'portal', subdomain: custom.subdomain }
    }
    return parsed.target
  }
}

/**
 * Serves portals' sites by host: a request whose `Host` is
 * `{subdomain}.{portalsDomain}` goes to that portal's site and never reaches
 * the API routes. GET and HEAD render pages; POST signs a demo contact in (on
 * the sign-in page) or out (`/signout`), opens a case (the Support page's form), or suggests an idea or votes (the Ideas page's forms).
 * A form post larger than `maxFormBytes` (64 KiB) gets a 413 page, counted while it is read. Pages get a Content-Security-Policy
 * whose nonce lets only their own beacon script run, and whose `connect-src`
 * lets beacons reach the hub's origin and nothing else.
 */
export function portalSites(deps: {
  sites: Pick<
    SiteService,
    'serve' | 'signIn' | 'signInWithPassword' | 'signOut' | 'openCase' | 'postIdea' | 'account'
  >
  /** OpenID Connect sign-in (`/signin/oidc/…`); without it those paths are the site's own pages. */
  oidc?: Pick<OidcSite, 'handle'>
  portalsDomain: string
  /** Custom domains bound to portals: a Host naming one serves that portal's site. */
  customDomains?: { portalOfHost(hostName: string): { subdomain: string } | null }
  /** The service's public URL: its host stays the API's, and beacons go to its origin. */
  publicUrl: string
  /** Whether `X-Forwarded-For` names the visitor (behind a trusted reverse proxy); false by default. */
  trustProxy?: boolean
  /** Largest form post, in bytes (default {@link MAX_SITE_FORM_BYTES}); a larger one gets a 413 page. */
  maxFormBytes?: number
}): MiddlewareHandler<AppEnv> {
  const maxFormBytes = deps.maxFormBytes ?? MAX_SITE_FORM_BYTES
  const api = new URL(deps.publicUrl)
  const targetOf = siteHostTargets(deps)
  return async function portalSitesMiddleware(c, next) {
    const target = targetOf(c.req.header('host') ?? new URL(c.req.url).host)
    if (target.kind === 'api') return next()
    if (target.kind === 'not_a_portal') return send(c, renderNotice({ language: 'en-US', kind: 'no_portal' }))
    const requestUrl = new URL(c.req.url)
    const secure = requestUrl.protocol === 'https:'
    const clientIp = clientAddress(c, { trustProxy: deps.trustProxy ?? false })
    const method = c.req.method
    const cookieFlags = { path: '/', secure, httpOnly: true, sameSite: 'Lax' } as const
    // The pre-sign-in cookie of OpenID sign-in: only its own paths see it, for the 10 minutes a sign-in may take.
    const oidcCookieFlags = { ...cookieFlags, path: '/signin/oidc' } as const
    /** A form's outcome as an answer. */
    const answer = (outcome: OpenCaseOutcome | OidcSiteOutcome, nonce: string) => {
      switch (outcome.kind) {
        case 'start':
          setCookie(c, OIDC_COOKIE, outcome.browser, { ...oidcCookieFlags, maxAge: 600 })
          return c.redirect(outcome.location, 303)
        case 'session':
          deleteCookie(c, OIDC_COOKIE, oidcCookieFlags)
          setCookie(c, SESSION_COOKIE, outcome.session, { ...cookieFlags, maxAge: outcome.maxAge })
          return c.redirect(outcome.next, 303)
        case 'redirect':
          return c.redirect(outcome.location, 303)
        case 'page':
          return send(c, outcome.page, { 'Content-Security-Policy': pagePolicy(nonce, api.origin) })
        case 'form_expired':
          return send(c, renderNotice({ language: outcome.language, kind: 'form_expired' }))
        case 'limited':
          return send(
            c,
            renderNotice({
              language: outcome.language,
              kind: 'too_many_requests',
              retryAfterSeconds: outcome.retryAfterSeconds,
            }),
          )
      }
    }
    /** The OpenID sign-in's answer to a request on its paths; null on any other path. */
    const oidcHandle = (
      formCookie: string | undefined,
      form?: { pending: string; decision: string; csrf: string },
    ) =>
      deps.oidc && c.req.path.startsWith('/signin/oidc/')
        ? deps.oidc.handle({
            subdomain: target.subdomain,
            method: form ? 'POST' : 'GET',
            path: c.req.path,
            search: requestUrl.search.slice(1),
            host: c.req.header('host') ?? requestUrl.host,
            browser: getCookie(c, OIDC_COOKIE),
            clientIp,
            formCookie,
            ...(form ? { form } : {}),
          })
        : null
    /** The account pages' answer to a request on their paths (`/account/…`); null on any other path. */
    const accountPage = (
      formCookie: string | undefined,
      posted?: { formToken: string; form: Record<string, string> },
    ) =>
      c.req.path.startsWith('/account/')
        ? deps.sites.account({
            subdomain: target.subdomain,
            path: c.req.path,
            query: c.req.query(),
            session: undefined,
            clientIp,
            formCookie,
            ...(posted
              ? { formToken: posted.formToken, method: 'POST' as const, form: posted.form }
              : { method: 'GET' as const }),
          })
        : null
    if (method === 'GET' || method === 'HEAD') {
      const nonce = randomBytes(16).toString('base64')
      // The browser's form cookie: every form on its pages carries a token made from it (login CSRF, issue 20 item 7).
      let formCookie = getCookie(c, FORM_COOKIE)
      if (!formCookie || !/^[A-Za-z0-9_-]{43}$/.test(formCookie)) {
        formCookie = newFormCookie()
        setCookie(c, FORM_COOKIE, formCookie, cookieFlags)
      }
      const page = await accountPage(formCookie)
      if (page) return answer(page, nonce)
      const signingIn = await oidcHandle(formCookie)
      if (signingIn) return answer(signingIn, nonce)
      const res = await deps.sites.serve({
        subdomain: target.subdomain,
        path: c.req.path,
        query: c.req.query(),
        session: getCookie(c, SESSION_COOKIE),
        nonce,
        clientIp,
        formCookie,
      })
      return send(c, res, { 'Content-Security-Policy': pagePolicy(nonce, api.origin) })
    }
    if (method !== 'POST') return c.body(null, 405, { Allow: 'GET, HEAD, POST' })
    // A browser names the page a form came from: one on another origin is refused before
    // anything is read (a client that sends no Origin, like curl, still needs the form token).
    // Hosts are compared, not schemes: behind a TLS-terminating proxy the request arrives as http.
    const posted = c.req.header('origin')
    if (
      posted !== undefined &&
      originHost(posted) !== (c.req.header('host') ?? requestUrl.host).toLowerCase()
    )
      return send(c, renderNotice({ language: 'en-US', kind: 'form_expired' }))
    const form = await readSiteForm(c, maxFormBytes)
    if (!form) {
      // Answered before the whole body is read: the client is told not to send more on this connection.
      return send(c, renderNotice({ language: 'en-US', kind: 'form_too_large', limitBytes: maxFormBytes }), {
        Connection: 'close',
      })
    }
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '')
    const nonce = randomBytes(16).toString('base64')
    const formCookie = getCookie(c, FORM_COOKIE)
    const formToken = field('csrf')
    // What every form post tells the site: the portal, the path, the visitor's address and form token.
    const post = { subdomain: target.subdomain, path: c.req.path, query: {}, clientIp, formCookie, formToken }
    if (c.req.path.replace(/\/+$/, '') === '/signout') {
      const out = await deps.sites.signOut({ ...post, session: getCookie(c, SESSION_COOKIE) })
      if (!out.ok) return send(c, renderNotice({ language: 'en-US', kind: 'form_expired' }))
      deleteCookie(c, SESSION_COOKIE, cookieFlags)
      return c.redirect('/', 303)
    }
    const signingIn = await oidcHandle(formCookie, {
      pending: field('pending'),
      decision: field('decision'),
      csrf: formToken,
    })
    if (signingIn) return answer(signingIn, nonce)
    const page = await accountPage(formCookie, {
      formToken,
      form: {
        email: field('email'),
        password: field('password'),
        invitation: field('invitation'),
        token: field('token'),
      },
    })
    if (page) return answer(page, nonce)
    if (field('password') !== '') {
      const signedIn = await deps.sites.signInWithPassword({
        ...post,
        session: undefined,
        nonce,
        email: field('email'),
        password: field('password'),
        next: field('next') || undefined,
      })
      if (signedIn?.kind === 'session') {
        setCookie(c, SESSION_COOKIE, signedIn.session, { ...cookieFlags, maxAge: signedIn.maxAge })
        return c.redirect(signedIn.next, 303)
      }
      if (signedIn) return answer(signedIn, nonce)
    }
    const idea = await deps.sites.postIdea({
      ...post,
      session: getCookie(c, SESSION_COOKIE),
      form: {
        intent: field('intent'),
        idea: field('idea'),
        title: field('title'),
        description: field('description'),
      },
      nonce,
    })
    if (idea) return answer(idea, nonce)
    const opened = await deps.sites.openCase({
      ...post,
      session: getCookie(c, SESSION_COOKIE),
      form: { title: field('title'), description: field('description'), category: field('category') },
      nonce,
    })
    if (opened) return answer(opened, nonce)
    const result = await deps.sites.signIn({
      subdomain: target.subdomain,
      path: c.req.path,
      contactId: field('contactId'),
      next: field('next') || undefined,
      clientIp,
      formCookie,
      formToken,
    })
    if (result.ok) {
      setCookie(c, SESSION_COOKIE, result.session, { ...cookieFlags, maxAge: result.maxAge })
      return c.redirect(result.next, 303)
    }
    if (result.code === 'form_expired') return answer({ kind: 'form_expired', language: 'en-US' }, nonce)
    if (result.code === 'limited')
      return answer(
        { kind: 'limited', retryAfterSeconds: result.retryAfterSeconds, language: 'en-US' },
        nonce,
      )
    if (result.code === 'not_sign_in_page') return c.body(null, 405, { Allow: 'GET, HEAD' })
    if (result.code === 'unknown_contact' && result.signInPath) return c.redirect(result.signInPath, 303)
    return send(
      c,
      await deps.sites.serve({
        subdomain: target.subdomain,
        path: '/',
        query: {},
        session: undefined,
        clientIp,
      }),
    )
  }
}
