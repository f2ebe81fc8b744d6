import type { z } from 'zod'
import { auditScope, recordKind } from './audit-log.ts'
import type { ControlPlaneDb, Queryable } from './control-plane-db.ts'

/** A document and the version its last write gave it. */
export interface Versioned<T> {
  value: T
  version: number
}

/** A conditional write's outcome: the new version, or the version found instead. */
export type ConditionalWrite =
  | { ok: true; version: number }
  | { ok: false; code: 'version_conflict' /** null: no such record. */; current: number | null }

/**
 * A small table of JSON documents by key, in the control-plane database:
 * hubs, principals, portals, jobs… Every write increments the record's
 * version (1 on insert), which conditional writes compare.
 */
export interface RecordRepository<T> {
  get(key: string): Promise<T | null>
  getVersioned(key: string): Promise<Versioned<T> | null>
  getMany(keys: readonly string[]): Promise<Map<string, T>>
  /** Writes whatever is there; resolves to the new version. */
  put(key: string, value: T): Promise<number>
  putMany(entries: ReadonlyArray<readonly [string, T]>): Promise<void>
  /**
   * Writes only if the record's version is still `expected` (null: only if
   * there is no such record): one `UPDATE … WHERE version = $n`, so two
   * writers holding one version cannot both win, whatever process they run in.
   */
  putIfVersion(key: string, value: T, expected: number | null): Promise<ConditionalWrite>
  /**
   * Reads the record under a row lock, lets `change` compute the next
   * document from it, and writes that (null: deletes; undefined: writes
   * nothing), in one transaction: a concurrent change is never dropped.
   * Resolves to what is stored afterwards.
   */
  update(
    key: string,
    change: (current: Versioned<T> | null) => T | null | undefined,
  ): Promise<Versioned<T> | null>
  delete(key: string): Promise<void>
  /** Deletes only if the record's version is still `expected`. */
  deleteIfVersion(key: string, expected: number): Promise<ConditionalWrite>
  /** Every document, or those whose key starts with `prefix`, ordered by key. */
  list(prefix?: string): Promise<Array<{ key: string; value: T }>>
  /**
   * At most `limit` documents whose key starts with `prefix`, ordered by key,
   * after the key `after`: one page, read in the store (for tables that grow).
   */
  listPage(prefix: string, after: string | null, limit: number): Promise<Array<{ key: string; value: T }>>
  /**
   * With a codec: opens every stored document (so a key that cannot open
   * them fails here) and writes again those the codec says are not sealed
   * with the current key (records written before sealing, or before a key
   * rotation). Returns how many it rewrote. With `prefix`, only the records
   * whose key starts with it (one kind of record in a shared table).
   */
  reseal(prefix?: string): Promise<number>
  /** The same repository on a transaction's connection (`db.transaction(tx => repo.in(tx)…)`). */
  in(tx: Queryable): RecordRepository<T>
}

/**
 * Turns a document into its stored form and back (e.g. sealing its secret
 * fields); both work on the JSON value and are given the record's key.
 */
export interface RecordCodec {
  seal(key: string, doc: unknown): unknown
  open(key: string, doc: unknown): unknown
  needsSealing(key: string, doc: unknown): boolean
}

/**
 * One writer at a time under the control plane's lock `name`, on every node
 * (a Postgres advisory lock with DATABASE_URL): for changes that read several
 * records and keep a rule across them (the last Global Administrator, a
 * licence per portal, one custom domain per portal).
 *
 * @example
 * const serialise = serialWriter(db, 'licences')
 * await serialise(async () => assignIfFree())
 */
export const serialWriter =
  (db: Pick<ControlPlaneDb, 'lock'>, name: string) =>
  <T>(fn: () => Promise<T>): Promise<T> =>
    db.lock(name, fn)

/** Where a repository runs its SQL: the control-plane database (`ControlPlaneDb`). */
export type RecordStore = Pick<ControlPlaneDb, 'query' | 'transaction' | 'lock'>

/**
 * A repository over a control-plane record table (`control-plane-migrations.ts`).
 * Documents are validated with `schema` on the way out, so a corrupt row is
 * an error, not a silent `any`. A `codec` (the secret sealer) transforms
 * documents on their way in and out.
 *
 * @example
 * const hubs = createRecordRepository(db, 'cp_hubs', storedHubSchema)
 * await hubs.put(hub.id, hub)
 */
export function createRecordRepository<S extends z.ZodType>(
  db: RecordStore,
  table: string,
  schema: S,
  codec?: RecordCodec,
): RecordRepository<z.infer<S>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`bad table name ${table}`)
  return repositoryOn(db, db, table, schema, codec)
}

