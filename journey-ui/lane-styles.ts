import { INTERACTION_COLORS } from '../chart-style/index.ts'
import type { InteractionType } from '../schemas/index.ts'

/** An ECharts decal pattern, kept structural so this module needs no ECharts at run time. */
export interface LaneDecal {
  symbol: 'rect' | 'circle' | 'triangle' | 'diamond'
  symbolSize: number
  dashArrayX: number[] | number[][]
  dashArrayY: number[]
  rotation: number
  color: string
}

/** How one interaction type is drawn: its lane, colour, symbol and decal. */
export interface LaneStyle {
  type: InteractionType
  /** Short name used in the portal link template's `{kind}`. */
  kind: 'article' | 'blogpost' | 'forumthread' | 'search' | 'feedback'
  /** The CSS custom property that overrides the colour. */
  colorProperty: string
  /** The type's colour in the shared palette (chart-style), the console's too. */
  defaultColor: string
  symbol: 'circle' | 'rect' | 'triangle' | 'diamond' | 'pin'
  decal: LaneDecal
}

const decalInk = 'rgba(255, 255, 255, 0.75)'

/**
 * The lanes from top to bottom. The order is the schemas' `INTERACTION_TYPES`
 * order (a unit test holds them equal); it is written out here so the first
 * script needs no zod at run time.
 */
export const LANES: readonly LaneStyle[] = [
  {
    type: 'portal_viewknowledgearticle',
    kind: 'article',
    colorProperty: '--casetrail-lane-article',
    defaultColor: INTERACTION_COLORS.portal_viewknowledgearticle,
    symbol: 'circle',
    decal: {
      symbol: 'rect',
      symbolSize: 1,
      dashArrayX: [1, 0],
      dashArrayY: [2, 3],
      rotation: 0,
      color: decalInk,
    },
  },
  {
    type: 'portal_viewblogpost',
    kind: 'blogpost',
    colorProperty: '--casetrail-lane-blog',
    defaultColor: INTERACTION_COLORS.portal_viewblogpost,
    symbol: 'rect',
    decal: {
      symbol: 'rect',
      symbolSize: 1,
      dashArrayX: [1, 0],
      dashArrayY: [2, 3],
      rotation: Math.PI / 4,
      color: decalInk,
    },
  },
  {
    type: 'portal_viewforumthread',
    kind: 'forumthread',
    colorProperty: '--casetrail-lane-forum',
    defaultColor: INTERACTION_COLORS.portal_viewforumthread,
    symbol: 'triangle',
    decal: {
      symbol: 'circle',
      symbolSize: 0.8,
      dashArrayX: [3, 3],
      dashArrayY: [3, 3],
      rotation: 0,
      color: decalInk,
    },
  },
  {
    type: 'portal_search',
    kind: 'search',
    colorProperty: '--casetrail-lane-search',
    defaultColor: INTERACTION_COLORS.portal_search,
    symbol: 'diamond',
    decal: {
      symbol: 'rect',
      symbolSize: 1,
      dashArrayX: [1, 0],
      dashArrayY: [2, 3],
      rotation: -Math.PI / 4,
      color: decalInk,
    },
  },
  {
    type: 'portal_articlefeedback',
    kind: 'feedback',
    colorProperty: '--casetrail-lane-feedback',
    defaultColor: INTERACTION_COLORS.portal_articlefeedback,
    symbol: 'pin',
    decal: {
      symbol: 'circle',
      symbolSize: 0.6,
      dashArrayX: [2, 2],
      dashArrayY: [2, 2],
      rotation: 0,
      color: decalInk,
    },
  },
]

/** The lane of a type. */
export function laneOf(type: InteractionType): LaneStyle {
  return LANES.find((lane) => lane.type === type)!
}
