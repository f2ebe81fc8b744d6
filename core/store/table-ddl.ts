/**
 * One source of DDL for the event tables (interactions, cases, quarantine and
 * the migration record), rendered for the two shapes casetrail runs on:
 *
 * - `single`: one engine (embedded chdb, or one server): plain MergeTree tables
 *   under their own names.
 * - `cluster`: a ClickHouse cluster named by `CASETRAIL_CLICKHOUSE_CLUSTER`.
 *   Each table becomes a `Replicated…MergeTree` table `<name>_local` on every
 *   node (Keeper path from the `{shard}` / `{replica}` macros) and a
 *   `Distributed` table `<name>` over them, sharded by the table's key, so that
 *   every statement outside DDL (inserts, journey reads, insights) reads and
 *   writes the same table names in both shapes.
 *
 * DDL runs `ON CLUSTER`: an edge talks to one ClickHouse endpoint (through a
 * load balancer) and does not know the nodes; the cluster's DDL queue carries
 * each statement to every node. PostHog runs migrations per node role instead
 * because its nodes hold different tables; casetrail's nodes are all alike, so
 * one statement per change is enough and no edge needs the topology.
 */

/** Where the event tables live. */
export type TableShape = { kind: 'single' } | { kind: 'cluster'; cluster: string }

/** The parts of a MergeTree table, once for both shapes. */
export interface EventTable {
  name: string
  /** The column list, as it goes between the parentheses. */
  columns: string
  engine: 'MergeTree' | 'ReplacingMergeTree'
  /** The engine's own argument (the version column of a ReplacingMergeTree). */
  engineArgument?: string
  partitionBy: string
  orderBy: string
  ttl?: string
  settings?: string
  /**
   * The Distributed table's sharding key. Interactions and cases shard by
   * `cityHash64(hub_id, contact_id)`: one contact's journey (its interactions
   * and its cases) lives on one shard, and a read naming the contact touches
   * only that shard (`optimize_skip_unused_shards`).
   */
  shardingKey: string
}

/** How a change applies to the tables of a cluster. */
export interface AlterOptions {
  /**
   * Whether the Distributed table takes the change too: column changes do
   * (its columns must match the local table's); settings, mutations and
   * MATERIALIZE do not (a Distributed table stores nothing).
   */
  distributed: boolean
}

