import { describe, expect, it } from 'vitest'
import { inlineParams, stringLiteral } from './sql-literal.ts'

describe('inlineParams', () => {
  it('puts each value in its placeholder as a typed literal', () => {
    expect(
      inlineParams("SELECT {s:String}, {n:UInt32}, {t:DateTime64(3, 'UTC')}, {a:Array(String)}", {
        s: 'x',
        n: 7,
        t: '2026-01-02 03:04:05.678',
        a: ['p', 'q'],
      }),
    ).toBe(
      "SELECT CAST('x' AS String), CAST(7 AS UInt32), CAST('2026-01-02 03:04:05.678' AS DateTime64(3, 'UTC')), CAST(['p', 'q'] AS Array(String))",
    )
  })

  it('escapes quotes, backslashes and NUL so that no value can end its literal', () => {
    expect(stringLiteral("it's")).toBe("'it\\'s'")
    expect(stringLiteral('a\\')).toBe("'a\\\\'")
    expect(stringLiteral("\\'); DROP TABLE t; --")).toBe("'\\\\\\'); DROP TABLE t; --'")
    expect(stringLiteral('a\0b')).toBe("'a\\0b'")
  })

  it('does not read placeholders inside values', () => {
    expect(inlineParams('SELECT {a:String}, {b:String}', { a: '{b:String}', b: 'x' })).toBe(
      "SELECT CAST('{b:String}' AS String), CAST('x' AS String)",
    )
  })

  it('refuses a placeholder without a value and a number that is not finite', () => {
    expect(() => inlineParams('SELECT {a:String}', {})).toThrow('query parameter a has no value')
    expect(() => inlineParams('SELECT {n:Float64}', { n: Number.NaN })).toThrow('finite')
  })
})
