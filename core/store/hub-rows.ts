import type { ClickHouseHandle } from './clickhouse-client.ts'

/** The event tables whose rows belong to a hub and carry its retention. */
type HubTable = 'interactions' | 'cases'

/** A hub's rows dated before `cutoff` (a ClickHouse time, by `timeColumn`) removed now with a lightweight DELETE; answers how many. */
export async function removeHubRowsOlderThan(
  ch: ClickHouseHandle,
  table: HubTable,
  timeColumn: 'ts' | 'created_at',
  hubId: string,
  cutoff: string,
): Promise<number> {
  const params = { hub: hubId, cutoff }
  const where = `hub_id = {hub:String} AND ${timeColumn} < {cutoff:DateTime64(3, 'UTC')}`
  const [row] = await ch.readRows<{ n: string | number }>({
    query: `SELECT count() AS n FROM ${table} WHERE ${where}`,
    params,
  })
  const n = Number(row?.n ?? 0)
  if (n > 0) await ch.client.command({ query: ch.ddl.deleteWhere(table, where), query_params: params })
  return n
}

/**
 * Stamps a hub's stored rows with a new retention (the TTL follows); only parts holding a row
 * of the hub with another retention are rewritten. `wait` waits for the mutation on every replica.
 */
export async function setHubRetention(
  ch: ClickHouseHandle,
  table: HubTable,
  hubId: string,
  days: number,
  options: { wait: boolean },
): Promise<void> {
  if (!Number.isInteger(days) || days < 1 || days > 65535) throw new Error(`retention days ${days}`)
  for (const query of ch.ddl.alterTable(
    table,
    `UPDATE retention_days = ${days} WHERE hub_id = {hub:String} AND retention_days != ${days}`,
    { distributed: false },
  ))
    await ch.client.command({
      query,
      query_params: { hub: hubId },
      clickhouse_settings: options.wait ? { mutations_sync: '2' } : {},
    })
}
