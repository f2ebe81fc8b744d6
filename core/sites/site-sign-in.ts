import { accountWordsFor } from './account-words.ts'
import { SESSION_TTL_SECONDS } from './portal-sessions.ts'
import { safeNext } from './safe-next.ts'
import { signInPagePath } from './site-paths.ts'
import { refusal } from './site-portal.ts'
import { LOGIN_TRACKING_SETTING } from './site-tracking.ts'
import { type OpenCaseOutcome, type SiteContext, type SiteRequest, pagePathOf } from './site-context.ts'

// Signing visitors in (the demo's one click, a local account's password) and out.

/** Sign-in and sign-out of a portal's site; see {@link createSiteService}. */
export function createSiteSignIn(site: SiteContext) {
  const { deps, clock, limits, track, formOk, spend, render } = site
  return {
    /**
     * Signs a contact of the portal's instance in, from a form posted to the
     * site's sign-in page: the session cookie's value and where to go next.
     * Refusals: `not_ready` (no provisioned portal), `not_sign_in_page` (the
     * path is not the sign-in page), `unknown_contact`.
     */
    async signIn(req: {
      subdomain: string
      path: string
      contactId: string
      next: string | undefined
      clientIp?: string | null
      formCookie?: string
      formToken?: string
    }): Promise<
      | { ok: true; session: string; next: string; maxAge: number }
      | {
          ok: false
          code: 'not_ready' | 'not_sign_in_page' | 'unknown_contact' | 'form_expired'
          signInPath: string | null
        }
      | { ok: false; code: 'limited'; retryAfterSeconds: number; signInPath: string | null }
    > {
      const portal = await deps.resolve(req.subdomain)
      if (!portal?.ready || refusal(deps.pages, portal, req.clientIp ?? null))
        return { ok: false, code: 'not_ready', signInPath: null }
      const signInPath = signInPagePath(await deps.repository.load(portal.id))
      const path = pagePathOf(req.path)
      if (signInPath === null || path !== signInPath)
        return { ok: false, code: 'not_sign_in_page', signInPath }
      if (!formOk(portal, req)) return { ok: false, code: 'form_expired', signInPath }
      // Per address and portal; an address the edge cannot read (no socket: in-process calls) is not limited here.
      if (req.clientIp) {
        const got = limits.take('signIn', `${portal.id} ${req.clientIp}`)
        if (!got.ok)
          return { ok: false, code: 'limited', retryAfterSeconds: got.retryAfterSeconds, signInPath }
      }
      // Naming a contact signs in only as the demo's contact on the demo portal (CASETRAIL_DEMO): never on a real portal.
      const id = req.contactId.toLowerCase()
      const contact =
        ((await deps.oneClick?.(portal)) ?? []).find((c) => c.crmrecordid.toLowerCase() === id) ?? null
      if (!contact) return { ok: false, code: 'unknown_contact', signInPath }
      await track(portal.id, await deps.repository.load(portal.id), LOGIN_TRACKING_SETTING, {
        kind: 'login',
        subject: contact.crmrecordid,
        at: new Date(clock()).toISOString(),
      })
      const session = await deps.sessions.create({
        portalId: portal.id,
        instanceId: portal.instanceId,
        contactId: contact.crmrecordid,
        method: 'contact',
      })
      return {
        ok: true,
        session,
        next: safeNext(req.next),
        maxAge: SESSION_TTL_SECONDS,
      }
    },

    /**
     * Signs a visitor in with an e-mail address and password, from the
     * sign-in page's form: a session for the account's contact, or the
     * sign-in page again (401) saying why (wrong address or password,
     * locked with the time, address not confirmed). Null when the request is
     * not that (another path, local accounts off).
     */
    async signInWithPassword(
      req: SiteRequest & { email: string; password: string; next: string | undefined },
    ): Promise<{ kind: 'session'; session: string; next: string; maxAge: number } | OpenCaseOutcome | null> {
      const identity = deps.identity
      const portal = await deps.resolve(req.subdomain)
      if (!identity || !portal?.ready || refusal(deps.pages, portal, req.clientIp ?? null)) return null
      const site = await deps.repository.load(portal.id)
      const signInPath = signInPagePath(site)
      const path = pagePathOf(req.path)
      if (signInPath === null || path !== signInPath || !(await identity.settings(portal.id)).local)
        return null
      if (!formOk(portal, req)) return { kind: 'form_expired', language: portal.language }
      if (req.clientIp) {
        const limited = spend(portal, 'signIn', `${portal.id} ${req.clientIp}`)
        if (limited) return limited
      }
      const w = accountWordsFor(site.website?.language ?? portal.language)
      const result = await identity.signIn(portal, req.email, req.password)
      if (!result.ok) {
        const notice =
          result.code === 'locked'
            ? w.locked.replace('{until}', result.until.slice(11, 16))
            : result.code === 'not_confirmed'
              ? w.notConfirmed
              : w.failed
        const page = await render(
          portal,
          site,
          { ...req, path: signInPath, query: { next: req.next }, signInNotice: notice, email: req.email },
          null,
        )
        return { kind: 'page', page: { ...page, status: 401 } }
      }
      await track(portal.id, site, LOGIN_TRACKING_SETTING, {
        kind: 'login',
        subject: result.account.contactId!,
        at: new Date(clock()).toISOString(),
      })
      const session = await deps.sessions.create({
        portalId: portal.id,
        instanceId: portal.instanceId,
        contactId: result.account.contactId!,
        method: 'password',
      })
      return { kind: 'session', session, next: safeNext(req.next), maxAge: SESSION_TTL_SECONDS }
    },

    /**
     * Signs the visitor out: the session the cookie names is revoked in the
     * store, so the cookie no longer works anywhere (issue 20 item 8). Needs
     * the form token like every form; `form_expired` otherwise.
     */
    async signOut(
      req: SiteRequest,
    ): Promise<{ ok: true } | { ok: false; code: 'form_expired' | 'not_ready' }> {
      const portal = await deps.resolve(req.subdomain)
      if (!portal) return { ok: false, code: 'not_ready' }
      if (!formOk(portal, req)) return { ok: false, code: 'form_expired' }
      await deps.sessions.revoke(portal, req.session)
      return { ok: true }
    },
  }
}
