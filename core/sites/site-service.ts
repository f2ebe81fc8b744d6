import type { ItemError } from '../../schemas/index.ts'
import type { Contact } from '../tenancy/tenancy-schemas.ts'
import type { SiteUiLabels } from './sample-content.ts'
import type { Site, SiteRepository } from './site-repository.ts'
import {
  FILE_TRACKING_SETTING,
  LOGIN_TRACKING_SETTING,
  PAGE_TRACKING_SETTING,
  type SiteTracking,
  type TrackedEvent,
} from './site-tracking.ts'
import type { BeaconTarget, IdeasState, SiteResponse, SupportCase, SupportState } from './site-request.ts'
import { ideasPagePath, signInPagePath, supportPagePath } from './site-paths.ts'
import type { SitePages } from './site-pages.ts'
import type { PortalIdeas } from './portal-ideas.ts'
import { safeNext } from './safe-next.ts'
import { type FormLimitName, type FormLimits, createFormLimits } from './form-limits.ts'
import { formTokenFor, formTokenValid } from './form-token.ts'
import { type PortalSessions, SESSION_TTL_SECONDS } from './portal-sessions.ts'
import { type PortalIdentity, PASSWORD_LENGTH, normaliseEmail } from './portal-identity.ts'
import {
  ACCOUNT_PATHS,
  type AccountNotice,
  type AccountPageOptions,
  accountWordsFor,
} from './account-words.ts'

/** What the site needs to know about the portal a host names. */
export interface SitePortal {
  id: string
  name: string
  language: string
  instanceId: string
  /** Provisioned: every package installed and the job done. */
  ready: boolean
  /** Signs visitors' sessions; never leaves the server. */
  siteSecret: string
  /** The portal is turned off: the site answers an "offline" page. */
  turnedOff: boolean
  /** With IP address restrictions on, whether an address may see the site; null when they are off. */
  allowsIp: ((ip: string | null) => boolean) | null
  /** Mints the page's beacon target (a short-lived token for this contact alone, send-only), or null when the portal sends to no hub. */
  beacon: (contactId: string) => BeaconTarget | null
  /** The portal's type has Support/Case Management: signed-in contacts open cases on its Support page. */
  caseManagement: boolean
  /** The hub the portal sends to, or null. */
  hubId: string | null
  /** The portal's own URL (links mailed to visitors use it, never the request's Host). */
  url: string
}

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

/** The site setting that puts a site in administration mode (visitors see a maintenance page). */
export const ADMINISTRATION_MODE_SETTING = 'AdministrationMode/Enabled'

const settingOn = (value: string | undefined): boolean => value?.trim().toLowerCase() === 'true'

/** What a turned-off portal, or one whose IP restrictions keep the visitor out, answers instead of its site. */
export function refusal(pages: SitePages, portal: SitePortal, clientIp: string | null): SiteResponse | null {
  if (portal.turnedOff)
    return pages.notice({ language: portal.language, kind: 'offline', portalName: portal.name })
  if (portal.allowsIp && !portal.allowsIp(clientIp))
    return pages.notice({ language: portal.language, kind: 'ip_restricted' })
  return null
}

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

/**
 * Serves portals' sites: resolves the portal a host names, shows "Getting set
 * up" until it is provisioned, renders its records, and signs demo contacts
 * in and out (a session cookie signed with the portal's own secret).
 *
 * @example
 * const res = await sites.serve({ subdomain: 'contoso', path: '/', query: {}, session: undefined })
 */
