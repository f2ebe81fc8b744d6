import { DEFAULT_RETENTION_DAYS } from '../../schemas/index.ts'
import { toClickHouseTime } from './clickhouse-time.ts'
import type { ClickHouseHandle } from './clickhouse-client.ts'
import type { EventTable, TableDdl } from './table-ddl.ts'

/**
 * One schema change: statements that are safe to run again, rendered for the
 * shape the event tables live in (one engine, or a cluster: `table-ddl.ts`).
 */
export interface Migration {
  version: number
  name: string
  statements: (ddl: TableDdl, ch: Pick<ClickHouseHandle, 'keyValueEngine'>) => string[]
}

/**
 * A control-plane key-value table as releases before the Postgres control
 * plane created it: one JSON document per key. New installs keep the control
 * plane in Postgres and create none; `upgradeControlPlane` reads those an
 * older release left, and its test creates them (`createLegacyControlPlaneTables`).
 */
export const keyValueTable = (ch: Pick<ClickHouseHandle, 'keyValueEngine'>, table: string): string =>
  `CREATE TABLE IF NOT EXISTS ${table} (key String, doc String, updated_at DateTime64(3, 'UTC')) ` +
  `ENGINE = ${ch.keyValueEngine(table)} PRIMARY KEY key`

/**
 * The key-value tables migrations 2, 3, 10, 11, 12 and 15 created before the control plane moved to Postgres.
 * A frozen list, not CONTROL_PLANE_TABLES: today the two name the same tables, but a control-plane table
 * added later has no key-value table in an older data dir to read.
 */
export const LEGACY_CONTROL_PLANE_TABLES = [
  'cp_principals',
  'cp_principal_tokens',
  'cp_hubs',
  'cp_profiles',
  'cp_settings',
  'cp_instances',
  'cp_licences',
  'cp_contacts',
  'cp_portals',
  'cp_portal_subdomains',
  'cp_provisioning_jobs',
  'cp_portal_packages',
  'cp_site_records',
  'cp_certificates',
  'cp_host_names',
  'cp_metadata_translations',
  'cp_cases',
  'cp_checker_runs',
  'cp_checker_actions',
  'cp_portal_ideas',
] as const

/** Creates the key-value tables an older release had (to write such a data dir in a test). */
export async function createLegacyControlPlaneTables(ch: ClickHouseHandle): Promise<void> {
  for (const table of LEGACY_CONTROL_PLANE_TABLES)
    await ch.client.command({ query: keyValueTable(ch, table) })
}

/**
 * The interactions table as migration 1 created it. Ordered for the journey
 * query (hub, contact, time). ReplacingMergeTree folds duplicates of one
 * interaction in the background; reads are exact before merges because they
 * keep one row per interaction id. Small granules: a journey reads one
 * contact's rows, and with the default 8192 it decompressed ~3 MB of raw JSON
 * per part to find them (measured, bench/README.md: p95 on 10M rows fell from
 * 9.4 to 5.6 ms merged, 52 to 14 ms unmerged). In a cluster, one contact's
 * rows live on one shard.
 */
const INTERACTIONS_V1: EventTable = {
  name: 'interactions',
  columns: `hub_id LowCardinality(String),
        contact_id UUID,
        ts DateTime64(3, 'UTC'),
        interaction_id UUID,
        type LowCardinality(String),
        portal_id UUID,
        session_id String,
        item_id String,
        title String,
        language LowCardinality(String),
        raw String CODEC(ZSTD(3)),
        received_at DateTime64(3, 'UTC')`,
  engine: 'ReplacingMergeTree',
  partitionBy: 'toYYYYMM(ts)',
  orderBy: '(hub_id, contact_id, ts, interaction_id)',
  settings: 'index_granularity = 256',
  shardingKey: 'cityHash64(hub_id, contact_id)',
}

/** The quarantine as migration 1 created it: kept 30 days; a hub's rows on one shard. */
const QUARANTINE_V1: EventTable = {
  name: 'quarantine',
  columns: `hub_id LowCardinality(String),
        received_at DateTime64(3, 'UTC'),
        code LowCardinality(String),
        path String,
        message String,
        raw String CODEC(ZSTD(3))`,
  engine: 'MergeTree',
  partitionBy: 'toYYYYMMDD(received_at)',
  orderBy: '(hub_id, received_at)',
  ttl: 'toDateTime(received_at) + INTERVAL 30 DAY DELETE',
  shardingKey: 'cityHash64(hub_id)',
}

/**
 * Cases as migration 12 created them: beside interactions, ordered like them
 * (hub, contact, time) for the journey's per-contact read, and sharded like
 * them, so a journey's cases are on its interactions' shard; partitioned by
 * month and with a min-max index on created_at for per-period reads
 * (insights, the admin list). Folded by case id: a case's contact and
 * creation time never change (the reporting API refuses a repeat that moves
 * them), so one case is one sort key, and the latest report (reported_at)
 * wins a merge. Reads take the latest row per case_id, exact before merges.
 */
