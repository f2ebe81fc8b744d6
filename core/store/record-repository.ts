import type { z } from 'zod'
import { toClickHouseTime } from './interaction-repository.ts'
import type { ClickHouseHandle } from './clickhouse-client.ts'

/** A small table of JSON documents by key: hubs, principals, portals, jobs… */
export interface RecordRepository<T> {
  get(key: string): Promise<T | null>
  getMany(keys: readonly string[]): Promise<Map<string, T>>
  put(key: string, value: T): Promise<void>
  putMany(entries: ReadonlyArray<readonly [string, T]>): Promise<void>
  delete(key: string): Promise<void>
  /** Every document, or those whose key starts with `prefix`, ordered by key. */
  list(prefix?: string): Promise<Array<{ key: string; value: T }>>
}

/**
 * A repository over a control-plane key-value table created with
 * `keyValueTable()` in a migration. Documents are validated with `schema` on
 * the way out, so a corrupt row is an error, not a silent `any`.
 *
 * @example
 * const hubs = createRecordRepository(ch, 'cp_hubs', storedHubSchema)
 * await hubs.put(hub.id, hub)
 */
export function createRecordRepository<S extends z.ZodType>(
  ch: ClickHouseHandle,
  table: string,
  schema: S,
): RecordRepository<z.infer<S>> {
  type T = z.infer<S>
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`bad table name ${table}`)
  const decode = (doc: string): T => schema.parse(JSON.parse(doc))
  // Reads go to the read pool: a journey's profile lookup must not wait for the flusher.
  const rows = (query: string, params: Record<string, string | readonly string[]>) =>
    ch.readRows<{ key: string; doc: string }>({ query, params })
  const putMany = async (entries: ReadonlyArray<readonly [string, T]>) => {
    if (entries.length === 0) return
    const now = toClickHouseTime(Date.now())
    await ch.client.insert({
      table,
      values: entries.map(([key, value]) => ({ key, doc: JSON.stringify(value), updated_at: now })),
      format: 'JSONEachRow',
    })
  }
  return {
    async get(key) {
      const [row] = await rows(`SELECT key, doc FROM ${table} WHERE key = {key:String}`, { key })
      return row ? decode(row.doc) : null
    },
    async getMany(keys) {
      const out = new Map<string, T>()
      if (keys.length === 0) return out
      for (const row of await rows(`SELECT key, doc FROM ${table} WHERE key IN {keys:Array(String)}`, {
        keys,
      })) {
        out.set(row.key, decode(row.doc))
      }
      return out
    },
    put: (key, value) => putMany([[key, value]]),
    putMany,
    async delete(key) {
      await ch.client.command({
        query: `DELETE FROM ${table} WHERE key = {key:String}`,
        query_params: { key },
      })
    },
    async list(prefix = '') {
      const found = await rows(
        `SELECT key, doc FROM ${table} WHERE startsWith(key, {prefix:String}) ORDER BY key`,
        {
          prefix,
        },
      )
      return found.map((r) => ({ key: r.key, value: decode(r.doc) }))
    },
  }
}
