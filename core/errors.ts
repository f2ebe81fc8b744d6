import { MAX_JSON_DEPTH, jsonNestingExceeds } from './json-depth.ts'

/**
 * What kind of failure a domain error is. The HTTP edge maps each kind to one
 * status code; core itself knows nothing of HTTP.
 */
export type ErrorKind =
  | 'invalid' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'timeout' // 408
  | 'conflict' // 409
  | 'misdirected' // 421
  | 'precondition_failed' // 412
  | 'too_large' // 413
  | 'unsupported_media' // 415
  | 'rate_limited' // 429
  | 'unavailable' // 503

/**
 * An expected failure with a literal `code` (`'hub_not_found'`,
 * `'token_expired'`) and, where one field is at fault, its name.
 *
 * @example
 * throw new DomainError('not_found', 'hub_not_found', `no hub with id ${id}`)
 */
export class DomainError extends Error {
  override readonly name = 'DomainError'
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Seconds a client should wait before trying again (`rate_limited`, `unavailable`). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
  }
}

/** Whether `err` is a {@link DomainError}, optionally with the given code. */
export const isDomainError = (err: unknown, code?: string): err is DomainError =>
  err instanceof DomainError && (code === undefined || err.code === code)

/**
 * Parses JSON text, or throws `invalid_json` (a 400) naming where it stands
 * (`body`, `line 3`) and what is wrong with it.
 *
 * @example const value = parseJsonText(await c.req.text())
 */
export function parseJsonText(text: string, where = 'body'): unknown {
  if (jsonNestingExceeds(text)) throw nestingTooDeep(where)
  try {
    return JSON.parse(text)
  } catch (err) {
    const what = text.trim() === '' ? 'empty' : `not valid JSON: ${(err as Error).message}`
    throw new DomainError(
      'invalid',
      'invalid_json',
      `${where === 'body' ? 'the body' : where} is ${what}`,
      where,
    )
  }
}

/**
 * The refusal of JSON nested deeper than {@link MAX_JSON_DEPTH}: a 400 with
 * code `nesting_too_deep`, given before anything parses the text.
 */
export const nestingTooDeep = (where = 'body'): DomainError =>
  new DomainError(
    'invalid',
    'nesting_too_deep',
    `${where === 'body' ? 'the body' : where} nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
    where,
  )

/**
 * The refusal of an ingest body with an object of more members than any
 * interaction has (400 `too_many_fields`), found before parsing.
 */
export const tooManyFields = (max: number): DomainError =>
  new DomainError(
    'invalid',
    'too_many_fields',
    `an object in the body has more than ${max} fields; an interaction has about ten`,
    'body',
  )
