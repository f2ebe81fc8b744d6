import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { isDomainError } from '../../core/index.ts'
import { ERROR_KIND_STATUS, type ErrorKind } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import type { Logger } from '../logger.ts'
import { VersionMismatch } from './if-match.ts'

/** The HTTP status a domain error kind answers with. */
export const statusOf = (kind: ErrorKind): ContentfulStatusCode => ERROR_KIND_STATUS[kind]

/** An error as an HTTP answer: its status, the headers it needs beside `Content-Type`, and its JSON body. */
export interface ErrorAnswer {
  status: ContentfulStatusCode
  headers: Record<string, string>
  body: unknown
}

/**
 * The one place that turns errors into HTTP answers: a DomainError becomes its
 * status with `{ error: { code, message, field } }`; anything else is a 500
 * that names the request id and logs the error, never its details to the client.
 * The Hono app's error handler and the ingest routes' lean path both answer with it.
 */
export function errorAnswer(err: unknown, request: { requestId: string; log?: Logger }): ErrorAnswer {
  if (isDomainError(err)) {
    const headers: Record<string, string> = {}
    if (err.kind === 'unauthenticated')
      headers['WWW-Authenticate'] = err.code.startsWith('admin_') ? 'Bearer' : 'SharedAccessSignature'
    if (err.retryAfterSeconds !== undefined) headers['Retry-After'] = String(err.retryAfterSeconds)
    // The rest of a body that came too slowly is not waited for: the connection ends with the answer.
    if (err.kind === 'timeout') headers.Connection = 'close'
    // A 412 carries the current version, so the client can show what changed and retry.
    if (err instanceof VersionMismatch) headers.ETag = err.etag
    return {
      status: statusOf(err.kind),
      headers,
      body: {
        error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) },
        ...(err instanceof VersionMismatch ? { current: err.current } : {}),
      },
    }
  }
  if (err instanceof HTTPException) {
    return {
      status: err.status as ContentfulStatusCode,
      headers: {},
      body: { error: { code: 'http_error', message: err.message || 'request refused' } },
    }
  }
  request.log?.error({ err, requestId: request.requestId }, 'unexpected error')
  return {
    status: 500,
    headers: {},
    body: {
      error: {
        code: 'internal_error',
        message: `something went wrong on our side (request ${request.requestId})`,
      },
    },
  }
}

/** The Hono app's error handler: {@link errorAnswer} as a response. */
export function errorHandler(): ErrorHandler<AppEnv> {
  return function handleError(err, c: Context<AppEnv>) {
    const answer = errorAnswer(err, { requestId: c.get('requestId'), log: c.get('log') })
    for (const [name, value] of Object.entries(answer.headers)) c.header(name, value)
    return c.json(answer.body, answer.status)
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
