import type { MiddlewareHandler } from 'hono'
import type { AuditLog } from '../../core/index.ts'
import { AuditContext, auditScope } from '../../core/index.ts'
import { API_OPERATIONS } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { clientAddress } from '../client-address.ts'

/** The methods that change something. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** What an admin write route matches: its operationId, its path as a pattern, its target kind. */
interface WriteOperation {
  operationId: string
  method: string
  pattern: RegExp
  params: number
  targetType: string
}

/** The first path segment under `/v1/admin` names what a route is about: `hubs` → `hub`. */
const TARGET_TYPES: Record<string, string> = {
  hubs: 'hub',
  portals: 'portal',
  users: 'user',
  sessions: 'session',
  instances: 'instance',
  licences: 'licence',
  certificates: 'certificate',
  'host-names': 'host_name',
  'provisioning-jobs': 'provisioning_job',
  audit: 'audit',
}

/**
 * Every admin write operation of the registry (`schemas/api-operations.ts`),
 * literal paths before templated ones (`sessions/current` before `{id}`).
 */
export const ADMIN_WRITE_OPERATIONS: readonly WriteOperation[] = Object.entries(API_OPERATIONS)
  .filter(([, [method, path]]) => WRITES.has(method.toUpperCase()) && path.startsWith('/v1/admin/'))
  .map(([operationId, [method, path]]) => {
    const segment = path.split('/')[3]!
    return {
      operationId,
      method: method.toUpperCase(),
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '([^/]+)')}/?$`),
      params: (path.match(/\{/g) ?? []).length,
      targetType: TARGET_TYPES[segment] ?? segment,
    }
  })
  .sort((a, b) => a.params - b.params)

/** The admin write operation a request is, with its first path parameter (the target's id). */
export function writeOperationOf(
  method: string,
  path: string,
): { operation: WriteOperation; targetId: string | null } | null {
  for (const operation of ADMIN_WRITE_OPERATIONS) {
    if (operation.method !== method) continue
    const m = operation.pattern.exec(path)
    if (m) return { operation, targetId: m[1] === undefined ? null : decodeURIComponent(m[1]) }
  }
  return null
}

/**
 * Gives each admin request that changes something (POST, PUT, PATCH, DELETE
 * of an operation in the registry), refused ones included, one audit entry:
 * the principal and how they signed in, the operationId, the target (the
 * route's first path parameter, or the id a create answered), the
 * control-plane fields the request changed (secrets as "changed"), the
 * status and error code, the request id and client address. Runs after
 * `adminAuth` (an unauthenticated request has no actor and is not recorded).
 *
 * The request runs in an {@link AuditContext}: each control-plane record
 * write appends the entry's head and its changes inside that write's own
 * transaction, so no change commits without its entry, and no entry lists a
 * change that rolled back. Once the route has answered, the entry is closed
 * with the outcome (its head written then, if nothing was).
 */
export function auditLog(deps: { audit: AuditLog; trustProxy?: boolean }): MiddlewareHandler<AppEnv> {
  return async function auditLogMiddleware(c, next) {
    if (!WRITES.has(c.req.method)) return next()
    const found = writeOperationOf(c.req.method, c.req.path)
    if (!found) return next()
    const principal = c.get('principal')
    const context = new AuditContext({
      actor: {
        id: principal.id,
        name: principal.name,
        kind: c.get('bearer').session ? 'console_session' : 'admin_token',
      },
      operation: found.operation.operationId,
      target: { type: found.operation.targetType, id: found.targetId },
      requestId: c.get('requestId'),
      clientAddress: clientAddress(c, { trustProxy: deps.trustProxy ?? false }),
    })
    try {
      await auditScope.run(context, () => next())
    } finally {
      context.closed = true
    }
    const status = c.res.status
    const body = await jsonOf(c.res)
    const code = status >= 400 ? errorCodeOf(body) : undefined
    try {
      await deps.audit.close(context, {
        outcome: code === undefined ? { status } : { status, code },
        targetId: found.targetId ?? (status < 300 ? createdIdOf(body) : null),
      })
    } catch (err) {
      c.get('log').error({ err, requestId: c.get('requestId') }, 'audit entry not closed')
    }
  }
}

/** A JSON answer's body (null for anything else). */
async function jsonOf(res: Response): Promise<unknown> {
  if (!res.headers.get('content-type')?.includes('application/json')) return null
  try {
    return await res.clone().json()
  } catch {
    return null
  }
}

function errorCodeOf(body: unknown): string | undefined {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code
  return typeof code === 'string' ? code : undefined
}

/** The id a create answered with (`{id}` or `{hub: {id}}`, `{portal: {id}}`…). */
function createdIdOf(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null
  const b = body as Record<string, unknown>
  if (typeof b.id === 'string') return b.id
  for (const v of Object.values(b))
    if (v !== null && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string')
      return (v as { id: string }).id
  return null
}
