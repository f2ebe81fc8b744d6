/**
 * The Audit log: every admin change, newest first, a page at a time; filters
 * for the API's filters (record type and record, who, operation, from/until)
 * kept in the address so a link can open the log filtered (a History panel's
 * "Open in the Audit log"); downloads of every matching entry as CSV or NDJSON.
 */
import { useEffect, useMemo, useState } from 'preact/hooks'
import { API_OPERATIONS } from '../../schemas/index.ts'
import { type ApiClient, listAll, query } from '../api-client.ts'
import type { AuditEntry } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { SelectField, TextField, named } from '../components/form-fields.tsx'
import { PagedRows } from '../components/list-states.tsx'
import { AuditTable } from '../components/audit-table.tsx'
import { Notice, describeError } from '../components/states.tsx'
import { usePagedList } from '../components/use-paged-list.ts'
import { useResource } from '../components/use-resource.ts'
import { toLocalInput } from '../local-time.ts'
import { useRightsT } from '../rights-words.ts'
import { navigate } from '../router.ts'
import { saveFile } from '../save-file.ts'

/** Entries read a page at a time. */
export const AUDIT_PAGE = 50

/** The API's filters, as the address carries them (`from`/`to` as ISO instants). */
export const AUDIT_FILTERS = ['targetType', 'targetId', 'actor', 'operation', 'from', 'to'] as const
type Filters = Partial<Record<(typeof AUDIT_FILTERS)[number], string>>

/** The record types entries name (the first segment of an admin path, as the server maps it). */
const TARGET_TYPES = [
  'hub',
  'portal',
  'instance',
  'user',
  'session',
  'licence',
  'certificate',
  'host_name',
  'provisioning_job',
] as const

/** The operations an entry can record: every admin write, and a journey read (a hub's logJourneyReads). */
export const AUDITED_OPERATIONS: readonly string[] = [
  ...Object.entries(API_OPERATIONS)
    .filter(([, [method, path]]) => method !== 'get' && path.startsWith('/v1/admin/'))
    .map(([id]) => id),
  'getJourney',
].sort()

/** The filters in an address's query. */
export const filtersOf = (search: URLSearchParams): Filters =>
  Object.fromEntries(AUDIT_FILTERS.flatMap((k) => (search.get(k) ? [[k, search.get(k)!]] : [])))

/** The console address of the log filtered on `filters`. */
export const auditHref = (filters: Filters): string => `/audit${query(filters)}`

/** Records a filter can pick by name, by type; other types take an id. */
async function recordsOf(api: ApiClient, type: string): Promise<Array<{ id: string; name: string }>> {
  if (type === 'hub') return listAll(api, 'listHubs', 'hubs')
  if (type === 'portal') return listAll(api, 'listPortals', 'portals')
  if (type === 'instance') return listAll(api, 'listInstances', 'instances')
  if (type === 'user') return listAll(api, 'listUsers', 'users')
  return []
}

const PICKED = new Set(['hub', 'portal', 'instance', 'user'])

