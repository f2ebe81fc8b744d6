/** A value a read may bind to a `{name:Type}` placeholder. */
export type ReadParam = string | number | bigint | boolean | readonly (string | number)[]

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*):([^{}]+)\}/g

/** A ClickHouse single-quoted string literal: quote, backslash and NUL escaped, nothing else can end it. */
export function stringLiteral(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\0', '\\0')}'`
}

function scalarLiteral(name: string, value: string | number | bigint | boolean): string {
  if (typeof value === 'string') return stringLiteral(value)
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (!Number.isFinite(value))
    throw new Error(`query parameter ${name} must be a finite number, got ${value}`)
  return String(value)
}

/**
 * Puts `params` into a query's `{name:Type}` placeholders as typed literals
 * (`CAST('…' AS Type)`), the same values ClickHouse's own parameter binding
 * would give, with every string escaped so that no value can leave its literal.
 *
 * Why not bind them in the engine: chdb-node runs every bound-parameter query
 * of the process one after another on a single chain (libchdb's parameter
 * state is not per connection), so bound reads on a pool of sessions cannot
 * overlap. Measured with `bench/chdb-concurrency.ts`: 4 reads at a time on 4
 * sessions, 846 queries/s with literals and 424/s bound, against 457/s one at
 * a time. The types still come from the query text, never from a value.
 *
 * @example
 * inlineParams('SELECT * FROM t WHERE id = {id:UUID}', { id })
 * // "SELECT * FROM t WHERE id = CAST('…' AS UUID)"
 */
export function inlineParams(query: string, params: Readonly<Record<string, ReadParam>> = {}): string {
  return query.replace(PLACEHOLDER, (_, name: string, type: string) => {
    if (!Object.hasOwn(params, name)) throw new Error(`query parameter ${name} has no value`)
    const value = params[name]!
    const literal = Array.isArray(value)
      ? `[${value.map((v) => scalarLiteral(name, v)).join(', ')}]`
      : scalarLiteral(name, value as string | number | bigint | boolean)
    return `CAST(${literal} AS ${type.trim()})`
  })
}
