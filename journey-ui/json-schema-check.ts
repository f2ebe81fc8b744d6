/** A JSON Schema (draft 2020-12) as data, in the subset zod's `toJSONSchema` writes. */
export type JsonSchema = { [keyword: string]: unknown }

/** Where a value breaks its schema, and how. */
export interface SchemaIssue {
  path: string
  message: string
}

/**
 * The keywords {@link validate} understands. The tests fail when the journey's
 * schema uses another, so a schema change the checker cannot follow is found
 * there (the browser build carries no list: every byte counts in the widget).
 */
export const SUPPORTED_KEYWORDS = new Set([
  '$schema',
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'anyOf',
  'oneOf',
  'not',
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
])

const patterns = new Map<string, RegExp>()
const regex = (source: string) => {
  let r = patterns.get(source)
  if (!r) {
    r = new RegExp(source, 'u')
    patterns.set(source, r)
  }
  return r
}

const typeOf = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'number' && Number.isInteger(v)
        ? 'integer'
        : typeof v

function check(schema: JsonSchema, value: unknown, path: string, out: SchemaIssue[]): void {
  const fail = (message: string) => {
    out.push({ path: path || '(root)', message })
  }
  if (schema.type !== undefined) {
    const types = ([] as string[]).concat(schema.type as string | string[])
    const actual = typeOf(value)
    if (!types.some((t) => actual === t || (t === 'number' && actual === 'integer'))) {
      fail(`${actual}, not ${types.join(' or ')}`)
      return
    }
  }
  if ('const' in schema && value !== schema.const) {
    fail('not allowed')
    return
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) {
    fail('not allowed')
    return
  }
  if (typeof value === 'string') {
    // In code points, as JSON Schema and zod count (UTF-16 units differ past U+FFFF).
    const length = [...value].length
    if (length < ((schema.minLength as number) ?? 0)) fail('too short')
    if (length > ((schema.maxLength as number) ?? Number.POSITIVE_INFINITY)) fail('too long')
    if (schema.pattern !== undefined && !regex(schema.pattern as string).test(value)) fail('bad format')
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < (schema.minimum as number)) fail('too small')
    if (schema.maximum !== undefined && value > (schema.maximum as number)) fail('too large')
    if (schema.exclusiveMinimum !== undefined && value <= (schema.exclusiveMinimum as number))
      fail('too small')
    if (schema.exclusiveMaximum !== undefined && value >= (schema.exclusiveMaximum as number))
      fail('too large')
  }
  if (Array.isArray(value) && schema.items) {
    for (let i = 0; i < value.length; i++) check(schema.items as JsonSchema, value[i], `${path}.${i}`, out)
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>
    for (const key of (schema.required ?? []) as string[]) if (!(key in obj)) fail(`${key} is required`)
    for (const key in obj) {
      const at = path ? `${path}.${key}` : key
      if (schema.propertyNames) check(schema.propertyNames as JsonSchema, key, at, out)
      if (key in props) check(props[key]!, obj[key], at, out)
      else if (schema.additionalProperties === false) out.push({ path: at, message: 'is not allowed here' })
      else if (typeof schema.additionalProperties === 'object')
        check(schema.additionalProperties as JsonSchema, obj[key], at, out)
    }
  }
  if (schema.not && validate(schema.not as JsonSchema, value).length === 0) fail('not allowed')
  for (const [keyword, one] of [
    ['anyOf', false],
    ['oneOf', true],
  ] as const) {
    const options = schema[keyword] as JsonSchema[] | undefined
    if (!options) continue
    const results = options.map((o) => validate(o, value, path))
    const passing = results.filter((r) => r.length === 0).length
    if (passing === 0) {
      // The option that got furthest says most: the fewest issues.
      const best = results.reduce((a, b) => (b.length < a.length ? b : a))
      out.push(...best)
    } else if (one && passing > 1) fail('ambiguous')
  }
}

/**
 * Checks `value` against `schema`; no issues means it conforms. A small
 * interpreter for the JSON Schema zod writes for the journey's answer (see
 * `journeyResponseJsonSchema` in schemas/), so the widget needs no zod.
 *
 * @example validate({ type: 'string', minLength: 1 }, '') // [{ path: '(root)', message: 'too short' }]
 */
export function validate(schema: JsonSchema, value: unknown, path = ''): SchemaIssue[] {
  const out: SchemaIssue[] = []
  check(schema, value, path, out)
  return out
}
