import {
  CONTENT_TYPES,
  type ContentType,
  INTERACTION_TYPES,
  type InteractionType,
} from '../../schemas/index.ts'
import type { ClickHouseHandle } from './clickhouse-client.ts'
import type { ReadParam } from './sql-literal.ts'
import { readRefusedForSize } from './store-errors.ts'
import { DEFAULT_ENGINE_MEMORY_BYTES } from './engine-settings.ts'
import { toClickHouseTime } from './clickhouse-time.ts'
import { CASES, type InsightSpan, SEARCH_OUTCOMES, SEARCH_TYPES, portalFilter } from './insight-sql.ts'

export type { InsightSpan } from './insight-sql.ts'

/**
 * The time bound of one insight read, in seconds: past it the engine stops
 * the read and the API answers `503 read_too_large` (never a 500).
 */
export const INSIGHT_MAX_SECONDS = 20

/** Per-item figures, before ranking (see `schemas/insights.ts` for the definitions). */
export interface ContentFigures {
  type: ContentType
  itemId: string
  title: string
  views: number
  readers: number
  casesPreceded: number
  readersWithCase: number
}

/** Reads of the interactions and cases tables for insights. The only SQL for them. */
export interface InsightQueries {
  /** Cases created in the span's period (each once). */
  caseCount(span: InsightSpan): Promise<number>
  /** Every article, blog post and forum thread read in the period or preceding one of its cases. */
  content(span: InsightSpan): Promise<ContentFigures[]>
  /** Normalised searches that preceded cases of the period, most cases first, with their knowledge gaps. */
  searches(
    span: InsightSpan,
    limit: number,
  ): Promise<Array<{ searchString: string; cases: number; runs: number; noResults: number; noClick: number }>>
  /** Interactions by UTC day and type, and cases by UTC day, in the period. */
  volume(span: InsightSpan): Promise<{
    interactions: Array<{ day: string; type: InteractionType; n: number }>
    cases: Array<{ day: string; n: number }>
  }>
}

const t = toClickHouseTime

/**
 * How insight and deflection queries read: on the read pool (a long insight read never
 * holds up the flusher's inserts or a journey), and bounded: aggregation and sorting
 * spill to disk past an eighth of the engine's memory instead of failing at the query's
 * share, and the read stops at its time bound (`503 read_too_large`).
 */
export function boundedInsightReader(
  ch: ClickHouseHandle,
  options: { maxSeconds?: number } = {},
  what = 'the insights',
) {
  const spill = Math.floor((ch.memoryBytes ?? DEFAULT_ENGINE_MEMORY_BYTES) / 8)
  return async <T>(query: string, params: Record<string, ReadParam>): Promise<T[]> => {
    try {
      return await ch.readRows<T>({
        query,
        params,
        settings: {
          max_bytes_before_external_group_by: spill,
          max_bytes_before_external_sort: spill,
          max_execution_time: options.maxSeconds ?? INSIGHT_MAX_SECONDS,
          timeout_overflow_mode: 'throw',
        },
      })
    } catch (err) {
      throw readRefusedForSize(err, what, 'a shorter period or window, or one portal')
    }
  }
}

