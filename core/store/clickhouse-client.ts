import { DomainError } from '../errors.ts'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { Readable } from 'node:stream'
import { type ClickHouseClient, createClient } from '@clickhouse/client'
import {
  DEFAULT_ENGINE_MEMORY_BYTES,
  ENGINE_SCHEDULING_SETTINGS,
  type EngineOptions,
  FLUSH_INSERT_PRIORITY,
  FLUSH_INSERT_SETTINGS,
  READ_SESSION_SETTINGS,
  REP_READ_PRIORITY,
  asEngineArgs,
  defaultReadSessions,
  engineMemorySettings,
  sessionSettings,
} from './engine-settings.ts'
import { loadEngine } from './engine-allocator.ts'
import { type ReadPool, type ReadQuery, createEmbeddedReadPool, createServerReadPool } from './read-pool.ts'
import {
  type TableDdl,
  type TableShape,
  clusterContactReadSettings,
  clusterInsertSettings,
  tableDdl,
} from './table-ddl.ts'

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>

/** Where the store lives: an embedded engine on a directory, or a ClickHouse server. */
export type StoreOptions =
  | { kind: 'embedded'; dataDir: string; engine?: EngineOptions }
  | {
      kind: 'server'
      url: string
      username?: string
      password?: string
      database: string
      /** Sockets reads may hold at once (`max_open_connections` of the read client). Default: one per core, 2 to 8. */
      readConnections?: number
      /**
       * The cluster (in the servers' `remote_servers`) the event tables are
       * replicated and sharded over (`CASETRAIL_CLICKHOUSE_CLUSTER`); unset, one server.
       */
      cluster?: string
    }

/** An open connection to ClickHouse and what the SQL needs to know about it. */
export interface ClickHouseHandle {
  client: ClickHouseClient
  kind: StoreOptions['kind']
  /** The DDL of the shape the event tables live in: one engine, or a cluster (`table-ddl.ts`). */
  ddl: TableDdl
  /** Table engine for control-plane key-value tables. */
  keyValueEngine: (table: string) => string
  /**
   * Inserts a body already in JSONEachRow into `table` as it is. Embedded, the
   * buffer goes to libchdb without being copied into a JS string (chdb's raw
   * insert); on a server it is the request body.
   */
  insertJsonEachRow(table: string, body: Buffer): Promise<void>
  /**
   * Reads that must not wait for inserts or for each other (journeys,
   * profiles, insights): a pool of engine sessions embedded, a client of
   * their own on a server. `client` stays for writes, DDL and admin reads.
   */
  read: ReadPool
  /** A read in JSONEachRow, one object per row. */
  readRows<T>(read: Omit<ReadQuery, 'format'>): Promise<T[]>
  /** The memory bound the embedded engine was given (null on a server). */
  memoryBytes: number | null
  close(): Promise<void>
}

/** One object per JSONEachRow line. */
const jsonLines = <T>(text: string): T[] => {
  const out: T[] = []
  let at = 0
  while (at < text.length) {
    let end = text.indexOf('\n', at)
    if (end < 0) end = text.length
    if (end > at) out.push(JSON.parse(text.slice(at, end)) as T)
    at = end + 1
  }
  return out
}

/** What chdb's connection adds beside the clickhouse-js Connection contract. */
interface ChdbRawInsert {
  chdb: {
    rawInsert(params: {
      table: string
      values: Buffer
      format: 'JSONEachRow'
      settings?: Record<string, number>
    }): Promise<unknown>
  }
}

/**
 * Settings of every JSONEachRow insert of encoded rows: a JSON object given
 * for a String column is stored as its text (how `encodeInteractionRow`
 * writes `raw`). The stock default on recent engines, stated for any server.
 */
const JSON_ROW_SETTINGS = { input_format_json_read_objects_as_strings: 1 }

async function execInsert(client: ClickHouseClient, table: string, body: Buffer): Promise<void> {
  const result = await client.exec({
    query: `INSERT INTO ${quoteIdentifier(table)} SETTINGS input_format_json_read_objects_as_strings = 1 FORMAT JSONEachRow`,
    values: Readable.from([body]),
  })
  result.stream.resume()
}

/**
 * Opens ClickHouse: the embedded engine (chdb) under `dataDir/clickhouse`, or
 * a server over HTTP. libchdb binds one data directory per process, so open
 * one handle at start and close it at shutdown.
 *
 * @example
 * const ch = await openClickHouse({ kind: 'embedded', dataDir: './data' })
 */
