import { describe, expect, it } from 'vitest'
import { CASE_COLOR, FONT_STACK, INTERACTION_COLORS } from '../chart-style/index.ts'
import { INTERACTION_TYPES } from '../schemas/index.ts'
import { LANES } from './lane-styles.ts'
import { WIDGET_CSS } from './widget-styles.ts'

describe('the widget’s lanes and the shared palette', () => {
  it('draws each lane in its type’s palette colour, in the schemas’ order', () => {
    expect(LANES.map((l) => l.type)).toEqual([...INTERACTION_TYPES])
    for (const lane of LANES) expect(lane.defaultColor).toBe(INTERACTION_COLORS[lane.type])
  })

  it('defaults its CSS colours and font to the palette’s, which a host page may still override', () => {
    for (const lane of LANES)
      expect(WIDGET_CSS).toContain(`var(${lane.colorProperty}, ${INTERACTION_COLORS[lane.type]})`)
    expect(WIDGET_CSS).toContain(`var(--casetrail-color-accent, ${CASE_COLOR})`)
    expect(WIDGET_CSS).toContain(`var(--casetrail-font-family, ${FONT_STACK})`)
  })
})
