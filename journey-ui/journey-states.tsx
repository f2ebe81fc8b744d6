import type { JourneyErrorCode } from './journey-client.ts'
import type { Messages } from './messages.ts'

/** Why the widget shows no journey: an API failure, or attributes missing on the element. */
export type WidgetError =
  | { code: JourneyErrorCode; status?: number; serverCode?: string; message?: string }
  | { code: 'misconfigured'; missing: readonly string[] }

/** Errors worth a retry button: the next attempt may well work. */
export const RETRYABLE: ReadonlySet<WidgetError['code']> = new Set(['api_down', 'invalid_answer'])

/** The loading skeleton: the shape of the chart and the lists, with a status for screen readers (once labelled). */
export function LoadingSkeleton({ messages }: { messages: Messages | null }) {
  return (
    <div class="skeleton" aria-busy="true" data-state="loading">
      {/* No words until the labels of the widget's language are here. */}
      <p class="sr-only" role="status">
        {messages?.loading}
      </p>
      <i class="short" />
      <i class="chart" />
      <i />
      <i class="short" />
      <i />
    </div>
  )
}

/** "No portal activity in the 7 days before this case." */
export function EmptyState({ messages, span }: { messages: Messages; span: string }) {
  return (
    <div class="state empty" role="status" data-state="empty">
      <p>{messages.empty(span)}</p>
    </div>
  )
}

function errorText(error: WidgetError, messages: Messages): string {
  switch (error.code) {
    case 'misconfigured':
      return messages.misconfigured(error.missing.join(', '))
    case 'token_expired':
      return messages.expired
    case 'token_refused':
      return messages.refused
    case 'not_found':
      return messages.notFound
    case 'bad_request':
      return messages.badRequest
    case 'api_down':
      return messages.apiDown
    case 'invalid_answer':
      return messages.invalidAnswer
  }
}

/**
 * A failure, said plainly: what happened, the server's code (and, for a
 * refused request, its message, which names the field at fault), and a retry
 * button when trying again can help. Never a stack trace.
 */
export function ErrorState(props: { error: WidgetError; messages: Messages; onRetry: () => void }) {
  const { error, messages, onRetry } = props
  const detail = error.code === 'misconfigured' ? undefined : error
  return (
    <div class="state error" role="alert" data-state="error" data-code={error.code}>
      <p>{errorText(error, messages)}</p>
      {detail?.code === 'bad_request' && detail.message ? <p class="code">{detail.message}</p> : null}
      {detail?.serverCode ? (
        <p class="code">
          {messages.errorCode}: <code>{detail.serverCode}</code>
        </p>
      ) : null}
      {RETRYABLE.has(error.code) ? (
        <button type="button" onClick={onRetry}>
          {messages.retry}
        </button>
      ) : null}
    </div>
  )
}
