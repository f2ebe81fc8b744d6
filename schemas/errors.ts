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

/** What a zod error is about: the words its messages use for the thing at fault. */
export type IssueSubject = 'interaction' | 'profile' | 'body' | 'query' | 'params' | 'headers'

const SUBJECT: Record<IssueSubject, { unknown: string; notObject: string }> = {
  interaction: {
    unknown: 'is not a field of this interaction type',
    notObject: 'an interaction must be a JSON object',
  },
  profile: { unknown: 'is not a field of a profile', notObject: 'a profile must be a JSON object' },
  body: { unknown: 'is not a field of this request body', notObject: 'the body must be' },
  query: { unknown: 'is not a query parameter of this route', notObject: 'the query must be an object' },
  params: {
    unknown: 'is not a path parameter of this route',
    notObject: 'the path parameters must be an object',
  },
  headers: { unknown: 'is not a header of this route', notObject: 'the headers must be an object' },
}

/**
 * Turns a zod error into item errors with stable, literal codes, one per field
 * at fault (an unknown property yields one `unknown_field` per property), with
 * messages worded for `subject`: an interaction, a profile, a request body, a
 * query, path parameters or headers.
 *
 * @example
 * toItemErrors(schema.safeParse(item).error!, item) // [{ path: 'type', code: 'unknown_type', … }]
 * toItemErrors(createHubSchema.safeParse(body).error!, body, 'body') // [{ path: 'name', code: 'required', … }]
 */
export function toItemErrors(
  error: z.ZodError,
  input: unknown,
  subject: IssueSubject = 'interaction',
): ItemError[] {
  return toCappedItemErrors(error, input, Number.POSITIVE_INFINITY, subject).errors
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
  subject: IssueSubject = 'interaction',
): { errors: ItemError[]; more: number } {
  const words = SUBJECT[subject]
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
          out.push({ path: at, code: 'unknown_field', message: `${at} ${words.unknown}` })
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
          const message =
            subject === 'body' ? `the body must be a JSON ${jsonTypeName(issue.expected)}` : words.notObject
          out.push({ path, code: 'invalid_type', message })
        } else if (valueAt(input, issue.path) === undefined) {
          out.push({ path, code: 'required', message: `${path} is required` })
        } else {
          out.push({
            path,
            code: 'invalid_type',
            message: `${path} must be ${article(jsonTypeName(issue.expected))}`,
          })
        }
        break
      case 'invalid_union':
        if (subject === 'interaction' && (path === '' || path === 'type')) {
          // A discriminated union reports an unknown or missing `type` this way.
          out.push({
            path: path || 'type',
            code: 'unknown_type',
            message:
              'type must be one of portal_viewknowledgearticle, portal_viewblogpost, portal_viewforumthread, portal_search',
          })
        } else {
          out.push({ path, code: 'invalid_value', message: `${path || 'the value'} ${unionMessage(issue)}` })
        }
        break
      case 'invalid_format': {
        const code =
          issue.format === 'uuid'
            ? 'invalid_uuid'
            : issue.format === 'datetime'
              ? 'invalid_timestamp'
              : 'invalid_format'
        out.push({ path, code, message: prefixed(path, issue.message) })
        break
      }
      case 'too_big':
        out.push({ path, code: 'too_long', message: prefixed(path, issue.message) })
        break
      case 'too_small':
        out.push({ path, code: 'too_short', message: prefixed(path, issue.message) })
        break
      default:
        out.push({ path, code: issue.code, message: prefixed(path, issue.message, ': ') })
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

/** A message that starts with the field it is about, unless it already names it. */
function prefixed(path: string, message: string, glue = ' '): string {
  if (!path) return message
  return message.startsWith(path) ? message : `${path}${glue}${message}`
}

const jsonTypeName = (expected: string): string =>
  expected === 'int' ? 'integer' : expected === 'record' || expected === 'map' ? 'object' : expected

const article = (name: string): string => (/^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`)

function unionMessage(issue: z.core.$ZodIssue): string {
  const custom = issue.message && !/^Invalid input/.test(issue.message) ? issue.message : null
  return custom ?? 'matches none of the shapes this field takes'
}

/** The `error` of an error envelope: a code, a message and the field at fault. */
export interface ErrorDetail {
  code: string
  message: string
  field: string
}

const LOCATION_CODES: Partial<Record<IssueSubject, (e: ItemError) => string>> = {
  // A route's query and path parameters name the parameter in the code: `invalid_window`, `before_required`.
  query: (e) =>
    e.code === 'unknown_field'
      ? 'unknown_parameter'
      : e.code === 'required'
        ? `${e.path}_required`
        : `invalid_${e.path}`,
  params: (e) => (e.code === 'invalid_uuid' ? 'invalid_uuid' : `invalid_${e.path}`),
  headers: (e) => (e.code === 'required' ? `${e.path}_required` : `invalid_${e.path}`),
}

/**
 * The one way a zod error becomes a request's error envelope: the first
 * problem's code and field, and every problem in the message, worded for
 * `subject` (a request body, the query, path parameters, headers).
 *
 * @example
 * toErrorDetail(createHubSchema.safeParse({}).error!, {}, 'body')
 * // { code: 'required', message: 'name is required', field: 'name' }
 */
export function toErrorDetail(error: z.ZodError, input: unknown, subject: IssueSubject): ErrorDetail {
  const errors = toItemErrors(error, input, subject)
  const first = errors[0]!
  const byLocation = LOCATION_CODES[subject]
  const code = byLocation
    ? byLocation(first)
    : first.code === 'invalid_type' && first.path === ''
      ? 'invalid_body'
      : first.code
  const field = first.path || (subject === 'params' ? 'path' : subject)
  const message = errors.map((e) => e.message).join('; ')
  return { code, message, field }
}
