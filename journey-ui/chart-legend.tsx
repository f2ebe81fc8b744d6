import type { InteractionType } from '../schemas/index.ts'
import type { JourneyFormat } from './journey-format.ts'
import { LANES } from './lane-styles.ts'
import { LaneSwatch, laneColor } from './lane-swatch.tsx'
import type { Messages } from './messages.ts'

/**
 * The chart's legend as real buttons (pressed = shown): reachable by keyboard
 * and read out, unlike a legend drawn on the canvas.
 */
export function ChartLegend(props: {
  counts: Partial<Record<InteractionType, number>>
  hidden: ReadonlySet<InteractionType>
  messages: Messages
  format: JourneyFormat
  onToggle: (type: InteractionType) => void
}) {
  const { counts, hidden, messages, format, onToggle } = props
  return (
    <fieldset class="legend">
      <legend class="sr-only">{messages.legend}</legend>
      {LANES.map((lane) => (
        <button
          key={lane.type}
          type="button"
          data-type={lane.type}
          aria-pressed={!hidden.has(lane.type)}
          onClick={() => onToggle(lane.type)}
        >
          <LaneSwatch lane={lane} color={laneColor(lane)} />
          {messages.lanes[lane.type]} <span class="n">{format.number(counts[lane.type] ?? 0)}</span>
        </button>
      ))}
    </fieldset>
  )
}
