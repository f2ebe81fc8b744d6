/**
 * Cases: a hub's cases, newest first, filtered by portal, contact and status,
 * a page at a time; each opens on its case page.
 */
import { useState } from 'preact/hooks'
import type { CaseView } from '../../schemas/index.ts'
import { listAll, query, seg } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { DataTable } from '../components/data-table.tsx'
import { Field } from '../components/field.tsx'
import { SelectField, bindForm, named } from '../components/form-fields.tsx'
import { FilterBar, PagedRows } from '../components/list-states.tsx'
import { Picker } from '../components/picker.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { useContactChoices } from '../components/use-choices.ts'
import { usePagedList } from '../components/use-paged-list.ts'
import { useResource } from '../components/use-resource.ts'
import { useGuidedWords } from '../guided-words.ts'
import { formatDateTime, useLang, useT } from '../i18n.ts'
import { BASE, navigate } from '../router.ts'

const STATUSES = ['active', 'resolved', 'cancelled']

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
  const bind = bindForm(filters, setFilters)
  const list = usePagedList<CaseView>(
    async (cursor) => {
      if (!hubId) return { items: [], nextCursor: null }
      const answer = await api.call('listCases', {
        params: { hubId },
        query: { ...applied, limit: 50, ...(cursor ? { cursor } : {}) },
      })
      return { items: answer.items, nextCursor: answer.nextCursor }
    },
    [hubId, applied.portalId, applied.contactId, applied.status],
  )
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
        <FilterBar submit={t.filter} onApply={() => setApplied(filters)}>
          <SelectField
            id="cases-hub"
            label={t.hub}
            options={named(hubs.data)}
            value={hubId}
            onValue={(hub) => navigate(`/cases${query({ hub })}`)}
          />
          <SelectField
            id="cases-portal"
            label={t.portal}
            blank={t.all}
            options={named(portals.data)}
            {...bind('portalId')}
          />
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
          <SelectField
            id="cases-status"
            label={t.packageStatus}
            blank={t.all}
            options={STATUSES.map((s) => ({ value: s, label: t.caseStatuses[s] ?? s }))}
            {...bind('status')}
          />
        </FilterBar>
      )}
      <PagedRows list={list} empty={hubs.data.length > 0 ? t.casesEmpty : null}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(c) => c.caseId}
            rowAttributes={(c) => ({ 'data-case': c.caseId })}
            columns={[
              {
                key: 'number',
                label: t.caseNumber,
                value: (c) => (
                  <a href={`${BASE}/cases/${seg(c.hubId)}/${seg(c.caseId)}`}>
                    {c.caseNumber ?? c.caseId.slice(0, 8)}
                  </a>
                ),
              },
              { key: 'title', label: t.caseTitle, value: (c) => c.title ?? '—' },
              {
                key: 'status',
                label: t.packageStatus,
                value: (c) => (c.status ? (t.caseStatuses[c.status] ?? c.status) : '—'),
              },
              { key: 'portal', label: t.portal, value: (c) => portalName(c.portalId) },
              { key: 'created', label: t.created, value: (c) => formatDateTime(lang, c.createdAt) },
            ]}
          />
        )}
      </PagedRows>
    </section>
  )
}
