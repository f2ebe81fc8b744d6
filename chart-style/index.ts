/**
 * One palette and one chart style for the journey widget and the console:
 * a colour per interaction type, the case and outcome colours, the font, the
 * base chart option and label wrapping. Depends on `schemas` (types) alone.
 */
export { categoryAxisStyle, chartBase, valueAxisStyle } from './chart-base.ts'
export { wrapLabel } from './chart-text.ts'
export {
  CASE_COLOR,
  CHART_INK,
  FONT_STACK,
  INTERACTION_COLORS,
  NEUTRAL_COLOR,
  OUTCOME_COLORS,
  colorOf,
} from './palette.ts'
