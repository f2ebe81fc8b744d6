import { Hono } from 'hono'
import { DomainError, type Principal } from '../../core/index.ts'
import type { AuditEntry, AuditLog, AuditQuery } from '../../core/index.ts'
import { isTenantAdministrator } from '../../core/index.ts'
import { API } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { validateRoute as v } from '../middleware/validate-route.ts'
import { decodeCursor, encodeCursor } from '../paginate.ts'
import { toCsv } from './insight-csv.ts'

/** The CSV export's columns, one row per entry (changes as their JSON). */
const CSV_COLUMNS = [
  'id',
  'at',
  'actorId',
  'actorName',
  'actorKind',
  'operation',
  'targetType',
  'targetId',
  'status',
  'code',
  'requestId',
  'clientAddress',
  'changes',
] as const

const csvRow = (e: AuditEntry) => [
  e.id,
  e.at,
  e.actor.id,
  e.actor.name,
  e.actor.kind,
  e.operation,
  e.target.type,
  e.target.id,
  e.outcome.status,
  e.outcome.code ?? null,
  e.requestId,
  e.clientAddress,
  JSON.stringify(e.changes),
]

/** Entries an export reads per query. */
const EXPORT_PAGE = 500

/**
 * The instances whose entries the principal reads: all (undefined) for a
 * global or service administrator, their own for a System Administrator;
 * anyone else is refused.
 */
function scopeOf(principal: Principal): readonly string[] | undefined {
  if (isTenantAdministrator(principal)) return undefined
  const instances = principal.roles.flatMap((r) =>
    r.role === 'system_administrator' && r.instanceId ? [r.instanceId] : [],
  )
  if (instances.length === 0)
    throw new DomainError(
      'forbidden',
      'role_required',
      'reading the audit log takes a Global, Service or System Administrator',
    )
  return instances
}

/** `GET /v1/admin/audit`: the audit log, a page at a time or exported as CSV or NDJSON. */
export function auditRoutes(deps: { audit: AuditLog }) {
  const app = new Hono<AppEnv>()
  app.get('/audit', v(API.listAuditEntries), async (c) => {
    const { format, limit, cursor, ...filters } = c.var.input.query
    const query: Omit<AuditQuery, 'limit'> = { ...filters, instanceIds: scopeOf(c.get('principal')) }
    c.header('Cache-Control', 'private, no-store')
    if (format === 'json') {
      const before = cursor === undefined ? undefined : Number(decodeCursor(cursor))
      if (before !== undefined && !Number.isSafeInteger(before))
        throw new DomainError(
          'invalid',
          'invalid_cursor',
          'cursor must be the nextCursor a previous page gave',
          'cursor',
        )
      const page = await deps.audit.list({ ...query, limit, before })
      return c.json({
        entries: page.entries,
        nextCursor: page.nextBefore === null ? null : encodeCursor(String(page.nextBefore)),
      })
    }
    const entries: AuditEntry[] = []
    for (let before: number | undefined; ; ) {
      const page = await deps.audit.list({ ...query, limit: EXPORT_PAGE, before })
      entries.push(...page.entries)
      if (page.nextBefore === null) break
      before = page.nextBefore
    }
    c.header('Content-Disposition', `attachment; filename="casetrail-audit.${format}"`)
    if (format === 'csv')
      return c.body(toCsv(CSV_COLUMNS, entries.map(csvRow)), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
      })
    return c.body(entries.map((e) => `${JSON.stringify(e)}\n`).join(''), 200, {
      'Content-Type': 'application/x-ndjson',
    })
  })
  return app
}
