import type { ScatterSeriesOption } from 'echarts/charts'
import type { AriaComponentOption, DataZoomComponentOption, GridComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { Interaction, InteractionType } from '../schemas/index.ts'
import type { JourneyFormat } from './journey-format.ts'
import { LANES, type LaneStyle } from './lane-styles.ts'
import type { Messages } from './messages.ts'
import type { PlotModel } from './plot-model.ts'
import type { TimeScale } from './time-scale.ts'

/** The ECharts option the widget draws: scatter lanes, zoom and aria only. */
export type JourneyChartOption = ComposeOption<
  ScatterSeriesOption | GridComponentOption | DataZoomComponentOption | AriaComponentOption
>

/** Colours the chart takes from the widget's CSS custom properties. */
export interface ChartTheme {
  lanes: Record<InteractionType, string>
  text: string
  muted: string
  grid: string
  accent: string
  surface: string
}

/** The text of one interaction: its title, or the search string. */
export function interactionText(interaction: Interaction): string {
  switch (interaction.type) {
    case 'portal_viewknowledgearticle':
      return interaction.portal_knowledgetitle
    case 'portal_viewblogpost':
      return interaction.portal_blogtitle
    case 'portal_viewforumthread':
      return interaction.portal_forumthreadtitle
    case 'portal_search':
      return interaction.portal_searchstring
    case 'portal_articlefeedback':
      return interaction.portal_comment ?? ''
  }
}

/** An item of the lists: an article, blog post or forum thread by id, or one search (string and time). */
export interface ItemRef {
  kind: LaneStyle['kind']
  id: string
  at?: string
}

/** A stable string for an item, to compare and key by. */
export const itemKey = (ref: ItemRef): string =>
  ref.at ? `${ref.kind}:${ref.id}@${ref.at}` : `${ref.kind}:${ref.id}`

/** Whether an interaction is a view of the item (or, for a search, that search). */
export function matchesItem(ref: ItemRef, interaction: Interaction): boolean {
  switch (interaction.type) {
    case 'portal_viewknowledgearticle':
      return ref.kind === 'article' && interaction.portal_knowledgearticleid === ref.id
    case 'portal_viewblogpost':
      return ref.kind === 'blogpost' && interaction.portal_blogpostid === ref.id
    case 'portal_viewforumthread':
      return ref.kind === 'forumthread' && interaction.portal_forumthreadid === ref.id
    case 'portal_search':
      return (
        ref.kind === 'search' &&
        interaction.portal_searchstring === ref.id &&
        (ref.at === undefined || Date.parse(interaction.portal_timestamp) === Date.parse(ref.at))
      )
    case 'portal_articlefeedback':
      return ref.kind === 'feedback' && interaction.portal_knowledgearticleid === ref.id
  }
}

/** The data indices, lane by lane, of the points an item stands for. */
export function pointsOf(
  model: PlotModel,
  ref: ItemRef,
): { seriesId: InteractionType; dataIndex: number[] }[] {
  return LANES.map((lane, i) => ({
    seriesId: lane.type,
    dataIndex: model.lanes[i]!.flatMap((p, index) => (matchesItem(ref, p.interaction) ? [index] : [])),
  })).filter((target) => target.dataIndex.length > 0)
}

/** The language of an interaction, when the portal sent one (article views only). */
export function interactionLanguage(interaction: Interaction): string | undefined {
  return interaction.type === 'portal_viewknowledgearticle' ? interaction.portal_language : undefined
}

/** The aria description of the chart: how many of each type, in the window. */
export function chartDescription(model: PlotModel, messages: Messages, format: JourneyFormat): string {
  const parts = LANES.map(
    (lane, i) => `${messages.lanes[lane.type]} ${format.number(model.lanes[i]!.length)}`,
  )
  return messages.chartDescription(
    format.number(model.total),
    format.plural(model.total),
    format.span(model.windowMs),
    format.list(parts),
  )
}

/** Above this many points, animation is off and ECharts draws progressively. */
export const LARGE_JOURNEY = 600

/** The series id of the other cases' markers. */
export const CASES_SERIES = 'cases'
/** The plot's top margin: a row for the case's tag, then a row for the other cases' markers. */
export const GRID_TOP = 46
/** How far above the plot the other cases' markers sit (their centre), in pixels. */
export const CASES_ROW_PX = 10
/** The plot's bottom margin: the time labels, then the row naming the axis' bands. */
export const GRID_BOTTOM = 44
/** The narrowest zoom, in axis units (the axis runs from 0 to 1). */
export const MIN_ZOOM_UNITS = 0.02

/**
 * Builds the chart's option: a value axis in the units of `scale` (0 to 1
 * over the window, see time-scale.ts) labelled in local time, one scatter
 * lane per type that has interactions in the window (own colour, symbol and decal; the points at their lane's
 * middle until the chart spreads them), a marker above the plot for each
 * other case, zoom by wheel and drag, and an aria description. Lines, bands
 * and the case's tag are HTML under and over the canvas (journey-chart.tsx).
 * Hidden types keep their lane but draw no points. With `zoom` (axis units),
 * the view opens on that range; `narrow` drops the lane names (the legend
 * above names each symbol) to give the plot the width.
 */
export function buildChartOption(input: {
  model: PlotModel
  hidden: ReadonlySet<InteractionType>
  theme: ChartTheme
  messages: Messages
  format: JourneyFormat
  scale: TimeScale
  narrow: boolean
  zoom?: readonly [number, number]
}): JourneyChartOption {
  const { model, hidden, theme, messages, format, scale, narrow, zoom } = input
  const large = model.total > LARGE_JOURNEY
  const lanes: ScatterSeriesOption[] = LANES.map((lane, i) => ({
    type: 'scatter',
    id: lane.type,
    name: messages.lanes[lane.type],
    xAxisIndex: 0,
    yAxisIndex: 1,
    data: hidden.has(lane.type) ? [] : model.lanes[i]!.map((p) => [scale.toAxis(p.ms), model.rows[i]!]),
    symbol: lane.symbol,
    symbolSize: baseSymbolSize(lane, large),
    itemStyle: {
      color: theme.lanes[lane.type],
      borderColor: theme.surface,
      borderWidth: 1,
      opacity: large ? 0.8 : 0.95,
      decal: lane.decal,
    },
    emphasis: { scale: 1.5, itemStyle: { borderColor: theme.text, borderWidth: 2 } },
    // Big journeys: ECharts' large mode (one path per lane) and progressive chunks keep 1,000+ points smooth.
    large: true,
    largeThreshold: 2000,
    progressive: 500,
    progressiveThreshold: 1500,
    cursor: 'pointer',
  }))
  const marks: ScatterSeriesOption = {
    type: 'scatter',
    id: CASES_SERIES,
    name: messages.otherCase,
    xAxisIndex: 0,
    yAxisIndex: 1,
    // Above the plot, under their dotted lines (the chart moves them up once it knows the lanes' height).
    data: model.cases.map((c) => [scale.toAxis(c.ms), -0.5]),
    symbol: 'diamond',
    symbolSize: 12,
    clip: false,
    z: 4,
    itemStyle: { color: theme.accent, borderColor: theme.surface, borderWidth: 1.5 },
    emphasis: { scale: 1.4 },
    cursor: 'pointer',
  }
  const axisLabel = { color: theme.muted, hideOverlap: true }
  return {
    animation: !large,
    aria: {
      enabled: true,
      label: { enabled: true, description: chartDescription(model, messages, format) },
      decal: { show: true },
    },
    textStyle: { fontFamily: 'inherit' },
    grid: {
      left: narrow ? 2 : 8,
      right: narrow ? 6 : 14,
      top: GRID_TOP,
      bottom: GRID_BOTTOM,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      axisLabel: {
        ...axisLabel,
        // A tick on a local midnight names the day, in bold among hours: the day boundary.
        formatter: (unit: number) => {
          const ms = scale.toTime(unit)
          if (format.midnights(ms - 1, ms).length === 0) return format.axisTime(ms, 0)
          return `{day|${format.day(ms)}}`
        },
        rich: { day: { fontWeight: 'bold', color: theme.text } },
      },
      axisTick: { lineStyle: { color: theme.grid } },
      axisLine: { lineStyle: { color: theme.grid } },
      splitLine: { show: true, lineStyle: { color: theme.grid, opacity: 0.5 } },
    },
    yAxis: [
      {
        type: 'category',
        inverse: true,
        data: LANES.filter((_, i) => model.rows[i]! >= 0).map((lane) => messages.lanes[lane.type]),
        axisLabel: { show: !narrow, color: theme.text },
        axisTick: { show: false },
        axisLine: { lineStyle: { color: theme.grid } },
        splitLine: { show: true, lineStyle: { color: theme.grid } },
      },
      { type: 'value', inverse: true, min: -0.5, max: model.rowCount - 0.5, show: false },
    ],
    dataZoom: [
      {
        type: 'inside',
        xAxisIndex: 0,
        filterMode: 'none',
        minValueSpan: MIN_ZOOM_UNITS,
        ...(zoom ? { startValue: zoom[0], endValue: zoom[1] } : {}),
      },
    ],
    series: [...lanes, marks],
  }
}

/** A lane's symbol size before spreading: squares a little smaller, as they look bigger. */
export function baseSymbolSize(lane: LaneStyle, large: boolean): number {
  return (lane.symbol === 'rect' ? 11 : 13) * (large ? 0.65 : 1)
}
