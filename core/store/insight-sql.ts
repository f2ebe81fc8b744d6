import { CONTENT_TYPES } from '../../schemas/index.ts'

// SQL shared by the insight and the deflection queries: fragments only, chosen by
// whether a portal is asked for; every value is bound.

/** The span of an insight query: `[from, to)` in ms, the look-back window in ms, an optional portal. */
export interface InsightSpan {
  hubId: string
  portalId?: string
  from: number
  to: number
  windowMs: number
}

/**
 * The cases of a hub (each once: contact and creation time never change) created in
 * [casesFrom, casesTo); per portal, those opened on it or naming no portal.
 */
export const CASES = (portal: boolean) => `
  SELECT case_id, first_contact AS contact_id, first_created AS created_at FROM (
    SELECT case_id, any(contact_id) AS first_contact, any(created_at) AS first_created,
      argMax(portal_id, reported_at) AS last_portal
    FROM cases
    WHERE hub_id = {hub:String}
      AND created_at >= {casesFrom:DateTime64(3, 'UTC')} AND created_at < {casesTo:DateTime64(3, 'UTC')}
    GROUP BY case_id
  ) ${portal ? 'WHERE ifNull(last_portal = {portal:UUID}, 1)' : ''}`

/** Only the portal's interactions, when a portal is asked for. */
export const portalFilter = (span: InsightSpan) => (span.portalId ? 'AND portal_id = {portal:UUID}' : '')

/** A session: the contact's interactions on a portal with one session id, or in one UTC day without one. */
export const SESSION = `if(session_id != '', session_id, concat('day:', toString(toDate(ts))))`

/** A DateTime64 column (or parameter) in ms since the epoch. */
export const MS = (column: string) => `toUnixTimestamp64Milli(${column})`

/** The search string as insights compare it: lower case, whitespace folded. */
export const NORMALISED_QUERY = `lowerUTF8(trimBoth(replaceRegexpAll(title, '\\\\s+', ' ')))`

/** The types {@link SEARCH_OUTCOMES} reads: searches, and the views that click them through. */
export const SEARCH_TYPES = ['portal_search', ...CONTENT_TYPES]

/**
 * One row per search (each once) with its contact, time (ms), id, result count (-1:
 * not reported), normalised string and whether it was clicked through: a content view
 * of its session at or after it and before the session's next search. Reads
 * [readsFrom, to) (`searchTypes` = {@link SEARCH_TYPES}); `contacts` narrows first.
 */
export const SEARCH_OUTCOMES = (span: InsightSpan, contacts = '') => `
  SELECT contact_id, s.1 AS at_ms, s.2 AS id, s.3 AS rc, s.4 AS q,
    arrayExists(
      v -> v >= s.1 AND v < arrayMin(arrayConcat([toInt64(9223372036854775807)],
        arrayFilter(x -> x > s.1, arrayMap(x -> x.1, searches)))),
      views) AS clicked
  FROM (
    -- groupUniqArray: a repeated interaction (same id, same row but its arrival) counts once.
    SELECT portal_id, contact_id, ${SESSION} AS sid,
      groupUniqArrayIf((${MS('ts')}, interaction_id, toInt64(ifNull(result_count, -1)),
        ${NORMALISED_QUERY}), type = 'portal_search') AS searches,
      groupUniqArrayIf(${MS('ts')}, type != 'portal_search') AS views
    FROM interactions
    WHERE hub_id = {hub:String} AND type IN {searchTypes:Array(String)} ${portalFilter(span)}
      AND ts >= {readsFrom:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')} ${contacts}
    GROUP BY portal_id, contact_id, sid
    HAVING length(searches) > 0
  )
  ARRAY JOIN searches AS s`
