/**
 * The ECharts chunk: `echarts/core` with only what the journey draws (scatter,
 * grid, zoom, marked line, aria, canvas), the chart's option and the layout
 * that spreads crowded markers. The widget imports this module lazily, after
 * the list has data, so the first script stays small. The tooltip, the legend
 * and the case's tag are the widget's own HTML (accessible, localised, and
 * ~20 KB gzip lighter than ECharts' components).
 */
import { ScatterChart } from 'echarts/charts'
import {
  AriaComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GridSimpleComponent,
  MarkLineComponent,
} from 'echarts/components'
import { type ECElementEvent, init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import type { InteractionType } from '../schemas/index.ts'
import { baseSymbolSize, buildChartOption, type ChartTheme } from './journey-chart-options.ts'
import type { JourneyFormat } from './journey-format.ts'
import { LANES } from './lane-styles.ts'
import { spreadLane } from './marker-layout.ts'
import type { Messages } from './messages.ts'
import { activitySpan, type PlotModel } from './plot-model.ts'

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
  /** Draws a journey; a new model opens on its activity span ({@link activitySpan}). */
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

/**
 * Draws a journey chart into `dom`.
 *
 * @example const chart = mountJourneyChart(div, { onFinished, onHover, onView }); chart.draw(input)
 */
export function mountJourneyChart(dom: HTMLElement, handlers: ChartHandlers): JourneyChartHandle {
  if (!registered) {
    use([
      ScatterChart,
      GridSimpleComponent,
      DataZoomInsideComponent,
      DataZoomSliderComponent,
      MarkLineComponent,
      AriaComponent,
      CanvasRenderer,
    ])
    registered = true
  }
  const chart = init(dom, null, { renderer: 'canvas' })
  let input: ChartInput | null = null
  let view: [number, number] = [0, 1]
  // What each lane (and the cases' series) holds now, as ECharts has it: [ms, y] and the symbol size.
  const drawn = new Map<string, [ms: number, y: number, size: number][]>()
  let frame = 0

  const px = (finder: { xAxisIndex: 0 } | { yAxisIndex: 1 }, value: number): number =>
    chart.convertToPixel(finder, value)

  // Spreads each lane's markers for the current zoom and size (see marker-layout.ts).
  const relayout = () => {
    if (!input) return
    const { model, hidden } = input
    const large = model.total > 600
    const top = px({ yAxisIndex: 1 }, -0.5)
    const laneHeight = px({ yAxisIndex: 1 }, 0.5) - top
    const visible: [number, number] = [px({ xAxisIndex: 0 }, view[0]), px({ xAxisIndex: 0 }, view[1])]
    if (!(laneHeight > 0) || !Number.isFinite(visible[0])) return
    const series = LANES.map((lane, i) => {
      const points = hidden.has(lane.type) ? [] : model.lanes[i]!
      const spread = spreadLane({
        xs: points.map((p) => px({ xAxisIndex: 0 }, p.ms)),
        laneHeight,
        size: baseSymbolSize(lane, large),
        visible,
      })
      const data = points.map((p, j): [number, number, number] => [
        p.ms,
        i + spread.offsets[j]! / laneHeight,
        spread.sizes[j]!,
      ])
      drawn.set(lane.type, data)
      return { id: lane.type, data, symbolSize: (value: number[]) => value[2]! }
    })
    chart.setOption({ series })
    handlers.onView()
  }

  const onZoom = (params: ZoomEvent & { batch?: ZoomEvent[] }) => {
    if (!input) return
    const z = params.batch?.[0] ?? params
    const { fromMs, toMs } = input.model
    if (typeof z.startValue === 'number' && typeof z.endValue === 'number') view = [z.startValue, z.endValue]
    else if (typeof z.start === 'number' && typeof z.end === 'number') {
      view = [fromMs + ((toMs - fromMs) * z.start) / 100, fromMs + ((toMs - fromMs) * z.end) / 100]
    }
    handlers.onHover(null)
    // Re-spread once per frame while a slider is dragged.
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(relayout)
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
    left: px({ xAxisIndex: 0 }, view[0]),
    right: px({ xAxisIndex: 0 }, view[1]),
    top: px({ yAxisIndex: 1 }, -0.5),
    bottom: px({ yAxisIndex: 1 }, LANES.length - 0.5),
  })

  return {
    draw(next) {
      const fresh = next.model !== input?.model
      input = next
      if (fresh) view = activitySpan(next.model)
      const option = buildChartOption({ ...next, ...(fresh ? { zoom: view } : {}) })
      chart.setOption(option, { notMerge: false, replaceMerge: ['series'] })
      drawn.set(
        'cases',
        next.model.cases.map((c) => [c.ms, -0.5, 12]),
      )
      relayout()
    },
    pointPixel,
    timeX(ms) {
      if (ms < view[0] || ms > view[1]) return null
      return px({ xAxisIndex: 0 }, ms)
    },
    plotBox,
    view: () => [view[0], view[1]],
    zoomRange() {
      const zoom = (chart.getOption().dataZoom as ZoomEvent[] | undefined)?.[0]
      const { fromMs, toMs } = input?.model ?? { fromMs: 0, toMs: 1 }
      if (typeof zoom?.startValue === 'number' && typeof zoom.endValue === 'number')
        return [zoom.startValue, zoom.endValue]
      const start = zoom?.start ?? 0
      const end = zoom?.end ?? 100
      return [fromMs + ((toMs - fromMs) * start) / 100, fromMs + ((toMs - fromMs) * end) / 100]
    },
    zoomTo(start, end) {
      chart.dispatchAction({ type: 'dataZoom', startValue: start, endValue: end })
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
      chart.resize()
      relayout()
    },
    dispose: () => {
      cancelAnimationFrame(frame)
      chart.dispose()
    },
  }
}
