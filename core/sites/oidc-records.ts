import { z } from 'zod'

// What an OpenID sign-in keeps in the control plane (a started sign-in, one
// waiting for consent, a known identity) and what it comes to.

/** How long a started sign-in waits for the provider's answer, and a consent page for a decision, in seconds. */
export const OIDC_FLOW_TTL_SECONDS = 600
/** What a portal does with a first OIDC sign-in whose address no contact has: `link` refuses it, `create` makes a contact. */
export type OidcAccounts = 'link' | 'create'

/** A started sign-in, kept under the SHA-256 of its `state` until the callback uses it (once). */
export const oidcStateSchema = z.object({
  portalId: z.string(),
  providerId: z.string(),
  /** SHA-256 of the browser's pre-sign-in cookie: the callback must come from the browser that started. */
  browser: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  next: z.string(),
  expiresAt: z.string(),
})
/** A started sign-in. */
export type OidcState = z.infer<typeof oidcStateSchema>

/** A provider's answer waiting for the visitor's consent (first sign-in), under the SHA-256 of its id. */
export const oidcPendingSchema = z.object({
  portalId: z.string(),
  providerId: z.string(),
  browser: z.string(),
  subject: z.string(),
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  name: z.string().nullable(),
  next: z.string(),
  expiresAt: z.string(),
})
/** A sign-in waiting for consent. */
export type OidcPending = z.infer<typeof oidcPendingSchema>

/** A provider's user known to a portal: who they are at the provider, the contact, and the consent they gave. */
export const oidcIdentitySchema = z.object({
  portalId: z.string(),
  instanceId: z.string(),
  providerId: z.string(),
  subject: z.string(),
  contactId: z.string(),
  email: z.string().nullable(),
  /** When the visitor accepted the consent page (the seed's consent), and for which provider. */
  consentedAt: z.string(),
  lastSignInAt: z.string(),
})
/** A portal's record of one OIDC user. */
export type OidcIdentity = z.infer<typeof oidcIdentitySchema>

/** Why an OIDC sign-in signed nobody in. */
export type OidcRefusal =
  /** No such provider on this portal. */
  | 'provider_unknown'
  /** The provider could not be reached (discovery, token endpoint). */
  | 'provider_unavailable'
  /** The provider answered with an error (the visitor cancelled there, or the client is refused). */
  | 'provider_refused'
  /** The callback's `state` names no sign-in this browser started (tampered, replayed, expired). */
  | 'state_invalid'
  /** The code, ID token or nonce did not check out (a token for another sign-in, a nonce that differs). */
  | 'token_invalid'
  /** The consent page's sign-in is gone (used, expired, another browser's). */
  | 'consent_invalid'
  /** The visitor declined the consent page. */
  | 'declined'
  /** The provider sent no e-mail address, so no contact can be linked or made. */
  | 'email_missing'
  /** The address is not verified by the provider and a contact has it: it is never linked. */
  | 'email_unverified'
  /** The portal links to existing contacts only, and none has the verified address. */
  | 'no_contact'

/** What a callback or a consent decision comes to. */
export type OidcOutcome =
  | { kind: 'session'; contactId: string; next: string }
  | { kind: 'consent'; pendingId: string }
  | { kind: 'refused'; code: OidcRefusal }

/** The portal a flow runs on. */
export interface OidcPortal {
  id: string
  instanceId: string
  /** The portal's own URL: the redirect URI is `{url}/signin/oidc/callback`. */
  url: string
}