export async function openClickHouse(options: StoreOptions): Promise<ClickHouseHandle> {
  if (options.kind === 'embedded') {
    const path = resolve(options.dataDir, 'clickhouse')
    mkdirSync(path, { recursive: true })
    const memoryBytes = options.engine?.memoryBytes ?? DEFAULT_ENGINE_MEMORY_BYTES
    const priorities = options.engine?.priorities ?? true
    const insertSettings = {
      ...JSON_ROW_SETTINGS,
      ...FLUSH_INSERT_SETTINGS,
      ...(priorities ? FLUSH_INSERT_PRIORITY : {}),
    }
    const perSession = asEngineArgs(sessionSettings(memoryBytes))
    // chdb types its Connection against its own copy of @clickhouse/client-common;
    // the interface is the same one @clickhouse/client takes.
    let connection: ClientConnection
    let raw: ChdbRawInsert
    let read: ReturnType<typeof createEmbeddedReadPool> | undefined
    const engine = await loadEngine()
    try {
      // The read pool's first session starts the engine with the memory bound;
      // the client's connection (inserts, DDL, admin) joins the same engine.
      read = createEmbeddedReadPool({
        engine,
        path,
        size: options.engine?.readSessions ?? defaultReadSessions(),
        engineArgs: asEngineArgs({
          ...engineMemorySettings(memoryBytes),
          ...(priorities ? ENGINE_SCHEDULING_SETTINGS : {}),
        }),
        // 64-bit integers as JSON strings, as a ClickHouse server answers them.
        sessionArgs: [
          ...perSession,
          ...(priorities ? asEngineArgs(READ_SESSION_SETTINGS) : []),
          '--output_format_json_quote_64bit_integers=1',
        ],
        aheadSettings: priorities ? REP_READ_PRIORITY : undefined,
      })
      const chdbConnection = engine.createChdbConnection({ path })
      raw = chdbConnection as unknown as ChdbRawInsert
      connection = chdbConnection as unknown as ClientConnection
    } catch (err) {
      await read?.close()
      // libchdb prints "Cannot lock file …/status" and gives no code to branch on;
      // the likely cause is the one worth saying.
      throw new DomainError(
        'unavailable',
        'data_dir_in_use',
        `cannot open the embedded ClickHouse in ${path}: another process (a second casetrail?) may be using this data directory; stop it or set CASETRAIL_DATA_DIR to another directory (${(err as Error).message})`,
      )
    }
    const pool = read
    const client = createClient({ connection })
    // createChdbConnection takes no engine arguments: its session gets the per-query bound by SET.
    for (const [name, value] of Object.entries(sessionSettings(memoryBytes))) {
      await client.command({ query: `SET ${name} = ${value}` })
    }
    return {
      client,
      kind: 'embedded',
      ddl: tableDdl({ kind: 'single' }),
      keyValueEngine: () => 'EmbeddedRocksDB',
      insertJsonEachRow: async (table, body) => {
        await raw.chdb.rawInsert({
          table,
          values: body,
          format: 'JSONEachRow',
          settings: insertSettings,
        })
      },
      read: pool,
      readRows: async (q) => jsonLines(await pool.text(q)),
      memoryBytes,
      close: async () => {
        // Reads first: the ones still running or waiting are cancelled, not waited for.
        await pool.close()
        await client.close()
      },
    }
  }
  const shape: TableShape = options.cluster
    ? { kind: 'cluster', cluster: options.cluster }
    : { kind: 'single' }
  const ddl = tableDdl(shape)
  // The database may not exist yet: create it through a client that names none
  // (on every node of a cluster).
  const bootstrap = createClient({ url: options.url, username: options.username, password: options.password })
  await bootstrap.command({
    query: `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(options.database)}${
      shape.kind === 'cluster' ? ` ON CLUSTER ${shape.cluster}` : ''
    }`,
  })
  await bootstrap.close()
  const client = createClient({
    url: options.url,
    username: options.username,
    password: options.password,
    database: options.database,
    clickhouse_settings: {
      date_time_input_format: 'best_effort',
      ...(clusterInsertSettings(shape) as Record<string, never>),
    },
  })
  const readConnections = options.readConnections ?? defaultReadSessions()
  const read = createServerReadPool(
    createClient({
      url: options.url,
      username: options.username,
      password: options.password,
      database: options.database,
      max_open_connections: readConnections,
      clickhouse_settings: clusterContactReadSettings(shape) as Record<string, never>,
    }),
    readConnections,
  )
  return {
    client,
    kind: 'server',
    ddl,
    // A single server keeps control-plane rows in RocksDB too; a cluster
    // operator can switch these tables to KeeperMap (see README, "At scale").
    keyValueEngine: () => 'EmbeddedRocksDB',
    insertJsonEachRow: (table, body) => execInsert(client, table, body),
    read,
    readRows: async (q) => jsonLines(await read.text(q)),
    memoryBytes: null,
    close: async () => {
      await client.close()
      await read.close()
    },
  }
}

/** Quotes an identifier for SQL; only used for names from configuration. */
export function quoteIdentifier(name: string): string {
  return `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``
}
