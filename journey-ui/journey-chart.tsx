import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { CASE_COLOR, CHART_INK } from '../chart-style/index.ts'
import type { InteractionType } from '../schemas/index.ts'
import type { JourneyChartHandle, mountJourneyChart } from './echarts-chart.ts'
import {
  CASES_ROW_PX,
  CASES_SERIES,
  type ChartTheme,
  interactionLanguage,
  interactionText,
  type ItemRef,
  pointsOf,
} from './journey-chart-options.ts'
import type { JourneyFormat } from './journey-format.ts'
import { LANES } from './lane-styles.ts'
import { privateProperty } from './lane-swatch.tsx'
import type { Messages } from './messages.ts'
import { activitySpan, type CaseMark, type PlotModel, type PlotPoint } from './plot-model.ts'

/** The lazily loaded ECharts chunk, as the chart component uses it. */
export interface ChartModule {
  mountJourneyChart: typeof mountJourneyChart
}

/** A point in viewport (client) coordinates. */
export interface ClientPoint {
  x: number
  y: number
}

/** A box in viewport (client) coordinates. */
export interface ClientBox {
  left: number
  top: number
  right: number
  bottom: number
}

/** Where the chart drew what, in viewport coordinates: for tests and host pages. */
export interface ChartLayout {
  /** Each drawn marker's box: lanes by interaction type, `cases` for other cases. */
  markers: { seriesId: string; dataIndex: number; interactionId: string | null; box: ClientBox }[]
  /** The "Case created" tag, or null when the case is outside the view. */
  caseTag: ClientBox | null
  /** The x of the case's line, or null when the case is outside the view. */
  caseX: number | null
  /** The shaded part after the case, or null without an `after` window (or out of view). */
  afterZone: ClientBox | null
  /** The axis' bands in view: the earlier part of the window, the last hour, after the case. */
  bands: { kind: 'earlier' | 'focus' | 'after'; left: number; right: number }[]
  /** The time range in view, ISO 8601. */
  view: { from: string; to: string }
}

/** Lets the element answer `locatePoint()` and `chartLayout()` from the chart it does not own. */
export interface ChartBridge {
  locate: ((interactionId: string) => ClientPoint | null) | null
  layout?: (() => ChartLayout | null) | null
}

interface ChartProps {
  model: PlotModel
  hidden: ReadonlySet<InteractionType>
  messages: Messages
  format: JourneyFormat
  /** An item of the lists whose points to emphasise. */
  highlight: ItemRef | null
  loadChart: () => Promise<ChartModule>
  /** After each new drawing (data, window or legend change): how many points landed on the plot. */
  onFinished: (points: number) => void
  bridge: ChartBridge
}

function readTheme(el: Element): ChartTheme {
  const style = getComputedStyle(el)
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  const lanes = Object.fromEntries(
    LANES.map((lane) => [lane.type, read(privateProperty(lane), lane.defaultColor)]),
  ) as Record<InteractionType, string>
  return {
    lanes,
    text: read('--_text', CHART_INK.text),
    muted: read('--_muted', CHART_INK.muted),
    grid: read('--_border', CHART_INK.grid),
    accent: read('--_accent', CASE_COLOR),
    surface: read('--_bg', '#ffffff'),
  }
}

function findPoint(model: PlotModel, interactionId: string): { lane: number; index: number } | null {
  for (let lane = 0; lane < model.lanes.length; lane++) {
    const index = model.lanes[lane]!.findIndex((p) => p.interaction.portal_interactionid === interactionId)
    if (index >= 0) return { lane, index }
  }
  return null
}

type Tip = { x: number; y: number } & ({ point: PlotPoint } | { mark: CaseMark })

/** A stretch of the plot, in pixels from the chart's left. */
interface Stretch {
  left: number
  right: number
}

/** Where the overlays go, in pixels from the chart's top left, for the current view. */
interface Overlay {
  caseX: number | null
  after: Stretch | null
  plot: { left: number; top: number; right: number; bottom: number }
  bands: (Stretch & { kind: 'earlier' | 'focus' | 'after' })[]
  /** The other cases' lines. */
  others: number[]
  /** From the first interaction to the last, where in view. */
  activity: Stretch | null
  zoomed: boolean
}

