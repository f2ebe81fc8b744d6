import * as z from 'zod'
import { INTERACTION_TYPES } from './interactions.ts'

/**
 * What preceded cases: per hub (or portal), for a period `[from, to)` and a
 * look-back window (default P7D). Definitions, exact (duplicates folded):
 * - a read *precedes* a case when the case's contact made it in
 *   `[createdAt - window, createdAt)`;
 * - `casesPreceded`: cases created in the period that a read of the item preceded;
 * - `readers`: contacts who read the item in the period; `views`: those reads;
 * - `readersWithCase`: readers who opened a case within the window after one of
 *   those reads (`read < createdAt <= read + window`, the case may fall after the
 *   period's end); `caseRate = readersWithCase / readers` (0 to 1).
 * Per portal: the portal's interactions, and cases opened on it or naming no portal.
 */

/** Default and largest look-back windows; default and largest periods. */
export const DEFAULT_INSIGHT_WINDOW = 'P7D'
export const DEFAULT_INSIGHT_PERIOD_DAYS = 30
export const MAX_INSIGHT_PERIOD_DAYS = 366
export const MAX_INSIGHT_LIMIT = 100

/** The content types insights rank (searches have their own table). */
export const CONTENT_TYPES = [
  'portal_viewknowledgearticle',
  'portal_viewblogpost',
  'portal_viewforumthread',
] as const
export type ContentType = (typeof CONTENT_TYPES)[number]

const DURATION = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/

/** The query every insight route takes. */
export const insightQuerySchema = z.strictObject({
  from: z.iso
    .datetime({ offset: true, error: 'from must be an ISO 8601 date-time with an offset' })
    .optional(),
  to: z.iso.datetime({ offset: true, error: 'to must be an ISO 8601 date-time with an offset' }).optional(),
  window: z
    .string()
    .regex(DURATION, { error: 'window must be an ISO 8601 duration like P7D or PT48H' })
    .default(DEFAULT_INSIGHT_WINDOW),
  portalId: z.uuid({ error: 'portalId must be a uuid' }).optional(),
  limit: z.coerce
    .number({ error: `limit must be an integer from 1 to ${MAX_INSIGHT_LIMIT}` })
    .int({ error: `limit must be an integer from 1 to ${MAX_INSIGHT_LIMIT}` })
    .min(1, { error: `limit must be an integer from 1 to ${MAX_INSIGHT_LIMIT}` })
    .max(MAX_INSIGHT_LIMIT, { error: `limit must be an integer from 1 to ${MAX_INSIGHT_LIMIT}` })
    .default(20),
  /** The fewest readers an item needs to rank among the content that deflects (default 3). */
  minReaders: z.coerce
    .number({ error: 'minReaders must be an integer from 1 to 1000000' })
    .int({ error: 'minReaders must be an integer from 1 to 1000000' })
    .min(1, { error: 'minReaders must be an integer from 1 to 1000000' })
    .max(1_000_000, { error: 'minReaders must be an integer from 1 to 1000000' })
    .default(3),
  format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }).default('json'),
  sas: z.string().optional(),
})
export type InsightQuery = z.infer<typeof insightQuerySchema>

/** The span an insight answer covers. */
export const insightSpanSchema = z.object({
  hubId: z.string(),
  portalId: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  window: z.string(),
})

/** One article, blog post or forum thread, with what followed reading it. */
export const contentInsightSchema = z.object({
  type: z.enum(CONTENT_TYPES),
  itemId: z.string(),
  title: z.string(),
  views: z.number().int().nonnegative(),
  readers: z.number().int().nonnegative(),
  casesPreceded: z.number().int().nonnegative(),
  readersWithCase: z.number().int().nonnegative(),
  /** `readersWithCase / readers`, or null with no readers in the period. */
  caseRate: z.number().min(0).max(1).nullable(),
})
export type ContentInsight = z.infer<typeof contentInsightSchema>

/**
 * `GET …/insights/content`: `precededCases` (most cases preceded first) and
 * `deflecting` (read by at least `minReaders`, lowest case rate first).
 */
export const contentInsightsSchema = insightSpanSchema.extend({
  cases: z.number().int().nonnegative(),
  /** The fewest readers an item needed to be listed in `deflecting` (the query's `minReaders`). */
  minReaders: z.number().int().positive(),
  precededCases: z.array(contentInsightSchema),
  deflecting: z.array(contentInsightSchema),
})
export type ContentInsights = z.infer<typeof contentInsightsSchema>

/** `GET …/insights/searches`: searches run in the window before cases, normalised (case, whitespace). */
export const searchInsightsSchema = insightSpanSchema.extend({
  cases: z.number().int().nonnegative(),
  searches: z.array(
    z.object({
      searchString: z.string(),
      /** Cases the search preceded. */
      cases: z.number().int().nonnegative(),
      /** Times it was run before those cases. */
      runs: z.number().int().nonnegative(),
      /** Knowledge gaps: of those runs, how many found no results (`portal_searchresultcount: 0`)… */
      noResults: z.number().int().nonnegative(),
      /** …and how many found results but no click-through (see schemas/deflection.ts). */
      noClick: z.number().int().nonnegative(),
      /** The cases it preceded (the same as `cases`, named as the knowledge-gap report names it). */
      precededCases: z.number().int().nonnegative(),
    }),
  ),
})
export type SearchInsights = z.infer<typeof searchInsightsSchema>

/** `GET …/insights/volume`: interactions by type and cases, per UTC day of the period. */
export const volumeInsightsSchema = insightSpanSchema.extend({
  days: z.array(
    z.object({
      day: z.string(),
      counts: z.record(z.enum(INTERACTION_TYPES), z.number().int().nonnegative()),
      cases: z.number().int().nonnegative(),
    }),
  ),
})
export type VolumeInsights = z.infer<typeof volumeInsightsSchema>
