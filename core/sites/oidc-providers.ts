import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { DomainError } from '../errors.ts'
import type { RecordRepository } from '../store/record-repository.ts'

/** The path of the callback every OpenID provider of a portal redirects to, on the portal's own host. */
export const OIDC_CALLBACK_PATH = '/signin/oidc/callback'

/** One OpenID Connect provider a portal trusts, as stored (the client secret sealed at rest by the repository's codec). */
export const oidcProviderSchema = z.object({
  id: z.string(),
  portalId: z.string(),
  /** What the sign-in page's button says: "Sign in with {name}". */
  name: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
/** A portal's OpenID provider, with its client secret (plaintext in memory only). */
export type OidcProvider = z.infer<typeof oidcProviderSchema>

/** What admins see of a provider: never the secret, only that one is set. */
export interface OidcProviderView {
  id: string
  portalId: string
  name: string
  issuer: string
  clientId: string
  clientSecret: 'set'
  /** The redirect URI to register at the provider (the portal's own host). */
  redirectUri: string
  createdAt: string
  updatedAt: string
}

/** A provider's fields as an admin gives them (all of them on add; any on update). */
export interface OidcProviderInput {
  name: string
  issuer: string
  clientId: string
  clientSecret: string
}

/** Host names that are this machine: http issuers are taken there alone. */
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost'])

/**
 * Checks an issuer identifier: an absolute `https` URL without query or
 * fragment (OpenID Connect Discovery 1.0, section 2). One allowance: `http` on
 * a loopback address (127.0.0.1, [::1], localhost), where the provider runs
 * on this machine and nothing crosses a network (the test suites' providers,
 * a local development provider). Returns the issuer as given (a trailing
 * slash is part of an issuer's identity and is kept).
 */
export function checkIssuer(issuer: string): string {
  let url: URL
  try {
    url = new URL(issuer)
  } catch {
    throw new DomainError(
      'invalid',
      'issuer_invalid',
      `issuer must be an absolute https URL, got ${JSON.stringify(issuer)}`,
      'issuer',
    )
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK.has(url.hostname)
  if ((url.protocol !== 'https:' && !loopbackHttp) || url.search || url.hash || url.username) {
    throw new DomainError(
      'invalid',
      'issuer_invalid',
      `issuer must be an https URL without query, fragment or credentials (http only on a loopback address), got ${JSON.stringify(issuer)}`,
      'issuer',
    )
  }
  return issuer
}

/** Whether requests to this issuer may go over plain http (a loopback issuer; see {@link checkIssuer}). */
export const isLoopbackHttp = (issuer: string): boolean => {
  const url = new URL(issuer)
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname)
}

/**
 * The OpenID providers portals trust, one control-plane record each
 * (`portal-oidc-provider/{portalId}/{providerId}`), the client secret sealed
 * by the repository's codec. Admin views never hold the secret.
 */
export function createOidcProviders(deps: { repo: RecordRepository<OidcProvider>; clock?: () => number }) {
  const clock = deps.clock ?? Date.now
  const keyOf = (portalId: string, id: string) => `portal-oidc-provider/${portalId}/${id}`
  const notFound = (portalId: string, id: string) =>
    new DomainError(
      'not_found',
      'oidc_provider_not_found',
      `portal ${portalId} has no OpenID provider ${JSON.stringify(id)}`,
      'providerId',
    )
  const view = (p: OidcProvider, portalUrl: string): OidcProviderView => ({
    id: p.id,
    portalId: p.portalId,
    name: p.name,
    issuer: p.issuer,
    clientId: p.clientId,
    clientSecret: 'set',
    redirectUri: `${portalUrl}${OIDC_CALLBACK_PATH}`,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  })
  return {
    view,
    /** A portal's providers, oldest first, with their secrets (for the sign-in flow). */
    async list(portalId: string): Promise<OidcProvider[]> {
      return (await deps.repo.list(`portal-oidc-provider/${portalId}/`))
        .map((r) => r.value)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    },
    /** One provider, with its secret; null when the portal has none by that id. */
    get: (portalId: string, id: string) => deps.repo.get(keyOf(portalId, id)),
    /** One provider, or `oidc_provider_not_found`. */
    async require(portalId: string, id: string): Promise<OidcProvider> {
      const found = await deps.repo.get(keyOf(portalId, id))
      if (!found) throw notFound(portalId, id)
      return found
    },
    async add(portalId: string, input: OidcProviderInput): Promise<OidcProvider> {
      const at = new Date(clock()).toISOString()
      const provider: OidcProvider = {
        id: randomUUID(),
        portalId,
        name: input.name,
        issuer: checkIssuer(input.issuer),
        clientId: input.clientId,
        clientSecret: input.clientSecret,
        createdAt: at,
        updatedAt: at,
      }
      await deps.repo.put(keyOf(portalId, provider.id), provider)
      return provider
    },
    /** Changes the fields given; a client secret left out stays what it was. */
    async update(portalId: string, id: string, change: Partial<OidcProviderInput>): Promise<OidcProvider> {
      const current = await deps.repo.get(keyOf(portalId, id))
      if (!current) throw notFound(portalId, id)
      const next: OidcProvider = {
        ...current,
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.issuer !== undefined ? { issuer: checkIssuer(change.issuer) } : {}),
        ...(change.clientId !== undefined ? { clientId: change.clientId } : {}),
        ...(change.clientSecret !== undefined ? { clientSecret: change.clientSecret } : {}),
        updatedAt: new Date(clock()).toISOString(),
      }
      await deps.repo.put(keyOf(portalId, id), next)
      return next
    },
    async remove(portalId: string, id: string): Promise<void> {
      if (!(await deps.repo.get(keyOf(portalId, id)))) throw notFound(portalId, id)
      await deps.repo.delete(keyOf(portalId, id))
    },
  }
}

/** The OpenID providers' interface. */
export type OidcProviders = ReturnType<typeof createOidcProviders>

/** The paths of OpenID Connect sign-in on every portal (the callback is the redirect URI admins register). */
export const OIDC_PATHS = {
  start: '/signin/oidc/start',
  callback: OIDC_CALLBACK_PATH,
  consent: '/signin/oidc/consent',
} as const
