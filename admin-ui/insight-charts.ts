/**
 * The Insights page's charts: `echarts/core` with bars, lines, a grid, a
 * legend, a tooltip and aria descriptions, drawn on canvas in the shared
 * palette and chart style (chart-style, as the journey widget). Imported
 * lazily by the page, so ECharts is only fetched when someone opens Insights.
 */
import { BarChart, LineChart } from 'echarts/charts'
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { type EChartsType, init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import {
  CASE_COLOR,
  CHART_INK,
  categoryAxisStyle,
  chartBase,
  valueAxisStyle,
  wrapLabel,
} from '../chart-style/index.ts'
import { timeSeriesFrame } from './time-series-frame.ts'

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer])

/** One bar of a ranking: what it is called, its value and colour, what a hover shows and a click opens. */
export interface RankedBar {
  label: string
  value: number
  color: string
  /** The tooltip: a heading (the whole label) and "name: value" lines. */
  details: Array<[string, string]>
  /** Called on a click on the bar (its label or the bar itself); none: the bar is not a link. */
  open?: () => void
}

/** Pixels per line of a wrapped label, and the bar's own room. */
const LINE_PX = 16
const BAR_GAP_PX = 14

/**
 * The tooltip of a bar as DOM (ECharts inserts it as is): text nodes only, so
 * a title holding markup shows as text.
 */
export function tooltipNode(title: string, details: Array<[string, string]>, color?: string): HTMLElement {
  const box = document.createElement('div')
  box.style.maxWidth = '320px'
  box.style.whiteSpace = 'normal'
  const head = document.createElement('div')
  head.style.fontWeight = '600'
  head.style.marginBottom = '4px'
  if (color) {
    const dot = document.createElement('span')
    dot.style.cssText = `display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;background:${color}`
    head.append(dot)
  }
  head.append(title)
  box.append(head)
  for (const [name, value] of details) {
    const line = document.createElement('div')
    line.style.display = 'flex'
    line.style.justifyContent = 'space-between'
    line.style.gap = '16px'
    const n = document.createElement('span')
    n.style.color = CHART_INK.muted
    n.textContent = name
    const v = document.createElement('span')
    v.style.fontWeight = '600'
    v.textContent = value
    line.append(n, v)
    box.append(line)
  }
  return box
}

/**
 * A horizontal ranking (most first, drawn top-down): each bar its own colour,
 * its whole label wrapped beside it (never cut), the figures on hover, and a
 * click on the bar or its label calling `open`. The box grows to fit the labels.
 */
export function drawRanking(
  el: HTMLElement,
  bars: RankedBar[],
  options: { seriesName: string; formatValue: (n: number) => string },
): EChartsType {
  // A label column of about a third of the box; narrower boxes wrap more.
  const chars = Math.max(16, Math.min(44, Math.floor((el.clientWidth || 600) / 3 / 7)))
  const labels = bars.map((b) => wrapLabel(b.label, chars))
  const lines = labels.map((l) => l.split('\n').length)
  const height = lines.reduce((sum, n) => sum + Math.max(n * LINE_PX, 18) + BAR_GAP_PX, 0) + 40
  el.style.height = `${Math.max(160, height)}px`
  const chart = init(el, undefined, { renderer: 'canvas' })
  const order = bars.map((_, i) => i).reverse()
  const base = chartBase()
  chart.setOption({
    ...base,
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const bar = bars[order[p.dataIndex]!]!
        return tooltipNode(bar.label, bar.details, bar.color)
      },
    },
    xAxis: {
      type: 'value',
      minInterval: 1,
      ...valueAxisStyle(),
      axisLabel: { ...valueAxisStyle().axisLabel, formatter: (v: number) => options.formatValue(v) },
    },
    yAxis: {
      type: 'category',
      data: order.map((i) => labels[i]!),
      ...categoryAxisStyle(),
      // A click on a label opens what it names, like a click on its bar.
      triggerEvent: true,
      axisLabel: { ...categoryAxisStyle().axisLabel, lineHeight: LINE_PX, interval: 0 },
    },
    series: [
      {
        type: 'bar',
        name: options.seriesName,
        barMaxWidth: 22,
        cursor: 'pointer',
        label: {
          show: true,
          position: 'right',
          color: CHART_INK.text,
          formatter: (p: { value: number }) => options.formatValue(p.value),
        },
        data: order.map((i) => ({
          value: bars[i]!.value,
          itemStyle: { color: bars[i]!.color, borderRadius: [0, 3, 3, 0] },
          cursor: bars[i]!.open ? 'pointer' : 'default',
        })),
      },
    ],
  })
  chart.on('click', (p: { componentType?: string; dataIndex?: number; value?: unknown }) => {
    const index = p.componentType === 'yAxis' ? labels.indexOf(String(p.value)) : order[p.dataIndex ?? -1]
    if (index !== undefined && index >= 0) bars[index]?.open?.()
  })
  return chart
}

/**
 * A daily time series: a line per interaction type in its palette colour, and
 * the cases as bars in the case colour, over locale-written days. A click on
 * a day calls `openDay` with its index.
 */
export function drawVolume(
  el: HTMLElement,
  days: string[],
  lines: Array<{ name: string; color: string; values: number[] }>,
  cases: { name: string; values: number[] },
  options: { formatValue: (n: number) => string; openDay?: (index: number) => void },
): EChartsType {
  el.style.height = '320px'
  const chart = init(el, undefined, { renderer: 'canvas' })
  chart.setOption({
    ...timeSeriesFrame({
      periods: days,
      format: options.formatValue,
      valueAxis: { minInterval: 1 },
      legendGap: 14,
      periodEvents: true,
    }),
    series: [
      ...lines.map((l) => ({
        type: 'line',
        name: l.name,
        data: l.values,
        symbol: 'none',
        lineStyle: { width: 2 },
        itemStyle: { color: l.color },
      })),
      {
        type: 'bar',
        name: cases.name,
        data: cases.values,
        itemStyle: { color: CASE_COLOR },
        barMaxWidth: 10,
      },
    ],
  })
  if (options.openDay) {
    const open = options.openDay
    // Anywhere over a day's column, not only on a 2-pixel line.
    chart.getZr().on('click', (event: { offsetX: number; offsetY: number }) => {
      const point = [event.offsetX, event.offsetY]
      if (!chart.containPixel('grid', point)) return
      const [index] = chart.convertFromPixel({ seriesIndex: 0 }, point) as number[]
      if (index !== undefined && index >= 0 && index < days.length) open(Math.round(index))
    })
  }
  return chart
}
