import { CONTENT_TYPES } from '../../schemas/index.ts'
import type { ClickHouseHandle } from './clickhouse-client.ts'
import {
  CASES,
  type InsightSpan,
  MS,
  SEARCH_OUTCOMES,
  SEARCH_TYPES,
  SESSION,
  portalFilter,
} from './insight-sql.ts'
import { boundedInsightReader } from './insight-queries.ts'
import { toClickHouseTime } from './clickhouse-time.ts'

// Definitions: schemas/deflection.ts. Every query binds its values; nothing is spliced
// into the SQL but the fragments below, chosen by whether a portal is asked for.

/** What counts as reading content: a view of an article, blog post or forum thread, or an article vote. */
const READ_TYPES = [...CONTENT_TYPES, 'portal_articlefeedback'] as const

/**
 * The hub's cases (each once) created in [casesFrom, casesTo): the contact and the
 * creation time in ms. Every case of the contact, on any portal or none: a contact who
 * read on one portal and opened a case anywhere was not deflected.
 */
const ALL_CASES = `
  SELECT case_id, any(contact_id) AS contact_id, ${MS('any(created_at)')} AS created_ms
  FROM cases
  WHERE hub_id = {hub:String}
    AND created_at >= {casesFrom:DateTime64(3, 'UTC')} AND created_at < {casesTo:DateTime64(3, 'UTC')}
  GROUP BY case_id`

/**
 * {@link ALL_CASES} as one row per contact with the creation times of its cases: the
 * right side of a join that never multiplies the left's rows (measured, bench phase 10:
 * joining case rows and grouping back cost 8-15x a plain scan; one array per contact
 * and arrayCount/arrayExists, see the commit).
 */
const CASE_TIMES = `SELECT contact_id, groupArray(created_ms) AS times FROM (${ALL_CASES}) GROUP BY contact_id`

/**
 * One row per session that read content in [from, to): its portal, contact, first read
 * (ms), helpful and unhelpful votes (each vote once), the articles it read or voted on,
 * and how many of the contact's cases came in (read, read + window].
 */
const SESSION_OUTCOMES = (span: InsightSpan) => `
  SELECT s.portal_id AS portal_id, s.first_ms AS first_ms, s.yes AS yes, s.no AS no,
    s.articles AS articles,
    arrayCount(x -> x > s.first_ms AND x <= s.first_ms + {w:Int64}, c.times) AS cases_after
  FROM (
    SELECT portal_id, contact_id, ${SESSION} AS sid, min(${MS('ts')}) AS first_ms,
      uniqExactIf(interaction_id, type = 'portal_articlefeedback' AND ifNull(helpful, false)) AS yes,
      uniqExactIf(interaction_id, type = 'portal_articlefeedback' AND NOT ifNull(helpful, true)) AS no,
      groupUniqArrayIf(item_id, type IN ('portal_viewknowledgearticle', 'portal_articlefeedback')) AS articles
    FROM interactions
    WHERE hub_id = {hub:String} AND type IN {readTypes:Array(String)} ${portalFilter(span)}
      AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
    GROUP BY portal_id, contact_id, sid
  ) AS s
  LEFT JOIN (${CASE_TIMES}) AS c ON s.contact_id = c.contact_id`

/** The outcome counts over a group of session rows of {@link SESSION_OUTCOMES}. */
const OUTCOME_COUNTS = `
  count() AS sessions,
  countIf(cases_after > 0) AS failed,
  countIf(cases_after = 0 AND yes > 0) AS confirmed,
  countIf(cases_after = 0 AND yes = 0) AS potential,
  sum(yes) AS helpful_votes, sum(no) AS unhelpful_votes`

/** Outcome counts as ClickHouse answers them (UInt64 as text). */
export interface OutcomeRow {
  sessions: string
  confirmed: string
  potential: string
  failed: string
  helpful_votes: string
  unhelpful_votes: string
}

/** Deflection's reads of interactions and cases. The only SQL for them. */
export interface DeflectionQueries {
  /** Session outcomes by portal and Monday-based UTC week of the first read. */
  outcomes(span: InsightSpan): Promise<Array<OutcomeRow & { portal_id: string; week: string }>>
  /** Session outcomes by article read or voted on, most sessions first; votes per article. */
  articles(
    span: InsightSpan,
    limit: number,
  ): Promise<Array<OutcomeRow & { article_id: string; title: string }>>
  /** The search dashboard's counts. */
  searches(span: InsightSpan): Promise<{
    searches: number
    noResults: number
    clickThroughs: number
    noClick: number
    followedByCase: number
  }>
  /** Contacts with an interaction in the period; contacts with a case created in it. */
  selfService(span: InsightSpan): Promise<{ portalUsers: number; usersWithCase: number }>
}

