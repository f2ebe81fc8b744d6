import { describe, expect, it } from 'vitest'
import { wrapLabel } from './chart-text.ts'

describe('wrapLabel', () => {
  it('breaks a long title at spaces into lines of at most the width, dropping nothing', () => {
    const title = 'Two-factor sign-in fails after a phone change'
    const wrapped = wrapLabel(title, 24)
    expect(wrapped).toBe('Two-factor sign-in fails\nafter a phone change')
    expect(wrapped.replaceAll('\n', ' ')).toBe(title)
  })

  it('leaves a short label as it is', () => {
    expect(wrapLabel('Reset your password', 24)).toBe('Reset your password')
  })

  it('cuts a word longer than a line across lines rather than shortening it', () => {
    expect(wrapLabel('Rechnungsadressenänderung bitte', 10)).toBe('Rechnungsa\ndressenänd\nerung\nbitte')
  })
})
