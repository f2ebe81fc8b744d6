import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { isDomainError } from '../../core/index.ts'
import { ERROR_KIND_STATUS, type ErrorKind } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { VersionMismatch } from './if-match.ts'

/** The HTTP status a domain error kind answers with. */
export const statusOf = (kind: ErrorKind): ContentfulStatusCode => ERROR_KIND_STATUS[kind]

/**
 * The one place that turns errors into HTTP answers: a DomainError becomes its
 * status with `{ error: { code, message, field } }`; anything else is a 500
 * that names the request id and logs the error, never its details to the client.
 */
export function errorHandler(): ErrorHandler<AppEnv> {
  return function handleError(err, c: Context<AppEnv>) {
    if (isDomainError(err)) {
      const status = statusOf(err.kind)
      if (err.kind === 'unauthenticated')
        c.header('WWW-Authenticate', err.code.startsWith('admin_') ? 'Bearer' : 'SharedAccessSignature')
      if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.retryAfterSeconds))
      // The rest of a body that came too slowly is not waited for: the connection ends with the answer.
      if (err.kind === 'timeout') c.header('Connection', 'close')
      // A 412 carries the current version, so the client can show what changed and retry.
      if (err instanceof VersionMismatch) c.header('ETag', err.etag)
      return c.json(
        {
          error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) },
          ...(err instanceof VersionMismatch ? { current: err.current } : {}),
        },
        status,
      )
    }
    if (err instanceof HTTPException) {
      return c.json({ error: { code: 'http_error', message: err.message || 'request refused' } }, err.status)
    }
    const requestId = c.get('requestId')
    c.get('log')?.error({ err, requestId }, 'unexpected error')
    return c.json(
      {
        error: { code: 'internal_error', message: `something went wrong on our side (request ${requestId})` },
      },
      500,
    )
  }
}

/** Unknown routes answer 404 with the same error shape. */
export function notFoundHandler(): NotFoundHandler<AppEnv> {
  return function handleNotFound(c) {
    return c.json(
      { error: { code: 'route_not_found', message: `no route for ${c.req.method} ${c.req.path}` } },
      404,
    )
  }
}
