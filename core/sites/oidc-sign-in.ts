import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import * as client from 'openid-client'
import { z } from 'zod'
import type { RecordRepository } from '../store/record-repository.ts'
import type { Contact } from '../tenancy/tenancy-schemas.ts'
import { normaliseEmail } from './portal-identity.ts'
import {
  OIDC_CALLBACK_PATH,
  type OidcProvider,
  type OidcProviders,
  isLoopbackHttp,
} from './oidc-providers.ts'

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
type OidcState = z.infer<typeof oidcStateSchema>

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

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const sameHash = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/** An error's code as openid-client (oauth4webapi) sets it, or the cause's (a failed fetch). */
const codeOf = (err: unknown): string => {
  const e = err as { code?: unknown; cause?: { code?: unknown } }
  return typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : ''
}

/**
 * OpenID Connect sign-in for portal visitors (the seed's "Azure AD
 * Authentication"), with `openid-client`: discovery, the authorization code
 * flow with PKCE (S256), `state` and `nonce`. Everything a started sign-in
 * needs is kept server-side in the control plane under the SHA-256 of its
 * `state`, bound to the browser by a random pre-sign-in cookie (whose hash it
 * holds), used once (a conditional delete) and for 10 minutes at most; so a
 * tampered or replayed `state`, a callback from another browser, or an ID
 * token minted for another `nonce` signs nobody in.
 *
 * A user's first sign-in on a portal waits on the seed's consent page; the
 * accepted consent is recorded with the identity (provider, subject, contact,
 * when), and later sign-ins skip it. Accounts link to the instance's contact
 * with the same address only when the provider says `email_verified`; with
 * `create`, an address no contact has makes a new contact.
 */
