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
 * Per-record locks held on every node: the control plane's `lock` (a Postgres
 * advisory lock per record with DATABASE_URL; embedded, a per-process queue,
 * the database being this process's alone). One for the whole app, handed to
 * every route file that changes a versioned record, so a lock taken in one
 * file holds against the others, and on one node against the others.
 */
export type RecordLocks = <T>(key: string, fn: () => Promise<T>) => Promise<T>

/** A versioned admin record, as {@link versioned} needs to know it. */
export interface VersionedRecord {
  /** The locks the app shares. */
  locks: RecordLocks
  /**
   * The lock's key: one per *stored* record (`portal:{id}`), the same on
   * every route that changes it, even when routes show it differently.
   */
  record: (c: Context<AppEnv>) => string
  /** The record as the route's GET shows it (null when there is none); its ETag is the hash of this. */
  current: (c: Context<AppEnv>) => Promise<unknown>
  /**
   * What a 412 shows of the current record (default: all of it). Hubs drop
   * their key secrets here: the ETag may hash a secret, an answer never shows one.
   */
  redact?: (view: unknown) => unknown
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Versions an admin record: a GET's answer carries `ETag` (a hash of the
 * record's JSON), and an update sent with `If-Match` goes ahead only when it
 * names the current version; otherwise 412 `version_mismatch` with the
 * current record and its ETag, so two admins can never silently overwrite
 * each other. `If-Match: *` and no `If-Match` at all go ahead (as HTTP says).
 *
 * The check and the write are one step: an update holds the record's lock
 * from reading the version through the handler's write (and the new ETag,
 * read back under the same lock, so it is the version this update made even
 * when the answer is not the record, e.g. a regenerated key). Every route
 * that changes the record takes the lock, with or without `If-Match`
 * ({@link lockRecord} where a route has no version of its own to check).
 * The locks are the control plane's, so this holds across nodes sharing one
 * Postgres: correctness does not depend on which process answers.
 *
 * @example
 * const portalVersion = versioned({ locks, record: (c) => `portal:${c.req.param('portalId')}`,
 *   current: (c) => portals.get(c.get('principal'), c.req.param('portalId')!) })
 * app.patch('/:portalId', v(API.updatePortal), portalVersion, handler)
 */
export function versioned(options: VersionedRecord): MiddlewareHandler<AppEnv> {
  const { locks, record, current, redact = (view) => view } = options
  // Headers go on with c.header, never c.res.headers.set: the Node server writes a finished
  // answer's headers from its own copy, so a set on c.res is lost on the wire (app.request kept it).
  return async function versionedMiddleware(c, next) {
    if (!MUTATING.has(c.req.method)) {
      await next()
      if (c.res.status === 200 && (c.res.headers.get('content-type') ?? '').includes('json')) {
        c.header('ETag', etagOf((await c.res.clone().json()) as unknown))
      }
      return
    }
    await locks(record(c), async () => {
      const ifMatch = c.req.header('if-match')?.trim()
      if (ifMatch && ifMatch !== '*') {
        const view = await current(c)
        const etag = etagOf(view)
        const offered = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''))
        if (!offered.includes(etag)) throw new VersionMismatch(redact(view), etag)
      }
      await next()
      if (c.res.status >= 200 && c.res.status < 300) {
        // A change that removed the record has no version left to name (current throws or gives null).
        const after = await current(c).catch(() => null)
        if (after !== null && after !== undefined) c.header('ETag', etagOf(after))
      }
    })
  }
}

/**
 * Takes a record's lock for a route that changes it but has no `If-Match`
 * of its own (restart, remove a binding…), so it cannot slip between another
 * update's version check and its write.
 */
export function lockRecord(
  locks: RecordLocks,
  record: (c: Context<AppEnv>) => string,
): MiddlewareHandler<AppEnv> {
  return async function lockRecordMiddleware(c, next) {
    await locks(record(c), () => next())
  }
}
