import type { Context, MiddlewareHandler } from 'hono'
import type * as z from 'zod'
import { DomainError, parseJsonText } from '../../core/index.ts'
import {
  type ErrorCode,
  type IssueSubject,
  type RouteDef,
  type RouteInput,
  toErrorDetail,
} from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { MAX_ADMIN_BODY_BYTES } from './admin-body-limit.ts'

/** Largest JSON body the validation reads, in bytes (ingest and imports read their own). */
export const MAX_JSON_BODY_BYTES = MAX_ADMIN_BODY_BYTES

/** The app's environment with a route's parsed input on `c.var.input`. */
export type ValidatedEnv<R extends RouteDef> = AppEnv & { Variables: { input: RouteInput<R> } }

function check<S extends z.ZodType>(schema: S, value: unknown, subject: IssueSubject): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const { code, message, field } = toErrorDetail(parsed.error, value, subject)
  // The code is zod's, or named after the route's own parameter (`invalid_window`): the one cast
  // to ErrorCode; test/integration/error-codes.test.ts checks every code a route's schemas can
  // give is in schemas/error-codes.ts and listed in the route's errors.
  throw new DomainError('invalid', code as ErrorCode, message, field)
}

function headersOf(c: Context, schema: z.ZodObject): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of Object.keys(schema.shape)) {
    const value = c.req.header(name)
    if (value !== undefined) out[name] = value
  }
  return out
}

async function readJson(c: Context, mediaTypes: readonly string[], optional: boolean): Promise<unknown> {
  const length = c.req.header('content-length')
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  // An optional body may be left out altogether (Hono keeps the text for a later read).
  if (optional && (length === '0' || (await c.req.text()) === '')) return undefined
  if (!mediaTypes.includes(type)) {
    throw new DomainError(
      'unsupported_media',
      'unsupported_content_type',
      `Content-Type must be ${mediaTypes.join(' or ')}, got ${JSON.stringify(type || '(none)')}`,
      'content-type',
    )
  }
  if (Number(length ?? 0) > MAX_JSON_BODY_BYTES) {
    throw new DomainError(
      'too_large',
      'body_too_large',
      `the body is larger than ${MAX_JSON_BODY_BYTES} bytes`,
    )
  }
  const text = await c.req.text()
  if (Buffer.byteLength(text) > MAX_JSON_BODY_BYTES) {
    throw new DomainError(
      'too_large',
      'body_too_large',
      `the body is larger than ${MAX_JSON_BODY_BYTES} bytes`,
    )
  }
  return parseJsonText(text)
}

/**
 * Reads a JSON body and validates it with `schema`, for a handler that reads
 * its body itself (one media type of several); the same checks and error
 * envelope as {@link validateRoute}.
 *
 * @example
 * const body = await readJsonBody(c, uploadCertificateSchema)
 */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return check(schema, await readJson(c, ['application/json'], false), 'body')
}

/**
 * Checks a request's path parameters and query against its route's own
 * schemas (steps of {@link validateRoute}, which the lean ingest path takes
 * too). On routes signed with a shared access signature, `?sas=` is the token
 * and never a query parameter of the route.
 */
export function routeChecks<R extends RouteDef>(route: R) {
  const { params, query } = route.request ?? {}
  const sas = route.security !== null && 'sas' in route.security
  return {
    params: (raw: Record<string, string>): unknown => (params ? check(params, raw, 'params') : raw),
    query: (raw: Record<string, string>): unknown => {
      if (!query) return {}
      if (sas) delete raw.sas
      return check(query, raw, 'query')
    },
  }
}

/**
 * Validates a request against its route's own schemas (the ones
 * `/openapi.json` is generated from): path parameters, query, declared
 * headers and the JSON body, in that order. The first problem answers 400 in
 * the error envelope, worded for where it is (`invalid_window`,
 * `unknown_field`, `required`); the parsed input is on `c.var.input`.
 *
 * On routes signed with a shared access signature, `?sas=` is the token and
 * never a query parameter of the route. Bodies the route reads itself
 * (`readByHandler`: ingest, imports) are left alone.
 *
 * @example
 * app.post('/', validateRoute(createHub), async (c) => {
 *   const { name } = c.var.input.body
 * })
 */
export function validateRoute<R extends RouteDef>(route: R): MiddlewareHandler<ValidatedEnv<R>> {
  const { headers, body } = route.request ?? {}
  // `{path}` at the end is Hono's `*`, which `c.req.param()` does not name: it is the rest of the path.
  const wildcardAt = route.path.endsWith('/{path}') ? route.path.length - '{path}'.length : -1
  const paramsOf = (c: Context): Record<string, string> => {
    const raw = c.req.param() as Record<string, string>
    return wildcardAt < 0 ? raw : { ...raw, path: c.req.path.slice(wildcardAt) }
  }
  const checks = routeChecks(route)
  return async function validateRouteMiddleware(c, next) {
    const input = {
      params: checks.params(paramsOf(c)),
      query: {} as unknown,
      headers: headers ? check(headers, headersOf(c, headers), 'headers') : {},
      body: undefined as unknown,
    }
    input.query = checks.query(c.req.query())
    if (body && !body.readByHandler) {
      const value = await readJson(c, body.mediaTypes ?? ['application/json'], body.optional === true)
      input.body = value === undefined && body.optional ? undefined : check(body.schema, value, 'body')
    }
    c.set('input', input as RouteInput<R>)
    await next()
  }
}
