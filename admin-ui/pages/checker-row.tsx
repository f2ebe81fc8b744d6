import { useState } from 'preact/hooks'
import type { CheckFeedback, CheckResult } from '../../schemas/index.ts'
import { useSession } from '../app-context.ts'
import { describeError } from '../components/states.tsx'
import { type Messages, useT } from '../i18n.ts'
import { BASE } from '../router.ts'

const TONE: Record<string, string> = {
  error: 'bad',
  warning: 'warn',
  pass: 'ok',
  not_applicable: 'off',
  not_run: 'off',
}

/** The console page that makes a check's fix, by check id (its link replaces the API path in the text). */
const FIX_PAGES: Record<string, { path: (portalId: string) => string; label: keyof Messages['fixPages'] }> = {
  'ingestion-hub-bound': { path: (id) => `/portals/${id}/analytics`, label: 'tracking' },
  'domain-cname': { path: (id) => `/portals/${id}/custom-domain`, label: 'customDomain' },
  'domain-certificate-host': { path: (id) => `/portals/${id}/custom-domain`, label: 'customDomain' },
  'domain-certificate-expiry': { path: (id) => `/portals/${id}/custom-domain`, label: 'customDomain' },
  'translations-metadata': { path: (id) => `/portals/${id}/translations`, label: 'translations' },
  'provisioning-status': { path: (id) => `/portals/${id}#provisioning`, label: 'provisioning' },
  'provisioning-packages': { path: (id) => `/portals/${id}#provisioning`, label: 'provisioning' },
}

/** A mitigation without the API calls it names: the console's button or page does that part. */
export const withoutApiPaths = (text: string): string =>
  text
    .replace(/\s*\((?:GET|PUT|POST|PATCH|DELETE) \/v1\/[^)]*\)/g, '')
    .replace(/:\s*(?:GET|PUT|POST|PATCH|DELETE) \/v1\/\S+[^.]*\./g, '.')

/** One result of the grid: a row that expands to details, mitigation, the action and feedback. */
export function ResultRow(props: {
  result: CheckResult
  runId: string
  portalId: string
  open: boolean
  onToggle: () => void
  onAction: () => Promise<void>
  onFeedback: (feedback: CheckFeedback) => void
}) {
  const t = useT()
  const { api } = useSession()
  const r = props.result
  const [busy, setBusy] = useState(false)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | null>(null)
  const detailsId = `check-${r.checkId}-details`
  // A row that passed is titled with what was found right, not with the problem it looks for.
  const settled = (r.result === 'pass' || r.result === 'not_applicable') && r.details !== ''
  const title = settled ? r.details.charAt(0).toUpperCase() + r.details.slice(1) : r.issue
  const feedback = async (useful: boolean) => {
    try {
      const saved = await api.call('putCheckFeedback', {
        params: { portalId: props.portalId, runId: props.runId, checkId: r.checkId },
        body: { useful, comment: comment.trim() || null },
      })
      if (saved.feedback) props.onFeedback(saved.feedback)
      setError(null)
    } catch (err) {
      setError(describeError(t, err))
    }
  }
  return (
    <tbody class={props.open ? 'open' : undefined} data-check={r.checkId}>
      <tr>
        <td>
          <button
            type="button"
            class="expand"
            aria-expanded={props.open}
            aria-controls={detailsId}
            onClick={props.onToggle}
          >
            <span aria-hidden="true">{props.open ? '▾' : '▸'} </span>
            {title}
          </button>
        </td>
        <td>{r.category}</td>
        <td>
          <span class={`badge badge-${TONE[r.result] ?? 'off'}`}>{t.results[r.result] ?? r.result}</span>
        </td>
      </tr>
      {props.open ? (
        <tr class="check-details" id={detailsId}>
          <td colSpan={3}>
            {r.reason ? <p class="muted">{r.reason}</p> : null}
            {settled ? (
              <p class="muted">{t.checkLooksFor(r.issue)}</p>
            ) : (
              <>
                <h3>{t.details}</h3>
                <p>{r.details}</p>
              </>
            )}
            <h3>{t.mitigation}</h3>
            <p>{withoutApiPaths(r.mitigation)}</p>
            {FIX_PAGES[r.checkId] && (r.result === 'error' || r.result === 'warning') ? (
              <p>
                <a class="button" href={`${BASE}${FIX_PAGES[r.checkId]!.path(props.portalId)}`}>
                  {t.fixPages[FIX_PAGES[r.checkId]!.label]}
                </a>
              </p>
            ) : null}
            {r.action && (r.result === 'error' || r.result === 'warning') ? (
              <button
                type="button"
                class="button button-primary"
                disabled={busy}
                onClick={async () => {
                  setBusy(true)
                  await props.onAction()
                  setBusy(false)
                }}
              >
                {r.action.label}
              </button>
            ) : null}
            <div class="feedback">
              <p class="legend">{t.wasUseful}</p>
              {r.feedback ? (
                <p class="muted" role="status">
                  {t.thanksFeedback(r.feedback.useful ? t.yes : t.no)}
                </p>
              ) : (
                <>
                  <label class="sr-only" for={`${detailsId}-comment`}>
                    {t.feedbackComment}
                  </label>
                  <input
                    id={`${detailsId}-comment`}
                    type="text"
                    placeholder={t.feedbackComment}
                    value={comment}
                    onInput={(e) => setComment(e.currentTarget.value)}
                  />
                  <div class="actions">
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={`${t.wasUseful} ${t.yes}`}
                      onClick={() => feedback(true)}
                    >
                      {t.yes}
                    </button>
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={`${t.wasUseful} ${t.no}`}
                      onClick={() => feedback(false)}
                    >
                      {t.no}
                    </button>
                  </div>
                </>
              )}
              {error ? <p class="field-error">{error}</p> : null}
            </div>
          </td>
        </tr>
      ) : null}
    </tbody>
  )
}
