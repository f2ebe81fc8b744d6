import * as z from 'zod'

/** One problem with one field of one item: `{ path, code, message }`. */
export const itemErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
})
export type ItemError = z.infer<typeof itemErrorSchema>

/** An error answer for a whole request: `{ error: { code, message, field? } }`. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
})
export type ErrorBody = z.infer<typeof errorBodySchema>

const formatPath = (path: readonly PropertyKey[]): string => path.map(String).join('.')

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Record<PropertyKey, unknown>)[key]
  }
  return at
}

/**
 * Turns a zod error into item errors with stable, literal codes, one per field
 * at fault (an unknown property yields one `unknown_field` per property).
 *
 * @example
 * toItemErrors(schema.safeParse(item).error!, item) // [{ path: 'type', code: 'unknown_type', … }]
 */
export function toItemErrors(error: z.ZodError, input: unknown): ItemError[] {
  return toCappedItemErrors(error, input, Number.POSITIVE_INFINITY).errors
}

/**
 * {@link toItemErrors}, listing at most `max` errors and counting the rest in
 * `more`, so that an item of 120K unknown fields costs 20 objects, not 120K.
 *
 * @example
 * const { errors, more } = toCappedItemErrors(result.error, item, MAX_ERRORS_PER_ITEM)
 */
export function toCappedItemErrors(
  error: z.ZodError,
  input: unknown,
  max: number,
): { errors: ItemError[]; more: number } {
  const out: ItemError[] = []
  let more = 0
  for (const issue of error.issues) {
    if (out.length >= max) {
      more += issue.code === 'unrecognized_keys' ? issue.keys.length : 1
      continue
    }
    const path = formatPath(issue.path)
    switch (issue.code) {
      case 'unrecognized_keys': {
        const room = max - out.length
        for (const key of issue.keys.slice(0, room)) {
          const at = path ? `${path}.${key}` : key
          out.push({
            path: at,
            code: 'unknown_field',
            message: `${at} is not a field of this interaction type`,
          })
        }
        more += Math.max(0, issue.keys.length - room)
        break
      }
      case 'custom': {
        // A refinement names its own code (`invalid_unicode`) in its params.
        const code = (issue.params as { code?: unknown } | undefined)?.code
        out.push({
          path,
          code: typeof code === 'string' ? code : 'custom',
          message: path ? `${path} ${issue.message}` : issue.message,
        })
        break
      }
      case 'invalid_type':
        if (path === '') {
          out.push({ path, code: 'invalid_type', message: 'an interaction must be a JSON object' })
        } else if (valueAt(input, issue.path) === undefined) {
          out.push({ path, code: 'required', message: `${path} is required` })
        } else {
          out.push({ path, code: 'invalid_type', message: `${path} must be a ${issue.expected}` })
        }
        break
      case 'invalid_union':
        // A discriminated union reports an unknown or missing `type` this way.
        out.push({
          path: path || 'type',
          code: 'unknown_type',
          message:
            'type must be one of portal_viewknowledgearticle, portal_viewblogpost, portal_viewforumthread, portal_search',
        })
        break
      case 'invalid_format': {
        const code =
          issue.format === 'uuid'
            ? 'invalid_uuid'
            : issue.format === 'datetime'
              ? 'invalid_timestamp'
              : 'invalid_format'
        out.push({ path, code, message: `${path} ${issue.message}` })
        break
      }
      case 'too_big':
        out.push({ path, code: 'too_long', message: `${path} ${issue.message}` })
        break
      case 'too_small':
        out.push({ path, code: 'too_short', message: `${path} ${issue.message}` })
        break
      default:
        out.push({ path, code: issue.code, message: path ? `${path}: ${issue.message}` : issue.message })
    }
  }
  return { errors: out, more }
}

/** Most errors listed for one refused item; the rest are counted in `moreErrors`. */
export const MAX_ERRORS_PER_ITEM = 20
/** Most refused items listed in full in one answer; the rest are counted in `moreRejected`. */
export const MAX_REJECTED_LISTED = 50

/** One refused item of an ingest request. */
export const rejectedItemSchema = z.object({
  index: z.number().int().nonnegative(),
  errors: z.array(itemErrorSchema),
  /** Errors found beyond the first {@link MAX_ERRORS_PER_ITEM}, when there were more. */
  moreErrors: z.number().int().positive().optional(),
})
export type RejectedItemAnswer = z.infer<typeof rejectedItemSchema>

/**
 * What an ingest request answers (202, 200 or 400): how many items were taken,
 * the first {@link MAX_REJECTED_LISTED} refused items in full, and, when more
 * were refused, their count and their problems counted by code.
 */
export const ingestAnswerSchema = z.object({
  accepted: z.number().int().nonnegative(),
  rejected: z.array(rejectedItemSchema),
  moreRejected: z
    .object({ items: z.number().int().positive(), errors: z.record(z.string(), z.number().int()) })
    .optional(),
})
export type IngestAnswer = z.infer<typeof ingestAnswerSchema>
