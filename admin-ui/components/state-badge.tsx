import type { Portal } from '../api-types.ts'
import { useT } from '../i18n.ts'

/** The state badge of a portal. */
export function StateBadge(props: { status: Portal['status'] }) {
  const t = useT()
  const tone = props.status === 'Provisioned' ? 'ok' : props.status === 'Configuring' ? 'busy' : 'bad'
  return <span class={`badge badge-${tone}`}>{t.status[props.status] ?? props.status}</span>
}
