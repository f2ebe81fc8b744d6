import type { ClickHouseHandle } from './clickhouse-client.ts'

/** What {@link generateSyntheticInteractions} builds. */
export interface SyntheticInteractionsOptions {
  hubId: string
  portalId: string
  /** Interactions to generate. */
  rows: number
  /**
   * Contacts they are spread over, evenly. Contact `n` has the uuid
   * `00000000-0000-4000-8000-<n as 12 hex digits>`, as `contactId(n)` in
   * `bench/payloads.js` makes it.
   */
  contacts: number
  /** Timestamps fall uniformly in `[from, to)`, ms since the epoch. */
  from: number
  to: number
  /** Distinct articles, posts and threads (and search strings' seeds) the rows name. Default 500. */
  items?: number
  /**
   * The deflection mix (`npm run bench -- --only deflection`): the five types
   * (article feedback too, helpful two times in three), searches with a result
   * count (none for one in four), and sessions of seven interactions a minute
   * apart by one contact. Off: the four seed types, as the other phases measure.
   */
  outcomes?: boolean
  /** Rows per INSERT … SELECT; progress is reported after each. Default 1,000,000. */
  chunkRows?: number
  onProgress?: (done: number, total: number) => void
}

// `raw` up to each type's own fields: the common fields, then the three content types' fields;
// each statement below adds its other types and closes the multiIf. One text for both.
const RAW_HEAD = `
    '{"type":"', type,
    '","portal_interactionid":"', toString(interaction_id),
    '","portal_contactid":"', toString(contact_id),
    '","portal_timestamp":"', replaceOne(toString(ts), ' ', 'T'), 'Z',
    '","portal_portalid":"', toString(portal_id),
    '","portal_sessionid":"', session_id, '",',
    multiIf(
      type = 'portal_viewknowledgearticle',
        concat('"portal_knowledgearticleid":"', item_id, '","portal_knowledgetitle":"', title, '","portal_language":"en-US"}'),
      type = 'portal_viewblogpost', concat('"portal_blogpostid":"', item_id, '","portal_blogtitle":"', title, '"}'),
      type = 'portal_viewforumthread',
        concat('"portal_forumthreadid":"', item_id, '","portal_forumthreadtitle":"', title, '"}'),`

// One statement, run per chunk of numbers(): every column is computed inside
// ClickHouse, so ten million rows never cross into JavaScript. `raw` is the
// interaction as a portal would have sent it (the journey API returns it).
const GENERATE_SQL = `
INSERT INTO interactions
  (hub_id, contact_id, ts, interaction_id, type, portal_id, session_id, item_id, title, language, raw, received_at)
SELECT hub_id, contact_id, ts, interaction_id, type, portal_id, session_id, item_id, title, language,
  concat(${RAW_HEAD}
      concat('"portal_searchstring":"', title, '"}')
    )
  ) AS raw,
  ts AS received_at
FROM (
  SELECT
    {hub:String} AS hub_id,
    toUUID(concat('00000000-0000-4000-8000-', leftPad(lower(hex(number % {contacts:UInt64})), 12, '0'))) AS contact_id,
    fromUnixTimestamp64Milli(toInt64({fromMs:Int64} + cityHash64(number, 1) % {spanMs:UInt64}), 'UTC') AS ts,
    generateUUIDv4(number) AS interaction_id,
    ['portal_viewknowledgearticle', 'portal_viewblogpost', 'portal_viewforumthread', 'portal_search'][
      1 + cityHash64(number, 2) % 4] AS type,
    toUUID({portal:String}) AS portal_id,
    concat('gen-', lower(hex(intDiv(number, 7) % 1000000))) AS session_id,
    cityHash64(number, 3) % {items:UInt64} AS k,
    if(type = 'portal_search', '', concat('00000000-0000-4000-9000-', leftPad(lower(hex(k)), 12, '0'))) AS item_id,
    multiIf(
      type = 'portal_viewknowledgearticle', concat('How to fix problem number ', toString(k)),
      type = 'portal_viewblogpost', concat('Release notes ', toString(k)),
      type = 'portal_viewforumthread', concat('Question about feature ', toString(k)),
      ['reset password', 'two factor new phone', 'invoice pdf export', 'cancel subscription', 'refund'][1 + k % 5]
    ) AS title,
    if(type = 'portal_viewknowledgearticle', 'en-US', '') AS language
  FROM numbers({start:UInt64}, {count:UInt64})
)`

