import type { InteractionType } from '../schemas/index.ts'

/**
 * One colour per interaction type, for the journey widget's lanes and the
 * console's charts alike: Okabe–Ito colours, told apart with the common
 * colour-vision deficiencies. A blog post is vermillion wherever it is drawn.
 */
export const INTERACTION_COLORS: Readonly<Record<InteractionType, string>> = {
  portal_viewknowledgearticle: '#0072b2',
  portal_viewblogpost: '#d55e00',
  portal_viewforumthread: '#009e73',
  portal_search: '#cc79a7',
  portal_articlefeedback: '#e69f00',
}

/** A case: the widget's case line and the console's case bars and "failed" outcomes. */
export const CASE_COLOR = '#b4005a'

/** What is neither good nor bad news (no click, a potential deflection): a mid grey. */
export const NEUTRAL_COLOR = '#8c959f'

/**
 * Deflection outcomes: confirmed (sky blue, the Okabe–Ito colour no type
 * takes), potential (neutral), failed (a case followed: the case colour).
 */
export const OUTCOME_COLORS = {
  confirmed: '#56b4e9',
  potential: NEUTRAL_COLOR,
  failed: CASE_COLOR,
} as const

/** Text and lines of a chart on a light surface: the widget's default ink, muted text and grid. */
export const CHART_INK = { text: '#1f2933', muted: '#5b6670', grid: '#d9dde3' } as const

/** The font stack of the widget and of the console (admin-styles.css names the same). */
export const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

/** The colour of an interaction type, or the neutral grey for a type this release does not know. */
export const colorOf = (type: string): string =>
  (INTERACTION_COLORS as Record<string, string>)[type] ?? NEUTRAL_COLOR
