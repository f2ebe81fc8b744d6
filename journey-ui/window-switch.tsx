import type { Messages } from './messages.ts'

/** The windows the switch offers, as ISO 8601 durations. */
export const WINDOW_CHOICES = ['PT24H', 'P7D', 'P30D'] as const

/** A toggle group: 24 h, 7 days, 30 days. Picking one refetches the journey. */
export function WindowSwitch(props: {
  value: string
  messages: Messages
  onChange: (window: string) => void
}) {
  const { value, messages, onChange } = props
  return (
    <fieldset class="switch">
      <legend class="sr-only">{messages.windowGroup}</legend>
      {WINDOW_CHOICES.map((choice) => (
        <button
          key={choice}
          type="button"
          data-window={choice}
          aria-pressed={value === choice}
          onClick={() => value !== choice && onChange(choice)}
        >
          {messages.windowChoices[choice]}
        </button>
      ))}
    </fieldset>
  )
}
