import { DomainError } from '../errors.ts'
import { ClickHouseError } from '@clickhouse/client'

/**
 * What a failed store call means for the data it carried:
 * - `transient`: the store could not take it now (connection, timeout,
 *   memory, too many parts, an unknown failure); the same data may succeed
 *   later, so retry with backoff;
 * - `permanent`: the store read the data and refuses it (a parse or type
 *   error); sending the same rows again fails the same way, so the rows at
 *   fault must be set aside.
 */
export type StoreErrorKind = 'transient' | 'permanent'

/** A store error sorted once, by its ClickHouse code: what callers branch on. */
export interface ClassifiedStoreError {
  kind: StoreErrorKind
  /** ClickHouse's name for the error (`CANNOT_PARSE_UUID`), or `STORE_UNREACHABLE`, or `CLICKHOUSE_<n>`. */
  code: string
  /** ClickHouse's numeric code, when it gave one. */
  clickhouseCode: number | null
  /** The store's message, cut to 1,000 characters. */
  message: string
}

/**
 * ClickHouse codes that mean "this data cannot be inserted as it is": the
 * row's text does not parse, or a value does not fit its column type
 * (ClickHouse's src/Common/ErrorCodes.cpp). Everything else is transient, so
 * that an unknown failure delays rows but never sets valid ones aside.
 */
const PERMANENT_FOR_DATA: ReadonlyMap<number, string> = new Map([
  [6, 'CANNOT_PARSE_TEXT'],
  [25, 'CANNOT_PARSE_ESCAPE_SEQUENCE'],
  [26, 'CANNOT_PARSE_QUOTED_STRING'],
  [27, 'CANNOT_PARSE_INPUT_ASSERTION_FAILED'],
  [38, 'CANNOT_PARSE_DATE'],
  [41, 'CANNOT_PARSE_DATETIME'],
  [53, 'TYPE_MISMATCH'],
  [69, 'ARGUMENT_OUT_OF_BOUND'],
  [70, 'CANNOT_CONVERT_TYPE'],
  [72, 'CANNOT_PARSE_NUMBER'],
  [117, 'INCORRECT_DATA'],
  [130, 'CANNOT_READ_ARRAY_FROM_TEXT'],
  [131, 'TOO_LARGE_STRING_SIZE'],
  [321, 'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE'],
  [349, 'CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN'],
  [376, 'CANNOT_PARSE_UUID'],
  [407, 'DECIMAL_OVERFLOW'],
  [467, 'CANNOT_PARSE_BOOL'],
])

/** Transient codes worth naming in logs (the rest are transient too, as `CLICKHOUSE_<n>`). */
const NAMED_TRANSIENT: ReadonlyMap<number, string> = new Map([
  [159, 'TIMEOUT_EXCEEDED'],
  [202, 'TOO_MANY_SIMULTANEOUS_QUERIES'],
  [209, 'SOCKET_TIMEOUT'],
  [210, 'NETWORK_ERROR'],
  [241, 'MEMORY_LIMIT_EXCEEDED'],
  [242, 'TABLE_IS_READ_ONLY'],
  [252, 'TOO_MANY_PARTS'],
])

/** The numeric ClickHouse code of an error from @clickhouse/client (`code: "25"`) or from chdb (`clickhouseCode: 25`). */
function clickhouseCodeOf(err: unknown): number | null {
  if (typeof err !== 'object' || err === null) return null
  const chdb = (err as { clickhouseCode?: unknown }).clickhouseCode
  if (typeof chdb === 'number' && Number.isInteger(chdb)) return chdb
  if (err instanceof ClickHouseError && /^\d+$/.test(err.code)) return Number(err.code)
  return null
}

const messageOf = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim().slice(0, 1000)

/**
 * Sorts a store error into transient or permanent-for-this-data, by code
 * only (never by message text). The one place this is decided: the flusher
 * and anything else that writes rows branch on `kind`.
 *
 * @example
 * const e = classifyStoreError(err)
 * if (e.kind === 'permanent') setAside(rows, e.code, e.message)
 */
export function classifyStoreError(err: unknown): ClassifiedStoreError {
  const code = clickhouseCodeOf(err)
  const message = messageOf(err)
  if (code === null) {
    // No ClickHouse code: the call never got an answer (refused, reset, DNS, …).
    return { kind: 'transient', code: 'STORE_UNREACHABLE', clickhouseCode: null, message }
  }
  const permanent = PERMANENT_FOR_DATA.get(code)
  if (permanent) return { kind: 'permanent', code: permanent, clickhouseCode: code, message }
  const type = err instanceof ClickHouseError && err.type ? err.type : undefined
  return {
    kind: 'transient',
    code: type ?? NAMED_TRANSIENT.get(code) ?? `CLICKHOUSE_${code}`,
    clickhouseCode: code,
    message,
  }
}

/**
 * A read refused for its size: the engine stopped it at the query's memory
 * share (`MEMORY_LIMIT_EXCEEDED`) or at its time bound (`TIMEOUT_EXCEEDED`).
 * Answered `503 read_too_large` with `Retry-After`, naming what was read and
 * how to narrow it, never a 500. Any other error is returned as it is.
 *
 * @example
 * try { return await read() } catch (err) { throw readRefusedForSize(err, 'the content insights', 'a shorter period') }
 */
export function readRefusedForSize(err: unknown, what: string, narrower: string): unknown {
  const code = classifyStoreError(err).code
  if (code !== 'MEMORY_LIMIT_EXCEEDED' && code !== 'TIMEOUT_EXCEEDED') return err
  const why =
    code === 'TIMEOUT_EXCEEDED'
      ? 'took longer than its time bound'
      : "needed more than its share of the engine's memory"
  return new DomainError(
    'unavailable',
    'read_too_large',
    `reading ${what} ${why} and was stopped; ask for ${narrower}`,
    undefined,
    30,
  )
}
