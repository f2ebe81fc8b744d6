import { useEffect, useState } from 'preact/hooks'
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

/** How long the button reads "Copied" before it reads "Copy" again (ms). */
const COPIED_FOR_MS = 4000

/**
 * The console's one Copy button (tokens, keys, hub URIs, snippets): it copies
 * `value`, then reads "Copied" for a few seconds, and a polite status beside it
 * tells screen readers the same (or that the browser refused, with what to do).
 */
export function CopyButton(props: { value: string; label: string; primary?: boolean }) {
  const t = useT()
  const [copied, setCopied] = useState<boolean | null>(null)
  useEffect(() => {
    if (copied === null) return
    const timer = setTimeout(() => setCopied(null), COPIED_FOR_MS)
    return () => clearTimeout(timer)
  }, [copied])
  return (
    <>
      <button
        type="button"
        class={`button button-small${props.primary ? ' button-primary' : ''}`}
        aria-label={`${copied === true ? t.copied : t.copy} ${props.label}`}
        data-copied={copied === true ? '' : undefined}
        onClick={async () => setCopied(await copyText(props.value))}
      >
        {copied === true ? (
          <>
            <span aria-hidden="true">✓ </span>
            {t.copied}
          </>
        ) : (
          t.copy
        )}
      </button>
      {/* The button shows "Copied" itself; the status says it to screen readers, and shows a refusal. */}
      <span role="status" class={copied === false ? 'muted' : 'sr-only'}>
        {copied === true ? `${t.copied}: ${props.label}` : copied === false ? t.copyFailed : ''}
      </span>
    </>
  )
}

/** A secret shown masked, with Reveal/Hide and Copy. */
export function Secret(props: { value: string; label: string }) {
  const t = useT()
  const [shown, setShown] = useState(false)
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
      <CopyButton value={props.value} label={props.label} />
    </span>
  )
}

/** Text shown as it is (an address, a token), with a Copy button beside it. */
export function CopyableText(props: { value: string; label: string }) {
  return (
    <span class="secret">
      <code>{props.value}</code>
      <CopyButton value={props.value} label={props.label} />
    </span>
  )
}

/** A block of code to paste elsewhere (a snippet), with its Copy button above it. */
export function CopyableBlock(props: { value: string; label: string; id?: string }) {
  return (
    <div class="snippet">
      <div class="actions">
        <CopyButton value={props.value} label={props.label} primary />
      </div>
      <pre id={props.id}>
        <code>{props.value}</code>
      </pre>
    </div>
  )
}