// The deflection mix: seven interactions of one contact a minute apart make a session.
const GENERATE_OUTCOMES_SQL = `
INSERT INTO interactions
  (hub_id, contact_id, ts, interaction_id, type, portal_id, session_id, item_id, title, language, helpful,
   result_count, raw, received_at)
SELECT hub_id, contact_id, ts, interaction_id, type, portal_id, session_id, item_id, title, language, helpful,
  result_count,
  concat(${RAW_HEAD}
      type = 'portal_articlefeedback',
        concat('"portal_knowledgearticleid":"', item_id, '","portal_helpful":', if(helpful, 'true', 'false'), '}'),
      concat('"portal_searchstring":"', title, '"',
        if(isNull(result_count), '', concat(',"portal_searchresultcount":', toString(result_count))), '}')
    )
  ) AS raw,
  ts AS received_at
FROM (
  SELECT
    {hub:String} AS hub_id,
    intDiv(number, 7) AS visit,
    toUUID(concat('00000000-0000-4000-8000-', leftPad(lower(hex(visit % {contacts:UInt64})), 12, '0'))) AS contact_id,
    fromUnixTimestamp64Milli(toInt64({fromMs:Int64} + cityHash64(visit, 1) % {spanMs:UInt64} + (number % 7) * 60000), 'UTC') AS ts,
    generateUUIDv4(number) AS interaction_id,
    ['portal_viewknowledgearticle', 'portal_viewblogpost', 'portal_viewforumthread', 'portal_search',
      'portal_articlefeedback'][1 + cityHash64(number, 2) % 5] AS type,
    toUUID({portal:String}) AS portal_id,
    concat('gen-', lower(hex(visit))) AS session_id,
    cityHash64(number, 3) % {items:UInt64} AS k,
    if(type = 'portal_search', '', concat('00000000-0000-4000-9000-', leftPad(lower(hex(k)), 12, '0'))) AS item_id,
    multiIf(
      type = 'portal_viewknowledgearticle', concat('How to fix problem number ', toString(k)),
      type = 'portal_viewblogpost', concat('Release notes ', toString(k)),
      type = 'portal_viewforumthread', concat('Question about feature ', toString(k)),
      type = 'portal_articlefeedback', '',
      ['reset password', 'two factor new phone', 'invoice pdf export', 'cancel subscription', 'refund'][1 + k % 5]
    ) AS title,
    if(type = 'portal_viewknowledgearticle', 'en-US', '') AS language,
    if(type = 'portal_articlefeedback', CAST(k % 3 != 0, 'Nullable(Bool)'), NULL) AS helpful,
    if(type = 'portal_search' AND k % 4 != 0, CAST(k % 6, 'Nullable(UInt64)'), NULL) AS result_count
  FROM numbers({start:UInt64}, {count:UInt64})
)`

/**
 * Fills the interactions table with synthetic, valid interactions for load
 * tests and benchmarks (`npm run bench`): `rows` interactions over `contacts`
 * contacts, generated inside ClickHouse with INSERT … SELECT from numbers().
 *
 * @example
 * await generateSyntheticInteractions(ch, { hubId, portalId, rows: 10_000_000, contacts: 100_000,
 *   from: Date.now() - 30 * 86_400_000, to: Date.now(), onProgress: (done, total) => bar(done / total) })
 */
export async function generateSyntheticInteractions(
  ch: ClickHouseHandle,
  options: SyntheticInteractionsOptions,
): Promise<void> {
  const chunk = Math.max(1, options.chunkRows ?? 1_000_000)
  for (let start = 0; start < options.rows; start += chunk) {
    const count = Math.min(chunk, options.rows - start)
    await ch.client.command({
      query: options.outcomes ? GENERATE_OUTCOMES_SQL : GENERATE_SQL,
      query_params: {
        hub: options.hubId,
        portal: options.portalId,
        contacts: options.contacts,
        items: options.items ?? 500,
        fromMs: options.from,
        spanMs: Math.max(1, options.to - options.from),
        start,
        count,
      },
    })
    options.onProgress?.(start + count, options.rows)
  }
}

/**
 * Merges the interactions table down (OPTIMIZE … FINAL), as background merges
 * eventually would; benchmarks compare reads before and after.
 */
export async function optimizeInteractions(ch: ClickHouseHandle): Promise<void> {
  await ch.client.command({ query: ch.ddl.optimizeFinal('interactions') })
}

/** Active data parts and rows of the interactions table (how merged it is). */
export async function interactionTableParts(ch: ClickHouseHandle): Promise<{ parts: number; rows: number }> {
  const rs = await ch.client.query({
    query: `SELECT count() AS parts, sum(rows) AS rows FROM system.parts
      WHERE database = currentDatabase() AND table = 'interactions' AND active`,
    format: 'JSONEachRow',
  })
  const [row] = await rs.json<{ parts: string | number; rows: string | number }>()
  return { parts: Number(row?.parts ?? 0), rows: Number(row?.rows ?? 0) }
}
