import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import * as client from 'openid-client'
import type { RecordRepository } from '../store/record-repository.ts'
import { type OidcContacts, createOidcIdentities } from './oidc-identities.ts'
import type { OidcProviders } from './oidc-providers.ts'
import { type OidcClaims, createOidcProtocol } from './oidc-protocol.ts'
import {
  OIDC_FLOW_TTL_SECONDS,
  type OidcAccounts,
  type OidcIdentity,
  type OidcOutcome,
  type OidcPending,
  type OidcPortal,
  type OidcRefusal,
  type OidcState,
} from './oidc-records.ts'

// A visitor's OpenID sign-in on a portal, from start to session: the flow.
// Its records are in oidc-records.ts, the provider protocol in
// oidc-protocol.ts, the identities and consent in oidc-identities.ts.

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const sameHash = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

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
  contacts: OidcContacts
  /** The portal's choice for a first sign-in whose address no contact has. */
  accounts: (portalId: string) => Promise<OidcAccounts>
  log?: { warn(obj: object, msg: string): void }
  clock?: () => number
}) {
  const clock = deps.clock ?? Date.now
  const iso = (ms: number) => new Date(ms).toISOString()
  const expired = (at: string) => Date.parse(at) <= clock()
  const protocol = createOidcProtocol({ log: deps.log })
  const identities = createOidcIdentities({
    identities: deps.identities,
    contacts: deps.contacts,
    accounts: deps.accounts,
    clock,
  })

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
        config = await protocol.discover(provider)
      } catch (err) {
        const out = protocol.failed(provider, 'discovery', err)
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
      const location = await protocol.authorizationUrl(config, portal, { state, nonce, codeVerifier })
      return { ok: true, location, browser }
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
      let claims: OidcClaims
      try {
        claims = await protocol.claims(provider, portal, params, { ...started, state })
      } catch (err) {
        return protocol.failed(provider, 'callback', err)
      }
      const idKey = identities.key(portal.id, provider.id, claims.sub)
      const known = await identities.known(portal, idKey)
      // Consented before, and the contact is still there: no consent page the second time.
      if (known) return identities.signedIn(known, idKey, started.next)
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
      const contact = await identities.contactFor(portal, p)
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
      return identities.signedIn(identity, identities.key(portal.id, p.providerId, p.subject), p.next)
    },

    /** The OIDC identities linked to a contact on these portals (the console's sign-in methods). */
    identitiesOf: identities.identitiesOf,

    /**
     * Forgets a contact's OpenID identities (and the consents recorded with
     * them) on these portals, for an erasure; returns how many. Their next
     * sign-in is a first one again.
     */
    forgetContact: identities.forgetContact,

    /** Forgets a removed provider's users on a portal (their next sign-in would need the provider back, and consent again). */
    forgetProvider: identities.forgetProvider,
  }
}

/** The OIDC sign-in's interface. */
export type OidcSignIn = ReturnType<typeof createOidcSignIn>
