/**
 * The ECharts chunk: `echarts/core` with only what the journey draws (scatter,
 * grid, zoom, marked line, aria, canvas). The widget imports this module lazily,
 * after the list has data, so the first script stays small. The tooltip and
 * the legend are the widget's own HTML (accessible, localised, and ~20 KB gzip
 * lighter than ECharts' components).
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
import type { JourneyChartOption } from './journey-chart-options.ts'

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
}

/** A mounted chart, as the widget drives it. */
export interface JourneyChartHandle {
  setOption(option: JourneyChartOption): void
  /**
   * How many points ECharts holds (its merged option, not ours) that land
   * inside the plotting area: what the `chart-finished` event reports.
   */
  countDrawn(): number
  /** Where a value of a series lands, in pixels from the chart's top left; null if off the axes. */
  pixelOf(seriesId: string, value: [number, number]): [number, number] | null
  /** Emphasises these points (and only these); an empty list clears. */
  highlight(targets: readonly { seriesId: string; dataIndex: number[] }[]): void
  resize(): void
  dispose(): void
}

let registered = false

/**
 * Draws a journey chart into `dom`.
 *
 * @example const chart = mountJourneyChart(div, { onFinished, onHover }); chart.setOption(option)
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
  chart.on('datazoom', () => handlers.onHover(null))
  return {
    setOption: (option) => chart.setOption(option, { notMerge: false, replaceMerge: ['series'] }),
    pixelOf: (seriesId, value) => {
      const pixel = chart.convertToPixel({ seriesId }, value)
      return Array.isArray(pixel) && Number.isFinite(pixel[0]) && Number.isFinite(pixel[1])
        ? [pixel[0]!, pixel[1]!]
        : null
    },
    countDrawn: () => {
      let drawn = 0
      for (const series of (chart.getOption().series ?? []) as { id?: unknown; data?: unknown }[]) {
        if (typeof series.id !== 'string' || !Array.isArray(series.data)) continue
        for (const value of series.data) {
          if (!Array.isArray(value)) continue
          const pixel = chart.convertToPixel({ seriesId: series.id }, value as number[])
          if (Array.isArray(pixel) && chart.containPixel({ gridIndex: 0 }, pixel)) drawn++
        }
      }
      return drawn
    },
    highlight: (targets) => {
      chart.dispatchAction({ type: 'downplay' })
      for (const target of targets) chart.dispatchAction({ type: 'highlight', ...target })
    },
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  }
}
