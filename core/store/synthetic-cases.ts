import type { ClickHouseHandle } from './clickhouse-client.ts'
import type { InsightSpan } from './insight-queries.ts'
import { toClickHouseTime } from './clickhouse-time.ts'

/** What {@link generateSyntheticCases} builds. */
export interface SyntheticCasesOptions {
  hubId: string
  portalId: string
  /** Cases to generate. */
  cases: number
  /** Contacts they are spread over, with the same uuids `generateSyntheticInteractions` gives contacts. */
  contacts: number
  /** Creation times fall uniformly in `[from, to)`, ms since the epoch. */
  from: number
  to: number
}

/**
 * Fills the cases table with synthetic cases for benchmarks (`npm run bench
 * -- --only insights`), generated inside ClickHouse from numbers(), for the
 * contacts of the synthetic interactions.
 */
export async function generateSyntheticCases(
  ch: ClickHouseHandle,
  options: SyntheticCasesOptions,
): Promise<void> {
  await ch.client.command({
    query: `INSERT INTO cases (hub_id, contact_id, created_at, case_id, case_number, portal_id, title, status,
        category, description, source, reported_at)
      SELECT {hub:String}, 
        toUUID(concat('00000000-0000-4000-8000-', leftPad(lower(hex(cityHash64(number, 7) % {contacts:UInt64})), 12, '0'))),
        fromUnixTimestamp64Milli(toInt64({fromMs:Int64} + cityHash64(number, 8) % {spanMs:UInt64}), 'UTC') AS created,
        generateUUIDv4(number), concat('CAS-', toString(100000 + number)), toUUID({portal:String}),
        concat('Synthetic case ', toString(number)), 'active', NULL, NULL, 'crm', created
      FROM numbers({count:UInt64})`,
    query_params: {
      hub: options.hubId,
      portal: options.portalId,
      contacts: options.contacts,
      fromMs: options.from,
      spanMs: Math.max(1, options.to - options.from),
      count: options.cases,
    },
  })
}

/**
 * The baseline the insight queries are measured beside: one plain pass over
 * the period's content reads of a hub (readers and views per item), with no
 * cases and no join. What any report over the period costs at least.
 */
export async function scanPeriodBaseline(ch: ClickHouseHandle, span: InsightSpan): Promise<number> {
  const rs = await ch.client.query({
    query: `SELECT type, item_id, uniqExact(contact_id) AS readers, uniqExact(interaction_id) AS views
      FROM interactions
      WHERE hub_id = {hub:String} AND type != 'portal_search'
        AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
      GROUP BY type, item_id`,
    query_params: { hub: span.hubId, from: toClickHouseTime(span.from), to: toClickHouseTime(span.to) },
    format: 'JSONEachRow',
  })
  return (await rs.json()).length
}
