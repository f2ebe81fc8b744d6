import { useState } from 'preact/hooks'
import { useT } from '../i18n.ts'

/** Copies text to the clipboard; resolves false where the browser refuses. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

/** A secret shown masked, with Reveal/Hide and Copy. */
export function Secret(props: { value: string; label: string }) {
  const t = useT()
  const [shown, setShown] = useState(false)
  const [copied, setCopied] = useState<boolean | null>(null)
  return (
    <span class="secret">
      <code>
        <span class="sr-only">{props.label}: </span>
        {shown ? (
          props.value
        ) : (
          <span aria-label={t.hiddenSecret} role="img">
            {'•'.repeat(16)}
          </span>
        )}
      </code>
      <button
        type="button"
        class="button button-small"
        aria-pressed={shown}
        aria-label={`${shown ? t.hide : t.reveal} ${props.label}`}
        onClick={() => setShown(!shown)}
      >
        {shown ? t.hide : t.reveal}
      </button>
      <button
        type="button"
        class="button button-small"
        aria-label={`${t.copy} ${props.label}`}
        onClick={async () => setCopied(await copyText(props.value))}
      >
        {t.copy}
      </button>
      <span role="status" class="muted">
        {copied === true ? t.copied : copied === false ? t.copyFailed : ''}
      </span>
    </span>
  )
}

/** Text shown as it is (an address, a snippet), with a Copy button beside it. */
export function CopyableText(props: { value: string; label: string }) {
  const t = useT()
  const [copied, setCopied] = useState<boolean | null>(null)
  return (
    <span class="secret">
      <code>{props.value}</code>
      <button
        type="button"
        class="button button-small"
        aria-label={`${t.copy} ${props.label}`}
        onClick={async () => setCopied(await copyText(props.value))}
      >
        {t.copy}
      </button>
      <span role="status" class="muted">
        {copied === true ? t.copied : copied === false ? t.copyFailed : ''}
      </span>
    </span>
  )
}
