import { randomUUID } from 'node:crypto'
import type { RecordRepository } from '../store/record-repository.ts'
import { hashPassword, verifyPassword } from './password-hash.ts'
import {
  LINK_TTL_HOURS,
  LOCKOUT_AFTER_FAILURES,
  LOCKOUT_MINUTES,
  type PortalAccount,
  type PortalAuthSettings,
  DEFAULT_AUTH_SETTINGS,
  normaliseEmail,
} from './portal-accounts.ts'
import { type IdentityPortal, type PortalLink, createPortalLinks } from './portal-links.ts'
import type { MailSender, OutboxMessage } from './portal-mail.ts'

// Portal visitors' local identity: registering, confirming, signing in with
// lockout, resetting a password, invitations. The records are in
// portal-accounts.ts, the mailed links in portal-links.ts, the mail in
// portal-mail.ts.

/** What a sign-in with a password comes to. */
export type PasswordSignIn =
  | { ok: true; account: PortalAccount }
  | { ok: false; code: 'invalid_credentials' | 'not_confirmed' | 'not_linked' }
  | { ok: false; code: 'locked'; until: string }

/**
 * Portal visitors' local identity: accounts (email and scrypt password),
 * lockout, confirmation, password reset and invitation links, and the
 * portal's authentication settings. Every record is a control-plane record
 * (`RecordRepository`), so any node serves any visitor. Links are
 * `{nonce}.{HMAC of purpose, portal and nonce under the portal's secret}`; the
 * link record is kept under the nonce's SHA-256 and deleted when used, so each
 * works once, until it expires.
 */
