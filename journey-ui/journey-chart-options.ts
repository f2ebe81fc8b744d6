import type { ScatterSeriesOption } from 'echarts/charts'
import type {
  AriaComponentOption,
  DataZoomComponentOption,
  GridComponentOption,
  MarkLineComponentOption,
} from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { Interaction, InteractionType } from '../schemas/index.ts'
import type { JourneyFormat } from './journey-format.ts'
import { LANES, type LaneStyle } from './lane-styles.ts'
import type { Messages } from './messages.ts'
import { densityOf, MIN_ZOOM_MS, type PlotModel } from './plot-model.ts'

/** The ECharts option the widget draws: scatter lanes, zoom, a marked line and aria only. */
export type JourneyChartOption = ComposeOption<
  | ScatterSeriesOption
  | GridComponentOption
  | DataZoomComponentOption
  | MarkLineComponentOption
  | AriaComponentOption
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
    parts.join(', '),
  )
}

/** Above this many points, animation is off and ECharts draws progressively. */
export const LARGE_JOURNEY = 600

/** The series id of the other cases' markers. */
export const CASES_SERIES = 'cases'
/** The series id of the (invisible) density series the zoom slider previews. */
export const DENSITY_SERIES = 'density'
/** The plot's top margin: room for the case's tag above the plot. */
export const GRID_TOP = 34

/**
 * Builds the chart's option: a time axis over the window, one scatter lane per
 * type (own colour, symbol and decal; the points at their lane's middle until
 * the chart spreads them), a line at the case, a dotted line and a marker for
 * each other case, day boundaries, a zoom slider previewing the density of
 * interactions, and an aria description. Hidden types keep their lane but draw
 * no points. With `zoom`, the view opens on that range.
 */
export function buildChartOption(input: {
  model: PlotModel
  hidden: ReadonlySet<InteractionType>
  theme: ChartTheme
  messages: Messages
  format: JourneyFormat
  zoom?: readonly [number, number]
}): JourneyChartOption {
  const { model, hidden, theme, messages, format, zoom } = input
  const large = model.total > LARGE_JOURNEY
  const lanes: ScatterSeriesOption[] = LANES.map((lane, i) => ({
    type: 'scatter',
    id: lane.type,
    name: messages.lanes[lane.type],
    xAxisIndex: 0,
    yAxisIndex: 1,
    data: hidden.has(lane.type) ? [] : model.lanes[i]!.map((p) => [p.ms, i]),
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
  const span = model.toMs - model.fromMs
  // Day boundaries help up to a week; over a month the axis labels are days already.
  const midnights = span <= 8 * 86_400_000 ? format.midnights(model.fromMs, model.toMs) : []
  const lines: NonNullable<MarkLineComponentOption['data']> = [
    ...midnights.map((ms) => ({
      xAxis: ms,
      lineStyle: { color: theme.muted, type: [2, 4] as number[], width: 1, opacity: 0.55 },
    })),
    ...model.cases.map((c) => ({
      xAxis: c.ms,
      lineStyle: { color: theme.accent, type: 'dotted' as const, width: 1.5, opacity: 0.75 },
    })),
    { xAxis: model.caseMs, lineStyle: { color: theme.accent, type: 'dashed' as const, width: 2 } },
  ]
  const marks: ScatterSeriesOption = {
    type: 'scatter',
    id: CASES_SERIES,
    name: messages.otherCase,
    xAxisIndex: 0,
    yAxisIndex: 1,
    // On the plot's top edge, under their dotted lines.
    data: model.cases.map((c) => [c.ms, -0.5]),
    symbol: 'diamond',
    symbolSize: 12,
    clip: false,
    z: 4,
    itemStyle: { color: theme.accent, borderColor: theme.surface, borderWidth: 1.5 },
    emphasis: { scale: 1.4 },
    cursor: 'pointer',
    markLine: {
      silent: true,
      symbol: ['none', 'none'],
      animation: false,
      label: { show: false },
      data: lines,
    },
  }
  const density: ScatterSeriesOption = {
    type: 'scatter',
    id: DENSITY_SERIES,
    xAxisIndex: 0,
    yAxisIndex: 2,
    data: densityOf(model, hidden),
    symbolSize: 0,
    silent: true,
    itemStyle: { opacity: 0 },
    animation: false,
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
      left: 8,
      right: 20,
      top: GRID_TOP,
      bottom: 62,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: {
      type: 'time',
      min: model.fromMs,
      max: model.toMs,
      axisLabel: {
        ...axisLabel,
        // A tick on a local midnight names the day, in bold among hours: the day boundary.
        formatter: (value: number, _index: number, extra?: { level?: number }) => {
          if (format.midnights(value - 1, value).length === 0) return format.axisTime(value, 0)
          return extra?.level ? `{day|${format.day(value)}}` : format.day(value)
        },
        rich: { day: { fontWeight: 'bold', color: theme.text } },
      },
      axisLine: { lineStyle: { color: theme.grid } },
      splitLine: { show: true, lineStyle: { color: theme.grid, opacity: 0.5 } },
    },
    yAxis: [
      {
        type: 'category',
        inverse: true,
        data: LANES.map((lane) => messages.lanes[lane.type]),
        axisLabel: { color: theme.text },
        axisTick: { show: false },
        axisLine: { lineStyle: { color: theme.grid } },
        splitLine: { show: true, lineStyle: { color: theme.grid } },
      },
      { type: 'value', inverse: true, min: -0.5, max: LANES.length - 0.5, show: false },
      { type: 'value', min: 0, show: false },
    ],
    dataZoom: [
      {
        type: 'inside',
        xAxisIndex: 0,
        filterMode: 'none',
        minValueSpan: MIN_ZOOM_MS,
        ...(zoom ? { startValue: zoom[0], endValue: zoom[1] } : {}),
      },
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'none',
        height: 26,
        bottom: 8,
        minValueSpan: MIN_ZOOM_MS,
        ...(zoom ? { startValue: zoom[0], endValue: zoom[1] } : {}),
        labelFormatter: (value: number) => format.shortTime(value),
        textStyle: { color: theme.muted },
        borderColor: theme.grid,
        fillerColor: 'rgba(120, 130, 140, 0.16)',
        handleStyle: { color: theme.surface, borderColor: theme.muted },
        moveHandleStyle: { color: theme.muted, opacity: 0.5 },
        brushSelect: false,
        showDataShadow: true,
        dataBackground: {
          lineStyle: { color: theme.muted, width: 1, opacity: 0.6 },
          areaStyle: { color: theme.muted, opacity: 0.25 },
        },
        selectedDataBackground: {
          lineStyle: { color: theme.accent, width: 1, opacity: 0.8 },
          areaStyle: { color: theme.accent, opacity: 0.3 },
        },
      },
    ],
    // The density series first: the slider previews the first series of its axis.
    series: [density, ...lanes, marks],
  }
}

/** A lane's symbol size before spreading: squares a little smaller, as they look bigger. */
export function baseSymbolSize(lane: LaneStyle, large: boolean): number {
  return (lane.symbol === 'rect' ? 11 : 13) * (large ? 0.65 : 1)
}
