import type { ComponentChildren } from 'preact'
import { ApiError } from '../api-client.ts'
import { type Messages, useT } from '../i18n.ts'

/** The words for an error the API (or the network) answered, by its code. */
export function describeError(t: Messages, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t.networkError
    if (error.status === 412) return t.changedElsewhere
    if (error.code === 'portal_manage_forbidden') return t.forbidden
    // The API speaks English: English shows its message, other languages their sentence for the code.
    const sentence = error.code ? t.apiErrors[error.code] : undefined
    if (sentence) return sentence
    return t.apiRefused ? t.apiRefused(error.code || String(error.status)) : error.message
  }
  return error instanceof Error ? error.message : String(error)
}

/**
 * The words for a refusal the server stored or sent with its code: English shows the
 * server's message; French and German their sentence for the code (`apiRefused`
 * naming the code when the catalogue has none).
 */
const refusalSentence = (t: Messages, code: string, message: string): string =>
  t.serverMessage === null ? message : (t.apiErrors[code] ?? t.apiRefused?.(code) ?? message)

/** The server's English message folded under a translated sentence (nothing in English). */
function ServerMessage(props: { message: string }) {
  const t = useT()
  if (t.serverMessage === null) return null
  return (
    <details class="server-message">
      <summary>{t.serverMessage}</summary>
      <samp lang="en">{props.message}</samp>
    </details>
  )
}

/**
 * A failure the server stored (a provisioning step's, a package's): its code and,
 * in French or German, the catalogue's sentence for it, with the server's English
 * message folded under it (it may carry a cause only the server knows).
 */
export function StoredFailure(props: { error: { code: string; message: string }; class?: string }) {
  const t = useT()
  const { code, message } = props.error
  return (
    <div class={props.class ?? 'step-error'}>
      <code>{code}</code> {refusalSentence(t, code, message)}
      <ServerMessage message={message} />
    </div>
  )
}

/**
 * Why one field of an item was refused (a beacon in the quarantine, a contact in an
 * import): the sentence for its code as {@link StoredFailure} words it, the server's
 * English message folded under it in French and German. Code and field are shown
 * by the caller, where its layout puts them.
 */
export function RefusalReason(props: { code: string; message: string }) {
  const t = useT()
  return (
    <div class="refusal-reason">
      {refusalSentence(t, props.code, props.message)}
      <ServerMessage message={props.message} />
    </div>
  )
}

/** A page or section that is loading. */
export function Loading(props: { label?: string }) {
  const t = useT()
  return (
    <p class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {props.label ?? t.loading}
    </p>
  )
}

/** Nothing to show yet, and what to do about it. */
export function Empty(props: { children: ComponentChildren }) {
  return <p class="state state-empty">{props.children}</p>
}

/** A failed load or action: what went wrong, and a way to try again or reload. */
export function ErrorState(props: { error: unknown; onRetry?: () => void }) {
  const t = useT()
  const stale = props.error instanceof ApiError && props.error.status === 412
  const code = props.error instanceof ApiError ? props.error.code : null
  return (
    <div class="state state-error" role="alert">
      <p>
        <strong>{stale ? t.changedElsewhere : t.errorTitle}</strong>
        {stale ? null : <> — {describeError(t, props.error)}</>}
        {code && !stale ? <code class="error-code">{code}</code> : null}
      </p>
      {props.onRetry ? (
        <button type="button" class="button" onClick={props.onRetry}>
          {stale ? t.reload : t.retry}
        </button>
      ) : null}
    </div>
  )
}

/** A short message after an action: success or failure, announced to screen readers. */
export function Notice(props: { kind: 'success' | 'error' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  )
}
