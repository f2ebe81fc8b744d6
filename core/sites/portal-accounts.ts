import { z } from 'zod'

// A visitor's local account on a portal and the portal's authentication
// settings: their records and the rules they keep (lockout, password length).

/** Failed sign-ins in a row that lock an account. */
export const LOCKOUT_AFTER_FAILURES = 5
/** How long a locked account stays locked, in minutes. */
export const LOCKOUT_MINUTES = 15
/** How long each kind of link works, in hours: confirmation 24, password reset 1, invitation 7 days. */
export const LINK_TTL_HOURS = { confirm: 24, reset: 1, invite: 24 * 7 } as const
/** Shortest password a portal accepts (and the longest, so hashing stays bounded). */
export const PASSWORD_LENGTH = { min: 10, max: 200 } as const

/** The form an address is kept and compared in: trimmed, lower case. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase()

/** A local account as stored. */
export const portalAccountSchema = z.object({
  id: z.string(),
  portalId: z.string(),
  instanceId: z.string(),
  email: z.string(),
  passwordHash: z.string(),
  contactId: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  failedAttempts: z.number(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
})
/** A visitor's local account on one portal. */
export type PortalAccount = z.infer<typeof portalAccountSchema>

/** A portal's authentication settings as stored. */
export const portalAuthSettingsSchema = z.object({
  /** Local accounts (email and password) on or off. */
  local: z.boolean(),
  /** Who may register: anyone (`open`), or only whoever an admin invited (`invitation`). */
  registration: z.enum(['open', 'invitation']),
  /**
   * A first OpenID sign-in whose address no contact has: refused (`link`,
   * accounts link to existing contacts only) or a contact is made (`create`).
   * Either way an address the provider has not verified never links to an
   * existing contact. (Absent in settings stored before OpenID: `link`.)
   */
  oidcAccounts: z.enum(['link', 'create']).default('link'),
})
/** A portal's authentication settings. */
export type PortalAuthSettings = z.infer<typeof portalAuthSettingsSchema>
/** Until an admin says otherwise: local accounts on, registration by invitation, OpenID users linked to existing contacts only. */
export const DEFAULT_AUTH_SETTINGS: PortalAuthSettings = {
  local: true,
  registration: 'invitation',
  oidcAccounts: 'link',
}
