/**
 * The Deflection view's charts, one question each: weekly rates (lines) and
 * the search outcomes (bars). `echarts/core` on canvas with aria descriptions,
 * imported lazily by the view like the Insights page's charts.
 */
import { BarChart, LineChart } from 'echarts/charts'
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { type EChartsType, init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer])

/** Okabe-Ito colours (told apart with the common colour-vision deficiencies), as the journey widget's lanes. */
const COLORS = ['#009e73', '#e69f00', '#d55e00', '#0072b2', '#cc79a7']

/** Rates (0 to 1, or null for a week without sessions) per week, one line each, drawn in percent. */
export function drawWeeklyRates(
  el: HTMLElement,
  weeks: string[],
  lines: Array<{ name: string; values: Array<number | null> }>,
  percent: (value: number) => string,
): EChartsType {
  const chart = init(el, undefined, { renderer: 'canvas' })
  chart.setOption({
    aria: { enabled: true },
    animation: false,
    color: COLORS,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? percent(v) : '—') },
    xAxis: { type: 'category', data: weeks },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => percent(v) } },
    series: lines.map((l) => ({ type: 'line', name: l.name, data: l.values, connectNulls: false })),
  })
  return chart
}

/** Labelled counts as vertical bars, each its own colour. */
export function drawCounts(
  el: HTMLElement,
  bars: Array<{ label: string; value: number }>,
  seriesName: string,
): EChartsType {
  const chart = init(el, undefined, { renderer: 'canvas' })
  chart.setOption({
    aria: { enabled: true },
    animation: false,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: bars.map((b) => b.label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: seriesName,
        data: bars.map((b, i) => ({ value: b.value, itemStyle: { color: COLORS[(i + 3) % COLORS.length] } })),
        barMaxWidth: 48,
      },
    ],
  })
  return chart
}
