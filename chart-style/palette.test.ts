import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { INTERACTION_TYPES } from '../schemas/index.ts'
import { CASE_COLOR, FONT_STACK, INTERACTION_COLORS, OUTCOME_COLORS, colorOf } from './palette.ts'

describe('the palette', () => {
  it('has one colour for every interaction type, each different', () => {
    expect(Object.keys(INTERACTION_COLORS).sort()).toEqual([...INTERACTION_TYPES].sort())
    const colours = Object.values(INTERACTION_COLORS)
    expect(new Set(colours).size).toBe(colours.length)
  })

  it('draws a blog post vermillion and a search reddish purple (Okabe–Ito), not a library default', () => {
    expect(colorOf('portal_viewblogpost')).toBe('#d55e00')
    expect(colorOf('portal_search')).toBe('#cc79a7')
    expect(colorOf('portal_something_new')).toBe('#8c959f')
  })

  it('keeps cases and outcomes apart from the type colours, and a failed deflection in the case colour', () => {
    const types = new Set(Object.values(INTERACTION_COLORS))
    expect(types.has(CASE_COLOR)).toBe(false)
    expect(types.has(OUTCOME_COLORS.confirmed)).toBe(false)
    expect(OUTCOME_COLORS.failed).toBe(CASE_COLOR)
  })

  it('names the font stack the console stylesheet uses', () => {
    const css = readFileSync(new URL('../admin-ui/admin-styles.css', import.meta.url), 'utf8')
    expect(css).toContain(`font-family: ${FONT_STACK};`)
  })
})
