import { useState } from 'preact/hooks'
import type { CheckFeedback, CheckResult } from '../../schemas/index.ts'
import { seg } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { describeError } from '../components/states.tsx'
import { checkerSentence, checkerText } from '../checker-words.ts'
import { type GuidedWords, useGuidedWords } from '../guided-words.ts'
import { type Messages, useLang, useT } from '../i18n.ts'
import { BASE } from '../router.ts'
import { BindingDialog } from './tracking-form.tsx'

const TONE: Record<string, string> = {
  error: 'bad',
  warning: 'warn',
  pass: 'ok',
  not_applicable: 'off',
  not_run: 'off',
}

/** Where a fix is made: the portal, and its hub when it is bound. */
interface FixTarget {
  portalId: string
  hubId: string | null
}

/**
 * The console's way to make a check's fix, by check id (it replaces the API
 * path the mitigation names): a page to open, or the binding dialog opened
 * in place (`dialog`). A fix on the hub needs the portal's hub.
 */
const FIXES: Record<
  string,
  { label: (t: Messages, w: GuidedWords) => string } & (
    | { dialog: true }
    | { path: (at: FixTarget) => string | null }
  )
> = {
  'ingestion-hub-bound': { dialog: true, label: (_t, w) => w.bindToHub },
  'ingestion-hub-key': { dialog: true, label: (_t, w) => w.updateKey },
  'ingestion-recent-interactions': {
    path: (at) => `/portals/${seg(at.portalId)}/analytics#snippet`,
    label: (_t, w) => w.openSnippet,
  },
  'ingestion-interaction-types': {
    path: (at) => (at.hubId ? `/hubs/${seg(at.hubId)}?tab=types` : null),
    label: (_t, w) => w.openHubTypes,
  },
  'ingestion-rejected-share': {
    path: (at) => (at.hubId ? `/hubs/${seg(at.hubId)}?tab=quarantine` : null),
    label: (_t, w) => w.openQuarantine,
  },
  'ingestion-store-refused': {
    path: (at) => (at.hubId ? `/hubs/${seg(at.hubId)}?tab=quarantine` : null),
    label: (_t, w) => w.openQuarantine,
  },
  'domain-cname': {
    path: (at) => `/portals/${seg(at.portalId)}/custom-domain`,
    label: (t) => t.fixPages.customDomain,
  },
  'domain-certificate-host': {
    path: (at) => `/portals/${seg(at.portalId)}/custom-domain`,
    label: (t) => t.fixPages.customDomain,
  },
  'domain-certificate-expiry': {
    path: (at) => `/portals/${seg(at.portalId)}/custom-domain`,
    label: (t) => t.fixPages.customDomain,
  },
  'translations-metadata': {
    path: (at) => `/portals/${seg(at.portalId)}/translations`,
    label: (t) => t.fixPages.translations,
  },
  'startup-instance': { path: () => '/tenancy', label: (_t, w) => w.openTenancy },
  'provisioning-prerequisites': {
    path: (at) => `/portals/${seg(at.portalId)}#provisioning`,
    label: (t) => t.fixPages.provisioning,
  },
  'provisioning-status': {
    path: (at) => `/portals/${seg(at.portalId)}#provisioning`,
    label: (t) => t.fixPages.provisioning,
  },
  'provisioning-packages': {
    path: (at) => `/portals/${seg(at.portalId)}#provisioning`,
    label: (t) => t.fixPages.provisioning,
  },
}

/** A mitigation without the API calls it names: the console's button or page does that part. */
export const withoutApiPaths = (text: string): string =>
  text
    .replace(/\s*\((?:GET|PUT|POST|PATCH|DELETE) \/v1\/[^)]*\)/g, '')
    .replace(/\s*:\s*(?:GET|PUT|POST|PATCH|DELETE) \/v1\/\S+[^.]*\./g, '.')

/** One result of the grid: a row that expands to details, mitigation, the action and feedback. */
export function ResultRow(props: {
  result: CheckResult
  runId: string
  portalId: string
  /** The portal's hub, for fixes made on the hub (its quarantine, its interaction types). */
  hubId: string | null
  open: boolean
  onToggle: () => void
  onAction: () => Promise<void>
  /** A fix made in a dialog here (the binding) is saved: run the checks again. */
  onFixed: () => Promise<void>
  onFeedback: (feedback: CheckFeedback) => void
}) {
  const t = useT()
  const w = useGuidedWords()
  const lang = useLang()
  const { api } = useSession()
  const r = props.result
  // The checker's English, in the console's language (checker-words.ts).
  const issue = checkerText(lang, r.issue)
  const details = checkerSentence(lang, r.sentences?.details, r.details)
  const [busy, setBusy] = useState(false)
  const [binding, setBinding] = useState<boolean | 'saved'>(false)
  const fix = FIXES[r.checkId]
  const fixPath = fix && 'path' in fix ? fix.path({ portalId: props.portalId, hubId: props.hubId }) : null
  const failed = r.result === 'error' || r.result === 'warning'
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | null>(null)
  const detailsId = `check-${r.checkId}-details`
  // A row that passed is titled with what was found right, not with the problem it looks for.
  const settled = (r.result === 'pass' || r.result === 'not_applicable') && r.details !== ''
  const title = settled ? details.charAt(0).toUpperCase() + details.slice(1) : issue
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
        <td>{checkerText(lang, r.category)}</td>
        <td>
          <span class={`badge badge-${TONE[r.result] ?? 'off'}`}>{t.results[r.result] ?? r.result}</span>
        </td>
      </tr>
      {props.open ? (
        <tr class="check-details" id={detailsId}>
          <td colSpan={3}>
            {r.reason ? <p class="muted">{checkerSentence(lang, r.sentences?.reason, r.reason)}</p> : null}
            {settled ? (
              <p class="muted">{t.checkLooksFor(issue)}</p>
            ) : (
              <>
                <h3>{t.details}</h3>
                <p>{details}</p>
              </>
            )}
            <h3>{t.mitigation}</h3>
            <p>{withoutApiPaths(checkerSentence(lang, r.sentences?.mitigation, r.mitigation))}</p>
            {fix && failed && 'dialog' in fix ? (
              <p>
                <button type="button" class="button button-primary" onClick={() => setBinding(true)}>
                  {fix.label(t, w)}
                </button>
              </p>
            ) : fix && failed && fixPath ? (
              <p>
                <a class="button" href={`${BASE}${fixPath}`}>
                  {fix.label(t, w)}
                </a>
              </p>
            ) : null}
            {binding ? (
              <BindingDialog
                portalId={props.portalId}
                onDone={() => setBinding('saved')}
                // The checks run again once the dialog is closed: a run redraws the grid under it otherwise.
                onClose={() => {
                  if (binding === 'saved') void props.onFixed()
                  setBinding(false)
                }}
              />
            ) : null}
            {r.action && failed ? (
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
                {checkerText(lang, r.action.label)}
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
