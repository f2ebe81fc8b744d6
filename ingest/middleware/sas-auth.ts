import type { Context, MiddlewareHandler } from 'hono'
import { DomainError, type HubService, type KeyRight, type SasPrincipal } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'

/**
 * The shared access signature of a request: `Authorization:
 * SharedAccessSignature …` or `?sas=` (what beacons can carry), never both.
 */
export function readSasToken(c: Context<AppEnv>): string {
  return sasTokenOf(c.req.header('authorization'), c.req.query('sas'))
}

/**
 * The token of a request whose `Authorization` header and `?sas=` are given
 * (either may be absent); the same refusals as {@link readSasToken}.
 */
export function sasTokenOf(header: string | undefined, query: string | undefined): string {
  if (header && query !== undefined) {
    throw new DomainError(
      'invalid',
      'token_ambiguous',
      'send the token in the Authorization header or in ?sas=, not both',
      'sas',
    )
  }
  const raw = header ?? query
  if (!raw) {
    throw new DomainError(
      'unauthenticated',
      'token_missing',
      'send Authorization: SharedAccessSignature sr=…&sig=…&se=…&skn=… or ?sas=',
    )
  }
  if (header && !/^SharedAccessSignature\s/.test(header)) {
    throw new DomainError(
      'unauthenticated',
      'token_malformed',
      'the Authorization header must start with "SharedAccessSignature "',
    )
  }
  return raw.replace(/^SharedAccessSignature\s+/, '')
}

/**
 * Verifies the request's token for the resource at the request's own path
 * (under `/v1/hubs/{hubId}`) and a right.
 */
export function authorizeSas(
  c: Context<AppEnv>,
  hubs: HubService,
  hubId: string,
  resourcePath: string,
  right: KeyRight,
  options: { contactBelow?: boolean } = {},
): Promise<SasPrincipal> {
  return hubs.authorize({ token: readSasToken(c), hubId, path: resourcePath, right, ...options })
}

/**
 * Middleware: verifies the request's shared access signature for the resource
 * `resourceOf(c)` names (a path under PUBLIC_URL) and a right, before anything
 * else reads the request.
 */
export function requireSas(
  hubs: HubService,
  right: KeyRight,
  resourceOf: (c: Context<AppEnv>) => { hubId: string; path: string },
): MiddlewareHandler<AppEnv> {
  return async function requireSasMiddleware(c, next) {
    const { hubId, path } = resourceOf(c)
    c.set('sas', await authorizeSas(c, hubs, hubId, path, right))
    await next()
  }
}
