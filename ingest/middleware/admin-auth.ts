import type { MiddlewareHandler } from 'hono'
import { DomainError, type PrincipalService } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'

/**
 * Requires `Authorization: Bearer <admin token>` and puts the principal on the
 * context. Denies by default: no header, another scheme or an unknown token is
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
    c.set('principal', await principals.authenticate(match[1]!))
    await next()
  }
}