const CASES_V12: EventTable = {
  name: 'cases',
  columns: `hub_id LowCardinality(String),
        contact_id UUID,
        created_at DateTime64(3, 'UTC'),
        case_id UUID,
        case_number Nullable(String),
        portal_id Nullable(UUID),
        title Nullable(String),
        status Nullable(String),
        category Nullable(String),
        description Nullable(String) CODEC(ZSTD(3)),
        source LowCardinality(String),
        reported_at DateTime64(3, 'UTC'),
        INDEX case_id_bloom case_id TYPE bloom_filter GRANULARITY 1,
        INDEX created_at_minmax created_at TYPE minmax GRANULARITY 1`,
  engine: 'ReplacingMergeTree',
  engineArgument: 'reported_at',
  partitionBy: 'toYYYYMM(created_at)',
  orderBy: '(hub_id, contact_id, created_at, case_id)',
  settings: 'index_granularity = 1024',
  shardingKey: 'cityHash64(hub_id, contact_id)',
}

/**
 * Every schema change, oldest first. Append only: never edit a released one.
 * Each statement is idempotent, so a crash between a statement and its record
 * is harmless.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'interactions and quarantine',
    statements: (ddl) => [...ddl.createTable(INTERACTIONS_V1), ...ddl.createTable(QUARANTINE_V1)],
  },
  {
    version: 2,
    name: 'control plane: principals, hubs, profiles',
    // The control plane lives in Postgres now (control-plane-migrations.ts).
    statements: () => [],
  },
  {
    version: 3,
    name: 'control plane: tenancy, portals, provisioning jobs, site records',
    // The control plane lives in Postgres now (control-plane-migrations.ts).
    statements: () => [],
  },
  {
    version: 10,
    name: 'control plane: certificates, host names, metadata translations',
    // The control plane lives in Postgres now (control-plane-migrations.ts).
    statements: () => [],
  },
  {
    version: 12,
    name: 'cases',
    statements: (ddl) => ddl.createTable(CASES_V12),
  },
  {
    version: 11,
    name: 'control plane: portal checker runs and actions',
    // The control plane lives in Postgres now (control-plane-migrations.ts).
    statements: () => [],
  },
  {
    version: 8,
    name: 'quarantine stage: edge or store',
    // Rows the flusher sets aside (ClickHouse refused their data after a 202)
    // are told apart from items the edge refused (answered 400).
    statements: (ddl) =>
      ddl.alterTable(
        'quarantine',
        `ADD COLUMN IF NOT EXISTS stage LowCardinality(String) DEFAULT 'edge' AFTER received_at`,
        { distributed: true },
      ),
  },
  {
    version: 15,
    name: 'control plane: portal ideas',
    // The control plane lives in Postgres now (control-plane-migrations.ts).
    statements: () => [],
  },
  {
    version: 16,
    name: 'quarantine row id',
    statements: (ddl) => [
      // The quarantine list pages by (arrival time, id): a hash of the content tied two
      // identical rows of one millisecond, and the next page skipped the second.
      ...ddl.alterTable('quarantine', 'ADD COLUMN IF NOT EXISTS id UUID DEFAULT generateUUIDv4() FIRST', {
        distributed: true,
      }),
      // Rows written before get theirs stored now. Unmaterialised, the default would be
      // worked out again on every read (a new id each time); mutations_sync waits for it.
      ...ddl.alterTable('quarantine', 'MATERIALIZE COLUMN id SETTINGS mutations_sync = 2', {
        distributed: false,
      }),
    ],
  },
  {
    version: 17,
    name: 'interactions: compression blocks of 256 KiB',
    statements: (ddl) =>
      // Every part writer (an insert, a merge) holds a compression buffer per column of up to
      // max_compress_block_size (1 MiB stock); merges of the flusher's 5,000-row parts held the
      // most. Measured (bench/README.md, 2026-12-06): the engine's tracked peak in the batch
      // phase 117-136 -> 71-86 MiB, and in an insert-only loop 125-129 -> 94-99 MiB with
      // jemalloc's resident 176-226 -> 153-155 MiB, CPU per row no higher. Journeys read a few
      // granules of 256 rows: smaller blocks also mean less to decompress for each.
      ddl.alterTable(
        'interactions',
        'MODIFY SETTING max_compress_block_size = 262144, min_compress_block_size = 16384',
        { distributed: false },
      ),
  },
  {
    version: 18,
    name: 'interactions: article feedback vote and search result count',
    // Deflection reads these per row (helpful votes, searches with no results): as
    // columns, a query reads a byte per row instead of parsing `raw`. NULL for the
    // types (and searches) that do not carry them; rows stored before read NULL.
    statements: (ddl) =>
      ddl.alterTable(
        'interactions',
        'ADD COLUMN IF NOT EXISTS helpful Nullable(Bool) AFTER language, ' +
          'ADD COLUMN IF NOT EXISTS result_count Nullable(UInt64) AFTER helpful',
        { distributed: true },
      ),
  },
  {
    version: 19,
    name: 'retention per hub: interactions and cases expire by TTL',
    // Each row carries its hub's retention (days), stamped at flush (interactions) or insert
    // (cases) for hubs that set one, 395 by default; ClickHouse drops a row at the merges
    // after `time + retention_days`. One UInt16 per row, the same for a hub's rows: it
    // compresses to almost nothing. A change of a hub's retention rewrites this column of
    // the hub's stored rows (`ALTER … UPDATE`, one mutation per table). The TTL is not
    // materialised here: parts stored before carry the default and take the TTL at their
    // next merge, so this migration rewrites no part.
    statements: (ddl) => [
      ...ddl.alterTable(
        'interactions',
        `ADD COLUMN IF NOT EXISTS retention_days UInt16 DEFAULT ${DEFAULT_RETENTION_DAYS}`,
        { distributed: true },
      ),
      ...ddl.alterTable(
        'interactions',
        'MODIFY TTL toDateTime(ts) + toIntervalDay(retention_days) SETTINGS materialize_ttl_after_modify = 0',
        { distributed: false },
      ),
      ...ddl.alterTable('interactions', 'MODIFY SETTING materialize_ttl_recalculate_only = 1', {
        distributed: false,
      }),
      ...ddl.alterTable(
        'cases',
        `ADD COLUMN IF NOT EXISTS retention_days UInt16 DEFAULT ${DEFAULT_RETENTION_DAYS}`,
        { distributed: true },
      ),
      ...ddl.alterTable(
        'cases',
        'MODIFY TTL toDateTime(created_at) + toIntervalDay(retention_days) SETTINGS materialize_ttl_after_modify = 0',
        { distributed: false },
      ),
      ...ddl.alterTable('cases', 'MODIFY SETTING materialize_ttl_recalculate_only = 1', {
        distributed: false,
      }),
    ],
  },
]

/** The table that records which migrations ran (every node holds it in full in a cluster). */
export const schemaMigrationsTable = (ddl: TableDdl): string =>
  ddl.createEverywhereTable(
    'schema_migrations',
    `version UInt32, name String, applied_at DateTime64(3, 'UTC')`,
    'ReplacingMergeTree',
    'version',
  )

