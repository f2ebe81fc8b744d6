import * as z from 'zod'

/**
 * The interaction types a portal captures: the seed's four in the seed's order,
 * then casetrail's article feedback ("Was this helpful?" on an article).
 */
export const INTERACTION_TYPES = [
  'portal_viewknowledgearticle',
  'portal_viewblogpost',
  'portal_viewforumthread',
  'portal_search',
  'portal_articlefeedback',
] as const

/** One of {@link INTERACTION_TYPES}. */
export type InteractionType = (typeof INTERACTION_TYPES)[number]

/** Upper bound on the length of a title or search string, in characters. */
export const MAX_TITLE_LENGTH = 1000
/** Upper bound on the length of a session id, in characters. */
export const MAX_SESSION_ID_LENGTH = 128
/** Upper bound on the length of an article feedback comment, in characters. */
export const MAX_COMMENT_LENGTH = 1000
/** Largest number of interactions one request may carry. */
export const MAX_BATCH_ITEMS = 500

const uuid = () => z.uuid({ error: (issue) => `must be a uuid, got ${JSON.stringify(issue.input)}` })
/** Whether a string holds a lone UTF-16 surrogate (`\ud800` with no partner): not Unicode text. */
export const hasLoneSurrogate = (s: string): boolean => /\p{Cs}/u.test(s)

/**
 * The issue code of a string that is not well-formed Unicode. ClickHouse (and
 * any UTF-8 consumer) refuses such text, so it is refused at the edge, with the
 * field at fault, instead of being acknowledged and refused later by the store.
 */
export const INVALID_UNICODE = 'invalid_unicode'

const text = (max: number) =>
  z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => !hasLoneSurrogate(s), {
      error: 'must be well-formed Unicode text; it holds a lone UTF-16 surrogate (like \\ud800)',
      params: { code: INVALID_UNICODE },
    })

/**
 * An ISO 8601 date-time that carries its offset (`Z` or `±hh:mm`), as portals
 * send it. Times without an offset are ambiguous and refused.
 */
export const isoTimestamp = z.iso.datetime({
  offset: true,
  error: (issue) =>
    `must be an ISO 8601 date-time with an offset, like 2026-11-02T09:30:00Z, got ${JSON.stringify(issue.input)}`,
})

const common = {
  portal_interactionid: uuid(),
  portal_contactid: uuid(),
  portal_timestamp: isoTimestamp,
  portal_portalid: uuid(),
  portal_sessionid: text(MAX_SESSION_ID_LENGTH).optional(),
}

/** A portal user viewed a knowledge article. */
export const knowledgeArticleViewed = z.strictObject({
  type: z.literal('portal_viewknowledgearticle'),
  ...common,
  portal_knowledgearticleid: uuid(),
  portal_knowledgetitle: text(MAX_TITLE_LENGTH),
  portal_language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
      error: (issue) => `must be a language tag like en-US, got ${JSON.stringify(issue.input)}`,
    })
    .optional(),
})

/** A portal user viewed a blog post. */
export const blogPostViewed = z.strictObject({
  type: z.literal('portal_viewblogpost'),
  ...common,
  portal_blogpostid: uuid(),
  portal_blogtitle: text(MAX_TITLE_LENGTH),
})

/** A portal user viewed a forum thread. */
export const forumThreadViewed = z.strictObject({
  type: z.literal('portal_viewforumthread'),
  ...common,
  portal_forumthreadid: uuid(),
  portal_forumthreadtitle: text(MAX_TITLE_LENGTH),
})

/** A portal user ran a search; `portal_searchresultcount` is how many results the portal showed. */
export const portalSearch = z.strictObject({
  type: z.literal('portal_search'),
  ...common,
  portal_searchstring: text(MAX_TITLE_LENGTH),
  portal_searchresultcount: z
    .number({ error: (issue) => `must be an integer of at least 0, got ${JSON.stringify(issue.input)}` })
    .int({ error: (issue) => `must be an integer of at least 0, got ${JSON.stringify(issue.input)}` })
    .min(0, { error: (issue) => `must be an integer of at least 0, got ${JSON.stringify(issue.input)}` })
    .optional(),
})

/**
 * A portal user answered "Was this helpful?" on a knowledge article: yes
 * (`portal_helpful: true`) or no, with an optional comment.
 */
export const articleFeedback = z.strictObject({
  type: z.literal('portal_articlefeedback'),
  ...common,
  portal_knowledgearticleid: uuid(),
  portal_helpful: z.boolean({
    error: (issue) => `must be true or false, got ${JSON.stringify(issue.input)}`,
  }),
  portal_comment: text(MAX_COMMENT_LENGTH).optional(),
})

/**
 * Any interaction, discriminated on `type`. Strict: an unknown property is an
 * error that names it.
 *
 * @example
 * const result = interactionSchema.safeParse(JSON.parse(body))
 * if (!result.success) return toItemErrors(result.error)
 */
export const interactionSchema = z.discriminatedUnion('type', [
  knowledgeArticleViewed,
  blogPostViewed,
  forumThreadViewed,
  portalSearch,
  articleFeedback,
])

/** A validated interaction, exactly as a portal sends it. */
export type Interaction = z.infer<typeof interactionSchema>
export type KnowledgeArticleViewed = z.infer<typeof knowledgeArticleViewed>
export type BlogPostViewed = z.infer<typeof blogPostViewed>
export type ForumThreadViewed = z.infer<typeof forumThreadViewed>
export type PortalSearch = z.infer<typeof portalSearch>
export type ArticleFeedback = z.infer<typeof articleFeedback>

/** The fields each type carries besides `type`, for catalogues and docs. */
export const INTERACTION_FIELDS: Record<InteractionType, readonly string[]> = {
  portal_viewknowledgearticle: Object.keys(knowledgeArticleViewed.shape).filter((k) => k !== 'type'),
  portal_viewblogpost: Object.keys(blogPostViewed.shape).filter((k) => k !== 'type'),
  portal_viewforumthread: Object.keys(forumThreadViewed.shape).filter((k) => k !== 'type'),
  portal_search: Object.keys(portalSearch.shape).filter((k) => k !== 'type'),
  portal_articlefeedback: Object.keys(articleFeedback.shape).filter((k) => k !== 'type'),
}
