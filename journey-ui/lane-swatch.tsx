import type { LaneStyle } from './lane-styles.ts'

const SHAPES: Record<LaneStyle['symbol'], string> = {
  circle: 'M6 1a5 5 0 1 1 0 10A5 5 0 0 1 6 1z',
  rect: 'M1.5 1.5h9v9h-9z',
  triangle: 'M6 1l5.2 9.5H.8z',
  diamond: 'M6 .5l5.5 5.5L6 11.5.5 6z',
  pin: 'M6 11.5 2.2 6.6a4.6 4.6 0 1 1 7.6 0z',
}

/** The symbol and colour of a lane, as a small inline SVG; decorative. */
export function LaneSwatch({ lane, color }: { lane: LaneStyle; color: string }) {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <path d={SHAPES[lane.symbol]} fill={color} />
    </svg>
  )
}

/** The CSS colour of a lane: its custom property, resolved by the widget's stylesheet. */
export function laneColor(lane: LaneStyle): string {
  return `var(${privateProperty(lane)})`
}

/** The stylesheet's private property holding a lane's resolved colour (`--_lane-article`, …). */
export function privateProperty(lane: LaneStyle): string {
  return lane.colorProperty.replace('--casetrail-', '--_')
}
