/**
 * Insights: what preceded cases, per hub (and per portal) for a period and a
 * look-back window — which content people read before opening a case anyway, with its case
 * rate, content that deflects, searches before cases, and daily volume —
 * drawn with lazily loaded ECharts, each table exportable as CSV.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { INTERACTION_COLORS, colorOf } from '../../chart-style/index.ts'
import type {
  ContentInsight,
  ContentInsights,
  OperationOutput,
  SearchInsights,
  VolumeInsights,
} from '../../schemas/index.ts'
import { type ApiClient, listAll, query } from '../api-client.ts'
import { useSession } from '../app-context.ts'
import { Field } from '../components/field.tsx'
import { Empty, ErrorState, Loading, Notice, describeError } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { type Lang, type Messages, formatDay, formatNumber, formatPercent, useLang, useT } from '../i18n.ts'
import { navigate } from '../router.ts'
import { DeflectionView } from './deflection-view.tsx'
import { GO_KIND, itemHref, linkPortal, searchHref } from './insight-links.ts'
import { InsightTable } from './insight-table.tsx'
import { useInsightWords } from './insights-words.ts'

const PERIODS = ['7', '30', '90'] as const
const WINDOWS = ['P1D', 'P7D', 'P30D'] as const
type Charts = typeof import('../insight-charts.ts')
let charts: Promise<Charts> | null = null
const loadCharts = () => {
  charts ??= import('../insight-charts.ts').catch((e: unknown) => {
    charts = null
    throw e
  })
  return charts
}

/** What is asked: the hub (and the portal, when one is picked), the period and the look-back window. */
interface InsightAsk {
  hubId: string
  portalId: string
  query: { from: string; to: string; window: string }
  /** A read token on the hub (`Authorization: SharedAccessSignature …`). */
  token: string
}

interface Answers {
  content: ContentInsights
  searches: SearchInsights
  volume: VolumeInsights
  ask: InsightAsk
}

/** The hub's and the one portal's operation of each insight. */
const OPERATIONS = {
  content: ['getContentInsights', 'getPortalContentInsights'],
  searches: ['getSearchInsights', 'getPortalSearchInsights'],
  volume: ['getVolumeInsights', 'getPortalVolumeInsights'],
} as const
type Insight = keyof typeof OPERATIONS

/**
 * One insight through the typed client: the hub's operation, or the portal's
 * when a portal is picked. With `csv`, the same operation with `format=csv`,
 * read as text (the registry types the JSON answer only).
 */
function readInsight<W extends Insight>(
  api: ApiClient,
  what: W,
  ask: InsightAsk,
  csv?: 'csv',
): Promise<OperationOutput<(typeof OPERATIONS)[W][0]>> {
  const [hubOp, portalOp] = OPERATIONS[what]
  const query = { ...ask.query, ...(csv ? { format: csv } : {}) }
  const options = { authorization: ask.token, ...(csv ? { text: true } : {}) }
  return ask.portalId
    ? (api.call(portalOp, { params: { hubId: ask.hubId, portalId: ask.portalId }, query }, options) as never)
    : (api.call(hubOp, { params: { hubId: ask.hubId }, query }, options) as never)
}

function Chart(props: {
  draw: (c: Charts, el: HTMLElement) => { dispose(): void; resize(): void }
  label: string
  /** Redraws when this changes (the answers), not on every render. */
  data: unknown
}) {
  const el = useRef<HTMLDivElement>(null)
  const draw = useRef(props.draw)
  draw.current = props.draw
  const [failed, setFailed] = useState<string | null>(null)
  useEffect(() => {
    let chart: { dispose(): void; resize(): void } | null = null
    let live = true
    let loaded: Charts | null = null
    let drawnWidth = 0
    const drawIn = (c: Charts, box: HTMLDivElement) => {
      chart?.dispose()
      drawnWidth = box.clientWidth
      chart = draw.current(c, box)
    }
    // The page reflows at 800 px and below: the canvas follows its box, and a box much
    // narrower or wider is drawn again, so that labels wrap to the room they now have.
    const observer = new ResizeObserver(() => {
      const box = el.current
      if (!box || !loaded || !chart) return
      if (Math.abs(box.clientWidth - drawnWidth) > drawnWidth * 0.15) drawIn(loaded, box)
      else chart.resize()
    })
    if (el.current) observer.observe(el.current)
    loadCharts().then(
      (c) => {
        loaded = c
        if (live && el.current) drawIn(c, el.current)
      },
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    )
    return () => {
      live = false
      observer.disconnect()
      chart?.dispose()
    }
  }, [props.data])
  return failed ? (
    <Notice kind="error">{failed}</Notice>
  ) : (
    <div class="chart" ref={el} role="img" aria-label={props.label} />
  )
}

/** Opens a portal page in a new tab, with no way back to the console's window. */
const openTab = (href: string) => window.open(href, '_blank', 'noopener,noreferrer')