/** The insight queries over an open ClickHouse handle: bound parameters only. */
export function createInsightQueries(
  ch: ClickHouseHandle,
  options: { maxSeconds?: number } = {},
): InsightQueries {
  const rows = boundedInsightReader(ch, options)
  const base = (span: InsightSpan) => ({
    hub: span.hubId,
    ...(span.portalId ? { portal: span.portalId.toLowerCase() } : {}),
    from: t(span.from),
    to: t(span.to),
    w: span.windowMs,
  })
  return {
    async caseCount(span) {
      const [row] = await rows<{ n: string }>(`SELECT count() AS n FROM (${CASES(!!span.portalId)})`, {
        ...base(span),
        casesFrom: t(span.from),
        casesTo: t(span.to),
      })
      return Number(row?.n ?? 0)
    },

    async content(span) {
      // Reads from `from - window` (they can precede the period's first cases) to `to`;
      // cases to `to + window` (a read late in the period can be followed by one after it).
      const found = await rows<{
        type: ContentType
        item_id: string
        title: string
        views: string
        readers: string
        cases_preceded: string | null
        readers_with_case: string | null
      }>(
        // One pass over the reads: each read meets its contact's cases (a LEFT JOIN on a
        // small build side; a read of a contact without cases meets none and counts only
        // as a view). Measured against two passes (all reads, then the case contacts'
        // reads joined): see bench/insights-bench.ts.
        `WITH cs AS (${CASES(!!span.portalId)})
        SELECT r.type AS type, r.item_id AS item_id, argMax(r.title, r.ts) AS title,
          uniqExactIf(r.interaction_id, r.ts >= {from:DateTime64(3, 'UTC')}) AS views,
          uniqExactIf(r.contact_id, r.ts >= {from:DateTime64(3, 'UTC')}) AS readers,
          uniqExactIf(c.case_id,
            c.created_at >= {from:DateTime64(3, 'UTC')} AND c.created_at < {to:DateTime64(3, 'UTC')}
            AND toUnixTimestamp64Milli(r.ts) >= toUnixTimestamp64Milli(c.created_at) - {w:Int64}
            AND r.ts < c.created_at) AS cases_preceded,
          uniqExactIf(r.contact_id,
            r.ts >= {from:DateTime64(3, 'UTC')} AND c.created_at > r.ts
            AND toUnixTimestamp64Milli(c.created_at) <= toUnixTimestamp64Milli(r.ts) + {w:Int64}) AS readers_with_case
        FROM (
          SELECT type, item_id, title, contact_id, ts, interaction_id FROM interactions
          WHERE hub_id = {hub:String} AND type IN {types:Array(String)} ${portalFilter(span)}
            AND ts >= {readsFrom:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
        ) AS r
        LEFT JOIN cs AS c ON r.contact_id = c.contact_id
        GROUP BY r.type, r.item_id`,
        {
          ...base(span),
          types: [...CONTENT_TYPES],
          readsFrom: t(span.from - span.windowMs),
          casesFrom: t(span.from),
          casesTo: t(span.to + span.windowMs),
        },
      )
      return found.map((r) => ({
        type: r.type,
        itemId: r.item_id,
        title: r.title,
        views: Number(r.views),
        readers: Number(r.readers),
        casesPreceded: Number(r.cases_preceded ?? 0),
        readersWithCase: Number(r.readers_with_case ?? 0),
      }))
    },

    async searches(span, limit) {
      // Each search with its outcome (result count, click-through in its session: see
      // deflection-queries.ts), for the contacts with cases; the knowledge gaps are the runs
      // before cases that found nothing, or found something nobody opened.
      const found = await rows<{
        q: string
        cases: string
        runs: string
        no_results: string
        no_click: string
      }>(
        `WITH cs AS (${CASES(!!span.portalId)})
        SELECT s.q AS q, uniqExact(c.case_id) AS cases, uniqExact(s.id) AS runs,
          uniqExactIf(s.id, s.rc = 0) AS no_results, uniqExactIf(s.id, s.rc != 0 AND NOT s.clicked) AS no_click
        FROM (${SEARCH_OUTCOMES(span, 'AND contact_id IN (SELECT contact_id FROM cs)')}) AS s
        INNER JOIN cs AS c ON s.contact_id = c.contact_id
        WHERE s.at_ms >= toUnixTimestamp64Milli(c.created_at) - {w:Int64}
          AND s.at_ms < toUnixTimestamp64Milli(c.created_at)
        GROUP BY q
        HAVING q != ''
        ORDER BY cases DESC, runs DESC, q
        LIMIT {limit:UInt32}`,
        {
          ...base(span),
          readsFrom: t(span.from - span.windowMs),
          casesFrom: t(span.from),
          casesTo: t(span.to),
          searchTypes: SEARCH_TYPES,
          limit,
        },
      )
      return found.map((r) => ({
        searchString: r.q,
        cases: Number(r.cases),
        runs: Number(r.runs),
        noResults: Number(r.no_results),
        noClick: Number(r.no_click),
      }))
    },

    async volume(span) {
      const [interactions, cases] = await Promise.all([
        rows<{ day: string; type: string; n: string }>(
          `SELECT toString(toDate(ts)) AS day, type, uniqExact(interaction_id) AS n FROM interactions
          WHERE hub_id = {hub:String} ${portalFilter(span)}
            AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
          GROUP BY day, type ORDER BY day, type`,
          base(span),
        ),
        rows<{ day: string; n: string }>(
          `SELECT toString(toDate(created_at)) AS day, count() AS n FROM (${CASES(!!span.portalId)})
          GROUP BY day ORDER BY day`,
          { ...base(span), casesFrom: t(span.from), casesTo: t(span.to) },
        ),
      ])
      return {
        interactions: interactions
          .filter((r): r is typeof r & { type: InteractionType } =>
            (INTERACTION_TYPES as readonly string[]).includes(r.type),
          )
          .map((r) => ({ day: r.day, type: r.type, n: Number(r.n) })),
        cases: cases.map((r) => ({ day: r.day, n: Number(r.n) })),
      }
    },
  }
}
