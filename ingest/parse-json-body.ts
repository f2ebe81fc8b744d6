import type { Context } from 'hono'
import type { z } from 'zod'
import { DomainError, parseJsonText } from '../core/index.ts'
import { toItemErrors } from '../schemas/index.ts'

import { MAX_ADMIN_BODY_BYTES } from './middleware/admin-body-limit.ts'

/**
 * Reads an admin route's JSON body and validates it with `schema`. A bad body
 * is a 400 whose code and field name the first problem (`invalid_json`,
 * `required`, `unknown_field`, …); the message lists them all.
 *
 * @example
 * const { name } = await parseJsonBody(c, createHubSchema)
 */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'application/json') {
    throw new DomainError(
      'unsupported_media',
      'unsupported_content_type',
      `Content-Type must be application/json, got ${JSON.stringify(type || '(none)')}`,
      'content-type',
    )
  }
  const text = await c.req.text()
  // Admin routes count bytes while reading (adminBodyLimit); this holds wherever else it is used.
  if (Buffer.byteLength(text, 'utf8') > MAX_ADMIN_BODY_BYTES) {
    throw new DomainError(
      'too_large',
      'body_too_large',
      `the body is larger than ${MAX_ADMIN_BODY_BYTES} bytes`,
      'body',
    )
  }
  const value = parseJsonText(text)
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const errors = toItemErrors(parsed.error, value)
    const first = errors[0]!
    const message = errors.map((e) => e.message).join('; ')
    throw new DomainError(
      'invalid',
      first.code === 'invalid_type' && first.path === '' ? 'invalid_body' : first.code,
      message,
      first.path || 'body',
    )
  }
  return parsed.data
}
