import { randomUUID } from 'node:crypto'
import { sealedSecretSchema } from '../secrets/index.ts'
import type { ControlPlaneDb, Queryable } from './control-plane-db.ts'
import { scopeStorage } from './scope-storage.ts'

/** How the actor signed in. */
export type AuditActorKind = 'admin_token' | 'console_session' | 'sas_token'

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
  /** The status it answered (null: its changes committed, then the process ended before it answered). */
  outcome: { status: number | null; code?: string }
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

/** Who made an admin request and what it is: everything of its entry known before it runs. */
export interface AuditHead {
  actor: AuditEntry['actor']
  operation: string
  target: { type: string; id: string | null }
  requestId: string
  clientAddress: string | null
}

/**
 * One admin request's audit context, carried through the request in
 * {@link auditScope}. Each control-plane record write the request makes
 * calls {@link AuditContext.record} inside the write's own transaction:
 * the entry's head (who, what, request id, client address) and a part
 * listing that write's changes are appended there, so the change and its
 * entry commit together or not at all. The middleware then closes the entry
 * with the outcome ({@link AuditLog.close}); a request that wrote nothing
 * (refused, 4xx) gets its head there. One head per request: its id is this
 * context's, and a second append of it does nothing.
 */
export class AuditContext {
  /** The entry's id: the head's key, and every part's. */
  readonly entryId: string = randomUUID()
  /** Changes listed so far (at most {@link MAX_CHANGES}; the rest counted in the parts). */
  private listedSoFar = 0
  /** Set once the request has answered: a job it started records nothing later. */
  closed = false

  constructor(readonly head: AuditHead) {}

  /**
   * Appends the head (if no earlier write did) and this write's changes, on
   * `tx`: the transaction of the write. `opened` are the record's forms before
   * and after (null: absent), `stored` its sealed forms, which say which
   * fields are secrets.
   */
  async record(tx: Queryable, kind: string, opened: Pair, stored: Pair): Promise<void> {
    if (this.closed) return
    const all = diffRecords(kind, opened, stored)
    const room = Math.max(0, MAX_CHANGES - this.listedSoFar)
    const listed = all.slice(0, room)
    this.listedSoFar += listed.length
    await appendHead(tx, this)
    await appendPart(tx, this.entryId, { changes: listed, unlisted: all.length - listed.length })
  }

  /**
   * Notes many writes of one kind (a bulk write), in one part: as {@link record} for each.
   */
  async recordMany(
    tx: Queryable,
    kind: string,
    writes: ReadonlyArray<{ opened: Pair; stored: Pair }>,
  ): Promise<void> {
    if (this.closed) return
    const changes: AuditChange[] = []
    let unlisted = 0
    for (const w of writes) {
      for (const change of diffRecords(kind, w.opened, w.stored)) {
        if (this.listedSoFar < MAX_CHANGES) {
          changes.push(change)
          this.listedSoFar++
        } else unlisted++
      }
    }
    await appendHead(tx, this)
    await appendPart(tx, this.entryId, { changes, unlisted })
  }
}

/** A record's form before and after a write (null: absent). */
export interface Pair {
  before: unknown
  after: unknown
}

/** The request-scoped audit context the record repositories write through. */
export const auditScope = scopeStorage<AuditContext>()

/**
 * The instance an entry's target belongs to, in SQL (an instance itself, a
 * portal's instance; null otherwise): what a System Administrator's view filters on.
 */
const INSTANCE_OF_TARGET = (type: string, id: string): string =>
  `CASE WHEN ${type} = 'instance' THEN ${id}
    WHEN ${type} = 'portal' THEN (SELECT doc->>'instanceId' FROM cp_portals WHERE key = ${id}) END`

/** Appends an entry's head, once: a second append of the same id does nothing. */
async function appendHead(on: Queryable, ctx: AuditContext, at = new Date()): Promise<void> {
  const { head } = ctx
  const entry = { id: ctx.entryId, at: at.toISOString(), ...head, changes: [], outcome: null }
  await on.query(
    `INSERT INTO audit_log (id, at, actor_id, operation, target_type, target_id, instance_id, entry)
      VALUES ($1, $2, $3, $4, $5, $6, ${INSTANCE_OF_TARGET('$5::text', '$6::text')}, $7::json)
      ON CONFLICT (id) DO NOTHING`,
    [
      ctx.entryId,
      entry.at,
      head.actor.id,
      head.operation,
      head.target.type,
      head.target.id,
      JSON.stringify(entry),
    ],
  )
}

/** One part of an entry: a write's changes, or the closing outcome (with the id a create answered). */
interface Part {
  changes: AuditChange[]
  unlisted: number
  outcome?: AuditEntry['outcome']
  targetType?: string
  targetId?: string | null
}

async function appendPart(on: Queryable, entryId: string, part: Part): Promise<void> {
  const closing = part.outcome !== undefined
  const targetId = closing ? (part.targetId ?? null) : null
  await on.query(
    `INSERT INTO audit_log_parts (entry_id, at, changes, unlisted, outcome, target_id, instance_id)
      VALUES ($1, now(), $2::json, $3, $4::json, $5::text,
        ${closing ? INSTANCE_OF_TARGET('$6::text', '$5::text') : 'NULL'})`,
    [
      entryId,
      JSON.stringify(part.changes),
      part.unlisted,
      closing ? JSON.stringify(part.outcome) : null,
      targetId,
      ...(closing ? [part.targetType ?? null] : []),
    ],
  )
}

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

