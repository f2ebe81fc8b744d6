import type { Contact } from '../../schemas/index.ts'
import {
  ACCOUNT_PATHS,
  type AccountNotice,
  type AccountPageOptions,
  accountWordsFor,
} from './account-words.ts'
import { formTokenFor } from './form-token.ts'
import { PASSWORD_LENGTH, normaliseEmail } from './portal-accounts.ts'
import { signInPagePath } from './site-paths.ts'
import { refusal } from './site-portal.ts'
import type { OpenCaseOutcome, SiteContext, SiteRequest } from './site-context.ts'

// A portal's account pages: register, confirm, forgot and reset.

/** The account pages of a portal's site; see {@link createSiteService}. */
export function createAccountPages(site: SiteContext) {
  const { deps, formOk, spend } = site
  /**
   * The account pages, under `/account/`: register (GET the form, POST it;
   * open registration, or `?invitation=` a code), confirm (`?token=`),
   * forgot (ask for a reset link) and reset (`?token=`, then a new
   * password). Links are mailed to the outbox with the portal's own URL.
   * Null for any other path, or when the portal has no local accounts.
   */
  return async function account(
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
      const made = await identity.register(portal, { email, password }, (t) => link(ACCOUNT_PATHS.confirm, t))
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
    if (!(await identity.resetValid(portal, token))) return message({ tone: 'bad', text: w.linkInvalid }, 400)
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
  }
}