export function createOidcSignIn(deps: {
  providers: OidcProviders
  states: RecordRepository<OidcState>
  pending: RecordRepository<OidcPending>
  identities: RecordRepository<OidcIdentity>
  contacts: {
    listOf(instanceId: string): Promise<Contact[]>
    find(instanceId: string, id: string): Promise<Contact | null>
    put(instanceId: string, contacts: readonly Contact[]): Promise<void>
  }
  /** The portal's choice for a first sign-in whose address no contact has. */
  accounts: (portalId: string) => Promise<OidcAccounts>
  log?: { warn(obj: object, msg: string): void }
  clock?: () => number
}) {
  const clock = deps.clock ?? Date.now
  const iso = (ms: number) => new Date(ms).toISOString()
  const expired = (at: string) => Date.parse(at) <= clock()
  // Discovered metadata per provider version (issuer, client, secret): fetched once an hour at most.
  const configs = new LRUCache<string, client.Configuration>({ max: 200, ttl: 3600_000 })
  const configOf = async (p: OidcProvider): Promise<client.Configuration> => {
    const key = `${p.id} ${p.updatedAt}`
    const cached = configs.get(key)
    if (cached) return cached
    const config = await client.discovery(
      new URL(p.issuer),
      p.clientId,
      undefined,
      client.ClientSecretBasic(p.clientSecret),
      // Plain http only for an issuer on a loopback address (see checkIssuer).
      { execute: isLoopbackHttp(p.issuer) ? [client.allowInsecureRequests] : [], timeout: 10 },
    )
    configs.set(key, config)
    return config
  }
  const identityKey = (portalId: string, providerId: string, subject: string) =>
    `portal-oidc-identity/${portalId}/${providerId}/${sha256(subject)}`
  /** The provider step's failure, logged by code (never a token or a secret). */
  const failed = (p: OidcProvider, step: string, err: unknown): OidcOutcome => {
    const code = codeOf(err)
    deps.log?.warn(
      { portalId: p.portalId, providerId: p.id, step, code, message: (err as Error)?.message },
      'OpenID sign-in refused',
    )
    if (code === 'OAUTH_AUTHORIZATION_RESPONSE_ERROR') return { kind: 'refused', code: 'provider_refused' }
    if (code.startsWith('OAUTH_')) return { kind: 'refused', code: 'token_invalid' }
    return { kind: 'refused', code: 'provider_unavailable' }
  }

  /**
   * Deletes a few sign-ins abandoned past their 10 minutes (at most 20 of each
   * kind per start, from a random point: keys are SHA-256 hex, so every
   * abandoned one is reached in time).
   */
  const sweep = async () => {
    for (const repo of [deps.states, deps.pending] as const) {
      const prefix = repo === deps.states ? 'portal-oidc-state/' : 'portal-oidc-pending/'
      const from = `${prefix}${randomBytes(2).toString('hex')}`
      for (const r of await repo.listPage(prefix, from, 20))
        if (expired(r.value.expiresAt)) await repo.delete(r.key)
    }
  }

  /** Signs the identity's contact in, noting when. */
  const signedIn = async (identity: OidcIdentity, key: string, next: string): Promise<OidcOutcome> => {
    await deps.identities.put(key, { ...identity, lastSignInAt: iso(clock()) })
    return { kind: 'session', contactId: identity.contactId, next }
  }

  /** The contact a consented first sign-in is for: linked by verified address, made, or refused. */
  const contactFor = async (
    portal: OidcPortal,
    p: OidcPending,
  ): Promise<{ ok: true; contactId: string } | { ok: false; code: OidcRefusal }> => {
    if (!p.email) return { ok: false, code: 'email_missing' }
    const email = normaliseEmail(p.email)
    const known = (await deps.contacts.listOf(portal.instanceId)).find(
      (c) => normaliseEmail(c.email) === email,
    )
    // An address the provider has not verified never reaches an existing contact.
    if (known)
      return p.emailVerified
        ? { ok: true, contactId: known.crmrecordid }
        : { ok: false, code: 'email_unverified' }
    if ((await deps.accounts(portal.id)) !== 'create') return { ok: false, code: 'no_contact' }
    const parsed = z.email().safeParse(email)
    if (!parsed.success) return { ok: false, code: 'email_missing' }
    const made: Contact = {
      crmrecordid: randomUUID(),
      name: (p.name?.trim() || email.split('@')[0]!).slice(0, 200),
      email,
    }
    await deps.contacts.put(portal.instanceId, [made])
    return { ok: true, contactId: made.crmrecordid }
  }

  return {
    /**
     * Starts a sign-in with one of the portal's providers: the URL to send the
     * browser to, and the pre-sign-in cookie's value to set on it.
     */
    async start(
      portal: OidcPortal,
      providerId: string,
      next: string,
    ): Promise<{ ok: true; location: string; browser: string } | { ok: false; code: OidcRefusal }> {
      const provider = await deps.providers.get(portal.id, providerId)
      if (!provider) return { ok: false, code: 'provider_unknown' }
      let config: client.Configuration
      try {
        config = await configOf(provider)
      } catch (err) {
        const out = failed(provider, 'discovery', err)
        return { ok: false, code: out.kind === 'refused' ? out.code : 'provider_unavailable' }
      }
      await sweep()
      const browser = randomBytes(32).toString('base64url')
      const state = client.randomState()
      const nonce = client.randomNonce()
      const codeVerifier = client.randomPKCECodeVerifier()
      await deps.states.put(`portal-oidc-state/${sha256(state)}`, {
        portalId: portal.id,
        providerId: provider.id,
        browser: sha256(browser),
        nonce,
        codeVerifier,
        next,
        expiresAt: iso(clock() + OIDC_FLOW_TTL_SECONDS * 1000),
      })
      const location = client.buildAuthorizationUrl(config, {
        redirect_uri: `${portal.url}${OIDC_CALLBACK_PATH}`,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
      return { ok: true, location: location.href, browser }
    },

    /**
     * Takes the provider's answer (the callback's query string) in the browser
     * that started (`browser`: its pre-sign-in cookie). The started sign-in is
     * used up whatever comes of it.
     */
    async callback(portal: OidcPortal, search: string, browser: string | undefined): Promise<OidcOutcome> {
      const params = new URLSearchParams(search)
      const state = params.get('state') ?? ''
      const key = `portal-oidc-state/${sha256(state)}`
      const found = state ? await deps.states.getVersioned(key) : null
      const started = found?.value
      if (!found || !started || started.portalId !== portal.id)
        return { kind: 'refused', code: 'state_invalid' }
      // Once: of two callbacks with one state, only the delete that still sees its version goes on.
      if (!(await deps.states.deleteIfVersion(key, found.version)).ok)
        return { kind: 'refused', code: 'state_invalid' }
      if (expired(started.expiresAt) || !browser || !sameHash(sha256(browser), started.browser))
        return { kind: 'refused', code: 'state_invalid' }
      const provider = await deps.providers.get(portal.id, started.providerId)
      if (!provider) return { kind: 'refused', code: 'provider_unknown' }
      let claims: { sub: string; email: string | null; emailVerified: boolean; name: string | null }
      try {
        const config = await configOf(provider)
        const tokens = await client.authorizationCodeGrant(
          config,
          new URL(`${portal.url}${OIDC_CALLBACK_PATH}?${params}`),
          {
            pkceCodeVerifier: started.codeVerifier,
            expectedState: state,
            expectedNonce: started.nonce,
            idTokenExpected: true,
          },
        )
        const idToken = tokens.claims()!
        // Providers put e-mail and name in the ID token (Entra ID) or only at userinfo (a conforming default).
        const info =
          typeof idToken.email === 'string' || !tokens.access_token
            ? idToken
            : { ...(await client.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...idToken }
        claims = {
          sub: idToken.sub,
          email: typeof info.email === 'string' ? info.email : null,
          emailVerified: info.email_verified === true,
          name: typeof info.name === 'string' ? info.name : null,
        }
      } catch (err) {
        return failed(provider, 'callback', err)
      }
      const idKey = identityKey(portal.id, provider.id, claims.sub)
      const known = await deps.identities.get(idKey)
      // Consented before, and the contact is still there: no consent page the second time.
      if (known && (await deps.contacts.find(portal.instanceId, known.contactId)))
        return signedIn(known, idKey, started.next)
      const pendingId = randomBytes(24).toString('base64url')
      await deps.pending.put(`portal-oidc-pending/${sha256(pendingId)}`, {
        portalId: portal.id,
        providerId: provider.id,
        browser: started.browser,
        subject: claims.sub,
        email: claims.email,
        emailVerified: claims.emailVerified,
        name: claims.name,
        next: started.next,
        expiresAt: iso(clock() + OIDC_FLOW_TTL_SECONDS * 1000),
      })
      return { kind: 'consent', pendingId }
    },

    /** The sign-in a consent page is for, in this browser, unexpired; null otherwise. */
    async pendingOf(portal: OidcPortal, pendingId: string, browser: string | undefined) {
      const p = await deps.pending.get(`portal-oidc-pending/${sha256(pendingId)}`)
      if (!p || p.portalId !== portal.id || expired(p.expiresAt)) return null
      if (!browser || !sameHash(sha256(browser), p.browser)) return null
      const provider = await deps.providers.get(portal.id, p.providerId)
      return provider ? { pending: p, provider } : null
    },

    /**
     * The visitor's decision on the consent page (once): accepted, the
     * consent is recorded and the contact signed in; declined, nobody is.
     */
    async decide(
      portal: OidcPortal,
      pendingId: string,
      browser: string | undefined,
      accept: boolean,
    ): Promise<OidcOutcome> {
      const key = `portal-oidc-pending/${sha256(pendingId)}`
      const found = await deps.pending.getVersioned(key)
      const p = found?.value
      if (!found || !p || p.portalId !== portal.id || expired(p.expiresAt))
        return { kind: 'refused', code: 'consent_invalid' }
      if (!browser || !sameHash(sha256(browser), p.browser))
        return { kind: 'refused', code: 'consent_invalid' }
      if (!(await deps.pending.deleteIfVersion(key, found.version)).ok)
        return { kind: 'refused', code: 'consent_invalid' }
      if (!accept) return { kind: 'refused', code: 'declined' }
      const contact = await contactFor(portal, p)
      if (!contact.ok) return { kind: 'refused', code: contact.code }
      const at = iso(clock())
      const identity: OidcIdentity = {
        portalId: portal.id,
        instanceId: portal.instanceId,
        providerId: p.providerId,
        subject: p.subject,
        contactId: contact.contactId.toLowerCase(),
        email: p.email,
        consentedAt: at,
        lastSignInAt: at,
      }
      return signedIn(identity, identityKey(portal.id, p.providerId, p.subject), p.next)
    },

    /** The OIDC identities linked to a contact on these portals (the console's sign-in methods). */
    async identitiesOf(portalIds: readonly string[], contactId: string): Promise<OidcIdentity[]> {
      const out: OidcIdentity[] = []
      for (const id of portalIds)
        for (const r of await deps.identities.list(`portal-oidc-identity/${id}/`))
          if (r.value.contactId === contactId.toLowerCase()) out.push(r.value)
      return out
    },

    /**
     * Forgets a contact's OpenID identities (and the consents recorded with
     * them) on these portals, for an erasure; returns how many. Their next
     * sign-in is a first one again.
     */
    async forgetContact(portalIds: readonly string[], contactId: string): Promise<number> {
      const found = await this.identitiesOf(portalIds, contactId)
      for (const i of found) await deps.identities.delete(identityKey(i.portalId, i.providerId, i.subject))
      return found.length
    },

    /** Forgets a removed provider's users on a portal (their next sign-in would need the provider back, and consent again). */
    async forgetProvider(portalId: string, providerId: string): Promise<void> {
      for (const r of await deps.identities.list(`portal-oidc-identity/${portalId}/${providerId}/`))
        await deps.identities.delete(r.key)
    },
  }
}

/** The OIDC sign-in's interface. */
export type OidcSignIn = ReturnType<typeof createOidcSignIn>
