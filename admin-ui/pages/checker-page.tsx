/**
 * Run Portal Checker: the Diagnostic results grid (Issue / Category /
 * Result), sorted error, warning, pass by default and by any column on
 * request; rows expand to details and mitigation, an action button runs the
 * fix and the row updates; "was this useful?" feedback; Refresh results;
 * earlier runs selectable.
 */
import { useState } from 'preact/hooks'
import type { CheckResult } from '../../schemas/index.ts'
import { seg } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { PageHead, portalCrumbs } from '../components/page-head.tsx'
import { Empty, ErrorState, Loading, Notice, describeError } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { formatDateTime, useLang, useT } from '../i18n.ts'
import { checkerSentence, checkerText } from '../checker-words.ts'
import { ResultRow } from './checker-row.tsx'

type SortKey = 'result' | 'issue' | 'category'

/** The Run Portal Checker page of one portal. */
export function Page(props: { params: Record<string, string> }) {
  const t = useT()
  const lang = useLang()
  const { api } = useSession()
  const id = props.params.portalId!
  const base = `/v1/admin/portals/${seg(id)}/checker`
  const portal = useResource(() => api.call('getPortal', { params: { portalId: id } }), [id])
  const runs = useResource(
    () =>
      api
        .call('listCheckerRuns', { params: { portalId: id } })
        .then((r) => [...r.runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt))),
    [base],
  )
  const [runId, setRunId] = useState<string | null>(null)
  const [sort, setSort] = useState<{ key: SortKey; order: 'asc' | 'desc' }>({ key: 'result', order: 'asc' })
  const selected = runId ?? runs.data?.[0]?.id ?? null
  const run = useResource(
    () =>
      selected
        ? api.call('getCheckerRun', {
            params: { portalId: id, runId: selected },
            query: { sort: sort.key, order: sort.order },
          })
        : Promise.resolve(null),
    [selected, sort.key, sort.order],
  )
  const [running, setRunning] = useState(false)
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const [open, setOpen] = useState<string | null>(null)

  const start = async (keepNotice = false) => {
    setRunning(true)
    if (!keepNotice) setNotice(null)
    try {
      const fresh = await api.call('startCheckerRun', { params: { portalId: id } })
      await runs.reload()
      setRunId(fresh.id)
    } catch (error) {
      setNotice({ kind: 'error', text: describeError(t, error) })
    } finally {
      setRunning(false)
    }
  }
  const act = async (result: CheckResult) => {
    if (!result.action || !selected) return
    setNotice(null)
    try {
      const record = await api.call('runCheckerAction', {
        params: { portalId: id, actionId: result.action.id },
        body: { runId: selected },
      })
      setNotice({
        kind: 'success',
        text: `${t.labelled(checkerText(lang, record.label))} ${checkerSentence(lang, record.sentence, record.details)}`,
      })
      setOpen(result.checkId)
      await start(true)
    } catch (error) {
      setNotice({ kind: 'error', text: describeError(t, error) })
    }
  }
  // Sorted by result, the checks that passed fold behind one button (30 rows made the page
  // 4,200 px tall on a phone): what needs the admin comes first. An open row stays in sight.
  const [showPassed, setShowPassed] = useState(false)
  const passed = (r: CheckResult) => r.result === 'pass' || r.result === 'not_applicable'
  const passedCount = run.data?.results.filter(passed).length ?? 0
  const shownResults = (results: CheckResult[]): Array<CheckResult | 'toggle'> => {
    if (sort.key !== 'result' || passedCount === 0) return results
    const out: Array<CheckResult | 'toggle'> = []
    for (const r of results) {
      if (passed(r) && !out.includes('toggle')) out.push('toggle')
      if (!passed(r) || showPassed || r.checkId === open) out.push(r)
    }
    return out
  }
  const sortBy = (key: SortKey) =>
    setSort((s) => ({ key, order: s.key === key && s.order === 'asc' ? 'desc' : 'asc' }))
  const ariaSort = (key: SortKey) =>
    sort.key === key ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined

  if (portal.error && !portal.data) return <ErrorState error={portal.error} onRetry={portal.reload} />
  if (!portal.data || (!runs.data && !runs.error)) return <Loading />
  return (
    <section aria-labelledby="page-title">
      <PageHead crumbs={portalCrumbs(t, id, portal.data.name)} title={t.runPortalChecker}>
        <button type="button" class="button button-primary" disabled={running} onClick={() => start()}>
          {running ? t.checking : runs.data && runs.data.length > 0 ? t.refreshResults : t.runPortalChecker}
        </button>
      </PageHead>
      {runs.error ? <ErrorState error={runs.error} onRetry={runs.reload} /> : null}
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {runs.data && runs.data.length > 0 ? (
        <div class="inline toolbar">
          <label class="lang-pick">
            <span>{t.earlierRuns}</span>
            <select value={selected ?? ''} onChange={(e) => setRunId(e.currentTarget.value)}>
              {runs.data.map((r) => (
                <option key={r.id} value={r.id}>
                  {formatDateTime(lang, r.startedAt)} —{' '}
                  {t.runCounts(r.counts.error, r.counts.warning, r.counts.pass)}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : runs.data ? (
        <Empty>{t.checkerEmpty}</Empty>
      ) : null}
      {run.error && !run.data ? <ErrorState error={run.error} onRetry={run.reload} /> : null}
      {run.data ? (
        <>
          <h2>{t.diagnosticResults}</h2>
          {run.data.notes.map((n) => (
            <Notice kind="info" key={n}>
              {checkerText(lang, n)}
            </Notice>
          ))}
          <div class="table-wrap">
            <table class="grid checker-grid">
              <thead>
                <tr>
                  {(
                    [
                      ['issue', t.issue],
                      ['category', t.category],
                      ['result', t.result],
                    ] as Array<[SortKey, string]>
                  ).map(([key, label]) => (
                    <th scope="col" key={key} aria-sort={ariaSort(key)}>
                      <button type="button" class="sort" onClick={() => sortBy(key)}>
                        {label}
                        <span aria-hidden="true">
                          {sort.key === key ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
                        </span>
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              {shownResults(run.data.results).map((r) =>
                r === 'toggle' ? (
                  <tbody key="toggle-passed">
                    <tr class="passed-toggle">
                      <td colSpan={3}>
                        <button
                          type="button"
                          class="button-link show-passed"
                          aria-expanded={showPassed}
                          onClick={() => setShowPassed(!showPassed)}
                        >
                          {showPassed ? t.hidePassed : t.showPassed(passedCount)}
                        </button>
                      </td>
                    </tr>
                  </tbody>
                ) : (
                  <ResultRow
                    key={r.checkId}
                    result={r}
                    runId={run.data!.id}
                    portalId={id}
                    hubId={portal.data!.hub?.hubId ?? null}
                    open={open === r.checkId}
                    onToggle={() => setOpen(open === r.checkId ? null : r.checkId)}
                    onAction={() => act(r)}
                    onFixed={async () => {
                      await portal.reload()
                      await start()
                    }}
                    onFeedback={(next) =>
                      run.set({
                        ...run.data!,
                        results: run.data!.results.map((x) =>
                          x.checkId === r.checkId ? { ...x, feedback: next } : x,
                        ),
                      })
                    }
                  />
                ),
              )}
            </table>
          </div>
        </>
      ) : null}
    </section>
  )
}