type Row = { key: string; doc: unknown; version: number }

function repositoryOn<S extends z.ZodType>(
  db: RecordStore,
  q: Queryable,
  table: string,
  schema: S,
  codec: RecordCodec | undefined,
): RecordRepository<z.infer<S>> {
  type T = z.infer<S>
  const decode = (key: string, raw: unknown): T => schema.parse(codec ? codec.open(key, raw) : raw)
  const encode = (key: string, value: T): string => JSON.stringify(codec ? codec.seal(key, value) : value)
  const page = (rows: Row[]) => rows.map((r) => ({ key: r.key, value: decode(r.key, r.doc) }))
  const upsert = `INSERT INTO ${table} AS t (key, doc, version, updated_at) VALUES ($1, $2::json, 1, now())
    ON CONFLICT (key) DO UPDATE SET doc = EXCLUDED.doc, version = t.version + 1, updated_at = now()
    RETURNING version`
  const currentVersion = async (on: Queryable, key: string): Promise<number | null> => {
    const { rows } = await on.query<{ version: number }>(`SELECT version FROM ${table} WHERE key = $1`, [key])
    return rows[0]?.version ?? null
  }

  const kind = recordKind(table)
  /** Runs `fn` in a transaction: this repository's own, or the one it is already on (`in(tx)`, `update`). */
  const inTransaction = <R>(fn: (tx: Queryable) => Promise<R>): Promise<R> =>
    q === db ? db.transaction(fn) : fn(q)
  /**
   * Runs a write of `key` (to `after`, null: deleted). Inside an admin request's audit scope,
   * the stored form is read first and the write, and the entry noting what changed when
   * `wrote`, go in one transaction: the change commits with its entry, or neither does.
   */
  const audited = async <R>(
    key: string,
    after: T | null,
    write: (on: Queryable) => Promise<R>,
    wrote: (r: R) => boolean = () => true,
  ): Promise<R> => {
    const scope = auditScope.getStore()
    if (!scope || scope.closed) return write(q)
    return inTransaction(async (tx) => {
      const { rows } = await tx.query<{ doc: unknown }>(`SELECT doc FROM ${table} WHERE key = $1`, [key])
      const storedBefore = rows[0]?.doc ?? null
      const result = await write(tx)
      if (wrote(result)) {
        const storedAfter = after === null ? null : codec ? codec.seal(key, after) : after
        const openedBefore = storedBefore === null || !codec ? storedBefore : codec.open(key, storedBefore)
        await scope.record(
          tx,
          kind,
          { before: openedBefore, after },
          { before: storedBefore, after: storedAfter },
        )
      }
      return result
    })
  }

  const putIfVersion = (key: string, value: T, expected: number | null): Promise<ConditionalWrite> =>
    audited(
      key,
      value,
      (on) => putIfVersionOn(on, key, value, expected),
      (r) => r.ok,
    )
  const putIfVersionOn = async (
    on: Queryable,
    key: string,
    value: T,
    expected: number | null,
  ): Promise<ConditionalWrite> => {
    const { rows } =
      expected === null
        ? await on.query<{ version: number }>(
            `INSERT INTO ${table} (key, doc, version, updated_at) VALUES ($1, $2::json, 1, now())
              ON CONFLICT (key) DO NOTHING RETURNING version`,
            [key, encode(key, value)],
          )
        : await on.query<{ version: number }>(
            `UPDATE ${table} SET doc = $2::json, version = version + 1, updated_at = now()
              WHERE key = $1 AND version = $3 RETURNING version`,
            [key, encode(key, value), expected],
          )
    if (rows[0]) return { ok: true, version: rows[0].version }
    return { ok: false, code: 'version_conflict', current: await currentVersion(on, key) }
  }

  const repo: RecordRepository<T> = {
    async get(key) {
      return (await repo.getVersioned(key))?.value ?? null
    },
    async getVersioned(key) {
      const { rows } = await q.query<Row>(`SELECT key, doc, version FROM ${table} WHERE key = $1`, [key])
      const row = rows[0]
      return row ? { value: decode(row.key, row.doc), version: row.version } : null
    },
    async getMany(keys) {
      const out = new Map<string, T>()
      if (keys.length === 0) return out
      const { rows } = await q.query<Row>(`SELECT key, doc FROM ${table} WHERE key = ANY($1::text[])`, [
        [...keys],
      ])
      for (const row of rows) out.set(row.key, decode(row.key, row.doc))
      return out
    },
    put(key, value) {
      return audited(key, value, async (on) => {
        const { rows } = await on.query<{ version: number }>(upsert, [key, encode(key, value)])
        return rows[0]!.version
      })
    },
    async putMany(entries) {
      if (entries.length === 0) return
      // One statement; a key given twice keeps its last value (one row may not be updated twice).
      const last = new Map(entries.map(([k, v]) => [k, v]))
      const write = (on: Queryable) =>
        on.query(
          `INSERT INTO ${table} AS t (key, doc, version, updated_at)
            SELECT k, d::json, 1, now() FROM unnest($1::text[], $2::text[]) AS u(k, d)
            ON CONFLICT (key) DO UPDATE SET doc = EXCLUDED.doc, version = t.version + 1, updated_at = now()`,
          [[...last.keys()], [...last].map(([k, v]) => encode(k, v))],
        )
      const scope = auditScope.getStore()
      if (!scope || scope.closed) {
        await write(q)
        return
      }
      // In an admin request: the records' stored forms read first (one statement), then the
      // write and the entry noting each change, in one transaction.
      await inTransaction(async (tx) => {
        const { rows } = await tx.query<{ key: string; doc: unknown }>(
          `SELECT key, doc FROM ${table} WHERE key = ANY($1::text[])`,
          [[...last.keys()]],
        )
        const before = new Map(rows.map((row) => [row.key, row.doc]))
        await write(tx)
        await scope.recordMany(
          tx,
          kind,
          [...last].map(([k, v]) => {
            const stored = before.get(k) ?? null
            return {
              opened: { before: stored === null || !codec ? stored : codec.open(k, stored), after: v },
              stored: { before: stored, after: codec ? codec.seal(k, v) : v },
            }
          }),
        )
      })
    },
    putIfVersion,
    async update(key, change) {
      // Absent, there is no row to lock: the insert is conditional too, and a lost race reads again.
      for (;;) {
        const outcome = await (q === db ? db.transaction((tx) => updateOn(tx)) : updateOn(q))
        if (outcome !== 'retry') return outcome
      }
      async function updateOn(tx: Queryable): Promise<Versioned<T> | null | 'retry'> {
        const { rows } = await tx.query<Row>(
          `SELECT key, doc, version FROM ${table} WHERE key = $1 FOR UPDATE`,
          [key],
        )
        const row = rows[0]
        const current = row ? { value: decode(row.key, row.doc), version: row.version } : null
        const next = change(current)
        if (next === undefined) return current
        if (next === null) {
          if (current) await repositoryOn(db, tx, table, schema, codec).delete(key)
          return null
        }
        const written = await repositoryOn(db, tx, table, schema, codec).putIfVersion(
          key,
          next,
          current?.version ?? null,
        )
        return written.ok ? { value: next, version: written.version } : 'retry'
      }
    },
    async delete(key) {
      await audited(key, null, (on) => on.query(`DELETE FROM ${table} WHERE key = $1`, [key]))
    },
    deleteIfVersion(key, expected) {
      return audited(
        key,
        null,
        async (on): Promise<ConditionalWrite> => {
          const { rows } = await on.query<{ version: number }>(
            `DELETE FROM ${table} WHERE key = $1 AND version = $2 RETURNING version`,
            [key, expected],
          )
          if (rows[0]) return { ok: true, version: rows[0].version }
          return { ok: false, code: 'version_conflict', current: await currentVersion(on, key) }
        },
        (r) => r.ok,
      )
    },
    async list(prefix = '') {
      const { rows } = await q.query<Row>(`SELECT key, doc FROM ${table} WHERE key LIKE $1 ORDER BY key`, [
        likePrefix(prefix),
      ])
      return page(rows)
    },
    async listPage(prefix, after, limit) {
      const { rows } = await q.query<Row>(
        `SELECT key, doc FROM ${table} WHERE key LIKE $1 ${after === null ? '' : 'AND key > $3'}
          ORDER BY key LIMIT $2`,
        after === null ? [likePrefix(prefix), limit] : [likePrefix(prefix), limit, after],
      )
      return page(rows)
    },
    async reseal(prefix = '') {
      if (!codec) return 0
      const { rows } = await q.query<Row>(
        `SELECT key, doc, version FROM ${table} WHERE key LIKE $1 ORDER BY key`,
        [likePrefix(prefix)],
      )
      let rewritten = 0
      for (const r of rows) {
        const stale = codec.needsSealing(r.key, r.doc)
        const value = decode(r.key, r.doc)
        if (!stale) continue
        // A record changed meanwhile was sealed by that write: nothing left to do for it.
        if ((await putIfVersion(r.key, value, r.version)).ok) rewritten++
      }
      return rewritten
    },
    in: (tx) => repositoryOn(db, tx, table, schema, codec),
  }
  return repo
}

/** A LIKE pattern matching the keys that start with `prefix` (its `%`, `_` and `\` taken literally). */
const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
