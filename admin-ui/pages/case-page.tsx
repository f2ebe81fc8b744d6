/**
 * A case page, as a service rep sees it: the case's details and the journey
 * widget at `before = createdAt` (with the contact's activity after the case
 * too), through the short-lived read token the case API hands out.
 */
import { useState } from 'preact/hooks'
import { useSession } from '../app-context.ts'
import { JourneyHost } from '../components/journey-host.tsx'
import { ErrorState, Loading, Notice } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { formatDateTime, useLang, useT } from '../i18n.ts'
import { BASE } from '../router.ts'

/** The page of one case. */
export function Page(props: { params: Record<string, string> }) {
  const t = useT()
  const lang = useLang()
  const { api } = useSession()
  const { hubId, caseId } = props.params as { hubId: string; caseId: string }
  const found = useResource(() => api.call('getCase', { params: { hubId, caseId } }), [hubId, caseId])
  const [widgetError, setWidgetError] = useState<string | null>(null)
  if (found.error && !found.data) return <ErrorState error={found.error} onRetry={found.reload} />
  if (!found.data) return <Loading />
  const c = found.data
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <div>
          <p class="crumb">
            <a href={`${BASE}/cases?hub=${encodeURIComponent(hubId)}`}>{t.navCases}</a>
          </p>
          <h1 id="page-title">{c.title ?? c.caseNumber ?? c.caseId}</h1>
          <span class="sub">{c.caseNumber}</span>
        </div>
      </div>
      <div class="case-layout">
        <div class="card">
          <dl class="facts">
            <dt>{t.customer}</dt>
            <dd>
              {c.contact?.name ?? c.contactId}
              {c.contact?.email ? <span class="sub">{c.contact.email}</span> : null}
            </dd>
            <dt>{t.created}</dt>
            <dd>{formatDateTime(lang, c.createdAt)}</dd>
            <dt>{t.packageStatus}</dt>
            <dd>{c.status ? (t.caseStatuses[c.status] ?? c.status) : '—'}</dd>
            <dt>{t.origin}</dt>
            <dd>{c.source === 'portal' ? t.originPortal : t.originCrm}</dd>
            {c.category ? (
              <>
                <dt>{t.category}</dt>
                <dd>{c.category}</dd>
              </>
            ) : null}
          </dl>
          {c.description ? <p class="case-description">{c.description}</p> : null}
        </div>
        <div class="card">
          <h2>{t.customerJourney}</h2>
          {widgetError ? <Notice kind="error">{widgetError}</Notice> : null}
          {c.journey ? (
            <JourneyHost
              view={{
                hubId,
                contactId: c.contactId,
                before: c.createdAt,
                window: 'P7D',
                after: 'P1D',
                token: c.journey.token,
                lang,
              }}
              onError={(e) => setWidgetError(e.message)}
            />
          ) : (
            <p class="muted">{t.noReadKey}</p>
          )}
        </div>
      </div>
    </section>
  )
}