/** The most a crowded view may grow the chart to, in pixels. */
export const MAX_CHART_PX = 560

const across = (s: Stretch) => ({ left: `${s.left}px`, width: `${s.right - s.left}px` })

const sameSpan = (a: readonly [number, number], b: readonly [number, number]) =>
  Math.abs(a[0] - b[0]) < 1000 && Math.abs(a[1] - b[1]) < 1000

/**
 * The timeline: loads the ECharts chunk, draws one lane per type, tags the
 * case above the plot, shades what came after it, and shows its own HTML
 * tooltip (title or search string, exact local time, language; or the other
 * case's number, title and status).
 */
export function JourneyChart(props: ChartProps) {
  const { model, hidden, highlight, messages, format, bridge } = props
  const boxRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLDivElement>(null)
  const tagRef = useRef<HTMLSpanElement>(null)
  const zoneRef = useRef<HTMLDivElement>(null)
  const [chart, setChart] = useState<JourneyChartHandle | null>(null)
  const [failed, setFailed] = useState(false)
  const [tip, setTip] = useState<Tip | null>(null)
  const [overlay, setOverlay] = useState<Overlay | null>(null)
  // The height a crowded view asks for, when more than the stylesheet's.
  const [tall, setTall] = useState(0)
  const asked = useRef(0)
  const latest = useRef(props)
  latest.current = props
  const reportNext = useRef(false)
  const growing = useRef(false)

  // Asked for as soon as the lists commit, not a frame later (the widget usually asked already,
  // when the answer arrived; the import is shared).
  useLayoutEffect(() => {
    let disposed = false
    let mounted: JourneyChartHandle | null = null
    props.loadChart().then(
      (module) => {
        if (disposed || !canvasRef.current) return
        mounted = module.mountJourneyChart(canvasRef.current, {
          onFinished: () => {
            // `finished` also follows hovers and zooms; report only drawings we asked for.
            // A crowded view grows the chart first: report the drawing at its final height.
            if (!reportNext.current || !mounted || growing.current) return
            reportNext.current = false
            latest.current.onFinished(mounted.countDrawn())
          },
          onHover: (hit) => {
            const current = latest.current.model
            if (hit?.seriesId === CASES_SERIES) {
              const mark = current.cases[hit.dataIndex]
              setTip(mark ? { mark, x: hit.x, y: hit.y } : null)
              return
            }
            const lane = hit ? LANES.findIndex((l) => l.type === hit.seriesId) : -1
            const point = hit ? current.lanes[lane]?.[hit.dataIndex] : undefined
            setTip(hit && point ? { point, x: hit.x, y: hit.y } : null)
          },
          onHeight: (px) => {
            const height = Math.min(px, MAX_CHART_PX)
            if (Math.abs(asked.current - height) <= 2) return
            asked.current = height
            // Only a box that will grow resizes (and so reports); one already as tall does not.
            if (height > (boxRef.current?.clientHeight ?? 0) + 2) growing.current = true
            setTall(height)
          },
          onView: () => {
            if (!mounted) return
            const { model: current } = latest.current
            const view = mounted.view()
            const caseX = mounted.timeX(current.caseMs)
            const plot = mounted.plotBox()
            const afterLeft = Math.max(
              plot.left,
              caseX ?? (current.caseMs < view[0] ? plot.left : plot.right),
            )
            const afterRight = mounted.timeX(current.toMs) ?? plot.right
            const times = current.lanes.flat().map((p) => p.ms)
            const first = Math.max(view[0], Math.min(...times))
            const last = Math.min(view[1], Math.max(...times))
            const others = current.cases.flatMap((c) => {
              const x = mounted?.timeX(c.ms)
              return x == null ? [] : [x]
            })
            setOverlay({
              caseX,
              plot,
              after:
                current.afterMs > 0 && afterRight > afterLeft ? { left: afterLeft, right: afterRight } : null,
              bands: mounted.bands(),
              others,
              activity: last >= first ? { left: mounted.timeX(first)!, right: mounted.timeX(last)! } : null,
              zoomed: !sameSpan(view, [current.fromMs, current.toMs]),
            })
          },
        })
        setChart(mounted)
      },
      () => {
        if (!disposed) setFailed(true)
      },
    )
    return () => {
      disposed = true
      mounted?.dispose()
    }
  }, [])

  useEffect(() => {
    if (!chart || !canvasRef.current) return
    setTip(null)
    reportNext.current = true
    chart.draw({ model, hidden, theme: readTheme(canvasRef.current), messages, format })
  }, [chart, model, hidden, messages, format])

  useEffect(() => {
    chart?.highlight(highlight ? pointsOf(model, highlight) : [])
  }, [chart, model, hidden, highlight])

  useEffect(() => {
    const box = boxRef.current
    if (!chart || !box || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => {
      growing.current = false
      chart.resize()
    })
    observer.observe(box)
    return () => observer.disconnect()
  }, [chart])

  const client = (x: number, y: number): ClientPoint | null => {
    const rect = canvasRef.current?.getBoundingClientRect()
    return rect ? { x: rect.left + x, y: rect.top + y } : null
  }
  bridge.locate = (interactionId) => {
    const found = chart ? findPoint(latest.current.model, interactionId) : null
    if (!found || !chart) return null
    if (latest.current.hidden.has(LANES[found.lane]!.type)) return null
    const pixel = chart.pointPixel(LANES[found.lane]!.type, found.index)
    return pixel ? client(pixel[0], pixel[1]) : null
  }
  bridge.layout = () => {
    const rect = canvasRef.current?.getBoundingClientRect()
    if (!chart || !rect) return null
    const { model: current } = latest.current
    const view = chart.zoomRange()
    const tag = tagRef.current?.getBoundingClientRect()
    const zone = zoneRef.current?.getBoundingClientRect()
    const caseX = chart.timeX(current.caseMs)
    return {
      markers: chart.markers().map((m) => {
        const lane = LANES.findIndex((l) => l.type === m.seriesId)
        const half = m.size / 2
        return {
          seriesId: m.seriesId,
          dataIndex: m.dataIndex,
          interactionId: current.lanes[lane]?.[m.dataIndex]?.interaction.portal_interactionid ?? null,
          box: {
            left: rect.left + m.x - half,
            right: rect.left + m.x + half,
            top: rect.top + m.y - half,
            bottom: rect.top + m.y + half,
          },
        }
      }),
      caseTag: tag ? { left: tag.left, top: tag.top, right: tag.right, bottom: tag.bottom } : null,
      caseX: caseX === null ? null : rect.left + caseX,
      afterZone: zone ? { left: zone.left, top: zone.top, right: zone.right, bottom: zone.bottom } : null,
      bands: chart
        .bands()
        .map((b) => ({ kind: b.kind, left: rect.left + b.left, right: rect.left + b.right })),
      view: { from: new Date(view[0]).toISOString(), to: new Date(view[1]).toISOString() },
    }
  }

  const width = boxRef.current?.clientWidth ?? 0
  const language = tip && 'point' in tip ? interactionLanguage(tip.point.interaction) : undefined
  const caseX = overlay?.caseX ?? null
  // The tag is centred on the case's line, and slides inwards near an edge of the chart.
  const tagStyle =
    caseX === null
      ? null
      : caseX > width - 80
        ? { right: `${Math.max(0, width - caseX - 10)}px` }
        : caseX < 80
          ? { left: `${Math.max(0, caseX - 10)}px` }
          : { left: `${caseX}px`, transform: 'translateX(-50%)' }
  const after = overlay?.after
  const plotHeight = overlay ? overlay.plot.bottom - overlay.plot.top : 0
  const activity = activitySpan(model)
  const canZoom = !sameSpan(activity, [model.fromMs, model.toMs])
  return (
    <>
      {chart && (overlay?.zoomed || canZoom) ? (
        <div class="chart-tools">
          <button
            type="button"
            class="zoom"
            data-zoom={overlay?.zoomed ? 'whole' : 'activity'}
            onClick={() =>
              overlay?.zoomed
                ? chart.zoomTo(model.fromMs, model.toMs)
                : chart.zoomTo(activity[0], activity[1])
            }
          >
            {overlay?.zoomed ? messages.wholeWindow : messages.zoomToActivity}
          </button>
        </div>
      ) : null}
      <div
        class="chart-box"
        ref={boxRef}
        style={tall ? { height: `max(var(--_chart-height), ${tall}px)` } : undefined}
      >
        {overlay ? (
          <div class="under" aria-hidden="true">
            {overlay.bands
              .filter((b) => b.kind === 'focus')
              .map((b) => (
                <div
                  key={b.kind}
                  class="focus-band"
                  style={{ ...across(b), top: `${overlay.plot.top}px`, height: `${plotHeight}px` }}
                />
              ))}
            {after ? (
              <div
                class="after-zone"
                ref={zoneRef}
                style={{ ...across(after), top: `${overlay.plot.top}px`, height: `${plotHeight}px` }}
              />
            ) : null}
            {overlay.activity ? (
              <div
                class="activity"
                style={{ ...across(overlay.activity), top: `${overlay.plot.bottom - 2}px` }}
              />
            ) : null}
            {overlay.others.map((x) => (
              <div
                key={x}
                class="line other"
                style={{
                  left: `${x}px`,
                  top: `${overlay.plot.top - CASES_ROW_PX}px`,
                  height: `${plotHeight + CASES_ROW_PX}px`,
                }}
              />
            ))}
            {caseX === null ? null : (
              <div
                class="line case"
                style={{ left: `${caseX}px`, top: '20px', height: `${overlay.plot.bottom - 20}px` }}
              />
            )}
            <div class="bands">
              {overlay.bands
                .filter((b) => b.right - b.left >= 40)
                .map((b) => (
                  <span key={b.kind} class={`band ${b.kind}`} data-band={b.kind} style={across(b)}>
                    {messages.bands[b.kind]}
                  </span>
                ))}
            </div>
          </div>
        ) : null}
        {/* Labelled from the start with the widget's title: ECharts writes its description over it on its
            first frame, after 'ready' (an unlabelled role="img" failed axe in between). The value never
            changes, so Preact never writes it again over ECharts'. */}
        <div
          class="chart-canvas"
          ref={canvasRef}
          role="img"
          aria-label={messages.title}
          data-chart={chart ? 'ready' : 'loading'}
        />
        {tagStyle ? (
          <span class="case-tag" ref={tagRef} style={tagStyle}>
            {messages.caseCreated}
          </span>
        ) : null}
        {chart ? null : <p class="chart-note">{failed ? messages.chartFailed : messages.chartLoading}</p>}
        {tip ? (
          <div
            class="tip"
            role="tooltip"
            style={{
              top: `${Math.max(0, tip.y - 12)}px`,
              ...(tip.x > width / 2 ? { right: `${width - tip.x + 14}px` } : { left: `${tip.x + 14}px` }),
            }}
          >
            {'point' in tip ? (
              <>
                <span>{messages.events[tip.point.interaction.type]}</span>
                <strong>{interactionText(tip.point.interaction)}</strong>
                <span>
                  <time dateTime={tip.point.interaction.portal_timestamp}>
                    {format.exactTime(tip.point.ms)}
                  </time>
                </span>
                {language ? (
                  <span>
                    {messages.language}: {language}
                  </span>
                ) : null}
              </>
            ) : (
              <>
                <span>
                  {messages.otherCase}
                  {tip.mark.caseNumber ? ` · ${tip.mark.caseNumber}` : ''}
                </span>
                {tip.mark.title ? <strong>{tip.mark.title}</strong> : null}
                <span>
                  <time dateTime={new Date(tip.mark.ms).toISOString()}>{format.exactTime(tip.mark.ms)}</time>
                </span>
                {tip.mark.status ? (
                  <span>
                    {messages.status}: {tip.mark.status}
                  </span>
                ) : null}
              </>
            )}
          </div>
        ) : null}
      </div>
    </>
  )
}
