import type { Interaction, JourneyResponse } from '../schemas/index.ts'
import { LANES } from './lane-styles.ts'

/** One interaction placed on the chart. */
export interface PlotPoint {
  interaction: Interaction
  ms: number
}

/** Another case of the contact inside the window, drawn as a marker of its own. */
export interface CaseMark {
  caseId: string
  /** The case number, when the case has one. */
  caseNumber: string | null
  title: string | null
  status: string | null
  ms: number
}

/** The journey laid out for the chart: the window and the points of each lane, oldest first. */
export interface PlotModel {
  fromMs: number
  /** The case's creation time (`before`). */
  caseMs: number
  /** The end of the window: the case, or the end of the `after` window. */
  toMs: number
  /** How long before the case the window starts. */
  windowMs: number
  /** How long after the case the window runs (0 without `after`). */
  afterMs: number
  /** In {@link LANES} order. */
  lanes: PlotPoint[][]
  /**
   * The chart row of each lane, in {@link LANES} order: lanes with no
   * interaction in the window take no row (-1), so a type nobody used does
   * not take a fifth of the chart's height from the others.
   */
  rows: number[]
  /** How many rows the chart has (at least one). */
  rowCount: number
  /** The contact's other cases inside the window, oldest first. */
  cases: CaseMark[]
  total: number
}

/**
 * Lays out a journey for the chart. The case is the answer's `before`; every
 * listed case created at another time is an "other case".
 *
 * @example plotModel(journey).lanes[0] // the article views, oldest first
 */
export function plotModel(journey: JourneyResponse): PlotModel {
  const fromMs = Date.parse(journey.from)
  const toMs = Date.parse(journey.to)
  const caseMs = Date.parse(journey.before)
  const lanes: PlotPoint[][] = LANES.map(() => [])
  for (const interaction of journey.interactions) {
    const index = LANES.findIndex((lane) => lane.type === interaction.type)
    lanes[index]!.push({ interaction, ms: Date.parse(interaction.portal_timestamp) })
  }
  const cases = journey.cases
    .map((c) => ({
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      title: c.title,
      status: c.status,
      ms: Date.parse(c.createdAt),
    }))
    .filter((c) => c.ms !== caseMs)
  let rowCount = 0
  const rows = lanes.map((points) => (points.length > 0 ? rowCount++ : -1))
  return {
    fromMs,
    caseMs,
    rows: rowCount ? rows : lanes.map((_, i) => i),
    rowCount: rowCount || lanes.length,
    toMs,
    windowMs: caseMs - fromMs,
    afterMs: toMs - caseMs,
    lanes,
    cases,
    total: journey.interactions.length,
  }
}

/** The narrowest the chart zooms, and the narrowest initial view: ten minutes. */
export const MIN_ZOOM_MS = 10 * 60_000

/**
 * Where the chart opens: from the first interaction (or other case) to the
 * case, or to the last interaction or case after it, padded on each side by
 * 5 % of that span (at least a minute), at least {@link MIN_ZOOM_MS} wide, and
 * inside the window. A journey with nothing in it, or whose activity covers
 * most (80 %) of the window, opens on the whole window.
 *
 * @example activitySpan(model) // [firstMs - pad, caseMs] when nothing happened after the case
 */
export function activitySpan(model: PlotModel): [number, number] {
  let start = model.caseMs
  let end = model.caseMs
  let any = false
  for (const ms of [...model.lanes.flat().map((p) => p.ms), ...model.cases.map((c) => c.ms)]) {
    any = true
    if (ms < start) start = ms
    if (ms > end) end = ms
  }
  if (!any) return [model.fromMs, model.toMs]
  const pad = Math.max((end - start) * 0.05, 60_000)
  start -= pad
  end += pad
  if (end - start < MIN_ZOOM_MS) {
    const middle = (start + end) / 2
    start = middle - MIN_ZOOM_MS / 2
    end = middle + MIN_ZOOM_MS / 2
  }
  start = Math.max(start, model.fromMs)
  end = Math.min(end, model.toMs)
  if (end - start >= 0.8 * (model.toMs - model.fromMs)) return [model.fromMs, model.toMs]
  return [start, end]
}