const contentColumns = (t: Messages, lang: Lang, base: string | null) => [
  {
    key: 'title',
    label: t.caseTitle,
    value: (i: ContentInsight) => {
      const href = itemHref(base, i)
      return href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {i.title}
        </a>
      ) : (
        i.title
      )
    },
  },
  { key: 'type', label: t.type, value: (i: ContentInsight) => t.contentTypes[i.type] ?? i.type },
  { key: 'views', label: t.views, value: (i: ContentInsight) => formatNumber(lang, i.views), num: true },
  {
    key: 'readers',
    label: t.readers,
    value: (i: ContentInsight) => formatNumber(lang, i.readers),
    num: true,
  },
  {
    key: 'casesPreceded',
    label: t.casesPreceded,
    value: (i: ContentInsight) => formatNumber(lang, i.casesPreceded),
    num: true,
  },
  {
    key: 'caseRate',
    label: t.caseRate,
    value: (i: ContentInsight) => formatPercent(lang, i.caseRate),
    num: true,
  },
]

/** Which colour is which content type, above a chart of content (the widget's lane colours). */
function TypeLegend(props: { t: Messages }) {
  return (
    <ul class="type-legend">
      {Object.entries(GO_KIND).map(([type]) => (
        <li key={type}>
          <span class="swatch" style={{ background: colorOf(type) }} aria-hidden="true" />
          {props.t.contentTypes[type] ?? type}
        </li>
      ))}
    </ul>
  )
}

/** The figures a content bar shows on hover. */
const contentDetails = (t: Messages, lang: Lang, i: ContentInsight): Array<[string, string]> => [
  [t.type, t.contentTypes[i.type] ?? i.type],
  [t.casesPreceded, formatNumber(lang, i.casesPreceded)],
  [t.readers, formatNumber(lang, i.readers)],
  [t.caseRate, formatPercent(lang, i.caseRate)],
]

