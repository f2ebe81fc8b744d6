/**
 * The ECharts chunk: `echarts/core` with only what the journey draws (scatter,
 * grid, zoom by wheel and drag, aria, canvas), the chart's option, the time
 * scale and the layout that spreads crowded markers. The widget imports this module lazily, after
 * the list has data, so the first script stays small. The tooltip, the legend
 * the case's tag, the lines and the bands are the widget's own HTML (accessible,
 * localised, and ~30 KB gzip lighter than ECharts' components; the zoom
 * slider and marked lines alone were 10.9 KB).
 */
import { ScatterChart } from 'echarts/charts'
import { AriaComponent, DataZoomInsideComponent, GridSimpleComponent } from 'echarts/components'
import { type ECElementEvent, init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import type { InteractionType } from '../schemas/index.ts'
import {
  baseSymbolSize,
  buildChartOption,
  CASES_ROW_PX,
  CASES_SERIES,
  type ChartTheme,
  LARGE_JOURNEY,
} from './journey-chart-options.ts'
import type { JourneyFormat } from './journey-format.ts'
import { LANES } from './lane-styles.ts'
import { laneHeightFor, spreadLane } from './marker-layout.ts'
import type { Messages } from './messages.ts'
import type { PlotModel } from './plot-model.ts'
import {
  FOCUS_MS,
  focusScale,
  NARROW_CHART_PX,
  type ScaleSegment,
  scaleTicks,
  type TimeScale,
} from './time-scale.ts'

/** A point under the pointer: which series and item, and where in the chart's box. */
export interface ChartHit {
  seriesId: string
  dataIndex: number
  x: number
  y: number
}

/** What the chart reports to the widget. */
export interface ChartHandlers {
  /** ECharts' `finished`: everything drawn, animations and progressive chunks included. */
  onFinished(): void
  onHover(hit: ChartHit | null): void
  /** The view moved (zoom, resize, new data): positions read from the handle changed. */
  onView(): void
  /**
   * After a drawing or a resize: the chart's height (px) at which every
   * marker in view fits its lane at full size, none shrunk.
   */
  onHeight?(px: number): void
}

/** What the chart draws: the journey, what is hidden, and how it looks and reads. */
export interface ChartInput {
  model: PlotModel
  hidden: ReadonlySet<InteractionType>
  theme: ChartTheme
  messages: Messages
  format: JourneyFormat
}

/** A drawn marker: its series and index, and its box in pixels from the chart's top left. */
export interface MarkerBox {
  seriesId: string
  dataIndex: number
  x: number
  y: number
  size: number
}

/** A mounted chart, as the widget drives it. */
export interface JourneyChartHandle {
  /** Draws a journey; a new model opens on its whole window. */
  draw(input: ChartInput): void
  /**
   * How many points ECharts holds (its merged option, not ours) that land
   * inside the plotting area: what the `chart-finished` event reports.
   */
  countDrawn(): number
  /** Where a drawn point is, in pixels from the chart's top left; null if not drawn. */
  pointPixel(seriesId: string, dataIndex: number): [number, number] | null
  /** The x of a time in pixels, or null when it is outside the view. */
  timeX(ms: number): number | null
  /** The plot's box in pixels. */
  plotBox(): { left: number; top: number; right: number; bottom: number }
  /** The axis' bands (earlier, last hour, after the case) in view, in pixels. */
  bands(): { kind: ScaleSegment['kind']; left: number; right: number }[]
  /** The time range in view, as the widget tracks it. */
  view(): [number, number]
  /** The time range in view, read back from ECharts' zoom (slower: for tests and checks). */
  zoomRange(): [number, number]
  zoomTo(start: number, end: number): void
  /** Every drawn marker of the lanes and of the other cases. */
  markers(): MarkerBox[]
  /** Emphasises these points (and only these); an empty list clears. */
  highlight(targets: readonly { seriesId: string; dataIndex: number[] }[]): void
  resize(): void
  dispose(): void
}

let registered = false

type ZoomEvent = { start?: number; end?: number; startValue?: number; endValue?: number }

/** Room kept between a marker's edge and the case's line, in pixels. */
export const CASE_CLEARANCE = 3

/**
 * Draws a journey chart into `dom`.
 *
 * @example const chart = mountJourneyChart(div, { onFinished, onHover, onView }); chart.draw(input)
 */
export function mountJourneyChart(dom: HTMLElement, handlers: ChartHandlers): JourneyChartHandle {
  if (!registered) {
    use([ScatterChart, GridSimpleComponent, DataZoomInsideComponent, AriaComponent, CanvasRenderer])
    registered = true
  }
  const chart = init(dom, null, { renderer: 'canvas' })
  let input: ChartInput | null = null
  let scale: TimeScale = focusScale({ fromMs: 0, caseMs: 1, toMs: 1 }, false)
  let narrow = false
  // The time range in view, in ms.
  let view: [number, number] = [0, 1]
  // What each lane (and the cases' series) holds now, as ECharts has it: [axis unit, y, symbol size].
  const drawn = new Map<string, [x: number, y: number, size: number][]>()
  let frame = 0

  const pxUnit = (unit: number): number => chart.convertToPixel({ xAxisIndex: 0 }, unit)
  const pxTime = (ms: number): number => pxUnit(scale.toAxis(ms))
  const pxLane = (y: number): number => chart.convertToPixel({ yAxisIndex: 1 }, y)

  // Ticks for the view, each marker spread for the current zoom and size (see marker-layout.ts)
  // and kept off the case's line.
  const relayout = (measure = false) => {
    if (!input) return
    const { model, hidden, format } = input
    const large = model.total > LARGE_JOURNEY
    const top = pxLane(-0.5)
    const laneHeight = pxLane(0.5) - top
    const visible: [number, number] = [pxTime(view[0]), pxTime(view[1])]
    if (!(laneHeight > 0) || !Number.isFinite(visible[0])) return
    const caseX = pxTime(model.caseMs)
    let needed = 0
    const series = LANES.map((lane, i) => {
      const points = hidden.has(lane.type) ? [] : model.lanes[i]!
      const size = baseSymbolSize(lane, large)
      const keep = size / 2 + CASE_CLEARANCE
      const xs = points.map((p) => {
        const x = pxTime(p.ms)
        return p.ms < model.caseMs ? Math.min(x, caseX - keep) : Math.max(x, caseX + keep)
      })
      const spread = spreadLane({ xs, laneHeight, size, visible })
      if (measure) {
        const inView = xs.filter((x) => x >= visible[0] - size && x <= visible[1] + size)
        needed = Math.max(needed, laneHeightFor(inView, size))
      }
      const data = points.map((_, j): [number, number, number] => [
        chart.convertFromPixel({ xAxisIndex: 0 }, xs[j]!) as number,
        model.rows[i]! + spread.offsets[j]! / laneHeight,
        spread.sizes[j]!,
      ])
      drawn.set(lane.type, data)
      return { id: lane.type, data, symbolSize: (value: number[]) => value[2]! }
    })
    const cases = model.cases.map((c): [number, number, number] => [
      scale.toAxis(c.ms),
      -0.5 - CASES_ROW_PX / laneHeight,
      12,
    ])
    drawn.set(CASES_SERIES, cases)
    const ticks = scaleTicks(
      scale,
      [scale.toAxis(view[0]), scale.toAxis(view[1])],
      visible[1] - visible[0],
      format,
    )
    const customValues = ticks.map((ms) => scale.toAxis(ms))
    chart.setOption({
      xAxis: { axisLabel: { customValues }, axisTick: { customValues } },
      series: [...series, { id: CASES_SERIES, data: cases }],
    })
    handlers.onView()
    if (measure) handlers.onHeight?.(Math.ceil(chart.getHeight() + model.rowCount * (needed - laneHeight)))
  }

  const onZoom = (params: ZoomEvent & { batch?: ZoomEvent[] }) => {
    if (!input) return
    const z = params.batch?.[0] ?? params
    if (typeof z.startValue === 'number' && typeof z.endValue === 'number') {
      view = [scale.toTime(z.startValue), scale.toTime(z.endValue)]
    } else if (typeof z.start === 'number' && typeof z.end === 'number') {
      view = [scale.toTime(z.start / 100), scale.toTime(z.end / 100)]
    }
    handlers.onHover(null)
    // Re-spread once per frame while the view is dragged.
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(() => relayout())
  }

  chart.on('finished', () => handlers.onFinished())
  chart.on('mouseover', (params: ECElementEvent) => {
    if (params.componentType !== 'series' || typeof params.seriesId !== 'string') return
    const event = params.event
    handlers.onHover({
      seriesId: params.seriesId,
      dataIndex: params.dataIndex,
      x: event?.offsetX ?? 0,
      y: event?.offsetY ?? 0,
    })
  })
  chart.on('mouseout', () => handlers.onHover(null))
  chart.on('globalout', () => handlers.onHover(null))
  chart.on('datazoom', (params) => onZoom(params as ZoomEvent))

  const pointPixel = (seriesId: string, dataIndex: number): [number, number] | null => {
    const value = drawn.get(seriesId)?.[dataIndex]
    if (!value) return null
    const pixel = chart.convertToPixel({ seriesId }, [value[0], value[1]])
    return Array.isArray(pixel) && Number.isFinite(pixel[0]) && Number.isFinite(pixel[1])
      ? [pixel[0]!, pixel[1]!]
      : null
  }
  const plotBox = () => ({
    left: pxTime(view[0]),
    right: pxTime(view[1]),
    top: pxLane(-0.5),
    bottom: pxLane((input?.model.rowCount ?? LANES.length) - 0.5),
  })
  const render = (zoom: boolean) => {
    if (!input) return
    narrow = chart.getWidth() < NARROW_CHART_PX
    const { model } = input
    const near = (ms: number) => ms >= model.caseMs - FOCUS_MS && ms < model.caseMs
    const busy =
      model.lanes.some((lane) => lane.some((p) => near(p.ms))) || model.cases.some((c) => near(c.ms))
    scale = focusScale(model, narrow, busy)
    const units: [number, number] = [scale.toAxis(view[0]), scale.toAxis(view[1])]
    const option = buildChartOption({ ...input, scale, narrow, ...(zoom ? { zoom: units } : {}) })
    chart.setOption(option, { notMerge: false, replaceMerge: ['series'] })
    relayout(true)
  }

  return {
    draw(next) {
      const fresh = next.model !== input?.model
      input = next
      // A new journey opens on its whole window: the axis says which window was chosen.
      if (fresh) view = [next.model.fromMs, next.model.toMs]
      render(fresh)
    },
    pointPixel,
    timeX(ms) {
      if (ms < view[0] || ms > view[1]) return null
      return pxTime(ms)
    },
    plotBox,
    bands() {
      const box = plotBox()
      return scale.segments.flatMap((s) => {
        const left = Math.max(box.left, pxTime(s.fromMs))
        const right = Math.min(box.right, pxTime(s.toMs))
        return right > left ? [{ kind: s.kind, left, right }] : []
      })
    },
    view: () => [view[0], view[1]],
    zoomRange() {
      const zoom = (chart.getOption().dataZoom as ZoomEvent[] | undefined)?.[0]
      if (typeof zoom?.startValue === 'number' && typeof zoom.endValue === 'number')
        return [scale.toTime(zoom.startValue), scale.toTime(zoom.endValue)]
      return [scale.toTime((zoom?.start ?? 0) / 100), scale.toTime((zoom?.end ?? 100) / 100)]
    },
    zoomTo(start, end) {
      chart.dispatchAction({ type: 'dataZoom', startValue: scale.toAxis(start), endValue: scale.toAxis(end) })
    },
    markers() {
      const box = plotBox()
      const out: MarkerBox[] = []
      for (const [seriesId, data] of drawn) {
        data.forEach(([, , size], dataIndex) => {
          const pixel = pointPixel(seriesId, dataIndex)
          if (pixel && pixel[0] >= box.left && pixel[0] <= box.right)
            out.push({ seriesId, dataIndex, x: pixel[0], y: pixel[1], size })
        })
      }
      return out
    },
    countDrawn: () => {
      let count = 0
      for (const series of (chart.getOption().series ?? []) as { id?: unknown; data?: unknown }[]) {
        if (!LANES.some((lane) => lane.type === series.id) || !Array.isArray(series.data)) continue
        for (const value of series.data) {
          if (!Array.isArray(value)) continue
          const pixel = chart.convertToPixel({ seriesId: series.id as string }, value as number[])
          if (Array.isArray(pixel) && chart.containPixel({ gridIndex: 0 }, pixel)) count++
        }
      }
      return count
    },
    highlight: (targets) => {
      chart.dispatchAction({ type: 'downplay' })
      for (const target of targets) chart.dispatchAction({ type: 'highlight', ...target })
    },
    resize: () => {
      // A ResizeObserver's last callback may come after the widget was taken off the page.
      if (chart.isDisposed()) return
      chart.resize()
      // Crossing the narrow width changes the scale's shares and the lane names: draw again.
      if (input && chart.getWidth() < NARROW_CHART_PX !== narrow) {
        const wasZoomed = view[0] !== input.model.fromMs || view[1] !== input.model.toMs
        render(true)
        if (!wasZoomed) return
      }
      relayout(true)
    },
    dispose: () => {
      cancelAnimationFrame(frame)
      chart.dispose()
    },
  }
}
