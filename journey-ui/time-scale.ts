/**
 * The chart's time axis: piecewise linear, so that the hour before the case
 * gets a wide band of its own whatever the window. A 30-day window drawn
 * linearly gives its last hour 0.14 % of the width (under 2 px at 1280 px):
 * the final minutes, the ones a rep wants, collapse onto the case's line.
 * Here the window reads left to right as "earlier" (most of the window,
 * compressed), "last hour" (a fixed share) and "after the case" (when the
 * journey runs on past it), each linear inside.
 */

/** How long the focus band before the case is. */
export const FOCUS_MS = 3_600_000

/** Below this chart width (px), the narrow shares apply: more of the width to the last hour. */
export const NARROW_CHART_PX = 560

const DAY_MS = 86_400_000

/** One linear piece of the axis: times `[fromMs, toMs]` drawn at axis units `[start, end]` (0 to 1). */
export interface ScaleSegment {
  kind: 'earlier' | 'focus' | 'after'
  fromMs: number
  toMs: number
  start: number
  end: number
}

/** The axis' mapping from times to axis units (0 at the window's start, 1 at its end) and back. */
export interface TimeScale {
  segments: readonly ScaleSegment[]
  toAxis(ms: number): number
  toTime(unit: number): number
}

/**
 * The scale of a window around a case. Before the case, the last
 * {@link FOCUS_MS} take 45 % of the width (66 % on a narrow chart), or their
 * linear share when that is more (a window of under two hours is linear, and
 * so is a last hour with nothing in it); after the case, 16 % (14 % narrow).
 *
 * @example focusScale({ fromMs: 0, caseMs: 7 * 86_400_000, toMs: 7 * 86_400_000 }, false).toAxis(7 * 86_400_000 - 3_600_000) // 0.55
 */
export function focusScale(
  window: { fromMs: number; caseMs: number; toMs: number },
  narrow: boolean,
  /** False when nothing happened in the last hour: then it keeps its linear share. */
  stretch = true,
): TimeScale {
  const { fromMs, caseMs, toMs } = window
  const beforeMs = Math.max(0, caseMs - fromMs)
  const afterShare = toMs > caseMs ? (narrow ? 0.14 : 0.16) : 0
  const focusMs = Math.min(FOCUS_MS, beforeMs)
  const linearFocus = beforeMs > 0 ? ((1 - afterShare) * focusMs) / beforeMs : 0
  const focusShare = Math.max(linearFocus, stretch && focusMs < beforeMs ? (narrow ? 0.66 : 0.45) : 0)
  const earlierShare = beforeMs > focusMs ? 1 - afterShare - focusShare : 0
  const pieces: ScaleSegment[] = []
  let start = 0
  for (const [kind, from, to, share] of [
    ['earlier', fromMs, caseMs - focusMs, earlierShare],
    ['focus', caseMs - focusMs, caseMs, beforeMs > focusMs ? focusShare : 1 - afterShare],
    ['after', caseMs, toMs, afterShare],
  ] as const) {
    if (to <= from) continue
    pieces.push({ kind, fromMs: from, toMs: to, start, end: start + share })
    start += share
  }
  // Rounding: the last piece ends at exactly 1.
  if (pieces.length > 0) pieces[pieces.length - 1]!.end = 1
  const segments = pieces.length
    ? pieces
    : [{ kind: 'focus' as const, fromMs, toMs: Math.max(toMs, fromMs + 1), start: 0, end: 1 }]
  return {
    segments,
    toAxis(ms) {
      const s = segments.find((seg) => ms <= seg.toMs) ?? segments[segments.length - 1]!
      const t = (Math.min(Math.max(ms, s.fromMs), s.toMs) - s.fromMs) / (s.toMs - s.fromMs)
      return s.start + t * (s.end - s.start)
    },
    toTime(unit) {
      const s = segments.find((seg) => unit <= seg.end) ?? segments[segments.length - 1]!
      const t = (Math.min(Math.max(unit, s.start), s.end) - s.start) / (s.end - s.start || 1)
      return Math.round(s.fromMs + t * (s.toMs - s.fromMs))
    },
  }
}

/** Tick steps the axis chooses from: minutes, hours, days, weeks. */
const STEPS = [
  60_000,
  2 * 60_000,
  5 * 60_000,
  10 * 60_000,
  15 * 60_000,
  30 * 60_000,
  3_600_000,
  2 * 3_600_000,
  3 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
  DAY_MS,
  2 * DAY_MS,
  7 * DAY_MS,
]

/** The least room between two labels, in pixels. */
export const TICK_GAP_PX = 54

/**
 * Where the axis puts its ticks, as times, for the part of the axis in view
 * (`view`, axis units) drawn `widthPx` wide: in each segment, the smallest
 * step that leaves {@link TICK_GAP_PX} between labels, aligned on the local
 * clock (`sinceMidnight` says how far a time is past its local midnight), or
 * on local midnights (`midnights`) for steps of a day and more.
 */
export function scaleTicks(
  scale: TimeScale,
  view: readonly [number, number],
  widthPx: number,
  clock: { sinceMidnight(ms: number): number; midnights(fromMs: number, toMs: number): number[] },
): number[] {
  const out: number[] = []
  const perUnit = widthPx / Math.max(1e-9, view[1] - view[0])
  for (const s of scale.segments) {
    const lo = Math.max(view[0], s.start)
    const hi = Math.min(view[1], s.end)
    if (hi <= lo) continue
    const fromMs = scale.toTime(lo)
    const toMs = scale.toTime(hi)
    const msPerPx = (s.toMs - s.fromMs) / ((s.end - s.start) * perUnit)
    const step = STEPS.find((st) => st / msPerPx >= TICK_GAP_PX) ?? STEPS[STEPS.length - 1]!
    if (step >= DAY_MS) {
      const days = step / DAY_MS
      clock.midnights(fromMs, toMs).forEach((ms, i) => {
        if (i % days === 0) out.push(ms)
      })
      continue
    }
    const offset = (clock.sinceMidnight(fromMs) + (fromMs % 1000)) % step
    for (let ms = fromMs - offset + (offset ? step : 0); ms <= toMs; ms += step) out.push(ms)
  }
  return out
}
