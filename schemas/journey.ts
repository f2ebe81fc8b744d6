import * as z from 'zod'
import { journeyCaseSchema } from './cases.ts'
import { INTERACTION_TYPES, INVALID_UNICODE, interactionSchema } from './interactions.ts'

/** Default and largest journey windows, as ISO 8601 durations. */
export const DEFAULT_JOURNEY_WINDOW = 'P7D'
export const MAX_JOURNEY_WINDOW = 'P90D'

/**
 * Most interactions one journey answer carries: the newest in the window.
 * A busy contact's week is a few hundred; past this the answer says
 * `truncated: true`, and `summary.counts` still counts every interaction in
 * the window. At about 500 bytes each, 5,000 are 2.5 MB of JSON.
 */
export const MAX_JOURNEY_INTERACTIONS = 5000

/** An article, blog post or forum thread the contact viewed in the window. */
export const viewedItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  views: z.number().int().positive(),
  lastViewedAt: z.string(),
})
export type ViewedItem = z.infer<typeof viewedItemSchema>

/** A profile linked to the contact (see the hub's profile configuration). */
export const profileSchema = z
  .object({
    crmrecordid: z.string(),
    name: z.string().optional(),
    email: z.string().optional(),
  })
  .catchall(z.unknown())
export type Profile = z.infer<typeof profileSchema>

/**
 * What the journey API says about a window: `counts` by type of every
 * interaction in it (exact, even when the answer is truncated), and the
 * items and searches among the interactions returned.
 */
export const journeySummarySchema = z.object({
  counts: z.record(z.enum(INTERACTION_TYPES), z.number().int().nonnegative()),
  articles: z.array(viewedItemSchema),
  blogPosts: z.array(viewedItemSchema),
  forumThreads: z.array(viewedItemSchema),
  searches: z.array(z.object({ searchString: z.string(), at: z.string() })),
})
export type JourneySummary = z.infer<typeof journeySummarySchema>

/**
 * The answer of `GET /v1/hubs/{hubId}/contacts/{contactId}/journey`: the
 * contact's interactions with `from <= portal_timestamp < to`, oldest first,
 * each once and in the shape it was sent; at most
 * {@link MAX_JOURNEY_INTERACTIONS}, the newest, with `truncated: true` when
 * the window held more. `before` is the case time
 * (`from = before - window`, `to = before + after`, so `to = before` without
 * `after`), and `cases` the contact's cases with `from <= createdAt < to`,
 * oldest first.
 */
export const journeyResponseSchema = z.object({
  hubId: z.string(),
  contactId: z.string(),
  from: z.string(),
  before: z.string(),
  to: z.string(),
  profile: profileSchema.nullable(),
  interactions: z.array(interactionSchema),
  /** Whether the window held more interactions than the answer carries (the oldest were left out). */
  truncated: z.boolean(),
  summary: journeySummarySchema,
  cases: z.array(journeyCaseSchema),
})
export type JourneyResponse = z.infer<typeof journeyResponseSchema>

/**
 * {@link journeyResponseSchema} as JSON Schema (draft 2020-12), derived from
 * the zod schema: what the widget checks the API's answer with, so the browser
 * carries a 1 KB document and a small checker instead of zod. Input mode, as
 * zod parses: objects that zod strips extra keys from leave them open. The one
 * refinement, well-formed Unicode text, becomes `not: { pattern: "\\p{Cs}" }`.
 */
export function journeyResponseJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(journeyResponseSchema, {
    io: 'input',
    unrepresentable: 'throw',
    override: (ctx) => {
      const checks = (ctx.zodSchema._zod.def as { checks?: Array<{ _zod: { def: { params?: unknown } } }> })
        .checks
      const unicode = checks?.some(
        (c) => (c._zod.def.params as { code?: string } | undefined)?.code === INVALID_UNICODE,
      )
      if (unicode) ctx.jsonSchema.not = { pattern: '\\p{Cs}' }
    },
  }) as Record<string, unknown>
}

const DURATION = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/

/**
 * The query of the journey route: `before` is required, `window` (the time
 * before it) defaults to P7D, `after` (the time after it) to none.
 */
export const journeyQuerySchema = z.strictObject({
  before: z.iso.datetime({ offset: true, error: 'before must be an ISO 8601 date-time with an offset' }),
  window: z
    .string()
    .regex(DURATION, {
      error: 'window must be an ISO 8601 duration in days, hours, minutes or seconds, like P7D or PT24H',
    })
    .default(DEFAULT_JOURNEY_WINDOW),
  after: z
    .string()
    .regex(DURATION, {
      error: 'after must be an ISO 8601 duration in days, hours, minutes or seconds, like P1D or PT12H',
    })
    .optional(),
  sas: z.string().optional(),
})

/**
 * Parses the subset of ISO 8601 durations the journey API takes (days, hours,
 * minutes, seconds) into milliseconds; `null` when it is not one.
 *
 * @example parseDurationMs('P7D') // 604800000
 */
export function parseDurationMs(duration: string): number | null {
  const m = /^P(?!$)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration)
  if (!m) return null
  const [, d = '0', h = '0', min = '0', s = '0'] = m
  return ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000
}
