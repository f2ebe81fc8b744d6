import { createHash } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { DomainError } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'

/** The ETag of a record as the API shows it: a hash of its JSON. */
export const etagOf = (view: unknown): string =>
  `"${createHash('sha256').update(JSON.stringify(view)).digest('base64url').slice(0, 27)}"`

/** `If-Match` did not match: someone changed the record first. Answers 412 with the current version. */
export class VersionMismatch extends DomainError {
  constructor(
    readonly current: unknown,
    readonly etag: string,
  ) {
    super(
      'precondition_failed',
      'version_mismatch',
      'the record changed since you read it (If-Match does not match its ETag); the answer holds the current version',
      'if-match',
    )
  }
}

/**
 * Versions an admin record: the answer carries `ETag` (a hash of the record's
 * JSON), and an update sent with `If-Match` goes ahead only when it names the
 * current version; otherwise 412 `version_mismatch` with the current record
 * and its ETag, so two admins can never silently overwrite each other.
 * `If-Match: *` and no `If-Match` at all go ahead (as HTTP says).
 *
 * @example
 * app.patch('/:portalId', versioned((c) => portals.get(c.get('principal'), c.req.param('portalId'))), …)
 */
export function versioned(current: (c: Context<AppEnv>) => Promise<unknown>): MiddlewareHandler<AppEnv> {
  return async function versionedMiddleware(c, next) {
    const ifMatch = c.req.header('if-match')?.trim()
    if (ifMatch && ifMatch !== '*' && c.req.method !== 'GET') {
      const view = await current(c)
      const etag = etagOf(view)
      const offered = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''))
      if (!offered.includes(etag)) throw new VersionMismatch(view, etag)
    }
    await next()
    if (c.res.status === 200 && (c.res.headers.get('content-type') ?? '').includes('json')) {
      const body = (await c.res.clone().json()) as unknown
      c.res.headers.set('ETag', etagOf(body))
    }
  }
}
