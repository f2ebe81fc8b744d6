import type { ClickHouseHandle } from './clickhouse-client.ts'
import { toClickHouseTime } from './clickhouse-time.ts'

/** What a portal sent to its hub over a period, as the portal checker reads it. */
export interface IngestionStats {
  /** Interactions of the portal stored since `since` (duplicates folded). */
  accepted: number
  /** Items the edge refused since `since` whose `portal_portalid` names the portal. */
  rejected: number
  /** The commonest codes among those refusals, commonest first (at most three). */
  topCodes: Array<{ code: string; count: number }>
  /** When the portal's latest stored interaction arrived (ms), or null when none ever did. */
  lastReceivedAt: number | null
  /** Rows of the hub the store itself refused since `since` (poison rows the flusher set aside, quarantine stage `store`). */
  storeRefused: number
  /** The commonest store codes among those rows (at most three). */
  storeCodes: Array<{ code: string; count: number }>
}

// Rows the flusher set aside after ClickHouse refused their data carry stage 'store' (migration 8);
// the edge's validation refusals carry stage 'edge'.
const STORE_CODE_SQL = `stage = 'store'`

/**
 * Reads how a portal's interactions fared since a time: stored, refused at
 * the edge (from the quarantine, with the top codes), refused by the store,
 * and when the latest arrived. Queries with bound parameters only.
 *
 * @example
 * const stats = await ingestionStats(ch, { hubId, portalId, since: Date.now() - 86_400_000 })
 */
export async function ingestionStats(
  ch: ClickHouseHandle,
  q: { hubId: string; portalId: string; since: number },
): Promise<IngestionStats> {
  const params = { hub: q.hubId, portal: q.portalId.toLowerCase(), since: toClickHouseTime(q.since) }
  const rows = <T>(query: string): Promise<T[]> => ch.readRows<T>({ query, params })
  const [stored] = await rows<{ n: string | number }>(
    `SELECT uniqExact(interaction_id) AS n FROM interactions
      WHERE hub_id = {hub:String} AND toString(portal_id) = {portal:String} AND received_at >= {since:DateTime64(3, 'UTC')}`,
  )
  const [last] = await rows<{ at: string | number; n: string | number }>(
    `SELECT toUnixTimestamp64Milli(max(received_at)) AS at, count() AS n FROM interactions
      WHERE hub_id = {hub:String} AND toString(portal_id) = {portal:String}`,
  )
  const refusedCodes = await rows<{ code: string; n: string | number }>(
    `SELECT code, count() AS n FROM quarantine
      WHERE hub_id = {hub:String} AND received_at >= {since:DateTime64(3, 'UTC')}
        AND lower(JSONExtractString(raw, 'portal_portalid')) = {portal:String} AND NOT ${STORE_CODE_SQL}
      GROUP BY code ORDER BY n DESC, code`,
  )
  const storeCodes = await rows<{ code: string; n: string | number }>(
    `SELECT code, count() AS n FROM quarantine
      WHERE hub_id = {hub:String} AND received_at >= {since:DateTime64(3, 'UTC')} AND ${STORE_CODE_SQL}
      GROUP BY code ORDER BY n DESC, code`,
  )
  const counted = (list: Array<{ code: string; n: string | number }>) =>
    list.map((r) => ({ code: r.code, count: Number(r.n) }))
  const refused = counted(refusedCodes)
  const store = counted(storeCodes)
  return {
    accepted: Number(stored?.n ?? 0),
    rejected: refused.reduce((n, r) => n + r.count, 0),
    topCodes: refused.slice(0, 3),
    lastReceivedAt: Number(last?.n ?? 0) > 0 ? Number(last!.at) : null,
    storeRefused: store.reduce((n, r) => n + r.count, 0),
    storeCodes: store.slice(0, 3),
  }
}
