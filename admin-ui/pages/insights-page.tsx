/**
 * Insights: what preceded cases, per hub (and per portal) for a period and a
 * look-back window — which content people read before opening a case anyway, with its case
 * rate, content that deflects, searches before cases, and daily volume —
 * drawn with lazily loaded ECharts, each table exportable as CSV.
 */
import { useEffect, useState } from 'preact/hooks'
import { listAll } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { SelectField, bindForm, named } from '../components/form-fields.tsx'
import { FilterBar } from '../components/list-states.tsx'
import { Empty, ErrorState, Loading, Notice, describeError } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { useT } from '../i18n.ts'
import { saveFile } from '../save-file.ts'
import { DeflectionView } from './deflection-view.tsx'
import { linkPortal } from './insight-links.ts'
import { type Insight, type InsightAnswers, type InsightAsk, readInsight } from './insight-read.ts'
import { InsightResults } from './insight-results.tsx'

const PERIODS = ['7', '30', '90'] as const
const WINDOWS = ['P1D', 'P7D', 'P30D'] as const

/** The Insights page. */
export function Page() {
  const t = useT()
  const { api } = useSession()
  const hubs = useResource(() => listAll(api, 'listHubs', 'hubs'), [])
  const portals = useResource(() => listAll(api, 'listPortals', 'portals'), [])
  const [form, setForm] = useState({ hubId: '', portalId: '', period: '30', window: 'P7D' })
  const [answers, setAnswers] = useState<InsightAnswers | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const bind = bindForm(form, setForm)

  const load = async () => {
    const hub = hubs.data?.find((h) => h.id === (form.hubId || hubs.data?.[0]?.id))
    if (!hub) return
    const key = hub.keys.find((k) => k.rights.includes('read'))
    if (!key) return setError(new Error(t.noReadKey))
    setBusy(true)
    setError(null)
    try {
      const minted = await api.call('mintHubToken', {
        params: { hubId: hub.id },
        body: { keyName: key.keyName, resource: { kind: 'hub' }, ttlSeconds: 900 },
      })
      const to = new Date()
      const from = new Date(to.getTime() - Number(form.period) * 86_400_000)
      const ask: InsightAsk = {
        hubId: hub.id,
        portalId: form.portalId,
        query: { from: from.toISOString(), to: to.toISOString(), window: form.window },
        token: minted.token,
      }
      const [content, searches, volume] = await Promise.all([
        readInsight(api, 'content', ask),
        readInsight(api, 'searches', ask),
        readInsight(api, 'volume', ask),
      ])
      setAnswers({ content, searches, volume, ask })
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  useEffect(() => {
    if (hubs.data && hubs.data.length > 0 && !answers) void load()
  }, [hubs.data])

  const exportCsv = async (what: Insight, name: string) => {
    if (!answers) return
    try {
      const csv = (await readInsight(api, what, answers.ask, 'csv')) as unknown as string
      saveFile(`${name}.csv`, csv, 'text/csv;charset=utf-8')
    } catch (err) {
      setError(err)
    }
  }

  if (hubs.error && !hubs.data) return <ErrorState error={hubs.error} onRetry={hubs.reload} />
  if (!hubs.data) return <Loading />
  if (hubs.data.length === 0) return <Empty>{t.hubsEmpty}</Empty>
  const a = answers
  const base = a ? linkPortal(portals.data ?? [], a.ask.hubId, a.ask.portalId) : null
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t.navInsights}</h1>
      </div>
      <p class="lead">{t.insightsIntro}</p>
      <FilterBar submit={t.show} busy={busy} onApply={load}>
        <SelectField
          id="insights-hub"
          label={t.hub}
          options={named(hubs.data)}
          value={form.hubId || hubs.data[0]!.id}
          onValue={(hubId) => setForm({ ...form, hubId })}
        />
        <SelectField
          id="insights-portal"
          label={t.portal}
          blank={t.all}
          options={named(portals.data)}
          {...bind('portalId')}
        />
        <SelectField
          id="insights-period"
          label={t.period}
          options={PERIODS.map((p) => ({ value: p, label: t.lastDays(Number(p)) }))}
          {...bind('period')}
        />
        <SelectField
          id="insights-window"
          label={t.lookBack}
          options={WINDOWS.map((w) => ({ value: w, label: t.windows[w] ?? w }))}
          {...bind('window')}
        />
      </FilterBar>
      {error ? <Notice kind="error">{describeError(t, error)}</Notice> : null}
      {busy && !a ? <Loading /> : null}
      {a ? (
        <>
          <InsightResults answers={a} base={base} exportCsv={exportCsv} />
          <DeflectionView
            api={api}
            ask={{ ...a.ask.query, hubId: a.ask.hubId, portalId: a.ask.portalId, token: a.ask.token }}
            portalName={(id) => portals.data?.find((p) => p.id === id)?.name ?? id}
            articleHref={(id) => (base ? `${base}/go/article/${encodeURIComponent(id)}` : null)}
          />
        </>
      ) : null}
    </section>
  )
}
