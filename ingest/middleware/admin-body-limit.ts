import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { DomainError } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'

/** Largest admin request body, in bytes. */
export const MAX_ADMIN_BODY_BYTES = 256 * 1024
/** Largest profile import (`POST /v1/admin/hubs/{hubId}/profiles`), in bytes. */
export const MAX_PROFILE_IMPORT_BYTES = 16 * 1024 * 1024

const PROFILE_IMPORT = /^\/v1\/admin\/hubs\/[^/]+\/profiles\/?$/

const tooLarge = (limit: number) =>
  new DomainError('too_large', 'body_too_large', `the body is larger than ${limit} bytes`, 'body')

/**
 * A byte limit on every admin request body, checked while it is read: a
 * declared `Content-Length` over the limit is refused before reading, and a
 * chunked body is counted as it arrives and refused (413 `body_too_large`)
 * the moment it passes the limit, never buffered whole first. Profile imports
 * get their own, larger limit. Built on Hono's `bodyLimit`.
 *
 * @example app.use('/v1/admin/*', adminAuth(principals), adminBodyLimit())
 */
export function adminBodyLimit(
  options: { maxBytes?: number; maxImportBytes?: number } = {},
): MiddlewareHandler<AppEnv> {
  const maxBytes = options.maxBytes ?? MAX_ADMIN_BODY_BYTES
  const maxImportBytes = options.maxImportBytes ?? MAX_PROFILE_IMPORT_BYTES
  const general = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge(maxBytes)
    },
  })
  const imports = bodyLimit({
    maxSize: maxImportBytes,
    onError: () => {
      throw tooLarge(maxImportBytes)
    },
  })
  return async function adminBodyLimitMiddleware(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const limit = PROFILE_IMPORT.test(c.req.path) ? imports : general
    return limit(c, next)
  }
}
