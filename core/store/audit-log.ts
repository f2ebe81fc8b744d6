import { randomUUID } from 'node:crypto'
import { sealedSecretSchema } from '../secrets/index.ts'
import type { Queryable } from './control-plane-db.ts'
import { scopeStorage } from './scope-storage.ts'

/** How the actor signed in. */
export type AuditActorKind = 'admin_token' | 'console_session'

/** One field of a record an admin request changed; secrets are `"changed"`, never their value. */
export interface AuditChange {
  field: string
  before: unknown
  after: unknown
}

/** One admin write request: who, what, which fields, and how it ended. */
export interface AuditEntry {
  id: string
  at: string
  actor: { id: string; name: string; kind: AuditActorKind }
  operation: string
  target: { type: string; id: string | null }
  changes: AuditChange[]
  outcome: { status: number; code?: string }
  requestId: string
  clientAddress: string | null
}

/** The filters of `GET /v1/admin/audit`. */
export interface AuditQuery {
  targetType?: string
  targetId?: string
  actor?: string
  operation?: string
  from?: string
  to?: string
  /** Only entries about these instances' records (a System Administrator's view); absent: all. */
  instanceIds?: readonly string[]
  limit: number
  /** The `seq` of the previous page's last entry (entries come newest first). */
  before?: number
}

/** Most changes one entry lists (an import of 10,000 profiles lists the first ones and a count). */
export const MAX_CHANGES = 200

/**
 * Records about one contact (profiles, portal contacts): the log is append-only and an
 * erasure cannot reach it, so their fields are named, their values read "changed".
 */
const PERSONAL_KINDS = new Set(['profile', 'contact'])

/** What a secret's before and after read as in an entry. */
export const SECRET_CHANGED = 'changed'

/** Field names whose values are secrets wherever they appear (tokens, keys, passwords, their hashes). */
const SECRET_NAME =
  /secret|token|password|passphrase|hash|private|pfx|^key$|keys$|Key$|sealed|salt|credential/i

/**
 * The record writes one request made, collected by the repositories while an
 * audit scope is open (`auditScope.run(collector, …)`); closed once the
 * entry is written, so a job the request started records nothing later.
 */
export class ChangeCollector {
  readonly changes: AuditChange[] = []
  /** Changes beyond {@link MAX_CHANGES} (a bulk import), counted, not kept. */
  unlisted = 0
  closed = false

  /**
   * Notes one record's write: its opened forms (null: absent) and its stored, sealed
   * forms, which say which fields are secrets.
   */
  record(kind: string, opened: Pair, stored: Pair): void {
    if (this.closed) return
    for (const change of diffRecords(kind, opened, stored)) {
      if (this.changes.length < MAX_CHANGES) this.changes.push(change)
      else this.unlisted++
    }
  }

  /** The changes an entry lists: at most {@link MAX_CHANGES}, then one `(more)` naming how many were left out. */
  listed(): AuditChange[] {
    return this.unlisted === 0
      ? this.changes
      : [
          ...this.changes,
          { field: '(more)', before: null, after: `${this.unlisted} more changes not listed` },
        ]
  }
}

/** A record's form before and after a write (null: absent). */
export interface Pair {
  before: unknown
  after: unknown
}

/** The request-scoped collector the record repositories write into. */
export const auditScope = scopeStorage<ChangeCollector>()

/** Whether a value is, or holds, a sealed secret. */
function holdsSecret(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false
  if (sealedSecretSchema.safeParse(value).success) return true
  if (Array.isArray(value)) return value.some(holdsSecret)
  return Object.entries(value).some(([k, v]) => SECRET_NAME.test(k) || holdsSecret(v))
}

/**
 * The fields that differ between a record's opened forms, as `kind.field`; a
 * field whose name says secret, or that is or holds a sealed secret in the
 * stored form, reads `"changed"` before and after (its value never leaves).
 */
export function diffRecords(kind: string, opened: Pair, stored: Pair = opened): AuditChange[] {
  const b = asObject(opened.before)
  const a = asObject(opened.after)
  if (b === null && a === null) return []
  const sb = asObject(stored.before)
  const sa = asObject(stored.after)
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])]
  const out: AuditChange[] = []
  for (const field of fields) {
    const was = b?.[field] ?? null
    const is = a?.[field] ?? null
    if (JSON.stringify(was) === JSON.stringify(is)) continue
    const secret =
      PERSONAL_KINDS.has(kind) ||
      SECRET_NAME.test(field) ||
      [was, is, sb?.[field] ?? null, sa?.[field] ?? null].some(holdsSecret)
    out.push(
      secret
        ? { field: `${kind}.${field}`, before: SECRET_CHANGED, after: SECRET_CHANGED }
        : { field: `${kind}.${field}`, before: was, after: is },
    )
  }
  return out
}

const asObject = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null

/** The kind a record table's changes are named by: `cp_hubs` → `hub`. */
export const recordKind = (table: string): string => table.replace(/^cp_/, '').replace(/s$/, '')

/**
 * The audit log: appended to once per admin write request, read newest first.
 *
 * @example
 * const audit = createAuditLog(db)
 * await audit.append(entry, { instanceId: null })
 */
export function createAuditLog(db: Queryable) {
  return {
    /** Appends one entry; `instanceId` is the instance its target belongs to (a System Administrator's view). */
    async append(
      entry: Omit<AuditEntry, 'id' | 'at'> & { at?: string },
      scope: { instanceId: string | null },
    ): Promise<AuditEntry> {
      const full: AuditEntry = { id: randomUUID(), at: entry.at ?? new Date().toISOString(), ...entry }
      await db.query(
        `INSERT INTO audit_log (id, at, actor_id, operation, target_type, target_id, instance_id, entry)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json)`,
        [
          full.id,
          full.at,
          full.actor.id,
          full.operation,
          full.target.type,
          full.target.id,
          scope.instanceId,
          JSON.stringify(full),
        ],
      )
      return full
    },
    /** A page of entries, newest first, and the `seq` to continue before (null: the last page). */
    async list(q: AuditQuery): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
      const where: string[] = []
      const params: unknown[] = []
      const add = (sql: string, value: unknown) => {
        params.push(value)
        where.push(sql.replace('?', `$${params.length}`))
      }
      if (q.targetType !== undefined) add('target_type = ?', q.targetType)
      if (q.targetId !== undefined) add('target_id = ?', q.targetId)
      if (q.actor !== undefined) add('actor_id = ?', q.actor)
      if (q.operation !== undefined) add('operation = ?', q.operation)
      if (q.from !== undefined) add('at >= ?::timestamptz', q.from)
      if (q.to !== undefined) add('at < ?::timestamptz', q.to)
      if (q.instanceIds !== undefined) add('instance_id = ANY(?::text[])', [...q.instanceIds])
      if (q.before !== undefined) add('seq < ?', q.before)
      params.push(q.limit + 1)
      const { rows } = await db.query<{ seq: number; entry: AuditEntry | string }>(
        `SELECT seq, entry FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY seq DESC LIMIT $${params.length}`,
        params,
      )
      const page = rows.slice(0, q.limit)
      const more = rows.length > q.limit
      return {
        entries: page.map((r) => (typeof r.entry === 'string' ? JSON.parse(r.entry) : r.entry)),
        nextBefore: more ? Number(page[page.length - 1]!.seq) : null,
      }
    },
  }
}

/** The audit log's store. */
export type AuditLog = ReturnType<typeof createAuditLog>
