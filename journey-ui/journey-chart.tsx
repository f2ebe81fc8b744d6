import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { InteractionType } from '../schemas/index.ts'
import type { JourneyChartHandle, mountJourneyChart } from './echarts-chart.ts'
import {
  buildChartOption,
  type ChartTheme,
  interactionLanguage,
  interactionText,
  type ItemRef,
  type PlotModel,
  type PlotPoint,
  pointsOf,
} from './journey-chart-options.ts'
import type { JourneyFormat } from './journey-format.ts'
import { LANES } from './lane-styles.ts'
import { privateProperty } from './lane-swatch.tsx'
import type { Messages } from './messages.ts'

/** The lazily loaded ECharts chunk, as the chart component uses it. */
export interface ChartModule {
  mountJourneyChart: typeof mountJourneyChart
}

/** A point in viewport (client) coordinates. */
export interface ClientPoint {
  x: number
  y: number
}

/** Lets the element answer `locatePoint()` from the chart it does not own. */
export interface ChartBridge {
  locate: ((interactionId: string) => ClientPoint | null) | null
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
    text: read('--_text', '#1f2933'),
    muted: read('--_muted', '#5b6670'),
    grid: read('--_border', '#d9dde3'),
    accent: read('--_accent', '#b4005a'),
    surface: read('--_bg', '#ffffff'),
  }
}

function findPoint(model: PlotModel, interactionId: string): { lane: number; point: PlotPoint } | null {
  for (let lane = 0; lane < model.lanes.length; lane++) {
    const point = model.lanes[lane]!.find((p) => p.interaction.portal_interactionid === interactionId)
    if (point) return { lane, point }
  }
  return null
}

/**
 * The timeline: loads the ECharts chunk, draws one lane per type, and shows
 * its own HTML tooltip (title or search string, exact local time, language).
 */
export function JourneyChart(props: ChartProps) {
  const { model, hidden, highlight, messages, format, bridge } = props
  const boxRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLDivElement>(null)
  const [chart, setChart] = useState<JourneyChartHandle | null>(null)
  const [failed, setFailed] = useState(false)
  const [tip, setTip] = useState<{ point: PlotPoint; x: number; y: number } | null>(null)
  const latest = useRef(props)
  latest.current = props
  const reportNext = useRef(false)

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
            if (!reportNext.current || !mounted) return
            reportNext.current = false
            latest.current.onFinished(mounted.countDrawn())
          },
          onHover: (hit) => {
            const lane = hit ? LANES.findIndex((l) => l.type === hit.seriesId) : -1
            const point = hit ? latest.current.model.lanes[lane]?.[hit.dataIndex] : undefined
            setTip(hit && point ? { point, x: hit.x, y: hit.y } : null)
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
    chart.setOption(
      buildChartOption({ model, hidden, theme: readTheme(canvasRef.current), messages, format }),
    )
  }, [chart, model, hidden, messages, format])

  useEffect(() => {
    chart?.highlight(highlight ? pointsOf(model, highlight) : [])
  }, [chart, model, hidden, highlight])

  useEffect(() => {
    const box = boxRef.current
    if (!chart || !box || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => chart.resize())
    observer.observe(box)
    return () => observer.disconnect()
  }, [chart])

  bridge.locate = (interactionId) => {
    const found = chart && canvasRef.current ? findPoint(latest.current.model, interactionId) : null
    if (!found || !chart || !canvasRef.current) return null
    if (latest.current.hidden.has(LANES[found.lane]!.type)) return null
    const pixel = chart.pixelOf(LANES[found.lane]!.type, [found.point.ms, found.point.y])
    if (!pixel) return null
    const rect = canvasRef.current.getBoundingClientRect()
    return { x: rect.left + pixel[0], y: rect.top + pixel[1] }
  }

  const width = boxRef.current?.clientWidth ?? 0
  const language = tip ? interactionLanguage(tip.point.interaction) : undefined
  return (
    <div class="chart-box" ref={boxRef}>
      <div class="chart-canvas" ref={canvasRef} role="img" data-chart={chart ? 'ready' : 'loading'} />
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
          <span>{messages.events[tip.point.interaction.type]}</span>
          <strong>{interactionText(tip.point.interaction)}</strong>
          <span>
            <time dateTime={tip.point.interaction.portal_timestamp}>{format.exactTime(tip.point.ms)}</time>
          </span>
          {language ? (
            <span>
              {messages.language}: {language}
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
