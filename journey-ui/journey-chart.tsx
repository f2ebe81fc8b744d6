import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { CASE_COLOR, CHART_INK } from '../chart-style/index.ts'
import type { InteractionType } from '../schemas/index.ts'
import { type ChartBridge, type ChartModule, type ClientPoint, findPoint, layoutOf } from './chart-bridge.ts'
import {
  ChartTip,
  ChartUnderlay,
  type Overlay,
  type Tip,
  measureOverlay,
  sameSpan,
} from './chart-overlay.tsx'
import type { JourneyChartHandle } from './echarts-chart.ts'
import { CASES_SERIES, type ChartTheme, type ItemRef, pointsOf } from './journey-chart-options.ts'
import type { JourneyFormat } from './journey-format.ts'
import { LANES } from './lane-styles.ts'
import { privateProperty } from './lane-swatch.tsx'
import type { Messages } from './messages.ts'
import { activitySpan, type PlotModel } from './plot-model.ts'

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

/** The most a crowded view may grow the chart to, in pixels. */
export const MAX_CHART_PX = 560

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
            if (mounted) setOverlay(measureOverlay(mounted, latest.current.model))
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
    const canvas = canvasRef.current
    if (!chart || !canvas) return null
    return layoutOf(chart, latest.current.model, canvas, tagRef.current, zoneRef.current)
  }

  const width = boxRef.current?.clientWidth ?? 0
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
        {overlay ? <ChartUnderlay overlay={overlay} messages={messages} zoneRef={zoneRef} /> : null}
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
        {tip ? <ChartTip tip={tip} width={width} messages={messages} format={format} /> : null}
      </div>
    </>
  )
}
