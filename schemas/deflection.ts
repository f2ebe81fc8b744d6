import * as z from 'zod'
import { insightQuerySchema, insightSpanSchema } from './insights.ts'

/**
 * Deflection, measured as support teams measure it (see docs/deflection.md for
 * each definition beside ServiceNow's, Zendesk's and Salesforce's). Exact
 * definitions, over a period `[from, to)` and a window `w` (default PT24H):
 *
 * - A **session** is a contact's interactions on one portal with one
 *   `portal_sessionid` (without one: the contact's interactions on that portal in
 *   one UTC day), seen through the interactions of the period. A session that
 *   crosses midnight UTC with its id stays one session.
 * - It **read content** when it holds an article, blog post or forum thread view
 *   or an article feedback; its first such interaction is its read time `r`.
 *   Sessions are counted in the period (and the week) of `r`.
 * - **Failed**: the contact has a case with `r < createdAt <= r + w` (any case of
 *   the contact, on any portal or none; the case may fall after `to`).
 * - **Confirmed**: not failed, and the session holds a helpful vote.
 * - **Potential**: not failed, no helpful vote.
 * - Rates are over sessions that read content; `deflectionRate` is
 *   `(confirmed + potential) / sessions`.
 * - **Searches**: each `portal_search` of the period. `noResults`: it reported
 *   `portal_searchresultcount: 0`. A **click-through**: a search with results
 *   (or no count) followed in its session by a content view at or after its
 *   time and before the session's next search. `noClick`: with results, no
 *   click-through. `followedByCase`: the contact has a case in `(t, t + w]`.
 * - **Self-service score**: contacts with any interaction in the period ÷
 *   contacts with a case created in it (per portal: its interactions, and the
 *   cases opened on it or naming no portal, as the other insights).
 * - **Cost saved**: `(confirmed + potential) × costPerCase`, the hub's setting.
 */

/** The default deflection window: a case more than a day after reading is another question. */
export const DEFAULT_DEFLECTION_WINDOW = 'PT24H'

/** The query of the deflection routes: the insight conventions, with a window of PT24H by default. */
export const deflectionQuerySchema = insightQuerySchema.omit({ minReaders: true }).extend({
  window: insightQuerySchema.shape.window.unwrap().default(DEFAULT_DEFLECTION_WINDOW),
})
export type DeflectionQuery = z.infer<typeof deflectionQuerySchema>

const count = () => z.number().int().nonnegative()
const rate = () => z.number().min(0).max(1).nullable()

/** Sessions by outcome, with the rates (null without sessions). */
export const deflectionOutcomesSchema = z.object({
  sessions: count(),
  confirmed: count(),
  potential: count(),
  failed: count(),
  confirmedRate: rate(),
  potentialRate: rate(),
  failedRate: rate(),
  deflectionRate: rate(),
  /** Helpful (Yes) and unhelpful (No) votes; `helpfulRate` = yes ÷ (yes + no). */
  helpfulVotes: count(),
  unhelpfulVotes: count(),
  helpfulRate: rate(),
})
export type DeflectionOutcomes = z.infer<typeof deflectionOutcomesSchema>

/** The rates a trend follows, and the marker each gets. */
export const TREND_RATES = [
  'confirmedRate',
  'potentialRate',
  'failedRate',
  'deflectionRate',
  'helpfulRate',
] as const
export type TrendRate = (typeof TREND_RATES)[number]

/** How a rate moved since the period before: null when either has no sessions (or votes). */
export const changeSchema = z.enum(['up', 'down', 'same']).nullable()
const changes = z.object(
  Object.fromEntries(TREND_RATES.map((r) => [r, changeSchema])) as Record<TrendRate, typeof changeSchema>,
)

/** `GET …/insights/deflection`. */
export const deflectionInsightsSchema = insightSpanSchema.extend({
  /** The hub's cost per case, and its currency (ISO 4217); null until an admin sets it. */
  costPerCase: z.number().nonnegative().nullable(),
  currency: z.string().nullable(),
  summary: deflectionOutcomesSchema.extend({
    /** `(confirmed + potential) × costPerCase`; null without a cost per case. */
    costSaved: z.number().nonnegative().nullable(),
  }),
  /** The same figures for the period of the same length just before. */
  previous: deflectionOutcomesSchema,
  /** Each rate against the previous period: the "changed since last period" marker. */
  changedSinceLastPeriod: changes,
  selfService: z.object({
    portalUsers: count(),
    usersWithCase: count(),
    /** portalUsers ÷ usersWithCase; null without users with a case. */
    score: z.number().nonnegative().nullable(),
  }),
  search: z.object({
    searches: count(),
    noResults: count(),
    clickThroughs: count(),
    noClick: count(),
    followedByCase: count(),
    clickThroughRate: rate(),
    noResultRate: rate(),
  }),
  portals: z.array(deflectionOutcomesSchema.extend({ portalId: z.string() })),
  /** Articles read (or voted on) in the most sessions first, at most `limit`. */
  articles: z.array(deflectionOutcomesSchema.extend({ articleId: z.string(), title: z.string() })),
  /** Monday-based UTC weeks the period touches, oldest first, each against the week before. */
  weeks: z.array(deflectionOutcomesSchema.extend({ weekStart: z.string(), changedSinceLastWeek: changes })),
})
export type DeflectionInsights = z.infer<typeof deflectionInsightsSchema>

/** What an admin sets for a hub's cost saved: the cost of one case and its currency. */
export const deflectionCostSchema = z.strictObject({
  costPerCase: z
    .number({ error: 'costPerCase must be a number of at least 0' })
    .nonnegative({ error: 'costPerCase must be a number of at least 0' })
    .max(1_000_000_000, { error: 'costPerCase must be at most 1000000000' }),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'currency must be an ISO 4217 code of three capital letters, like EUR' }),
})
export type DeflectionCost = z.infer<typeof deflectionCostSchema>
