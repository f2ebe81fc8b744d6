import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from './insight-csv.ts'

describe('CSV export', () => {
  it('quotes cells with commas, quotes and line breaks, and doubles quotes', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a, b')).toBe('"a, b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
  })

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('@sum')).toBe("'@sum")
    expect(csvCell(-3)).toBe('-3')
  })

  it('writes a header and rows with CRLF line ends, empty cells for null', () => {
    expect(
      toCsv(
        ['day', 'rate'],
        [
          ['2026-11-02', null],
          ['2026-11-03', 0.5],
        ],
      ),
    ).toBe('day,rate\r\n2026-11-02,\r\n2026-11-03,0.5\r\n')
  })
})
