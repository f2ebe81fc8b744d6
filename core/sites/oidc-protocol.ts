import { LRUCache } from 'lru-cache'
import * as client from 'openid-client'
import { OIDC_CALLBACK_PATH, type OidcProvider, isLoopbackHttp } from './oidc-providers.ts'
import type { OidcOutcome, OidcPortal, OidcState } from './oidc-records.ts'

// Talking to an OpenID provider with openid-client: discovery (cached per
// provider version), the authorization URL (PKCE S256, state, nonce), the
// code grant and the claims, and what a failed step comes to.

/** An error's code as openid-client (oauth4webapi) sets it, or the cause's (a failed fetch). */
const codeOf = (err: unknown): string => {
  const e = err as { code?: unknown; cause?: { code?: unknown } }
  return typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : ''
}

/** Who the provider says signed in. */
export interface OidcClaims {
  sub: string
  email: string | null
  emailVerified: boolean
  name: string | null
}

/** The provider side of a sign-in; see {@link createOidcSignIn}. */
export function createOidcProtocol(deps: { log?: { warn(obj: object, msg: string): void } }) {
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

  return {
    failed,

    /** The provider's discovered metadata (fetched once an hour at most); throws when it cannot be reached. */
    discover: configOf,

    /** Where to send the browser for a sign-in that keeps `codeVerifier` and `nonce` under `state`. */
    async authorizationUrl(
      config: client.Configuration,
      portal: OidcPortal,
      flow: { state: string; nonce: string; codeVerifier: string },
    ): Promise<string> {
      const location = client.buildAuthorizationUrl(config, {
        redirect_uri: `${portal.url}${OIDC_CALLBACK_PATH}`,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      })
      return location.href
    },

    /** Trades the callback's code for the ID token (checking state and nonce) and reads its claims. */
    async claims(
      provider: OidcProvider,
      portal: OidcPortal,
      params: URLSearchParams,
      started: Pick<OidcState, 'codeVerifier' | 'nonce'> & { state: string },
    ): Promise<OidcClaims> {
      const config = await configOf(provider)
      const tokens = await client.authorizationCodeGrant(
        config,
        new URL(`${portal.url}${OIDC_CALLBACK_PATH}?${params}`),
        {
          pkceCodeVerifier: started.codeVerifier,
          expectedState: started.state,
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
      return {
        sub: idToken.sub,
        email: typeof info.email === 'string' ? info.email : null,
        emailVerified: info.email_verified === true,
        name: typeof info.name === 'string' ? info.name : null,
      }
    },
  }
}
