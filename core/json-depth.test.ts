import { describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH, jsonNestingExceeds } from './json-depth.ts'

describe('jsonNestingExceeds', () => {
  it('finds nesting past the limit in strings and in bytes', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`
    expect(jsonNestingExceeds(deep)).toBe(true)
    expect(jsonNestingExceeds(Buffer.from(deep))).toBe(true)
    const fits = `${'{"a":'.repeat(MAX_JSON_DEPTH)}1${'}'.repeat(MAX_JSON_DEPTH)}`
    expect(jsonNestingExceeds(fits)).toBe(false)
  })

  it('reads brackets in strings, escaped quotes included, as text', () => {
    expect(jsonNestingExceeds('["[[[", "\\"[[[", {"k[":"{{"}]', 2)).toBe(false)
    expect(jsonNestingExceeds('[[["\\\\"]]]', 2)).toBe(true)
  })

  it('takes a million brackets without a stack', () => {
    expect(jsonNestingExceeds('['.repeat(1_000_000))).toBe(true)
  })
})
