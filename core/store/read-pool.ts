import { type ClickHouseClient, parseError } from '@clickhouse/client'
import { Session } from 'chdb'
import { type ReadParam, inlineParams } from './sql-literal.ts'

/** A read: SQL with `{name:Type}` placeholders, their values, per-query settings, and the output format. */
export interface ReadQuery {
  query: string
  params?: Readonly<Record<string, ReadParam>>
  /** Per-query settings (`max_threads`, …); added as a `SETTINGS` clause, so the query must not have one. */
  settings?: Readonly<Record<string, number | string>>
  /** ClickHouse output format; default `JSONEachRow`. */
  format?: 'JSONEachRow' | 'TabSeparatedRaw' | 'JSON'
}

/** Where reads run, apart from the connection the flusher inserts on. */
export interface ReadPool {
  /** Sessions (embedded) or sockets (server) that can read at once. */
  readonly size: number
  /** The result as text in the query's format. */
  text(read: ReadQuery): Promise<string>
  close(): Promise<void>
}

const settingsClause = (settings: ReadQuery['settings']): string => {
  if (!settings) return ''
  const entries = Object.entries(settings)
  if (entries.length === 0) return ''
  return `\nSETTINGS ${entries
    .map(([k, v]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`bad setting name ${JSON.stringify(k)}`)
      return `${k} = ${typeof v === 'number' ? v : `'${String(v).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`}`
    })
    .join(', ')}`
}

/**
 * Reads on `size` chdb sessions of the data directory at `path`, each read on
 * the least busy one. Sessions on one directory share the process's engine but
 * each runs its own query: measured with `bench/chdb-concurrency.ts`, four
 * reads at a time on one session run at the speed of one at a time (457 vs
 * 467 queries/s), on four sessions 1.85 times as fast on two cores. The first
 * session starts the engine, so it carries the engine's arguments.
 */
export function createEmbeddedReadPool(options: {
  path: string
  size: number
  /** `clickhouse local` arguments: the engine's (first session) and every session's. */
  engineArgs: readonly string[]
  sessionArgs: readonly string[]
}): ReadPool & { sessions: readonly Session[] } {
  const sessions: Session[] = []
  try {
    for (let i = 0; i < options.size; i++) {
      const args = i === 0 ? [...options.engineArgs, ...options.sessionArgs] : [...options.sessionArgs]
      sessions.push(new Session(options.path, { connectionArgs: args }))
    }
  } catch (err) {
    for (const s of sessions) s.close()
    throw err
  }
  const busy = sessions.map(() => 0)
  const pick = () => {
    let best = 0
    for (let i = 1; i < busy.length; i++) if (busy[i]! < busy[best]!) best = i
    return best
  }
  return {
    size: sessions.length,
    sessions,
    async text(read) {
      const sql = inlineParams(read.query, read.params) + settingsClause(read.settings)
      const i = pick()
      busy[i]!++
      try {
        const result = await sessions[i]!.queryAsync(sql, { format: read.format ?? 'JSONEachRow' })
        return result.text()
      } catch (err) {
        // The same ClickHouseError (with its `type`) that reads on the client's connection throw.
        const mapped = parseError(err instanceof Error ? err.message : String(err))
        if (mapped !== err) mapped.cause = err
        throw mapped
      } finally {
        busy[i]!--
      }
    },
    async close() {
      for (const s of sessions) s.close()
    },
  }
}

/**
 * Reads on a ClickHouse server through a client of their own (its own socket
 * pool, `max_open_connections` = `size`), so a read never waits for a socket
 * the flusher's insert holds.
 */
export function createServerReadPool(client: ClickHouseClient, size: number): ReadPool {
  return {
    size,
    async text(read) {
      const rs = await client.query({
        query: read.query,
        query_params: read.params as Record<string, unknown> | undefined,
        clickhouse_settings: read.settings as Record<string, never> | undefined,
        format: read.format ?? 'JSONEachRow',
      })
      return rs.text()
    },
    close: () => client.close(),
  }
}
