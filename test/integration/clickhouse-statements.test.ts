import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { queryBind } from 'chdb'
import { describe, expect, it } from 'vitest'
import { migrationStatements, schemaMigrationsTable } from '../../core/testing.ts'
import { type TableShape, tableDdl } from '../../core/testing.ts'

/**
 * Every DDL statement of both shapes (one engine; a cluster) and the
 * statements the dialect writes for merges and deletes, parsed and formatted
 * by ClickHouse's own parser (the embedded engine's `formatQuery`) and held to
 * the golden files in core/store/golden/. A statement the parser refuses fails
 * here; a changed statement shows up in review as a diff of those files.
 * `CASETRAIL_UPDATE_GOLDEN=1 npx vitest run test/integration/clickhouse-statements.test.ts`
 * writes them anew.
 */

const GOLDEN = join(import.meta.dirname, '../../core/store/golden')
const update = process.env.CASETRAIL_UPDATE_GOLDEN === '1'

/** The engine's own formatting of one statement; throws the engine's error for one it cannot parse. */
const format = (statement: string): string =>
  (
    JSON.parse(queryBind('SELECT formatQuery({q:String}) AS f', { q: statement }, 'JSONEachRow')) as {
      f: string
    }
  ).f

const EVENT_TABLES = ['interactions', 'cases', 'quarantine'] as const

/** The statements of one shape, in the order a fresh store runs them, then the dialect's. */
function statementsOf(shape: TableShape): Array<{ label: string; statement: string }> {
  const ddl = tableDdl(shape)
  // The control-plane tables are not event tables: they live in Postgres (and,
  // in data dirs of older releases, in key-value tables the upgrade reads).
  const noKeyValue = { keyValueEngine: () => 'EmbeddedRocksDB' }
  return [
    { label: 'migration record', statement: schemaMigrationsTable(ddl) },
    ...migrationStatements(ddl, noKeyValue)
      .filter(({ statement }) => !/\bcp_[a-z_]+\b/.test(statement))
      .map(({ version, statement }) => ({ label: `migration ${version}`, statement })),
    ...EVENT_TABLES.flatMap((table) => [
      { label: `merge ${table}`, statement: ddl.optimizeFinal(table) },
      {
        label: `delete from ${table}`,
        statement: ddl.deleteWhere(table, 'hub_id = {hub:String} AND contact_id = {contact:UUID}'),
      },
    ]),
  ]
}

const render = (shape: TableShape): string =>
  `${statementsOf(shape)
    .map(({ label, statement }) => `-- ${label}\n${format(statement)};`)
    .join('\n\n')}\n`

describe('ClickHouse statements, parsed by the engine and held to golden files', () => {
  const shapes: Array<[string, TableShape]> = [
    ['single.sql', { kind: 'single' }],
    ['cluster.sql', { kind: 'cluster', cluster: 'casetrail' }],
  ]
  for (const [file, shape] of shapes) {
    it(`renders the ${shape.kind} shape's statements as ${file} holds them`, () => {
      const text = render(shape)
      const path = join(GOLDEN, file)
      if (update || !existsSync(path)) writeFileSync(path, text)
      expect(text).toBe(readFileSync(path, 'utf8'))
    })
  }

  it('refuses a statement the parser cannot read (the check can fail)', () => {
    expect(() => format('CREATE TABLE x ON CLUSTER (a UInt8) ENGINE = MergeTree ORDER BY a')).toThrow()
  })

  it('gives every event table of a cluster a replicated local table and a Distributed table sharded by its key', () => {
    const cluster = statementsOf({ kind: 'cluster', cluster: 'casetrail' }).map((s) => format(s.statement))
    for (const table of EVENT_TABLES) {
      const local = cluster.find((s) =>
        s.startsWith(`CREATE TABLE IF NOT EXISTS ${table}_local ON CLUSTER casetrail`),
      )
      expect(local, table).toMatch(
        /ENGINE = Replicated(Replacing)?MergeTree\('\/clickhouse\/tables\/\{shard\}\/\{database\}\/\{table\}', '\{replica\}'/,
      )
      const distributed = cluster.find((s) =>
        s.startsWith(`CREATE TABLE IF NOT EXISTS ${table} ON CLUSTER casetrail`),
      )
      expect(distributed, table).toContain(
        `ENGINE = Distributed(casetrail, currentDatabase(), ${table}_local, cityHash64(hub_id`,
      )
    }
    // One contact's interactions and cases on one shard: the same key.
    const key = (table: string) =>
      cluster.find((s) => s.includes(`${table}_local, cityHash64`))?.match(/cityHash64\([^)]*\)/)?.[0]
    expect(key('interactions')).toBe('cityHash64(hub_id, contact_id)')
    expect(key('cases')).toBe(key('interactions'))
    // Mutations and merges go to the local tables, on every node; none to a Distributed table.
    expect(
      cluster.filter((s) => /^(OPTIMIZE|DELETE)/.test(s)).every((s) => /_local ON CLUSTER casetrail/.test(s)),
    ).toBe(true)
    expect(
      cluster.some((s) =>
        /^ALTER TABLE (?!\w+_local )\w+ ON CLUSTER casetrail\s+\(?(MODIFY SETTING|MATERIALIZE)/m.test(s),
      ),
    ).toBe(false)
  })

  it('renders the single shape exactly as the statements the migrations ran before cluster mode', () => {
    // The embedded default's tables must not change: same statement, same formatting, as created by
    // the releases before (the first statements of migration 1, as they were written then).
    const single = statementsOf({ kind: 'single' }).map((s) => format(s.statement))
    expect(single[1]).toBe(
      format(`CREATE TABLE IF NOT EXISTS interactions (
        hub_id LowCardinality(String), contact_id UUID, ts DateTime64(3, 'UTC'), interaction_id UUID,
        type LowCardinality(String), portal_id UUID, session_id String, item_id String, title String,
        language LowCardinality(String), raw String CODEC(ZSTD(3)), received_at DateTime64(3, 'UTC')
      ) ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(ts) ORDER BY (hub_id, contact_id, ts, interaction_id)
      SETTINGS index_granularity = 256`),
    )
  })
})