export function createPortalIdentity(deps: {
  accounts: RecordRepository<PortalAccount>
  settings: RecordRepository<PortalAuthSettings>
  links: RecordRepository<PortalLink>
  mail: MailSender
  clock?: () => number
}) {
  const clock = deps.clock ?? Date.now
  const now = () => new Date(clock()).toISOString()
  const accountKey = (portalId: string, email: string) =>
    `portal-account/${portalId}/${normaliseEmail(email)}`

  const { mint, open } = createPortalLinks({ links: deps.links, clock })

  const message = async (
    portal: IdentityPortal,
    kind: OutboxMessage['kind'],
    to: string,
    subject: string,
    text: string,
  ) => {
    await deps.mail.send({ id: randomUUID(), portalId: portal.id, kind, to, subject, text, at: now() })
  }

  return {
    async settings(portalId: string): Promise<PortalAuthSettings> {
      return (await deps.settings.get(`portal-auth/${portalId}`)) ?? DEFAULT_AUTH_SETTINGS
    },
    /** Sets the settings given; one left out (`oidcAccounts`) stays what it was. */
    async setSettings(
      portalId: string,
      settings: Omit<PortalAuthSettings, 'oidcAccounts'> & Partial<Pick<PortalAuthSettings, 'oidcAccounts'>>,
    ): Promise<PortalAuthSettings> {
      const next = { ...(await this.settings(portalId)), ...settings }
      await deps.settings.put(`portal-auth/${portalId}`, next)
      return next
    },

    account: (portalId: string, email: string) => deps.accounts.get(accountKey(portalId, email)),

    /** A portal's accounts linked to a contact (the console's "sign-in methods"). */
    async accountsOf(portalIds: readonly string[], contactId: string): Promise<PortalAccount[]> {
      const out: PortalAccount[] = []
      for (const id of portalIds)
        for (const r of await deps.accounts.list(`portal-account/${id}/`))
          if (r.value.contactId === contactId.toLowerCase()) out.push(r.value)
      return out
    },

    /**
     * Registers an account and mails a confirmation link (`confirmUrl(token)`).
     * `email_taken` when the portal has one for that address (said only to
     * whoever holds the address: the link goes there).
     */
    async register(
      portal: IdentityPortal,
      input: { email: string; password: string; contactId?: string; confirmed?: boolean },
      confirmUrl: (token: string) => string,
    ): Promise<{ ok: true; account: PortalAccount } | { ok: false; code: 'email_taken' }> {
      const email = normaliseEmail(input.email)
      const account: PortalAccount = {
        id: randomUUID(),
        portalId: portal.id,
        instanceId: portal.instanceId,
        email,
        passwordHash: await hashPassword(input.password),
        contactId: input.contactId?.toLowerCase() ?? null,
        confirmedAt: input.confirmed ? now() : null,
        failedAttempts: 0,
        lockedUntil: null,
        createdAt: now(),
      }
      // Only if there is none yet: two registrations of one address cannot both make an account.
      if (!(await deps.accounts.putIfVersion(accountKey(portal.id, email), account, null)).ok)
        return { ok: false, code: 'email_taken' }
      if (!account.confirmedAt) {
        const token = await mint(portal, 'confirm', { email })
        await message(
          portal,
          'confirm',
          email,
          `Confirm your e-mail address for ${portal.name}`,
          `Open this link within ${LINK_TTL_HOURS.confirm} hours to confirm your e-mail address:\n${confirmUrl(token)}\n`,
        )
      }
      return { ok: true, account }
    },

    /** Confirms an account's address from a link (once); `link` the contact found or made for it. */
    async confirm(
      portal: IdentityPortal,
      token: string,
      link: (email: string) => Promise<string>,
    ): Promise<PortalAccount | null> {
      const found = await open(portal, 'confirm', token, true)
      if (!found?.email) return null
      const account = await deps.accounts.get(accountKey(portal.id, found.email))
      if (!account) return null
      const next = {
        ...account,
        confirmedAt: account.confirmedAt ?? now(),
        contactId: account.contactId ?? (await link(account.email)).toLowerCase(),
      }
      await deps.accounts.put(accountKey(portal.id, account.email), next)
      return next
    },

    /**
     * Checks a password. Five failures in a row lock the account for 15
     * minutes (a correct password is refused while locked); an unknown
     * address and a wrong password answer alike.
     */
    async signIn(portal: IdentityPortal, email: string, password: string): Promise<PasswordSignIn> {
      const key = accountKey(portal.id, email)
      const account = await deps.accounts.get(key)
      if (!account) {
        // The same work as a real check, so timing does not tell which addresses have accounts.
        await verifyPassword(password, DUMMY_HASH)
        return { ok: false, code: 'invalid_credentials' }
      }
      if (account.lockedUntil && Date.parse(account.lockedUntil) > clock())
        return { ok: false, code: 'locked', until: account.lockedUntil }
      if (!(await verifyPassword(password, account.passwordHash))) {
        // Counted under a row lock: guesses sent in parallel each count (none overwrites another's count).
        const after = await deps.accounts.update(key, (current) => {
          if (!current) return undefined
          const failed = current.value.failedAttempts + 1
          const lock = failed >= LOCKOUT_AFTER_FAILURES
          const until = new Date(clock() + LOCKOUT_MINUTES * 60_000).toISOString()
          return {
            ...current.value,
            failedAttempts: lock ? 0 : failed,
            lockedUntil: lock ? until : current.value.lockedUntil,
          }
        })
        const until = after?.value.lockedUntil
        return until && Date.parse(until) > clock()
          ? { ok: false, code: 'locked', until }
          : { ok: false, code: 'invalid_credentials' }
      }
      if (account.failedAttempts > 0 || account.lockedUntil)
        await deps.accounts.put(key, { ...account, failedAttempts: 0, lockedUntil: null })
      if (!account.confirmedAt) return { ok: false, code: 'not_confirmed' }
      if (!account.contactId) return { ok: false, code: 'not_linked' }
      return { ok: true, account }
    },

    /** Mails a reset link when the portal has an account for the address; says nothing either way. */
    async requestReset(
      portal: IdentityPortal,
      email: string,
      resetUrl: (token: string) => string,
    ): Promise<void> {
      const account = await deps.accounts.get(accountKey(portal.id, email))
      if (!account) return
      const token = await mint(portal, 'reset', { email: account.email })
      await message(
        portal,
        'reset',
        account.email,
        `Reset your password for ${portal.name}`,
        `Open this link within ${LINK_TTL_HOURS.reset} hour to choose a new password (it works once):\n${resetUrl(token)}\nIf you did not ask for this, ignore this message.\n`,
      )
    },

    /** Whether a reset link is usable (the form is shown only then). */
    resetValid: async (portal: IdentityPortal, token: string) =>
      (await open(portal, 'reset', token, false)) !== null,

    /** Sets a new password from a reset link (once); unlocks the account. */
    async reset(portal: IdentityPortal, token: string, password: string): Promise<boolean> {
      const link = await open(portal, 'reset', token, true)
      if (!link?.email) return false
      const key = accountKey(portal.id, link.email)
      const account = await deps.accounts.get(key)
      if (!account) return false
      await deps.accounts.put(key, {
        ...account,
        passwordHash: await hashPassword(password),
        failedAttempts: 0,
        lockedUntil: null,
        // Receiving the link proved the address.
        confirmedAt: account.confirmedAt ?? now(),
      })
      return true
    },

    /** Invites a contact: mails `registerUrl(code)` to their address; the code works once, for 7 days. */
    async invite(
      portal: IdentityPortal,
      contact: { crmrecordid: string; email: string; name: string },
      registerUrl: (code: string) => string,
    ): Promise<{ expiresAt: string }> {
      const code = await mint(portal, 'invite', { email: contact.email, contactId: contact.crmrecordid })
      await message(
        portal,
        'invite',
        normaliseEmail(contact.email),
        `You are invited to ${portal.name}`,
        `Hello ${contact.name},\nOpen this link within 7 days to create your account on ${portal.name} (it works once):\n${registerUrl(code)}\n`,
      )
      return { expiresAt: new Date(clock() + LINK_TTL_HOURS.invite * 3600_000).toISOString() }
    },

    /** The invitation a code names (unused, unexpired, this portal's), without using it. */
    invitation: (portal: IdentityPortal, code: string) => open(portal, 'invite', code, false),

    /** Uses an invitation: the account is made for its contact, confirmed (the mail reached the address). */
    async redeem(
      portal: IdentityPortal,
      code: string,
      password: string,
    ): Promise<
      { ok: true; account: PortalAccount } | { ok: false; code: 'invitation_invalid' | 'email_taken' }
    > {
      const link = await open(portal, 'invite', code, true)
      if (!link?.email || !link.contactId) return { ok: false, code: 'invitation_invalid' }
      const made = await this.register(
        portal,
        { email: link.email, password, contactId: link.contactId, confirmed: true },
        () => '',
      )
      return made.ok ? made : { ok: false, code: 'email_taken' }
    },
  }
}

/** A hash of nothing anyone types, checked for unknown addresses (same cost as a real one). */
const DUMMY_HASH = 'scrypt$32768$8$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

/** Portal identity's interface. */
export type PortalIdentity = ReturnType<typeof createPortalIdentity>
