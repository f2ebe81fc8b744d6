/**
 * The Insights page's charts: `echarts/core` with bars, lines, a grid, a
 * legend, a tooltip and aria descriptions, drawn on canvas. Imported lazily by
 * the page, so ECharts is only fetched when someone opens Insights.
 */
import { BarChart, LineChart } from 'echarts/charts'
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { type EChartsType, init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer])

/** A horizontal bar chart of labelled values (most first, drawn top-down). */
export function drawBars(
  el: HTMLElement,
  rows: Array<{ label: string; value: number }>,
  seriesName: string,
): EChartsType {
  const chart = init(el, undefined, { renderer: 'canvas' })
  const ordered = [...rows].reverse()
  chart.setOption({
    aria: { enabled: true },
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: ordered.map((r) => (r.label.length > 38 ? `${r.label.slice(0, 37)}…` : r.label)),
    },
    series: [
      { type: 'bar', name: seriesName, data: ordered.map((r) => r.value), itemStyle: { color: '#0b5cad' } },
    ],
  })
  return chart
}

/** A daily time series: one line per named series, and bars for cases. */
export function drawVolume(
  el: HTMLElement,
  days: string[],
  lines: Array<{ name: string; values: number[] }>,
  cases: { name: string; values: number[] },
): EChartsType {
  const chart = init(el, undefined, { renderer: 'canvas' })
  chart.setOption({
    aria: { enabled: true },
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      ...lines.map((l) => ({ type: 'line', name: l.name, data: l.values, symbol: 'none', smooth: false })),
      { type: 'bar', name: cases.name, data: cases.values, itemStyle: { color: '#b3261e' }, barMaxWidth: 14 },
    ],
  })
  return chart
}
