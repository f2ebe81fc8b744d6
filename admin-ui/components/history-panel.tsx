/**
 * A record's History: the audit entries whose target is that record (a hub,
 * a portal), newest first, and a link to the whole Audit log filtered on it.
 */
import { seg } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { useRightsT } from '../rights-words.ts'
import { BASE } from '../router.ts'
import { AuditTable } from './audit-table.tsx'
import { Empty, ErrorState, Loading } from './states.tsx'
import { useResource } from './use-resource.ts'

/** Entries a History panel shows; the Audit log has the rest. */
export const HISTORY_ENTRIES = 10

/** The History card of one record. */
export function HistoryPanel(props: { targetType: 'hub' | 'portal'; targetId: string; version?: string }) {
  const t = useRightsT()
  const { api } = useSession()
  const { targetType, targetId } = props
  // Read again when the record's version changes: a change made on this page shows at once.
  const entries = useResource(
    () => api.call('listAuditEntries', { query: { targetType, targetId, limit: HISTORY_ENTRIES } }),
    [targetType, targetId, props.version],
  )
  const href = `${BASE}/audit?targetType=${seg(targetType)}&targetId=${seg(targetId)}`
  let body = null
  if (entries.error && !entries.data) body = <ErrorState error={entries.error} onRetry={entries.reload} />
  else if (!entries.data) body = <Loading />
  else if (entries.data.entries.length === 0) body = <Empty>{t.historyEmpty}</Empty>
  else
    body = (
      <>
        <AuditTable entries={entries.data.entries} showTarget={false} caption={t.historyTitle} />
        {entries.data.nextCursor ? <p class="help">{t.historyLatest(HISTORY_ENTRIES)}</p> : null}
      </>
    )
  return (
    <section class="card history" aria-labelledby="history-title">
      <div class="card-head">
        <h2 id="history-title">{t.historyTitle}</h2>
        <a class="button button-small" href={href}>
          {t.historyAll}
        </a>
      </div>
      <p class="lead">{t.historyIntro}</p>
      {body}
    </section>
  )
}
