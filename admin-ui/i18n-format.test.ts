import { describe, expect, it } from 'vitest'
import { formatDay, formatList, formatNumber, formatPercent } from './i18n.ts'

describe('the console’s locale formats', () => {
  it('writes a chart day short, in each language, without shifting it by the time zone', () => {
    expect(formatDay('en', '2026-12-07')).toBe('Dec 7')
    expect(formatDay('fr', '2026-12-07')).toBe('7 déc.')
    expect(formatDay('de', '2026-12-07')).toBe('7. Dez.')
    expect(formatDay('en', 'not a day')).toBe('not a day')
  })

  it('groups thousands as the language does', () => {
    expect(formatNumber('en', 12345)).toBe('12,345')
    expect(formatNumber('fr', 12345)).toBe('12\u202f345')
    expect(formatNumber('de', 12345)).toBe('12.345')
  })

  it('writes rates as percentages with the language’s decimal mark and spacing, never "100.0 %"', () => {
    expect(formatPercent('en', 0.125)).toBe('12.5%')
    expect(formatPercent('fr', 0.125)).toBe('12,5\u202f%')
    expect(formatPercent('de', 0.125)).toBe('12,5\u00a0%')
    expect(formatPercent('en', 1)).toBe('100%')
    expect(formatPercent('en', null)).toBe('—')
  })

  it('joins a list as the language does, with its own "and" before the last item', () => {
    expect(formatList('en', ['Send', 'Read', 'Manage'])).toBe('Send, Read, and Manage')
    expect(formatList('fr', ['Envoyer', 'Lire', 'Gérer'])).toBe('Envoyer, Lire et Gérer')
    expect(formatList('de', ['Senden', 'Lesen', 'Verwalten'])).toBe('Senden, Lesen und Verwalten')
    expect(formatList('fr', [])).toBe('')
  })
})
