import type { ScatterSeriesOption } from 'echarts/charts'
import type {
  AriaComponentOption,
  DataZoomComponentOption,
  GridComponentOption,
  MarkLineComponentOption,
} from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { Interaction, InteractionType, JourneyResponse } from '../schemas/index.ts'
import type { JourneyFormat } from './journey-format.ts'
import { LANES, type LaneStyle } from './lane-styles.ts'
import type { Messages } from './messages.ts'

/** The ECharts option the widget draws: scatter lanes, zoom, a marked line and aria only. */
export type JourneyChartOption = ComposeOption<
  | ScatterSeriesOption
  | GridComponentOption
  | DataZoomComponentOption
  | MarkLineComponentOption
  | AriaComponentOption
>

/** One interaction placed on the chart. */
export interface PlotPoint {
  interaction: Interaction
  ms: number
  /** Lane index plus a small, stable jitter so that points close in time stay apart. */
  y: number
}

/** The journey laid out for the chart: the window and the points of each lane, oldest first. */
export interface PlotModel {
  fromMs: number
  toMs: number
  windowMs: number
  /** In {@link LANES} order. */
  lanes: PlotPoint[][]
  total: number
}

/** Colours the chart takes from the widget's CSS custom properties. */
export interface ChartTheme {
  lanes: Record<InteractionType, string>
  text: string
  muted: string
  grid: string
  accent: string
  surface: string
}

// FNV-1a over the interaction id: the same point always lands at the same height.
function jitter(id: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return ((hash >>> 0) / 0xffffffff - 0.5) * 0.56
}

/**
 * Lays out a journey for the chart.
 *
 * @example plotModel(journey).lanes[0] // the article views, oldest first
 */
export function plotModel(journey: JourneyResponse): PlotModel {
  const fromMs = Date.parse(journey.from)
  const toMs = Date.parse(journey.to)
  const lanes: PlotPoint[][] = LANES.map(() => [])
  for (const interaction of journey.interactions) {
    const index = LANES.findIndex((lane) => lane.type === interaction.type)
    lanes[index]!.push({
      interaction,
      ms: Date.parse(interaction.portal_timestamp),
      y: index + jitter(interaction.portal_interactionid),
    })
  }
  return { fromMs, toMs, windowMs: toMs - fromMs, lanes, total: journey.interactions.length }
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

/**
 * Builds the chart's option: a time axis over the window, one scatter lane per
 * type (own colour, symbol and decal), a dashed line at the case's creation,
 * zoom inside the window, and an aria description. Hidden types keep their
 * lane but draw no points.
 */
export function buildChartOption(input: {
  model: PlotModel
  hidden: ReadonlySet<InteractionType>
  theme: ChartTheme
  messages: Messages
  format: JourneyFormat
}): JourneyChartOption {
  const { model, hidden, theme, messages, format } = input
  const large = model.total > LARGE_JOURNEY
  const axisLabel = { color: theme.muted, hideOverlap: true }
  const lanes: ScatterSeriesOption[] = LANES.map((lane, i) => ({
    type: 'scatter',
    id: lane.type,
    name: messages.lanes[lane.type],
    xAxisIndex: 0,
    yAxisIndex: 1,
    data: hidden.has(lane.type) ? [] : model.lanes[i]!.map((p) => [p.ms, p.y]),
    symbol: lane.symbol,
    // Dense journeys get smaller, lighter symbols so that overlaps still read as density.
    symbolSize: (lane.symbol === 'rect' ? 11 : 13) * (large ? 0.65 : 1),
    itemStyle: {
      color: theme.lanes[lane.type],
      borderColor: theme.surface,
      borderWidth: 1,
      opacity: large ? 0.75 : 0.9,
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
  const caseLine: ScatterSeriesOption = {
    type: 'scatter',
    id: 'case-created',
    name: messages.caseCreated,
    xAxisIndex: 0,
    yAxisIndex: 1,
    data: [],
    silent: true,
    markLine: {
      silent: true,
      symbol: ['none', 'none'],
      animation: false,
      lineStyle: { color: theme.accent, type: 'dashed', width: 2 },
      label: {
        formatter: messages.caseCreated,
        position: 'insideEndTop',
        color: theme.accent,
        fontWeight: 'bold',
      },
      data: [{ xAxis: model.toMs }],
    },
  }
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
      right: 28,
      top: 22,
      bottom: 58,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: {
      type: 'time',
      min: model.fromMs,
      max: model.toMs,
      axisLabel: { ...axisLabel, formatter: (value: number) => format.axisTime(value, model.windowMs) },
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
    ],
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none', minValueSpan: 10 * 60_000 },
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'none',
        height: 18,
        bottom: 8,
        minValueSpan: 10 * 60_000,
        labelFormatter: (value: number) => format.shortTime(value),
        textStyle: { color: theme.muted },
        borderColor: theme.grid,
        brushSelect: false,
        showDataShadow: false,
      },
    ],
    series: [...lanes, caseLine],
  }
}
