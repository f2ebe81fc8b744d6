import type { ClickHouseHandle } from './clickhouse-client.ts'
import type { ControlPlaneDb } from './control-plane-db.ts'
import { CONTROL_PLANE_TABLES } from './control-plane-migrations.ts'
import { LEGACY_CONTROL_PLANE_TABLES } from './migrations.ts'

/** The advisory lock key the move runs under (two nodes starting at once: one moves, the other finds it done). */
const UPGRADE_LOCK = 0x6361736574_02
const SOURCE = 'clickhouse-key-value-tables'

/**
 * Moves the control-plane records a data dir's older release kept in
 * ClickHouse key-value tables (`cp_*`, EmbeddedRocksDB) into the control-plane
 * database, once: documents are copied as stored (sealed secrets stay sealed
 * with the same key), in one transaction that also records the move, so a
 * crash half-way leaves nothing moved and the next start moves it all. A key
 * already in Postgres is kept. The ClickHouse tables are left as they were
 * (a rollback to the older release still finds them); nothing reads them after.
 * Resolves to how many records it moved per table, or null when there was
 * nothing to move (a new install, or moved before).
 */
export async function upgradeControlPlane(
  ch: ClickHouseHandle,
  db: ControlPlaneDb,
): Promise<Record<string, number> | null> {
  const { rows: done } = await db.query('SELECT 1 FROM control_plane_imports WHERE source = $1', [SOURCE])
  if (done.length > 0) return null
  const present = new Set(
    (
      await ch.readRows<{ name: string }>({
        query:
          'SELECT name FROM system.tables WHERE database = currentDatabase() AND name IN {names:Array(String)}',
        params: { names: [...LEGACY_CONTROL_PLANE_TABLES] },
      })
    ).map((r) => r.name),
  )
  const tables = CONTROL_PLANE_TABLES.filter((t) => present.has(t))
  if (tables.length === 0) return null
  const found = new Map<string, Array<{ key: string; doc: string }>>()
  for (const table of tables)
    found.set(
      table,
      await ch.readRows<{ key: string; doc: string }>({ query: `SELECT key, doc FROM ${table}`, params: {} }),
    )
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [UPGRADE_LOCK])
    const again = await tx.query('SELECT 1 FROM control_plane_imports WHERE source = $1', [SOURCE])
    if (again.rows.length > 0) return null
    const moved: Record<string, number> = {}
    let total = 0
    for (const [table, rows] of found) {
      if (rows.length === 0) continue
      const { rows: inserted } = await tx.query(
        `INSERT INTO ${table} (key, doc, version, updated_at)
          SELECT k, d::json, 1, now() FROM unnest($1::text[], $2::text[]) AS u(k, d)
          ON CONFLICT (key) DO NOTHING RETURNING key`,
        [rows.map((r) => r.key), rows.map((r) => r.doc)],
      )
      moved[table] = inserted.length
      total += inserted.length
    }
    await tx.query('INSERT INTO control_plane_imports (source, records) VALUES ($1, $2)', [SOURCE, total])
    return moved
  })
}