/** The Insights page. */
export function Page() {
  const t = useT()
  const w = useInsightWords()
  const lang = useLang()
  const { api } = useSession()
  const hubs = useResource(() => listAll(api, 'listHubs', 'hubs'), [])
  const portals = useResource(() => listAll(api, 'listPortals', 'portals'), [])
  const [form, setForm] = useState({ hubId: '', portalId: '', period: '30', window: 'P7D' })
  const [answers, setAnswers] = useState<Answers | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

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
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
      const a = document.createElement('a')
      a.href = url
      a.download = `${name}.csv`
      document.body.append(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (err) {
      setError(err)
    }
  }

  if (hubs.error && !hubs.data) return <ErrorState error={hubs.error} onRetry={hubs.reload} />
  if (!hubs.data) return <Loading />
  if (hubs.data.length === 0) return <Empty>{t.hubsEmpty}</Empty>
  const a = answers
  const base = a ? linkPortal(portals.data ?? [], a.ask.hubId, a.ask.portalId) : null
  const count = (n: number) => formatNumber(lang, n)
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t.navInsights}</h1>
      </div>
      <p class="lead">{t.insightsIntro}</p>
      <form
        class="card inline"
        onSubmit={(e) => {
          e.preventDefault()
          void load()
        }}
      >
        <Field id="insights-hub" label={t.hub}>
          {(c) => (
            <select
              {...c}
              value={form.hubId || hubs.data![0]!.id}
              onChange={(e) => setForm({ ...form, hubId: e.currentTarget.value })}
            >
              {hubs.data!.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="insights-portal" label={t.portal}>
          {(c) => (
            <select
              {...c}
              value={form.portalId}
              onChange={(e) => setForm({ ...form, portalId: e.currentTarget.value })}
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
        <Field id="insights-period" label={t.period}>
          {(c) => (
            <select
              {...c}
              value={form.period}
              onChange={(e) => setForm({ ...form, period: e.currentTarget.value })}
            >
              {PERIODS.map((p) => (
                <option key={p} value={p}>
                  {t.lastDays(Number(p))}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="insights-window" label={t.lookBack}>
          {(c) => (
            <select
              {...c}
              value={form.window}
              onChange={(e) => setForm({ ...form, window: e.currentTarget.value })}
            >
              {WINDOWS.map((w) => (
                <option key={w} value={w}>
                  {t.windows[w] ?? w}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" class="button button-primary" disabled={busy}>
          {t.show}
        </button>
      </form>
      {error ? <Notice kind="error">{describeError(t, error)}</Notice> : null}
      {busy && !a ? <Loading /> : null}
      {a ? (
        <>
          <p class="muted" role="status">
            {t.casesInPeriod(a.content.cases)}
          </p>
          <div class="card">
            <div class="card-head">
              <h2>{w.precededTitle}</h2>
              <button
                type="button"
                class="button button-small"
                onClick={() => exportCsv('content', 'content-before-cases')}
              >
                {t.exportCsv}
              </button>
            </div>
            {a.content.precededCases.length === 0 ? (
              <Empty>{t.noData}</Empty>
            ) : (
              <>
                {base ? <p class="muted chart-hint">{w.chartHintItems}</p> : null}
                <TypeLegend t={t} />
                <Chart
                  data={a}
                  label={w.precededTitle}
                  draw={(c, el) =>
                    c.drawRanking(
                      el,
                      a.content.precededCases.slice(0, 10).map((i) => {
                        const href = itemHref(base, i)
                        return {
                          label: i.title,
                          value: i.casesPreceded,
                          color: colorOf(i.type),
                          details: contentDetails(t, lang, i),
                          ...(href ? { open: () => openTab(href) } : {}),
                        }
                      }),
                      { seriesName: t.casesPreceded, formatValue: count },
                    )
                  }
                />
                <InsightTable
                  caption={w.precededTitle}
                  rows={a.content.precededCases}
                  columns={contentColumns(t, lang, base)}
                  rowKey={(i) => `${i.type}:${i.itemId}`}
                />
              </>
            )}
          </div>
          <div class="card">
            <h2>{w.deflectingTitle}</h2>
            {a.content.deflecting.length === 0 ? (
              <Empty>{w.noDataFewReaders(a.content.minReaders)}</Empty>
            ) : (
              <>
                {base ? <p class="muted chart-hint">{w.chartHintItems}</p> : null}
                <TypeLegend t={t} />
                <Chart
                  data={a}
                  label={w.deflectingTitle}
                  draw={(c, el) =>
                    c.drawRanking(
                      el,
                      [...a.content.deflecting]
                        .sort((x, y) => y.readers - y.readersWithCase - (x.readers - x.readersWithCase))
                        .slice(0, 10)
                        .map((i) => {
                          const href = itemHref(base, i)
                          return {
                            label: i.title,
                            value: i.readers - i.readersWithCase,
                            color: colorOf(i.type),
                            details: [
                              [w.readersWithoutCase, count(i.readers - i.readersWithCase)],
                              ...contentDetails(t, lang, i),
                            ] as Array<[string, string]>,
                            ...(href ? { open: () => openTab(href) } : {}),
                          }
                        }),
                      { seriesName: w.readersWithoutCase, formatValue: count },
                    )
                  }
                />
                <InsightTable
                  caption={w.deflectingTitle}
                  rows={a.content.deflecting}
                  columns={contentColumns(t, lang, base)}
                  rowKey={(i) => `${i.type}:${i.itemId}`}
                />
                <p class="muted">{w.fewReadersLeftOut(a.content.minReaders)}</p>
              </>
            )}
          </div>
          <div class="card">
            <div class="card-head">
              <h2>{w.searchesTitle}</h2>
              <button
                type="button"
                class="button button-small"
                onClick={() => exportCsv('searches', 'searches-before-cases')}
              >
                {t.exportCsv}
              </button>
            </div>
            {a.searches.searches.length === 0 ? (
              <Empty>{t.noData}</Empty>
            ) : (
              <>
                {base ? <p class="muted chart-hint">{w.chartHintSearches}</p> : null}
                <Chart
                  data={a}
                  label={w.searchesTitle}
                  draw={(c, el) =>
                    c.drawRanking(
                      el,
                      a.searches.searches.slice(0, 10).map((s) => {
                        const href = searchHref(base, s.searchString)
                        return {
                          label: s.searchString,
                          value: s.cases,
                          color: INTERACTION_COLORS.portal_search,
                          details: [
                            [t.casesPreceded, count(s.cases)],
                            [t.runs, count(s.runs)],
                            [t.noResults, count(s.noResults)],
                            [t.noClick, count(s.noClick)],
                          ] as Array<[string, string]>,
                          ...(href ? { open: () => openTab(href) } : {}),
                        }
                      }),
                      { seriesName: t.casesPreceded, formatValue: count },
                    )
                  }
                />
                <InsightTable
                  caption={w.searchesTitle}
                  rows={a.searches.searches}
                  rowKey={(s) => s.searchString}
                  columns={[
                    {
                      key: 'searchString',
                      label: t.searchString,
                      value: (s) => {
                        const href = searchHref(base, s.searchString)
                        return href ? (
                          <a href={href} target="_blank" rel="noopener noreferrer">
                            {s.searchString}
                          </a>
                        ) : (
                          s.searchString
                        )
                      },
                    },
                    { key: 'cases', label: t.casesPreceded, value: (s) => count(s.cases), num: true },
                    { key: 'runs', label: t.runs, value: (s) => count(s.runs), num: true },
                  ]}
                />
              </>
            )}
          </div>
          <div class="card">
            <div class="card-head">
              <h2>{w.volumeTitle}</h2>
              <button type="button" class="button button-small" onClick={() => exportCsv('volume', 'volume')}>
                {t.exportCsv}
              </button>
            </div>
            <p class="muted chart-hint">{w.chartHintDays}</p>
            <Chart
              data={a}
              label={w.volumeTitle}
              draw={(c, el) =>
                c.drawVolume(
                  el,
                  a.volume.days.map((d) => formatDay(lang, d.day)),
                  Object.keys(t.interactionNames).map((type) => ({
                    name: t.interactionNames[type] ?? type,
                    color: colorOf(type),
                    values: a.volume.days.map((d) => (d.counts as Record<string, number>)[type] ?? 0),
                  })),
                  { name: t.navCases, values: a.volume.days.map((d) => d.cases) },
                  { formatValue: count, openDay: () => navigate(`/cases${query({ hub: a.ask.hubId })}`) },
                )
              }
            />
          </div>
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
