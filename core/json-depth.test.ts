import { describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH, jsonNestingExceeds, jsonShapeProblem } from './json-depth.ts'

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

describe('jsonShapeProblem', () => {
  const limits = { maxDepth: 4, maxMembers: 3 }
  it('counts the members of each object, not of arrays, and not colons in strings', () => {
    expect(jsonShapeProblem('{"a":1,"b":2,"c":3}', limits)).toBeNull()
    expect(jsonShapeProblem('{"a":1,"b":2,"c":3,"d":4}', limits)).toBe('members')
    expect(jsonShapeProblem(Buffer.from('[{"a":1,"b":2,"c":3},{"a":1,"b":2,"c":3}]'), limits)).toBeNull()
    expect(jsonShapeProblem('{"a":"x:y:z:w","b":{"c":1,"d":2,"e":3},"f":[1,2,3,4,5]}', limits)).toBeNull()
    expect(jsonShapeProblem('{"a":{"b":{"c":{"d":{"e":1}}}}}', limits)).toBe('depth')
  })
})
