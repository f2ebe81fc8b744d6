/**
 * The Deflection view's charts, one question each: weekly rates (lines) and
 * the search outcomes (bars), in the shared palette and chart style
 * (chart-style): a failed deflection is the case colour, a search is the
 * search colour. `echarts/core` on canvas with aria descriptions, imported
 * lazily by the view like the Insights page's charts.
 */
import { BarChart, LineChart } from 'echarts/charts'
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { type EChartsType, init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { CHART_INK, categoryAxisStyle, chartBase, valueAxisStyle, wrapLabel } from '../chart-style/index.ts'
import { timeSeriesFrame } from './time-series-frame.ts'

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer])

/**
 * Rates (0 to 1, or null for a week without sessions) per week, one line
 * each in its outcome colour, drawn in the language's percent.
 */
export function drawWeeklyRates(
  el: HTMLElement,
  weeks: string[],
  lines: Array<{ name: string; color: string; values: Array<number | null> }>,
  percent: (value: number) => string,
): EChartsType {
  el.style.height = '300px'
  const chart = init(el, undefined, { renderer: 'canvas' })
  chart.setOption({
    ...timeSeriesFrame({ periods: weeks, format: percent, valueAxis: { min: 0, max: 1 } }),
    series: lines.map((l) => ({
      type: 'line',
      name: l.name,
      data: l.values,
      connectNulls: false,
      lineStyle: { width: 2 },
      itemStyle: { color: l.color },
    })),
  })
  return chart
}

/** Labelled counts as vertical bars, each in the colour of what it means, labels wrapped. */
export function drawCounts(
  el: HTMLElement,
  bars: Array<{ label: string; value: number; color: string }>,
  options: { seriesName: string; formatValue: (n: number) => string },
): EChartsType {
  el.style.height = '280px'
  const chart = init(el, undefined, { renderer: 'canvas' })
  const base = chartBase()
  // Five labels share the width: each wraps to its column instead of overlapping or being cut.
  const chars = Math.max(8, Math.floor((el.clientWidth || 600) / bars.length / 8))
  chart.setOption({
    ...base,
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? options.formatValue(v) : '—'),
    },
    xAxis: {
      type: 'category',
      data: bars.map((b) => wrapLabel(b.label, chars)),
      ...categoryAxisStyle(),
      axisLabel: { ...categoryAxisStyle().axisLabel, interval: 0, lineHeight: 15 },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      ...valueAxisStyle(),
      axisLabel: { ...valueAxisStyle().axisLabel, formatter: (v: number) => options.formatValue(v) },
    },
    series: [
      {
        type: 'bar',
        name: options.seriesName,
        label: {
          show: true,
          position: 'top',
          color: CHART_INK.text,
          formatter: (p: { value: number }) => options.formatValue(p.value),
        },
        data: bars.map((b) => ({
          value: b.value,
          itemStyle: { color: b.color, borderRadius: [3, 3, 0, 0] },
        })),
        barMaxWidth: 48,
      },
    ],
  })
  return chart
}