/** The Audit log page. */
export function Page(props: { search: URLSearchParams }) {
  const t = useRightsT()
  const { api, me } = useSession()
  const applied = useMemo(() => filtersOf(props.search), [props.search.toString()])
  const [draft, setDraft] = useState<Filters>(applied)
  useEffect(() => setDraft(applied), [applied])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'csv' | 'ndjson' | null>(null)

  // Pickers: who may list users and records gets names; anyone else types an id.
  const users = useResource(() => listAll(api, 'listUsers', 'users').catch(() => null), [])
  const records = useResource(
    async () => (draft.targetType && PICKED.has(draft.targetType) ? recordsOf(api, draft.targetType) : []),
    [draft.targetType],
  )
  const names = useResource(async () => {
    const lists = await Promise.all(
      ['hub', 'portal', 'instance', 'user'].map((type) => recordsOf(api, type).catch(() => [])),
    )
    return Object.fromEntries(lists.flat().map((r) => [r.id, r.name]))
  }, [])

  const list = usePagedList<AuditEntry>(
    async (cursor) => {
      const answer = await api.call('listAuditEntries', {
        query: { ...applied, limit: AUDIT_PAGE, ...(cursor ? { cursor } : {}) },
      })
      return { items: answer.entries, nextCursor: answer.nextCursor }
    },
    [props.search.toString()],
  )

  const set = (key: keyof Filters, value: string) =>
    setDraft((d) => {
      const next = { ...d, [key]: value }
      if (key === 'targetType') delete next.targetId
      if (!value) delete next[key]
      return next
    })
  const apply = (e: Event) => {
    e.preventDefault()
    if (draft.from && draft.to && Date.parse(draft.from) >= Date.parse(draft.to))
      return setError(t.auditFromAfterTo)
    setError(null)
    navigate(auditHref(draft))
  }
  const download = async (format: 'csv' | 'ndjson') => {
    setBusy(format)
    setError(null)
    try {
      const answer = await api.request<string>('GET', `/v1/admin/audit${query({ ...applied, format })}`, {
        text: true,
      })
      saveFile(
        `casetrail-audit.${format}`,
        answer.data,
        format === 'csv' ? 'text/csv;charset=utf-8' : 'application/x-ndjson',
      )
    } catch (err) {
      setError(describeError(t, err))
    } finally {
      setBusy(null)
    }
  }
  const dateInput = (key: 'from' | 'to') => {
    const value = draft[key]
    return value && !Number.isNaN(Date.parse(value)) ? toLocalInput(new Date(value)) : ''
  }
  const setDate = (key: 'from' | 'to', local: string) => {
    const at = new Date(local)
    set(key, local && !Number.isNaN(at.getTime()) ? at.toISOString() : '')
  }
  const picked = draft.targetType && PICKED.has(draft.targetType) && !records.error ? records.data : null
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t.auditTitle}</h1>
      </div>
      <p class="lead">{t.auditIntro}</p>
      <form class="card audit-filters" onSubmit={apply} noValidate aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">{t.auditFilters}</h2>
        <div class="filter-grid">
          <SelectField
            id="audit-target-type"
            label={t.auditTargetType}
            blank={t.auditAnyType}
            options={TARGET_TYPES.map((type) => ({ value: type, label: t.auditTargetTypes[type] ?? type }))}
            value={draft.targetType ?? ''}
            onValue={(v) => set('targetType', v)}
          />
          {picked ? (
            <SelectField
              id="audit-target"
              label={t.auditTarget}
              blank={t.auditAnyRecord}
              options={[
                ...(draft.targetId && !picked.some((r) => r.id === draft.targetId)
                  ? [{ value: draft.targetId, label: draft.targetId }]
                  : []),
                ...named(picked),
              ]}
              value={draft.targetId ?? ''}
              onValue={(v) => set('targetId', v)}
            />
          ) : (
            <TextField
              id="audit-target"
              label={t.auditTargetId}
              spellcheck={false}
              value={draft.targetId ?? ''}
              onValue={(v) => set('targetId', v.trim())}
            />
          )}
          {users.data ? (
            <SelectField
              id="audit-actor"
              label={t.auditActor}
              blank={t.auditAnyone}
              options={[
                ...(draft.actor && !users.data.some((u) => u.id === draft.actor)
                  ? [{ value: draft.actor, label: draft.actor === me.id ? me.name : draft.actor }]
                  : []),
                ...named(users.data),
              ]}
              value={draft.actor ?? ''}
              onValue={(v) => set('actor', v)}
            />
          ) : (
            <TextField
              id="audit-actor"
              label={t.auditActorId}
              spellcheck={false}
              value={draft.actor ?? ''}
              onValue={(v) => set('actor', v.trim())}
            />
          )}
          <SelectField
            id="audit-operation"
            label={t.auditOperation}
            blank={t.auditAnyOperation}
            options={AUDITED_OPERATIONS.map((op) => ({ value: op, label: op }))}
            value={draft.operation ?? ''}
            onValue={(v) => set('operation', v)}
          />
          <TextField
            id="audit-from"
            label={t.auditFrom}
            type="datetime-local"
            value={dateInput('from')}
            onValue={(v) => setDate('from', v)}
          />
          <TextField
            id="audit-to"
            label={t.auditTo}
            type="datetime-local"
            value={dateInput('to')}
            onValue={(v) => setDate('to', v)}
          />
        </div>
        <div class="actions">
          <button type="submit" class="button button-primary">
            {t.auditApply}
          </button>
          {Object.keys(applied).length > 0 ? (
            <button type="button" class="button" onClick={() => navigate('/audit')}>
              {t.auditClear}
            </button>
          ) : null}
        </div>
      </form>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <div class="inline toolbar">
        <button type="button" class="button" disabled={busy !== null} onClick={() => download('csv')}>
          {t.auditDownloadCsv}
        </button>
        <button type="button" class="button" disabled={busy !== null} onClick={() => download('ndjson')}>
          {t.auditDownloadNdjson}
        </button>
        <span class="help">{t.auditDownloadHelp}</span>
      </div>
      <PagedRows list={list} empty={t.auditEmpty}>
        {(rows) => <AuditTable entries={rows} names={names.data} caption={t.auditTitle} />}
      </PagedRows>
    </section>
  )
}
