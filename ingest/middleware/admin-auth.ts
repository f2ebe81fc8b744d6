import type { MiddlewareHandler } from 'hono'
import { DomainError, type PrincipalService } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'

/**
 * Requires `Authorization: Bearer <admin token>` (or a console session's
 * token) and puts the principal and the bearer on the context. Denies by
 * default: no header, another scheme, an unknown, revoked or expired token is
 * a 401; roles are checked by the routes (or by core) after it.
 */
export function adminAuth(principals: PrincipalService): MiddlewareHandler<AppEnv> {
  return async function adminAuthMiddleware(c, next) {
    const header = c.req.header('authorization')
    if (!header)
      throw new DomainError(
        'unauthenticated',
        'admin_token_missing',
        'send Authorization: Bearer <admin token>',
      )
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match)
      throw new DomainError(
        'unauthenticated',
        'admin_token_malformed',
        'the Authorization header must be "Bearer <admin token>"',
      )
    const bearer = await principals.identify(match[1]!)
    c.set('principal', bearer.principal)
    c.set('bearer', bearer)
    await next()
  }
}
