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

describe('jsonShapeProblem on bytes (strings skipped with indexOf) and on text (a byte at a time)', () => {
  // The two loops must give the same verdict for any bytes: quotes, backslashes and brackets
  // anywhere, escapes at the very end, strings left open, multi-byte UTF-8.
  const verdicts = (text: string, limits: { maxDepth: number; maxMembers: number }) => [
    jsonShapeProblem(Buffer.from(text, 'latin1'), limits),
    jsonShapeProblem(text, limits),
  ]
  it('agrees with the byte loop on hand-picked escapes', () => {
    const limits = { maxDepth: 2, maxMembers: 2 }
    for (const text of [
      '["\\\\"]',
      '[["\\\\\\"[[["]]',
      '[["\\"[[[[", [[["]]',
      '"\\',
      '"abc\\"',
      '["\\\\\\\\",[[1]]]',
      '{"a\\"":1,"b":{"c\\\\":2,"d":3,"e":4}}',
      '{"a":"\\\\","b":"\\"","c":1}',
      '[[["\\u0022"]]]',
      '["x\\\\"]]]]][[[[[[[',
    ])
      expect(verdicts(text, limits), text).toEqual([verdicts(text, limits)[1], verdicts(text, limits)[1]])
    expect(jsonShapeProblem(Buffer.from('[["\\\\"],[[1]]]'), limits)).toBe('depth')
    expect(jsonShapeProblem(Buffer.from('[["\\\\\\"],[[1]]]'), limits)).toBeNull()
    expect(jsonShapeProblem(Buffer.from('{"a":"\\"","b":"\\\\","c":1}'), limits)).toBe('members')
  })

  it('agrees with the byte loop on 20,000 random texts', () => {
    const alphabet = ['[', ']', '{', '}', '"', '\\', ':', ',', 'a', '1', ' ', 'é']
    const tokens = ['{', '}', '[', ']', '"k":', ',', '1', ':', '"s\\""', '"\\\\"', '"a:b{"', '\\', '"']
    let seed = 7
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0
      return seed % n
    }
    const found = new Set<string | null>()
    for (let t = 0; t < 20_000; t++) {
      let text = ''
      const n = rand(80)
      // Half single characters, half JSON-like pieces (so members and depth are both reached).
      const pieces = t % 2 === 0 ? alphabet : tokens
      for (let i = 0; i < n; i++) text += pieces[rand(pieces.length)]
      const limits = { maxDepth: 1 + rand(4), maxMembers: 1 + rand(3) }
      // The text's UTF-8 bytes: every byte the scan looks at is ASCII, so both see the same structure.
      const [bytes, chars] = [jsonShapeProblem(Buffer.from(text), limits), jsonShapeProblem(text, limits)]
      if (bytes !== chars) expect({ text, bytes }).toEqual({ text, bytes: chars })
      found.add(bytes)
    }
    expect(found).toEqual(new Set(['depth', 'members', null]))
  })
})