export function createSiteService(deps: {
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
}) {
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

  return {
    /** Renders the page a request asks for (or the notice a host without a ready portal shows). */
    async serve(req: SiteRequest): Promise<SiteResponse & { portalId?: string }> {
      const portal = await deps.resolve(req.subdomain)
      if (!portal) return deps.pages.notice({ language: 'en-US', kind: 'no_portal' })
      const refused = refusal(deps.pages, portal, req.clientIp ?? null)
      if (refused) return { ...refused, portalId: portal.id }
      if (!portal.ready) {
        return {
          ...deps.pages.notice({
            language: portal.language,
            kind: 'getting_set_up',
            portalName: portal.name,
          }),
          portalId: portal.id,
        }
      }
      const site = await deps.repository.load(portal.id)
      if (settingOn(site.settings.get(ADMINISTRATION_MODE_SETTING))) {
        return {
          ...deps.pages.notice({
            language: portal.language,
            kind: 'administration_mode',
            portalName: portal.name,
          }),
          portalId: portal.id,
        }
      }
      const visitor = await readSession(portal, req.session)
      return render(portal, site, req, visitor)
    },

    /**
     * Opens a case from the form posted to a portal's Support page, for the
     * signed-in contact. Null when the request is not that (another path, or a
     * portal without case management), so the caller handles it otherwise.
     * A visitor who is not signed in goes to the sign-in page first; a form
     * with problems comes back as the page (400) with each field's message.
     */
    async openCase(req: SiteRequest & { form: Record<string, string> }): Promise<OpenCaseOutcome | null> {
      const cases = deps.cases
      const portal = await deps.resolve(req.subdomain)
      if (
        !cases ||
        !portal?.ready ||
        !portal.caseManagement ||
        refusal(deps.pages, portal, req.clientIp ?? null)
      )
        return null
      const site = await deps.repository.load(portal.id)
      const supportPath = supportPagePath(site)
      const path = req.path.replace(/\/+$/, '').toLowerCase() || '/'
      if (supportPath === null || path !== supportPath) return null
      const visitor = await readSession(portal, req.session)
      if (!visitor) {
        const signIn = signInPagePath(site)
        return {
          kind: 'redirect',
          location: signIn ? `${signIn}?next=${encodeURIComponent(supportPath)}` : supportPath,
        }
      }
      if (!formOk(portal, req)) return { kind: 'form_expired', language: portal.language }
      const limitKey = `${portal.id} ${visitor.contact.crmrecordid}`
      const limited = spend(portal, 'case', limitKey)
      if (limited) return limited
      const input = {
        title: req.form.title ?? '',
        description: req.form.description ?? '',
        ...(req.form.category ? { category: req.form.category } : {}),
      }
      const result = await cases.open(portal, visitor.contact.crmrecordid, input)
      // A case refused for its content opened nothing: it does not count.
      if (!result.ok) limits.refund('case', limitKey)
      if (result.ok) {
        return {
          kind: 'redirect',
          location: `${supportPath}?opened=${encodeURIComponent(result.case.caseNumber)}`,
        }
      }
      const page = await render(portal, site, { ...req, path: supportPath, query: {} }, visitor, {
        values: input,
        errors: result.errors,
      })
      return { kind: 'page', page: { ...page, status: 400 } }
    },

    /**
     * Takes a form posted to a portal's Ideas page from the signed-in contact:
     * `intent=submit` suggests an idea (`title`, `description`), `intent=vote`
     * casts or takes back their vote for `idea`. Null when the request is not
     * that (another path, no Ideas page), so the caller handles it otherwise. A
     * visitor who is not signed in goes to the sign-in page first; an idea
     * with problems comes back as the page (400) with each field's message.
     */
    async postIdea(req: SiteRequest & { form: Record<string, string> }): Promise<OpenCaseOutcome | null> {
      const ideas = deps.ideas
      const portal = await deps.resolve(req.subdomain)
      if (!ideas || !portal?.ready || refusal(deps.pages, portal, req.clientIp ?? null)) return null
      const site = await deps.repository.load(portal.id)
      const ideasPath = ideasPagePath(site)
      const path = req.path.replace(/\/+$/, '').toLowerCase() || '/'
      if (ideasPath === null || path !== ideasPath) return null
      const visitor = await readSession(portal, req.session)
      if (!visitor) {
        const signIn = signInPagePath(site)
        return {
          kind: 'redirect',
          location: signIn ? `${signIn}?next=${encodeURIComponent(ideasPath)}` : ideasPath,
        }
      }
      const contact = visitor.contact
      if (!formOk(portal, req)) return { kind: 'form_expired', language: portal.language }
      const limitKey = `${portal.id} ${contact.crmrecordid}`
      const limited = spend(portal, 'idea', limitKey)
      if (limited) return limited
      if (req.form.intent === 'vote') {
        // An unknown idea changes nothing: back to the list, as after any vote.
        await ideas.vote(portal.id, contact.crmrecordid, req.form.idea ?? '')
        return { kind: 'redirect', location: ideasPath }
      }
      const input = { title: req.form.title ?? '', description: req.form.description ?? '' }
      const result = await ideas.submit(portal.id, { id: contact.crmrecordid, name: contact.name }, input)
      if (!result.ok) limits.refund('idea', limitKey)
      if (result.ok) return { kind: 'redirect', location: `${ideasPath}?submitted=${result.id}` }
      const page = await render(portal, site, { ...req, path: ideasPath, query: {} }, visitor, undefined, {
        values: input,
        errors: result.errors,
      })
      return { kind: 'page', page: { ...page, status: 400 } }
    },

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
      const path = req.path.replace(/\/+$/, '').toLowerCase() || '/'
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
      const path = req.path.replace(/\/+$/, '').toLowerCase() || '/'
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
     * The account pages, under `/account/`: register (GET the form, POST it;
     * open registration, or `?invitation=` a code), confirm (`?token=`),
     * forgot (ask for a reset link) and reset (`?token=`, then a new
     * password). Links are mailed to the outbox with the portal's own URL.
     * Null for any other path, or when the portal has no local accounts.
     */
    async account(
      req: SiteRequest & { method: 'GET' | 'POST'; form?: Record<string, string> },
    ): Promise<OpenCaseOutcome | null> {
      const identity = deps.identity
      const portal = await deps.resolve(req.subdomain)
      if (!identity || !portal?.ready || refusal(deps.pages, portal, req.clientIp ?? null)) return null
      const path = req.path.replace(/\/+$/, '').toLowerCase()
      if (!(Object.values(ACCOUNT_PATHS) as string[]).includes(path)) return null
      const settings = await identity.settings(portal.id)
      if (!settings.local) return null
      const site = await deps.repository.load(portal.id)
      const language = site.website?.language ?? portal.language
      const w = accountWordsFor(language)
      const signInPath = signInPagePath(site) ?? '/'
      const form = req.form ?? {}
      const posted = req.method === 'POST'
      if (posted) {
        if (!formOk(portal, req)) return { kind: 'form_expired', language: portal.language }
        if (path !== ACCOUNT_PATHS.reset && req.clientIp) {
          const limited = spend(portal, 'account', `${portal.id} ${req.clientIp}`)
          if (limited) return limited
        }
      }
      const page = (options: Omit<AccountPageOptions, 'language'>): OpenCaseOutcome => {
        const formToken = req.formCookie
          ? formTokenFor(portal.siteSecret, portal.id, req.formCookie)
          : undefined
        return { kind: 'page', page: deps.pages.account({ language, ...options, formToken }) }
      }
      const message = (notice: AccountNotice, status = 200) =>
        page({ title: w.signIn, notice, status, links: [{ href: signInPath, text: w.signIn }] })
      const link = (to: string, token: string) => `${portal.url}${to}?token=${encodeURIComponent(token)}`
      const passwordOk = (p: string) => p.length >= PASSWORD_LENGTH.min && p.length <= PASSWORD_LENGTH.max
      const emailOk = (v: string) => /^[^\s@]{1,64}@[^\s@]{1,255}$/.test(v.trim())

      if (path === ACCOUNT_PATHS.confirm) {
        const confirmed = await identity.confirm(portal, req.query.token ?? '', async (email) => {
          // Linked by verified address to the instance's contact, or a new contact is made.
          const known = (await deps.contacts.listOf(portal.instanceId)).find(
            (c) => normaliseEmail(c.email) === email,
          )
          if (known) return known.crmrecordid
          const made: Contact = { crmrecordid: crypto.randomUUID(), name: email.split('@')[0]!, email }
          await deps.contacts.put?.(portal.instanceId, [made])
          return made.crmrecordid
        })
        return confirmed
          ? message({ tone: 'ok', text: w.confirmed })
          : message({ tone: 'bad', text: w.linkInvalid }, 400)
      }

      if (path === ACCOUNT_PATHS.register) {
        const code = (posted ? form.invitation : req.query.invitation) ?? ''
        const invitation = code ? await identity.invitation(portal, code) : null
        if (code && !invitation) return message({ tone: 'bad', text: w.linkInvalid }, 400)
        if (!invitation && settings.registration !== 'open')
          return message({ tone: 'bad', text: w.closed }, 403)
        const registerForm = (notice: AccountNotice, status = 200, email = '') =>
          page({
            title: w.register,
            copy: invitation ? w.invitedCopy : w.registerCopy,
            notice,
            status,
            form: {
              action: ACCOUNT_PATHS.register,
              fields: [
                ...(invitation
                  ? [
                      { kind: 'hidden', name: 'invitation', value: code } as const,
                      { kind: 'email', value: invitation.email ?? '', readonly: true } as const,
                    ]
                  : [{ kind: 'email', value: email } as const]),
                { kind: 'password', label: w.newPassword, autocomplete: 'new-password' },
              ],
              submit: w.register,
            },
            links: [{ href: signInPath, text: w.signIn }],
          })
        if (!posted) return registerForm(null)
        const password = form.password ?? ''
        if (!passwordOk(password)) return registerForm({ tone: 'bad', text: w.short }, 400, form.email)
        if (invitation) {
          const made = await identity.redeem(portal, code, password)
          if (!made.ok)
            return message({ tone: 'bad', text: made.code === 'email_taken' ? w.taken : w.linkInvalid }, 400)
          return message({ tone: 'ok', text: w.confirmed })
        }
        const email = form.email ?? ''
        if (!emailOk(email)) return registerForm({ tone: 'bad', text: w.badEmail }, 400, email)
        const made = await identity.register(portal, { email, password }, (t) =>
          link(ACCOUNT_PATHS.confirm, t),
        )
        // Taken or not, the same answer: whoever holds the address reads the mail.
        if (!made.ok) await identity.requestReset(portal, email, (t) => link(ACCOUNT_PATHS.reset, t))
        return message({ tone: 'ok', text: w.checkMail })
      }

      if (path === ACCOUNT_PATHS.forgot) {
        if (posted) {
          const email = form.email ?? ''
          if (emailOk(email)) await identity.requestReset(portal, email, (t) => link(ACCOUNT_PATHS.reset, t))
          return message({ tone: 'ok', text: w.checkMail })
        }
        return page({
          title: w.forgot,
          copy: w.forgotCopy,
          notice: null,
          form: { action: ACCOUNT_PATHS.forgot, fields: [{ kind: 'email' }], submit: w.send },
          links: [{ href: signInPath, text: w.signIn }],
        })
      }

      // Reset: the form while the link is usable, then the new password (once).
      const token = (posted ? form.token : req.query.token) ?? ''
      if (!(await identity.resetValid(portal, token)))
        return message({ tone: 'bad', text: w.linkInvalid }, 400)
      const resetForm = (notice: AccountNotice, status = 200) =>
        page({
          title: w.reset,
          notice,
          status,
          form: {
            action: ACCOUNT_PATHS.reset,
            fields: [
              { kind: 'hidden', name: 'token', value: token },
              { kind: 'password', label: w.newPassword, autocomplete: 'new-password' },
            ],
            submit: w.save,
          },
        })
      if (!posted) return resetForm(null)
      if (!passwordOk(form.password ?? '')) return resetForm({ tone: 'bad', text: w.short }, 400)
      return (await identity.reset(portal, token, form.password ?? ''))
        ? message({ tone: 'ok', text: w.passwordChanged })
        : message({ tone: 'bad', text: w.linkInvalid }, 400)
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

/** The site service's interface. */
export type SiteService = ReturnType<typeof createSiteService>