type PartRow = {
  entry_id: string
  changes: AuditChange[] | string
  unlisted: number
  outcome: AuditEntry['outcome'] | string | null
  target_id: string | null
}
const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v)

/**
 * An entry as read: its head and its parts, oldest first: every write's
 * changes in order (at most {@link MAX_CHANGES}, then one `(more)` naming how
 * many were left out), the outcome the middleware closed it with, and the id
 * a create answered. A head without a closing part is a request whose
 * changes committed but whose answer was never recorded (the process ended
 * first): its outcome status is null.
 */
function assemble(head: AuditEntry, parts: readonly PartRow[]): AuditEntry {
  const changes = [...(head.changes ?? [])]
  let unlisted = 0
  let outcome: AuditEntry['outcome'] | null = head.outcome ?? null
  let targetId = head.target.id
  for (const p of parts) {
    changes.push(...parsed(p.changes))
    unlisted += Number(p.unlisted)
    if (p.outcome !== null) outcome = parsed(p.outcome)
    if (targetId === null && p.target_id !== null) targetId = p.target_id
  }
  if (unlisted > 0)
    changes.push({ field: '(more)', before: null, after: `${unlisted} more changes not listed` })
  return {
    ...head,
    target: { ...head.target, id: targetId },
    changes,
    outcome: outcome ?? { status: null },
  }
}

/**
 * The audit log: one entry per admin write request, read newest first. The
 * record repositories append entries inside their writes' transactions
 * ({@link AuditContext}); the middleware closes each with its outcome.
 *
 * @example
 * const audit = createAuditLog(db)
 * const context = new AuditContext({ actor, operation: 'updateHub', target, requestId, clientAddress: null })
 * await auditScope.run(context, () => hubs.update(hubId, { name }))
 * await audit.close(context, { outcome: { status: 200 } })
 */
export function createAuditLog(db: Pick<ControlPlaneDb, 'query' | 'transaction'>) {
  /**
   * Closes a request's entry: no later write records anything, and the
   * outcome (and, for a create, the id it answered) is appended, with the
   * head when no write appended it, in one transaction.
   */
  const close = async (
    ctx: AuditContext,
    end: { outcome: AuditEntry['outcome']; targetId?: string | null },
  ): Promise<void> => {
    ctx.closed = true
    await db.transaction(async (tx) => {
      await appendHead(tx, ctx)
      await appendPart(tx, ctx.entryId, {
        changes: [],
        unlisted: 0,
        outcome: end.outcome,
        targetType: ctx.head.target.type,
        targetId: ctx.head.target.id === null ? (end.targetId ?? null) : null,
      })
    })
  }
  return {
    close,
    /**
     * Appends a whole entry for something that changed nothing (a journey read a
     * hub logs): its head and outcome, in one transaction.
     */
    async appendRead(head: AuditHead, outcome: AuditEntry['outcome']): Promise<void> {
      await close(new AuditContext(head), { outcome })
    },
    /** A page of entries, newest first, and the `seq` to continue before (null: the last page). */
    async list(q: AuditQuery): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
      const where: string[] = []
      const params: unknown[] = []
      const add = (sql: string, value: unknown) => {
        params.push(value)
        where.push(sql.replaceAll('?', `$${params.length}`))
      }
      // A create's target id (and so its instance) is known once it answered: in its closing part.
      const orClosing = (column: string, test: string) =>
        `(a.${column} ${test} OR (a.target_id IS NULL AND EXISTS (SELECT 1 FROM audit_log_parts p
          WHERE p.entry_id = a.id AND p.${column} ${test})))`
      if (q.targetType !== undefined) add('a.target_type = ?', q.targetType)
      if (q.targetId !== undefined) add(orClosing('target_id', '= ?'), q.targetId)
      if (q.actor !== undefined) add('a.actor_id = ?', q.actor)
      if (q.operation !== undefined) add('a.operation = ?', q.operation)
      if (q.from !== undefined) add('a.at >= ?::timestamptz', q.from)
      if (q.to !== undefined) add('a.at < ?::timestamptz', q.to)
      if (q.instanceIds !== undefined) add(orClosing('instance_id', '= ANY(?::text[])'), [...q.instanceIds])
      if (q.before !== undefined) add('a.seq < ?', q.before)
      params.push(q.limit + 1)
      const { rows } = await db.query<{ seq: number; entry: AuditEntry | string }>(
        `SELECT a.seq, a.entry FROM audit_log a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY a.seq DESC LIMIT $${params.length}`,
        params,
      )
      const page = rows.slice(0, q.limit)
      const more = rows.length > q.limit
      const heads = page.map((r) => parsed(r.entry))
      const parts = new Map<string, PartRow[]>()
      if (heads.length > 0) {
        const found = await db.query<PartRow>(
          `SELECT entry_id::text AS entry_id, changes, unlisted, outcome, target_id FROM audit_log_parts
            WHERE entry_id = ANY($1::uuid[]) ORDER BY seq`,
          [heads.map((h) => h.id)],
        )
        for (const p of found.rows) parts.set(p.entry_id, [...(parts.get(p.entry_id) ?? []), p])
      }
      return {
        entries: heads.map((h) => assemble(h, parts.get(h.id) ?? [])),
        nextBefore: more ? Number(page[page.length - 1]!.seq) : null,
      }
    },
  }
}

/** The audit log's store. */
export type AuditLog = ReturnType<typeof createAuditLog>
