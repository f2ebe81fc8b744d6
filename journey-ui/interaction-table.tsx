import { useState } from 'preact/hooks'
import type { Interaction } from '../schemas/index.ts'
import { interactionLanguage, interactionText } from './journey-chart-options.ts'
import type { JourneyFormat } from './journey-format.ts'
import type { Messages } from './messages.ts'

/**
 * The table alternative to the chart: every interaction, oldest first, with
 * its exact local time. Rendered only once opened, so that 1,000 rows cost
 * nothing until someone asks for them.
 */
export function InteractionTable(props: {
  interactions: readonly Interaction[]
  span: string
  messages: Messages
  format: JourneyFormat
}) {
  const { interactions, span, messages, format } = props
  const [open, setOpen] = useState(false)
  return (
    <details class="table" onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}>
      <summary>{messages.tableToggle}</summary>
      {open ? (
        <div class="table-wrap">
          <table>
            <caption>{messages.tableCaption(span)}</caption>
            <thead>
              <tr>
                <th scope="col">{messages.time}</th>
                <th scope="col">{messages.type}</th>
                <th scope="col">{messages.item}</th>
                <th scope="col">{messages.language}</th>
              </tr>
            </thead>
            <tbody>
              {interactions.map((interaction) => (
                <tr key={interaction.portal_interactionid}>
                  <td class="t">
                    <time dateTime={interaction.portal_timestamp}>
                      {format.exactTime(interaction.portal_timestamp)}
                    </time>
                  </td>
                  <td>{messages.events[interaction.type]}</td>
                  <td>{interactionText(interaction)}</td>
                  <td>{interactionLanguage(interaction) ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  )
}
