/**
 * Cases: a hub's cases, newest first, filtered by portal, contact and status,
 * a page at a time; each opens on its case page.
 */
import { useState } from 'preact/hooks'
import type { CaseView } from '../../schemas/index.ts'
import { listAll, query, seg } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { Field } from '../components/field.tsx'
import { Picker } from '../components/picker.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { useContactChoices } from '../components/use-choices.ts'
import { useResource } from '../components/use-resource.ts'
import { useGuidedWords } from '../guided-words.ts'
import { formatDateTime, useLang, useT } from '../i18n.ts'
import { BASE, navigate } from '../router.ts'

/** The Cases page. */
export function Page(props: { search: URLSearchParams }) {
  const t = useT()
  const w = useGuidedWords()
  const lang = useLang()
  const { api } = useSession()
  const contacts = useContactChoices()
  const hubs = useResource(() => listAll(api, 'listHubs', 'hubs'), [])
  const portals = useResource(() => listAll(api, 'listPortals', 'portals'), [])
  const hubId = props.search.get('hub') ?? hubs.data?.[0]?.id ?? ''
  const [filters, setFilters] = useState({ portalId: '', contactId: '', status: '' })
  const [applied, setApplied] = useState(filters)
  const [pages, setPages] = useState<CaseView[][]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const list = useResource(async () => {
    if (!hubId) return null
    const answer = await api.call('listCases', { params: { hubId }, query: { ...applied, limit: 50 } })
    setPages([answer.items])
    setCursor(answer.nextCursor)
    return answer
  }, [hubId, applied.portalId, applied.contactId, applied.status])
  const more = async () => {
    if (!cursor) return
    const answer = await api.call('listCases', {
      params: { hubId },
      query: { ...applied, limit: 50, cursor },
    })
    setPages((p) => [...p, answer.items])
    setCursor(answer.nextCursor)
  }
  const items = pages.flat()
  const portalName = (id: string | null) =>
    id ? (portals.data?.find((p) => p.id === id)?.name ?? id.slice(0, 8)) : '—'

  if (hubs.error && !hubs.data) return <ErrorState error={hubs.error} onRetry={hubs.reload} />
  if (!hubs.data) return <Loading />
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t.navCases}</h1>
      </div>
      {hubs.data.length === 0 ? (
        <Empty>{t.hubsEmpty}</Empty>
      ) : (
        <form
          class="card inline"
          onSubmit={(e) => {
            e.preventDefault()
            setApplied(filters)
          }}
        >
          <Field id="cases-hub" label={t.hub}>
            {(c) => (
              <select
                {...c}
                value={hubId}
                onChange={(e) => navigate(`/cases${query({ hub: e.currentTarget.value })}`)}
              >
                {hubs.data!.map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="cases-portal" label={t.portal}>
            {(c) => (
              <select
                {...c}
                value={filters.portalId}
                onChange={(e) => setFilters({ ...filters, portalId: e.currentTarget.value })}
              >
                <option value="">{t.all}</option>
                {(portals.data ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="cases-contact" label={w.contactLabel}>
            {(c) => (
              <Picker
                {...c}
                label={w.contactLabel}
                options={contacts.data ?? []}
                placeholder={w.pickContactPlaceholder}
                value={filters.contactId}
                onChange={(contactId) => setFilters({ ...filters, contactId })}
              />
            )}
          </Field>
          <Field id="cases-status" label={t.packageStatus}>
            {(c) => (
              <select
                {...c}
                value={filters.status}
                onChange={(e) => setFilters({ ...filters, status: e.currentTarget.value })}
              >
                <option value="">{t.all}</option>
                {['active', 'resolved', 'cancelled'].map((s) => (
                  <option key={s} value={s}>
                    {t.caseStatuses[s] ?? s}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" class="button button-primary">
            {t.filter}
          </button>
        </form>
      )}
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.loading && items.length === 0 ? (
        <Loading />
      ) : items.length === 0 ? (
        hubs.data.length > 0 ? (
          <Empty>{t.casesEmpty}</Empty>
        ) : null
      ) : (
        <>
          <div class="table-wrap">
            <table class="grid">
              <thead>
                <tr>
                  <th scope="col">{t.caseNumber}</th>
                  <th scope="col">{t.caseTitle}</th>
                  <th scope="col">{t.packageStatus}</th>
                  <th scope="col">{t.portal}</th>
                  <th scope="col">{t.created}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.caseId} data-case={c.caseId}>
                    <td>
                      <a href={`${BASE}/cases/${seg(c.hubId)}/${seg(c.caseId)}`}>
                        {c.caseNumber ?? c.caseId.slice(0, 8)}
                      </a>
                    </td>
                    <td>{c.title ?? '—'}</td>
                    <td>{c.status ? (t.caseStatuses[c.status] ?? c.status) : '—'}</td>
                    <td>{portalName(c.portalId)}</td>
                    <td>{formatDateTime(lang, c.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {cursor ? (
            <div class="actions">
              <button type="button" class="button" onClick={more}>
                {t.loadMore}
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  )
}
