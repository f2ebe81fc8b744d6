/**
 * What the journey chart tells the element that hosts it: where a point is
 * drawn (`locatePoint()`) and where everything is (`chartLayout()`), in
 * viewport coordinates, for tests and host pages.
 */
import type { JourneyChartHandle, mountJourneyChart } from './echarts-chart.ts'
import { LANES } from './lane-styles.ts'
import type { PlotModel } from './plot-model.ts'

/** The lazily loaded ECharts chunk, as the chart component uses it. */
export interface ChartModule {
  mountJourneyChart: typeof mountJourneyChart
}

/** A point in viewport (client) coordinates. */
export interface ClientPoint {
  x: number
  y: number
}

/** A box in viewport (client) coordinates. */
export interface ClientBox {
  left: number
  top: number
  right: number
  bottom: number
}

/** Where the chart drew what, in viewport coordinates: for tests and host pages. */
export interface ChartLayout {
  /** Each drawn marker's box: lanes by interaction type, `cases` for other cases. */
  markers: { seriesId: string; dataIndex: number; interactionId: string | null; box: ClientBox }[]
  /** The "Case created" tag, or null when the case is outside the view. */
  caseTag: ClientBox | null
  /** The x of the case's line, or null when the case is outside the view. */
  caseX: number | null
  /** The shaded part after the case, or null without an `after` window (or out of view). */
  afterZone: ClientBox | null
  /** The axis' bands in view: the earlier part of the window, the last hour, after the case. */
  bands: { kind: 'earlier' | 'focus' | 'after'; left: number; right: number }[]
  /** The time range in view, ISO 8601. */
  view: { from: string; to: string }
}

/** Lets the element answer `locatePoint()` and `chartLayout()` from the chart it does not own. */
export interface ChartBridge {
  locate: ((interactionId: string) => ClientPoint | null) | null
  layout?: (() => ChartLayout | null) | null
}

/** Where a lane's point of this interaction is: its lane and its index there, or null. */
export function findPoint(model: PlotModel, interactionId: string): { lane: number; index: number } | null {
  for (let lane = 0; lane < model.lanes.length; lane++) {
    const index = model.lanes[lane]!.findIndex((p) => p.interaction.portal_interactionid === interactionId)
    if (index >= 0) return { lane, index }
  }
  return null
}

/** A DOM box as a `ClientBox`, or null. */
const boxOf = (el: Element | null | undefined): ClientBox | null => {
  const r = el?.getBoundingClientRect()
  return r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null
}

/**
 * Where the chart drew what, in viewport coordinates: each marker, the case's
 * tag and line, the shaded part after the case, the axis' bands and the view.
 */
export function layoutOf(
  chart: JourneyChartHandle,
  model: PlotModel,
  canvas: Element,
  tag: Element | null,
  zone: Element | null,
): ChartLayout {
  const rect = canvas.getBoundingClientRect()
  const view = chart.zoomRange()
  const caseX = chart.timeX(model.caseMs)
  return {
    markers: chart.markers().map((m) => {
      const lane = LANES.findIndex((l) => l.type === m.seriesId)
      const half = m.size / 2
      return {
        seriesId: m.seriesId,
        dataIndex: m.dataIndex,
        interactionId: model.lanes[lane]?.[m.dataIndex]?.interaction.portal_interactionid ?? null,
        box: {
          left: rect.left + m.x - half,
          right: rect.left + m.x + half,
          top: rect.top + m.y - half,
          bottom: rect.top + m.y + half,
        },
      }
    }),
    caseTag: boxOf(tag),
    caseX: caseX === null ? null : rect.left + caseX,
    afterZone: boxOf(zone),
    bands: chart.bands().map((b) => ({ kind: b.kind, left: rect.left + b.left, right: rect.left + b.right })),
    view: { from: new Date(view[0]).toISOString(), to: new Date(view[1]).toISOString() },
  }
}
