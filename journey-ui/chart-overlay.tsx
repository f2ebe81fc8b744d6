/**
 * What the journey chart draws over and under ECharts' canvas in HTML: the
 * last hour's band, the shaded part after the case, the activity line, the
 * other cases' lines, the case's line and the axis' band names; and the
 * tooltip of a point or another case.
 */
import type { Ref } from 'preact'
import type { JourneyChartHandle } from './echarts-chart.ts'
import { CASES_ROW_PX, interactionLanguage, interactionText } from './journey-chart-options.ts'
import type { JourneyFormat } from './journey-format.ts'
import type { Messages } from './messages.ts'
import type { CaseMark, PlotModel, PlotPoint } from './plot-model.ts'

/** What the tooltip is about (a point, or another case), and where the pointer is. */
export type Tip = { x: number; y: number } & ({ point: PlotPoint } | { mark: CaseMark })

/** A stretch of the plot, in pixels from the chart's left. */
interface Stretch {
  left: number
  right: number
}

/** Where the overlays go, in pixels from the chart's top left, for the current view. */
export interface Overlay {
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

const across = (s: Stretch) => ({ left: `${s.left}px`, width: `${s.right - s.left}px` })

/** Whether two time spans are the same, to the second. */
export const sameSpan = (a: readonly [number, number], b: readonly [number, number]) =>
  Math.abs(a[0] - b[0]) < 1000 && Math.abs(a[1] - b[1]) < 1000

/** Where the overlays go for the chart's current view of `model`. */
export function measureOverlay(chart: JourneyChartHandle, model: PlotModel): Overlay {
  const view = chart.view()
  const caseX = chart.timeX(model.caseMs)
  const plot = chart.plotBox()
  const afterLeft = Math.max(plot.left, caseX ?? (model.caseMs < view[0] ? plot.left : plot.right))
  const afterRight = chart.timeX(model.toMs) ?? plot.right
  const times = model.lanes.flat().map((p) => p.ms)
  const first = Math.max(view[0], Math.min(...times))
  const last = Math.min(view[1], Math.max(...times))
  const others = model.cases.flatMap((c) => {
    const x = chart.timeX(c.ms)
    return x == null ? [] : [x]
  })
  return {
    caseX,
    plot,
    after: model.afterMs > 0 && afterRight > afterLeft ? { left: afterLeft, right: afterRight } : null,
    bands: chart.bands(),
    others,
    activity: last >= first ? { left: chart.timeX(first)!, right: chart.timeX(last)! } : null,
    zoomed: !sameSpan(view, [model.fromMs, model.toMs]),
  }
}

/** The overlays under the canvas (hidden from screen readers: the lists say it all). */
export function ChartUnderlay(props: { overlay: Overlay; messages: Messages; zoneRef: Ref<HTMLDivElement> }) {
  const { overlay, messages, zoneRef } = props
  const after = overlay.after
  const caseX = overlay.caseX
  const plotHeight = overlay.plot.bottom - overlay.plot.top
  return (
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
        <div class="activity" style={{ ...across(overlay.activity), top: `${overlay.plot.bottom - 2}px` }} />
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
  )
}

/** The chart's own tooltip, on the side of the pointer with more room. */
export function ChartTip(props: { tip: Tip; width: number; messages: Messages; format: JourneyFormat }) {
  const { tip, width, messages, format } = props
  const language = 'point' in tip ? interactionLanguage(tip.point.interaction) : undefined
  return (
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
            <time dateTime={tip.point.interaction.portal_timestamp}>{format.exactTime(tip.point.ms)}</time>
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
  )
}
