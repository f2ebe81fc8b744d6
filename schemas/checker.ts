import * as z from 'zod'

/** Where a check's subject sits, as the portal checker groups them. */
export const CHECK_CATEGORIES = [
  'Startup',
  'Configuration',
  'Performance',
  'Provisioning',
  'Ingestion',
  'Domain and certificate',
  'Translations',
] as const
/** One of {@link CHECK_CATEGORIES}. */
export type CheckCategory = (typeof CHECK_CATEGORIES)[number]

/**
 * What a check found: `error`, `warning` or `pass`; `not_applicable` when what
 * it checks does not exist (the domain checks of a portal without a custom
 * domain); or `not_run` (with the reason).
 */
export const CHECK_RESULTS = ['error', 'warning', 'pass', 'not_applicable', 'not_run'] as const
/** One of {@link CHECK_RESULTS}. */
export type CheckResultValue = (typeof CHECK_RESULTS)[number]

/** An action that fixes what a check found: its id (for `POST …/checker/actions/{actionId}`) and label. */
export const checkActionSchema = z.object({ id: z.string(), label: z.string() })
/** See {@link checkActionSchema}. */
export type CheckAction = z.infer<typeof checkActionSchema>

/** "Was this mitigation useful?": the answer, an optional comment, who gave it and when. */
export const checkFeedbackSchema = z.object({
  useful: z.boolean(),
  comment: z.string().nullable(),
  by: z.string(),
  at: z.string(),
})
/** See {@link checkFeedbackSchema}. */
export type CheckFeedback = z.infer<typeof checkFeedbackSchema>

const sentenceValueSchema = z.union([z.string(), z.number(), z.array(z.string())])
/** A sentence inside another's slot (one of a list of findings). */
const checkSentencePartSchema = z.object({
  template: z.string(),
  values: z.array(sentenceValueSchema),
})
/**
 * A sentence of a result as a template and its values: the English template
 * with `{0}`, `{1}`… where the values go (`instance {0} ({1}) is there`), so a
 * client can word it in its own language; the English text is beside it. A
 * value is a name or a number, a list of names (the client joins them as its
 * language lists things: `A, B and C`), or a list of sentences (several
 * findings, joined with `; `).
 */
export const checkSentenceSchema = z.object({
  template: z.string(),
  values: z.array(z.union([sentenceValueSchema, z.array(checkSentencePartSchema)])),
})
/** See {@link checkSentenceSchema}. */
export type CheckSentence = z.infer<typeof checkSentenceSchema>

/** One row of the diagnostic results grid. */
export const checkResultSchema = z.object({
  checkId: z.string(),
  /** The problem, in a person's words. */
  issue: z.string(),
  category: z.enum(CHECK_CATEGORIES),
  result: z.enum(CHECK_RESULTS),
  /** Why the check did not run (`result: 'not_run'` only), else null. */
  reason: z.string().nullable(),
  /** The records and values at fault (or what was found to be right). */
  details: z.string(),
  /** How to fix it by hand. */
  mitigation: z.string(),
  /** The action that fixes it, when the result is an error or warning one can fix automatically. */
  action: checkActionSchema.nullable(),
  /** What the check reads: records, settings, the running site, the store. */
  reads: z.array(z.string()),
  durationMs: z.number(),
  feedback: checkFeedbackSchema.nullable(),
  /**
   * `details`, `reason` and `mitigation` as templates and values, for a client
   * that words them in another language (the console does). Runs stored
   * before it existed have none.
   */
  sentences: z
    .object({
      details: checkSentenceSchema,
      reason: checkSentenceSchema.nullable(),
      mitigation: checkSentenceSchema,
    })
    .optional(),
})
/** See {@link checkResultSchema}. */
export type CheckResult = z.infer<typeof checkResultSchema>

/** How many results of each kind a run has. */
export const checkCountsSchema = z.object({
  error: z.number().int(),
  warning: z.number().int(),
  pass: z.number().int(),
  /** Runs stored before the result existed have none. */
  not_applicable: z.number().int().default(0),
  not_run: z.number().int(),
})

/** The budgets a run judges against; each has a default. */
export const checkerThresholdsSchema = z.strictObject({
  /** The home page must answer within this many milliseconds (default 2000). */
  homePageMs: z
    .number({ error: 'thresholds.homePageMs must be a number of milliseconds' })
    .int({ error: 'thresholds.homePageMs must be a whole number of milliseconds' })
    .min(0)
    .max(60_000)
    .default(2000),
  /** Largest share of rejected items over the last 24 hours before a warning, 0 to 1 (default 0.05). */
  rejectedShare: z
    .number({ error: 'thresholds.rejectedShare must be a number from 0 to 1' })
    .min(0)
    .max(1)
    .default(0.05),
})
/** See {@link checkerThresholdsSchema}. */
export type CheckerThresholds = z.infer<typeof checkerThresholdsSchema>

