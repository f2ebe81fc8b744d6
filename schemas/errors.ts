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
  const out: ItemError[] = []
  for (const issue of error.issues) {
    const path = formatPath(issue.path)
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const at = path ? `${path}.${key}` : key
          out.push({
            path: at,
            code: 'unknown_field',
            message: `${at} is not a field of this interaction type`,
          })
        }
        break
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
  return out
}
