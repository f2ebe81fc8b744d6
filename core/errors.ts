import type { ErrorCode, ErrorKind, KindOf } from '../schemas/index.ts'
import { MAX_JSON_DEPTH, jsonNestingExceeds } from './json-depth.ts'

/**
 * An expected failure with a literal `code` (`'hub_not_found'`,
 * `'token_expired'`) and, where one field is at fault, its name. The code is
 * one of {@link ErrorCode} (listed with its status in `schemas/error-codes.ts`)
 * and the kind one whose status the code answers with, so a code the API
 * reference does not know cannot be thrown.
 *
 * @example
 * throw new DomainError('not_found', 'hub_not_found', `no hub with id ${id}`)
 */
export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'DomainError'
  /** What kind of failure this is; the edge maps each kind to one HTTP status. */
  readonly kind: ErrorKind
  readonly code: C
  constructor(
    kind: KindOf<C>,
    code: C,
    message: string,
    readonly field?: string,
    /** Seconds a client should wait before trying again (`rate_limited`, `unavailable`). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
    this.kind = kind
    this.code = code
  }
}

/** Whether `err` is a {@link DomainError}, optionally with the given code. */
export const isDomainError = (err: unknown, code?: ErrorCode): err is DomainError =>
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

/**
 * The one batch rule of interactions, cases and profile imports: none is a
 * 400 `empty_batch`, more than `max` a 413 `batch_too_large`, both on the body.
 *
 * @example checkBatchSize(items, { max: MAX_BATCH_ITEMS, noun: 'interactions', in: 'request' })
 */
export function checkBatchSize(
  items: readonly unknown[],
  limit: { max: number; noun: string; in: 'request' | 'import' },
): void {
  if (items.length === 0) {
    const holder = limit.in === 'import' ? 'the import' : 'the array'
    throw new DomainError('invalid', 'empty_batch', `${holder} holds no ${limit.noun}`, 'body')
  }
  if (items.length > limit.max) {
    const carrier = limit.in === 'import' ? 'an import' : 'a request'
    throw new DomainError(
      'too_large',
      'batch_too_large',
      `${carrier} may carry at most ${limit.max} ${limit.noun}, got ${items.length}`,
      'body',
    )
  }
}