/** Renders statements for one shape. */
export interface TableDdl {
  readonly shape: TableShape
  /** `CREATE TABLE` statements for one event table (one single, two in a cluster). */
  createTable(table: EventTable): string[]
  /** `ALTER TABLE <name> <clause>` for the table(s) that hold the change. */
  alterTable(name: string, clause: string, options: AlterOptions): string[]
  /** A table every node holds in full (the migration record): replicated to all nodes in a cluster. */
  createEverywhereTable(name: string, columns: string, engine: 'ReplacingMergeTree', orderBy: string): string
  /** Merges a table's parts now (`OPTIMIZE … FINAL`), on every shard in a cluster. */
  optimizeFinal(name: string): string
  /**
   * A lightweight `DELETE … WHERE` on the table's rows, on every shard in a
   * cluster (a Distributed table takes no DELETE; the local tables do).
   */
  deleteWhere(name: string, where: string): string
  /** The name of the table that stores a table's rows (`<name>_local` in a cluster). */
  storageTable(name: string): string
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

const checkName = (what: string, name: string): string => {
  if (!IDENTIFIER.test(name))
    throw new Error(`${what} must be a plain identifier, got ${JSON.stringify(name)}`)
  return name
}

/** The cluster name as configured; it must be a plain identifier to appear in DDL. */
export const clusterName = (name: string): string => checkName('CASETRAIL_CLICKHOUSE_CLUSTER', name)

const tail = (t: EventTable): string =>
  [
    `PARTITION BY ${t.partitionBy}`,
    `ORDER BY ${t.orderBy}`,
    ...(t.ttl ? [`TTL ${t.ttl}`] : []),
    ...(t.settings ? [`SETTINGS ${t.settings}`] : []),
  ].join('\n')

/**
 * The DDL of one shape.
 *
 * @example
 * const ddl = tableDdl({ kind: 'cluster', cluster: 'casetrail' })
 * ddl.createTable(INTERACTIONS) // [local replicated table, Distributed table]
 */
export function tableDdl(shape: TableShape): TableDdl {
  if (shape.kind === 'single') {
    return {
      shape,
      createTable: (t) => [
        `CREATE TABLE IF NOT EXISTS ${checkName('table', t.name)} (${t.columns}) ENGINE = ${t.engine}${
          t.engineArgument ? `(${t.engineArgument})` : ''
        }\n${tail(t)}`,
      ],
      alterTable: (name, clause) => [`ALTER TABLE ${checkName('table', name)} ${clause}`],
      createEverywhereTable: (name, columns, engine, orderBy) =>
        `CREATE TABLE IF NOT EXISTS ${checkName('table', name)} (${columns}) ENGINE = ${engine} ORDER BY ${orderBy}`,
      optimizeFinal: (name) => `OPTIMIZE TABLE ${checkName('table', name)} FINAL`,
      deleteWhere: (name, where) => `DELETE FROM ${checkName('table', name)} WHERE ${where}`,
      storageTable: (name) => checkName('table', name),
    }
  }
  const cluster = clusterName(shape.cluster)
  const local = (name: string) => `${checkName('table', name)}_local`
  const onCluster = `ON CLUSTER ${cluster}`
  return {
    shape,
    createTable: (t) => [
      // Keeper path by shard, database and table; one replica name per node (macros).
      `CREATE TABLE IF NOT EXISTS ${local(t.name)} ${onCluster} (${t.columns}) ENGINE = Replicated${t.engine}(` +
        `'/clickhouse/tables/{shard}/{database}/{table}', '{replica}'${
          t.engineArgument ? `, ${t.engineArgument}` : ''
        })\n${tail(t)}`,
      `CREATE TABLE IF NOT EXISTS ${t.name} ${onCluster} AS ${local(t.name)} ` +
        `ENGINE = Distributed(${cluster}, currentDatabase(), ${local(t.name)}, ${t.shardingKey})`,
    ],
    alterTable: (name, clause, options) => [
      `ALTER TABLE ${local(name)} ${onCluster} ${clause}`,
      ...(options.distributed ? [`ALTER TABLE ${checkName('table', name)} ${onCluster} ${clause}`] : []),
    ],
    // One Keeper path without {shard}: every node of every shard is a replica of it.
    createEverywhereTable: (name, columns, engine, orderBy) =>
      `CREATE TABLE IF NOT EXISTS ${checkName('table', name)} ${onCluster} (${columns}) ENGINE = Replicated${engine}(` +
      `'/clickhouse/tables/all/{database}/{table}', '{replica}') ORDER BY ${orderBy}`,
    optimizeFinal: (name) => `OPTIMIZE TABLE ${local(name)} ${onCluster} FINAL`,
    deleteWhere: (name, where) => `DELETE FROM ${local(name)} ${onCluster} WHERE ${where}`,
    storageTable: local,
  }
}

/**
 * Settings of inserts into the event tables of a cluster:
 * - `distributed_foreground_insert`: the insert returns once every shard has
 *   its rows, not when the receiving node has queued them, so the edge trims
 *   its write-ahead log only for rows the shards hold;
 * - `insert_quorum = 'auto'` (a majority of a shard's replicas: both of two,
 *   two of three) with parallel quorum inserts, so that inserts from several
 *   edges do not wait on each other: a row acknowledged is on a majority of
 *   its shard's replicas.
 * Empty for a single engine.
 */
export const clusterInsertSettings = (shape: TableShape): Record<string, string | number> =>
  shape.kind === 'cluster'
    ? { distributed_foreground_insert: 1, insert_quorum: 'auto', insert_quorum_parallel: 1 }
    : {}

/**
 * Settings of the reads of one contact (a journey, a contact's cases): touch
 * only the shard that holds the contact (the sharding key's columns are in the
 * WHERE clause), and never a replica that trails by more than 5 s (the query
 * fails rather than answer from a stale replica; the edge answers 503 and the
 * reader retries). Rows are exact within a replica: reads keep one row per
 * interaction id (`LIMIT 1 BY`), so parts not yet merged never count twice.
 * Empty for a single engine.
 */
export const clusterContactReadSettings = (shape: TableShape): Record<string, string | number> =>
  shape.kind === 'cluster'
    ? {
        optimize_skip_unused_shards: 1,
        max_replica_delay_for_distributed_queries: 5,
        fallback_to_stale_replicas_for_distributed_queries: 0,
      }
    : {}
