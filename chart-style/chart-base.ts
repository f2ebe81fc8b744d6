import { CHART_INK, FONT_STACK } from './palette.ts'

/**
 * The option every chart of the widget and the console starts from: the same
 * font, ink and tooltip, described for screen readers (aria), drawn without
 * animation. Structural (no ECharts import), so this module has no dependency
 * and each UI spreads it into its own typed option.
 *
 * @example
 * chart.setOption({ ...chartBase(), xAxis: …, series: … })
 */
export function chartBase() {
  return {
    aria: { enabled: true },
    animation: false,
    textStyle: { fontFamily: FONT_STACK, color: CHART_INK.text },
    tooltip: {
      confine: true,
      textStyle: { fontFamily: FONT_STACK, color: CHART_INK.text, fontSize: 13 },
      borderColor: CHART_INK.grid,
    },
  }
}

/** A value axis's look: muted labels, light split lines, no axis line. */
export function valueAxisStyle() {
  return {
    axisLabel: { color: CHART_INK.muted },
    splitLine: { lineStyle: { color: CHART_INK.grid, opacity: 0.6 } },
    axisLine: { show: false },
  }
}

/** A category axis's look: ink labels and a grid-coloured axis line. */
export function categoryAxisStyle() {
  return {
    axisLabel: { color: CHART_INK.text },
    axisLine: { lineStyle: { color: CHART_INK.grid } },
    axisTick: { lineStyle: { color: CHART_INK.grid } },
  }
}
