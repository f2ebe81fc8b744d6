import { CHART_INK, categoryAxisStyle, chartBase, valueAxisStyle } from '../chart-style/index.ts'

/**
 * The ECharts options of a chart of values over time (Insights' daily volume,
 * Deflection's weekly rates), all but its series: the legend on top, one
 * tooltip per day or week with every series' value, days or weeks along the
 * bottom, values up the side, each written by `format` in the console's language.
 *
 * @example chart.setOption({ ...timeSeriesFrame({ periods: weeks, format: percent, valueAxis: { min: 0, max: 1 } }), series })
 */
export function timeSeriesFrame(options: {
  /** The days or weeks, as the language writes them. */
  periods: string[]
  format: (value: number) => string
  /** The value axis' own limits (`min`, `max`, `minInterval`). */
  valueAxis: Record<string, number>
  /** Room between the legend's entries, in pixels (ECharts' default otherwise). */
  legendGap?: number
  /** Whether a click on a day's label is an event (the volume chart opens the day's cases). */
  periodEvents?: boolean
}) {
  const base = chartBase()
  return {
    ...base,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: {
      top: 0,
      textStyle: { color: CHART_INK.text },
      ...(options.legendGap ? { itemGap: options.legendGap } : {}),
    },
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? options.format(v) : '—'),
    },
    xAxis: {
      type: 'category',
      data: options.periods,
      ...categoryAxisStyle(),
      ...(options.periodEvents ? { triggerEvent: true } : {}),
    },
    yAxis: {
      type: 'value',
      ...options.valueAxis,
      ...valueAxisStyle(),
      axisLabel: { ...valueAxisStyle().axisLabel, formatter: (v: number) => options.format(v) },
    },
  }
}
