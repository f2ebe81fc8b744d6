import { DomainError, isDomainError } from '../errors.ts'
import type { ControlPlaneDb, Queryable } from './control-plane-db.ts'

/** Seconds a client is told to wait when the control plane is unreachable. */
export const CONTROL_PLANE_RETRY_AFTER_SECONDS = 5

/** Socket errors that mean the database could not be reached (or went away mid-query). */
const UNREACHABLE_SYSCALL_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])

/**
 * SQLSTATEs of a server that cannot serve now: class 08 (connection
 * exception), admin_shutdown, crash_shutdown, cannot_connect_now (starting
 * up or shutting down), too_many_connections.
 */
const UNREACHABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300'])

/**
 * Whether `err` says the control-plane database cannot be reached, as
 * opposed to a query it refused. Sorted by code; pg's own client errors
 * (a connection that ended, a connect timeout) carry no code, so those two
 * are known by their fixed messages.
 */
export function isControlPlaneUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string') {
    if (UNREACHABLE_SYSCALL_CODES.has(code) || UNREACHABLE_SQLSTATES.has(code)) return true
    if (/^08[0-9A-Z]{3}$/.test(code)) return true
    return false
  }
  return (
    err.message === 'Connection terminated unexpectedly' ||
    err.message === 'Connection terminated' ||
    err.message === 'timeout exceeded when trying to connect' ||
    err.message === 'Client has encountered a connection error and is not queryable'
  )
}

/** The answer an admin request gets while the control plane is unreachable: 503 with Retry-After. */
export const controlPlaneUnavailable = (): DomainError =>
  new DomainError(
    'unavailable',
    'control_plane_unavailable',
    'the control-plane database (DATABASE_URL) cannot be reached; beacons signed with known keys are still accepted, admin changes are not. Try again shortly',
    undefined,
    CONTROL_PLANE_RETRY_AFTER_SECONDS,
  )

const sorted = (err: unknown): unknown =>
  !isDomainError(err) && isControlPlaneUnreachable(err) ? controlPlaneUnavailable() : err

const guardQueryable = (q: Queryable): Queryable => ({
  async query<R>(text: string, params?: unknown[]) {
    try {
      return await q.query<R>(text, params)
    } catch (err) {
      throw sorted(err)
    }
  },
})

/**
 * The control plane as core uses it: a database that cannot be reached
 * throws `control_plane_unavailable` (503, `Retry-After`) from every query,
 * transaction and notification, instead of pg's socket errors (a 500).
 *
 * @example
 * const db = guardControlPlane(await openControlPlane({ databaseUrl, dataDir }))
 */
export function guardControlPlane(db: ControlPlaneDb): ControlPlaneDb {
  return {
    kind: db.kind,
    query: guardQueryable(db).query,
    transaction: (fn) =>
      db.transaction((tx) => fn(guardQueryable(tx))).catch((err: unknown) => Promise.reject(sorted(err))),
    listen: (channel, onPayload) =>
      db.listen(channel, onPayload).catch((err: unknown) => Promise.reject(sorted(err))),
    notify: (channel, payload) =>
      db.notify(channel, payload).catch((err: unknown) => Promise.reject(sorted(err))),
    lock: (name, fn) => db.lock(name, fn).catch((err: unknown) => Promise.reject(sorted(err))),
    close: () => db.close(),
  }
}
