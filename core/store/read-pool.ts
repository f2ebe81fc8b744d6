import { type ClickHouseClient, parseError } from '@clickhouse/client'
import type { Session } from 'chdb'
import { DomainError } from '../errors.ts'
import type { EngineLibrary } from './engine-allocator.ts'
import { type ReadParam, inlineParams } from './sql-literal.ts'

/** A read: SQL with `{name:Type}` placeholders, their values, per-query settings, and the output format. */
export interface ReadQuery {
  query: string
  params?: Readonly<Record<string, ReadParam>>
  /** Per-query settings (`max_threads`, …); added as a `SETTINGS` clause, so the query must not have one. */
  settings?: Readonly<Record<string, number | string>>
  /** ClickHouse output format; default `JSONEachRow`. */
  format?: 'JSONEachRow' | 'TabSeparatedRaw' | 'JSON'
  /**
   * A rep's read, bounded to one thread and a contact's few granules (a journey's
   * interactions and cases): on the embedded engine, with its priorities, it runs
   * ahead of every other thread (`REP_READ_NICE`). A server's reads are left as they are.
   */
  ahead?: boolean
}

/** Where reads run, apart from the connection the flusher inserts on. */
export interface ReadPool {
  /** Sessions (embedded) or sockets (server) that can read at once. */
  readonly size: number
  /** The result as text in the query's format. */
  text(read: ReadQuery): Promise<string>
  /** Reads running or waiting for a session now. */
  inFlight(): number
  /** Resolves once no read is in flight (at once when none is). */
  idle(): Promise<void>
  /**
   * Refuses every read from now on, and cancels those waiting for a session
   * and those running (`503 shutting_down`); then closes the sessions. What
   * shutdown calls at its deadline, so no read holds the process.
   */
  close(): Promise<void>
}

/**
 * What every read's SQL starts with, so that closing the pool can find the
 * engine queries still running (`system.processes`) and kill them.
 */
const READ_MARK = '/* casetrail read */'

/** The refusal of a read cancelled or asked for while the store closes. */
const closing = () =>
  new DomainError(
    'unavailable',
    'shutting_down',
    'the server is shutting down; retry on another node or after it restarts',
    undefined,
    1,
  )

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

/** Counts reads in flight and wakes those waiting for none: what the flusher yields to. */
function readCounter() {
  let count = 0
  let waiting: Array<() => void> = []
  return {
    inFlight: () => count,
    idle: () => (count === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
    started() {
      count++
    },
    ended() {
      if (--count > 0) return
      const wake = waiting
      waiting = []
      for (const resolve of wake) resolve()
    },
  }
}

/**
 * Reads on `size` chdb sessions of the data directory at `path`, one read per
 * session at a time, the others queued in order. Sessions on one directory share the process's engine but
 * each runs its own query: measured with `bench/chdb-concurrency.ts`, four
 * reads at a time on one session run at the speed of one at a time (457 vs
 * 467 queries/s), on four sessions 1.85 times as fast on two cores. The first
 * session starts the engine, so it carries the engine's arguments.
 */
export function createEmbeddedReadPool(options: {
  /** libchdb, loaded by `loadEngine` (its allocator configured first). */
  engine: EngineLibrary
  path: string
  size: number
  /** `clickhouse local` arguments: the engine's (first session) and every session's. */
  engineArgs: readonly string[]
  sessionArgs: readonly string[]
  /** Per-query settings added to a read marked `ahead` (none: such a read runs as any other). */
  aheadSettings?: Readonly<Record<string, number>>
}): ReadPool & { sessions: readonly Session[] } {
  const sessions: Session[] = []
  try {
    for (let i = 0; i < options.size; i++) {
      const args = i === 0 ? [...options.engineArgs, ...options.sessionArgs] : [...options.sessionArgs]
      sessions.push(new options.engine.Session(options.path, { connectionArgs: args }))
    }
  } catch (err) {
    for (const s of sessions) s.close()
    throw err
  }
  // One query per session at a time, the rest wait here: a query sent to a busy
  // session would hold one of libuv's four threads while it waits for the session,
  // and the write-ahead log's fdatasync needs those threads too.
  const idle = [...sessions]
  const waiting: Array<{ resolve: (s: Session) => void; reject: (err: Error) => void }> = []
  // Aborted by close(): a running chdb query's promise rejects at once, but a single-shot
  // query goes on computing in the engine; close() stops those with KILL QUERY.
  const shutdown = new AbortController()
  let running = 0
  const reads = readCounter()
  const acquire = () =>
    new Promise<Session>((resolve, reject) => {
      if (shutdown.signal.aborted) return reject(closing())
      const s = idle.pop()
      if (s) resolve(s)
      else waiting.push({ resolve, reject })
    })
  const release = (s: Session) => {
    const next = waiting.shift()
    if (next) next.resolve(s)
    else idle.push(s)
  }
  const runOnSession = async (sql: string, format: ReadQuery['format']): Promise<string> => {
    const session = await acquire()
    running++
    try {
      const result = await session.queryAsync(sql, {
        format: format ?? 'JSONEachRow',
        signal: shutdown.signal,
      })
      return result.text()
    } catch (err) {
      if (shutdown.signal.aborted) throw closing()
      // The same ClickHouseError (with its `type`) that reads on the client's connection throw.
      const mapped = parseError(err instanceof Error ? err.message : String(err))
      if (mapped !== err) mapped.cause = err
      throw mapped
    } finally {
      running--
      release(session)
    }
  }
  return {
    size: sessions.length,
    sessions,
    inFlight: reads.inFlight,
    idle: reads.idle,
    async text(read) {
      const settings =
        read.ahead && options.aheadSettings ? { ...read.settings, ...options.aheadSettings } : read.settings
      const sql = `${READ_MARK} ${inlineParams(read.query, read.params)}${settingsClause(settings)}`
      reads.started()
      try {
        return await runOnSession(sql, read.format)
      } finally {
        reads.ended()
      }
    },
    async close() {
      shutdown.abort()
      for (const w of waiting.splice(0)) w.reject(closing())
      if (running > 0) {
        // Every session may be busy: the kill goes on a session of its own. ASYNC: it marks
        // the queries cancelled and returns; each stops at its next block (measured 0.4 s).
        const killer = new options.engine.Session(options.path, { connectionArgs: [...options.sessionArgs] })
        try {
          await killer.queryAsync(`KILL QUERY WHERE startsWith(query, '${READ_MARK}') ASYNC`, {
            format: 'CSV',
            timeout: 5_000,
          })
        } catch {
          // Nothing to kill any more, or the engine is going away: closing goes on.
        } finally {
          killer.close()
        }
      }
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
  const shutdown = new AbortController()
  const reads = readCounter()
  return {
    size,
    inFlight: reads.inFlight,
    idle: reads.idle,
    async text(read) {
      if (shutdown.signal.aborted) throw closing()
      reads.started()
      try {
        const rs = await client.query({
          query: read.query,
          query_params: read.params as Record<string, unknown> | undefined,
          clickhouse_settings: read.settings as Record<string, never> | undefined,
          format: read.format ?? 'JSONEachRow',
          abort_signal: shutdown.signal,
        })
        return await rs.text()
      } catch (err) {
        if (shutdown.signal.aborted) throw closing()
        throw err
      } finally {
        reads.ended()
      }
    },
    async close() {
      shutdown.abort()
      await client.close()
    },
  }
}