/**
 * Every statement the migrations run on a fresh store of one shape, in order,
 * with the version each belongs to: what `migrate` runs, and what the golden
 * files in `core/store/golden/` hold (parsed and formatted by the engine).
 */
export function migrationStatements(
  ddl: TableDdl,
  ch: Pick<ClickHouseHandle, 'keyValueEngine'>,
  migrations: Migration[] = MIGRATIONS,
): Array<{ version: number; statement: string }> {
  return [...migrations]
    .sort((a, b) => a.version - b.version)
    .flatMap((m) => m.statements(ddl, ch).map((statement) => ({ version: m.version, statement })))
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order,
 * and returns the versions it applied. In a cluster the statements run
 * `ON CLUSTER`: two edges starting at once may both run one; every statement
 * is idempotent (`IF NOT EXISTS`), so the second run changes nothing.
 */
export async function migrate(ch: ClickHouseHandle, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  await ch.client.command({ query: schemaMigrationsTable(ch.ddl) })
  const rs = await ch.client.query({
    query: 'SELECT version FROM schema_migrations FINAL',
    format: 'JSONEachRow',
  })
  const done = new Set((await rs.json<{ version: number }>()).map((r) => Number(r.version)))
  const applied: number[] = []
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue
    for (const statement of m.statements(ch.ddl, ch)) await ch.client.command({ query: statement })
    await ch.client.insert({
      table: 'schema_migrations',
      values: [{ version: m.version, name: m.name, applied_at: toClickHouseTime(Date.now()) }],
      format: 'JSONEachRow',
    })
    applied.push(m.version)
  }
  return applied
}

/** The highest migration version this build knows. */
export const LATEST_MIGRATION = Math.max(...MIGRATIONS.map((m) => m.version))

/** The highest migration version recorded in the store (0 when none). */
export async function appliedVersion(ch: ClickHouseHandle): Promise<number> {
  const rs = await ch.client.query({
    query: 'SELECT max(version) AS v FROM schema_migrations',
    format: 'JSONEachRow',
  })
  const [row] = await rs.json<{ v: number | string }>()
  return Number(row?.v ?? 0)
}
