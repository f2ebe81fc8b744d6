import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { Readable } from 'node:stream'
import { type ClickHouseClient, createClient } from '@clickhouse/client'
import { createChdbConnection } from 'chdb/connection'

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>

/** Where the store lives: an embedded engine on a directory, or a ClickHouse server. */
export type StoreOptions =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'server'; url: string; username?: string; password?: string; database: string }

/** An open connection to ClickHouse and what the SQL needs to know about it. */
export interface ClickHouseHandle {
  client: ClickHouseClient
  kind: StoreOptions['kind']
  /** Table engine for control-plane key-value tables. */
  keyValueEngine: (table: string) => string
  /**
   * Inserts a body already in JSONEachRow into `table` as it is. Embedded, the
   * buffer goes to libchdb without being copied into a JS string (chdb's raw
   * insert); on a server it is the request body.
   */
  insertJsonEachRow(table: string, body: Buffer): Promise<void>
  close(): Promise<void>
}

/** What chdb's connection adds beside the clickhouse-js Connection contract. */
interface ChdbRawInsert {
  chdb: { rawInsert(params: { table: string; values: Buffer; format: 'JSONEachRow' }): Promise<unknown> }
}

async function execInsert(client: ClickHouseClient, table: string, body: Buffer): Promise<void> {
  const result = await client.exec({
    query: `INSERT INTO ${quoteIdentifier(table)} FORMAT JSONEachRow`,
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
    // chdb types its Connection against its own copy of @clickhouse/client-common;
    // the interface is the same one @clickhouse/client takes.
    let connection: ClientConnection
    let raw: ChdbRawInsert
    try {
      const chdbConnection = createChdbConnection({ path })
      raw = chdbConnection as unknown as ChdbRawInsert
      connection = chdbConnection as unknown as ClientConnection
    } catch (err) {
      // libchdb prints "Cannot lock file …/status" and gives no code to branch on;
      // the likely cause is the one worth saying.
      throw new Error(
        `cannot open the embedded ClickHouse in ${path}: another process (a second casetrail?) may be using this data directory; stop it or set CASETRAIL_DATA_DIR to another directory`,
        { cause: err },
      )
    }
    const client = createClient({ connection })
    return {
      client,
      kind: 'embedded',
      keyValueEngine: () => 'EmbeddedRocksDB',
      insertJsonEachRow: async (table, body) => {
        await raw.chdb.rawInsert({ table, values: body, format: 'JSONEachRow' })
      },
      close: () => client.close(),
    }
  }
  // The database may not exist yet: create it through a client that names none.
  const bootstrap = createClient({ url: options.url, username: options.username, password: options.password })
  await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(options.database)}` })
  await bootstrap.close()
  const client = createClient({
    url: options.url,
    username: options.username,
    password: options.password,
    database: options.database,
    clickhouse_settings: { date_time_input_format: 'best_effort' },
  })
  return {
    client,
    kind: 'server',
    // A single server keeps control-plane rows in RocksDB too; a cluster
    // operator can switch these tables to KeeperMap (see README, "At scale").
    keyValueEngine: () => 'EmbeddedRocksDB',
    insertJsonEachRow: (table, body) => execInsert(client, table, body),
    close: () => client.close(),
  }
}

/** Quotes an identifier for SQL; only used for names from configuration. */
export function quoteIdentifier(name: string): string {
  return `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``
}