/** A diagnostic session, without its results (the list of earlier runs). */
export const checkerRunSummarySchema = z.object({
  id: z.string(),
  portalId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** The admin who started it. */
  startedBy: z.string(),
  thresholds: z.object({ homePageMs: z.number(), rejectedShare: z.number() }),
  counts: checkCountsSchema,
  /** Said when checks were skipped (the portal is off, or IP address filtering is on). */
  notes: z.array(z.string()),
})
/** See {@link checkerRunSummarySchema}. */
export type CheckerRunSummary = z.infer<typeof checkerRunSummarySchema>

/** A diagnostic session and its results (sorted as asked; error, warning, pass by default). */
export const checkerRunSchema = checkerRunSummarySchema.extend({ results: z.array(checkResultSchema) })
/** See {@link checkerRunSchema}. */
export type CheckerRun = z.infer<typeof checkerRunSchema>

/** Columns the results sort by. */
export const RESULT_SORT_KEYS = ['result', 'issue', 'category', 'checkId', 'durationMs'] as const

/** `GET …/checker/runs/{runId}` query: which column to sort the results by, and which way. */
export const resultSortQuerySchema = z.strictObject({
  sort: z
    .enum(RESULT_SORT_KEYS, { error: `sort must be one of ${RESULT_SORT_KEYS.join(', ')}` })
    .default('result'),
  order: z.enum(['asc', 'desc'], { error: 'order must be "asc" or "desc"' }).default('asc'),
})
/** See {@link resultSortQuerySchema}. */
export type ResultSortQuery = z.infer<typeof resultSortQuerySchema>

/** `POST …/checker/runs` body (optional): budgets for this run. */
export const startRunSchema = z.strictObject({
  thresholds: checkerThresholdsSchema.partial().optional(),
})
/** See {@link startRunSchema}. */
export type StartRunInput = z.infer<typeof startRunSchema>

/** `PUT …/checker/runs/{runId}/results/{checkId}/feedback` body. */
export const feedbackInputSchema = z.strictObject({
  useful: z.boolean({ error: 'useful must be true or false' }),
  comment: z
    .string()
    .trim()
    .max(2000, { error: 'comment must be at most 2000 characters' })
    .nullable()
    .optional(),
})
/** See {@link feedbackInputSchema}. */
export type FeedbackInput = z.infer<typeof feedbackInputSchema>

/** `POST …/checker/actions/{actionId}` body (optional): the run whose result led to it. */
export const runActionInputSchema = z.strictObject({
  runId: z.string().min(1).optional(),
})
/** See {@link runActionInputSchema}. */
export type RunActionInput = z.infer<typeof runActionInputSchema>

/** An action that ran: what it was, for which check and run, who ran it, when, and what it changed. */
/** What arrived from a portal lately: the console's "first beacon seen" (`GET /v1/admin/portals/{portalId}/beacons`). */
export const portalBeaconsSchema = z.object({
  /** The hub the portal is bound to, or null (then nothing can arrive, and the rest is empty). */
  hubId: z.string().nullable(),
  /** When the portal's latest stored interaction arrived (ISO 8601), or null when none ever did. */
  lastReceivedAt: z.string().nullable(),
  /** Interactions of the portal stored in the last 24 hours. */
  accepted24h: z.number().int(),
  /** Items naming the portal the edge refused in the last 24 hours (in the hub's quarantine). */
  rejected24h: z.number().int(),
})
/** What arrived from a portal lately. */
export type PortalBeacons = z.infer<typeof portalBeaconsSchema>

export const checkerActionRecordSchema = z.object({
  id: z.string(),
  portalId: z.string(),
  actionId: z.string(),
  label: z.string(),
  checkId: z.string(),
  runId: z.string().nullable(),
  by: z.string(),
  at: z.string(),
  /** False when there was nothing left to fix (actions are idempotent). */
  changed: z.boolean(),
  details: z.string(),
  /** `details` as a template and its values (see {@link checkSentenceSchema}); absent on actions recorded before. */
  sentence: checkSentenceSchema.optional(),
})
/** See {@link checkerActionRecordSchema}. */
export type CheckerActionRecord = z.infer<typeof checkerActionRecordSchema>

/** A check as the catalogue lists it. */
export const checkDefinitionSchema = z.object({
  id: z.string(),
  issue: z.string(),
  category: z.enum(CHECK_CATEGORIES),
  reads: z.array(z.string()),
  /** Whether it fetches from the running site (and so does not run while the portal is off or IP-filtered). */
  needsSite: z.boolean(),
  mitigation: z.string(),
  actions: z.array(checkActionSchema),
})
/** See {@link checkDefinitionSchema}. */
export type CheckDefinitionView = z.infer<typeof checkDefinitionSchema>