const t = toClickHouseTime

/** The deflection queries over an open ClickHouse handle: bound parameters only, read as insights are. */
export function createDeflectionQueries(
  ch: ClickHouseHandle,
  options: { maxSeconds?: number } = {},
): DeflectionQueries {
  const rows = boundedInsightReader(ch, options, 'deflection')
  const base = (span: InsightSpan) => ({
    hub: span.hubId,
    ...(span.portalId ? { portal: span.portalId.toLowerCase() } : {}),
    from: t(span.from),
    to: t(span.to),
    readsFrom: t(span.from),
    w: span.windowMs,
    readTypes: [...READ_TYPES],
    searchTypes: SEARCH_TYPES,
    // A case up to a window after the period's last read still counts against it.
    casesFrom: t(span.from),
    casesTo: t(span.to + span.windowMs),
  })
  return {
    outcomes: (span) =>
      rows(
        `SELECT portal_id, toString(toMonday(toDateTime(intDiv(first_ms, 1000), 'UTC'))) AS week, ${OUTCOME_COUNTS}
        FROM (${SESSION_OUTCOMES(span)})
        GROUP BY portal_id, week ORDER BY week, portal_id`,
        base(span),
      ),

    articles: (span, limit) =>
      rows(
        `SELECT a.article_id AS article_id, a.sessions AS sessions, a.failed AS failed, a.confirmed AS confirmed,
          a.potential AS potential, a.helpful_votes AS helpful_votes, a.unhelpful_votes AS unhelpful_votes,
          n.title AS title FROM (
          SELECT article AS article_id, ${OUTCOME_COUNTS}
          FROM (${SESSION_OUTCOMES(span)}) ARRAY JOIN articles AS article
          GROUP BY article ORDER BY sessions DESC, article LIMIT {limit:UInt32}
        ) AS a
        LEFT JOIN (
          SELECT item_id, argMax(title, ts) AS title FROM interactions
          WHERE hub_id = {hub:String} AND type = 'portal_viewknowledgearticle' ${portalFilter(span)}
            AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
          GROUP BY item_id
        ) AS n ON a.article_id = n.item_id
        ORDER BY a.sessions DESC, a.article_id`,
        { ...base(span), limit },
      ),

    async searches(span) {
      const [row] = await rows<{
        searches: string
        no_results: string
        click_throughs: string
        no_click: string
        followed: string
      }>(
        `SELECT count() AS searches, countIf(rc = 0) AS no_results,
          countIf(rc != 0 AND clicked) AS click_throughs, countIf(rc != 0 AND NOT clicked) AS no_click,
          countIf(arrayExists(x -> x > at_ms AND x <= at_ms + {w:Int64}, times)) AS followed
        FROM (
          SELECT s.rc AS rc, s.clicked AS clicked, s.at_ms AS at_ms, c.times AS times
          FROM (${SEARCH_OUTCOMES(span)}) AS s
          LEFT JOIN (${CASE_TIMES}) AS c ON s.contact_id = c.contact_id
        )`,
        base(span),
      )
      return {
        searches: Number(row?.searches ?? 0),
        noResults: Number(row?.no_results ?? 0),
        clickThroughs: Number(row?.click_throughs ?? 0),
        noClick: Number(row?.no_click ?? 0),
        followedByCase: Number(row?.followed ?? 0),
      }
    },

    async selfService(span) {
      const [row] = await rows<{ users: string; with_case: string }>(
        `SELECT
          (SELECT uniqExact(contact_id) FROM interactions
            WHERE hub_id = {hub:String} ${portalFilter(span)}
              AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}) AS users,
          (SELECT uniqExact(contact_id) FROM (${CASES(!!span.portalId)})) AS with_case`,
        { ...base(span), casesFrom: t(span.from), casesTo: t(span.to) },
      )
      return { portalUsers: Number(row?.users ?? 0), usersWithCase: Number(row?.with_case ?? 0) }
    },
  }
}
