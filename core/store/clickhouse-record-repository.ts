import type { z } from 'zod'
import { toClickHouseTime } from './clickhouse-time.ts'
import type { ClickHouseHandle } from './clickhouse-client.ts'
import type { RecordCodec } from './record-repository.ts'

/**
 * The control plane as releases before 0.2 kept it: JSON documents by key in
 * ClickHouse key-value tables (`cp_*`, EmbeddedRocksDB). Kept only to move a
 * data dir written then into Postgres (`upgradeControlPlane`) and to write
 * such a data dir in its test.
 */
export interface ClickHouseRecordRepository<T> {
  get(key: string): Promise<T | null>
  getMany(keys: readonly string[]): Promise<Map<string, T>>
  put(key: string, value: T): Promise<void>
  putMany(entries: ReadonlyArray<readonly [string, T]>): Promise<void>
  delete(key: string): Promise<void>
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
   * rotation). Returns how many it rewrote.
   */
  reseal(): Promise<number>
}

/**
 * A repository over a ClickHouse key-value table created with
 * `keyValueTable()` in a migration. Documents are validated with `schema` on
 * the way out, so a corrupt row is an error, not a silent `any`. A `codec`
 * (the secret sealer) transforms documents on their way in and out.
 *
 * @example
 * const hubs = createClickHouseRecordRepository(ch, 'cp_hubs', storedHubSchema)
 * await hubs.put(hub.id, hub)
 */
export function createClickHouseRecordRepository<S extends z.ZodType>(
  ch: ClickHouseHandle,
  table: string,
  schema: S,
  codec?: RecordCodec,
): ClickHouseRecordRepository<z.infer<S>> {
  type T = z.infer<S>
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`bad table name ${table}`)
  const decode = (key: string, doc: string): T => {
    const raw: unknown = JSON.parse(doc)
    return schema.parse(codec ? codec.open(key, raw) : raw)
  }
  const encode = (key: string, value: T): string => JSON.stringify(codec ? codec.seal(key, value) : value)
  // Reads go to the read pool: a journey's profile lookup must not wait for the flusher.
  const rows = (query: string, params: Record<string, string | number | readonly string[]>) =>
    ch.readRows<{ key: string; doc: string }>({ query, params })
  const putMany = async (entries: ReadonlyArray<readonly [string, T]>) => {
    if (entries.length === 0) return
    const now = toClickHouseTime(Date.now())
    await ch.client.insert({
      table,
      values: entries.map(([key, value]) => ({ key, doc: encode(key, value), updated_at: now })),
      format: 'JSONEachRow',
    })
  }
  return {
    async get(key) {
      const [row] = await rows(`SELECT key, doc FROM ${table} WHERE key = {key:String}`, { key })
      return row ? decode(row.key, row.doc) : null
    },
    async getMany(keys) {
      const out = new Map<string, T>()
      if (keys.length === 0) return out
      for (const row of await rows(`SELECT key, doc FROM ${table} WHERE key IN {keys:Array(String)}`, {
        keys,
      })) {
        out.set(row.key, decode(row.key, row.doc))
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
      return found.map((r) => ({ key: r.key, value: decode(r.key, r.doc) }))
    },
    async listPage(prefix, after, limit) {
      const found = await rows(
        `SELECT key, doc FROM ${table} WHERE startsWith(key, {prefix:String})
          ${after === null ? '' : 'AND key > {after:String}'}
          ORDER BY key LIMIT {limit:UInt32}`,
        { prefix, limit, ...(after === null ? {} : { after }) },
      )
      return found.map((r) => ({ key: r.key, value: decode(r.key, r.doc) }))
    },
    async reseal() {
      if (!codec) return 0
      const found = await rows(`SELECT key, doc FROM ${table} ORDER BY key`, {})
      const stale: Array<[string, T]> = []
      for (const r of found) {
        const value = decode(r.key, r.doc)
        if (codec.needsSealing(r.key, JSON.parse(r.doc))) stale.push([r.key, value])
      }
      await putMany(stale)
      return stale.length
    },
  }
}
