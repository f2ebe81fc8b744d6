import * as z from 'zod'

/** Largest page a list answers. */
export const MAX_PAGE_LIMIT = 500
/** The page size when none is asked for. */
export const DEFAULT_PAGE_LIMIT = 100

/** The query of a paged list: `limit` (1 to 500, default 100) and the `cursor` a previous page gave. */
export const pageQuerySchema = z.object({
  limit: z.coerce
    .number({ error: `limit must be an integer from 1 to ${MAX_PAGE_LIMIT}` })
    .int({ error: `limit must be an integer from 1 to ${MAX_PAGE_LIMIT}` })
    .min(1, { error: `limit must be an integer from 1 to ${MAX_PAGE_LIMIT}` })
    .max(MAX_PAGE_LIMIT, { error: `limit must be an integer from 1 to ${MAX_PAGE_LIMIT}` })
    .default(DEFAULT_PAGE_LIMIT)
    .describe(`How many to answer, 1 to ${MAX_PAGE_LIMIT} (default ${DEFAULT_PAGE_LIMIT})`),
  cursor: z
    .string()
    .max(400, { error: 'cursor must be the nextCursor a previous page gave' })
    .optional()
    .describe('The `nextCursor` of the previous page; absent for the first page'),
})
/** A paged list's query. */
export type PageQuery = z.infer<typeof pageQuerySchema>

/** `nextCursor` of a page: null on the last page. */
export const nextCursorSchema = z
  .string()
  .nullable()
  .describe('Pass as `cursor` for the next page; null on the last page')

/** What the reference says of every paged list. */
export const PAGE_NOTE =
  'Answers in pages: `limit` (default 100) and the `cursor` the previous page gave as `nextCursor`; the order is stable.'
