/**
 * The Insights page's Deflection view: one question per chart or table, for
 * the hub (or the portal) and the period the page asks about, with its own
 * window after reading (PT24H by default), exportable as CSV.
 * Definitions: docs/deflection.md.
 */
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { CASE_COLOR, INTERACTION_COLORS, NEUTRAL_COLOR, OUTCOME_COLORS } from '../../chart-style/index.ts'
import type { DeflectionInsights, DeflectionOutcomes } from '../../schemas/index.ts'
import type { ApiClient } from '../api-client.ts'
import { DataTable } from '../components/data-table.tsx'
import { SelectField } from '../components/form-fields.tsx'
import { LazyChart, lazyModule } from '../components/lazy-chart.tsx'
import { Empty, Loading, Notice, describeError } from '../components/states.tsx'
import { type Messages, formatDay, formatNumber, formatPercent, useLang, useT } from '../i18n.ts'
import { saveFile } from '../save-file.ts'

const WINDOWS = ['PT4H', 'PT24H', 'P3D', 'P7D'] as const
/** The outcomes of a session with a deflection window, each with its weekly rate. */
const OUTCOMES = ['confirmed', 'potential', 'failed'] as const

const loadCharts = lazyModule(() => import('../deflection-charts.ts'))

/** What the page asks: the hub (and portal), the period, and a read token. */
export interface DeflectionAsk {
  hubId: string
  portalId: string
  from: string
  to: string
  token: string
}

function read(api: ApiClient, ask: DeflectionAsk, window: string, csv?: 'csv') {
  const query = { from: ask.from, to: ask.to, window, limit: 20, ...(csv ? { format: csv } : {}) }
  const options = { authorization: ask.token, ...(csv ? { text: true } : {}) }
  return ask.portalId
    ? api.call(
        'getPortalDeflectionInsights',
        { params: { hubId: ask.hubId, portalId: ask.portalId }, query },
        options,
      )
    : api.call('getDeflectionInsights', { params: { hubId: ask.hubId }, query }, options)
}

const outcomeColumns = (t: Messages, percent: (v: number | null) => string) => [
  { key: 'sessions', label: t.sessions, value: (o: DeflectionOutcomes) => o.sessions, num: true },
  { key: 'confirmed', label: t.confirmed, value: (o: DeflectionOutcomes) => o.confirmed, num: true },
  { key: 'potential', label: t.potential, value: (o: DeflectionOutcomes) => o.potential, num: true },
  { key: 'failed', label: t.failed, value: (o: DeflectionOutcomes) => o.failed, num: true },
  {
    key: 'deflectionRate',
    label: t.deflectionRate,
    value: (o: DeflectionOutcomes) => percent(o.deflectionRate),
    num: true,
  },
  {
    key: 'helpfulRate',
    label: t.helpfulRate,
    value: (o: DeflectionOutcomes) => percent(o.helpfulRate),
    num: true,
  },
]

/** One figure of the summary: its name, and its value with what it is out of. */
function Figure(props: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  )
}

/** The Deflection view under the Insights page's form. */
export function DeflectionView(props: {
  api: ApiClient
  ask: DeflectionAsk
  portalName: (id: string) => string
  /** Where an article opens on the portal, or null when no one portal is asked about. */
  articleHref: (articleId: string) => string | null
}) {
  const t = useT()
  const lang = useLang()
  const [window, setWindow] = useState('PT24H')
  const [answer, setAnswer] = useState<DeflectionInsights | null>(null)
  const [error, setError] = useState<unknown>(null)
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 })
  const percent = (v: number | null) => formatPercent(lang, v)
  const count = (n: number) => formatNumber(lang, n)

  useEffect(() => {
    let live = true
    setError(null)
    read(props.api, props.ask, window).then(
      (a) => live && setAnswer(a as DeflectionInsights),
      (e: unknown) => live && setError(e),
    )
    return () => {
      live = false
    }
  }, [props.ask.hubId, props.ask.portalId, props.ask.from, props.ask.to, props.ask.token, window])

  const exportCsv = async () => {
    try {
      const csv = (await read(props.api, props.ask, window, 'csv')) as unknown as string
      saveFile('deflection.csv', csv, 'text/csv;charset=utf-8')
    } catch (err) {
      setError(err)
    }
  }

  const a = answer
  const mark = (rate: keyof DeflectionInsights['changedSinceLastPeriod']) => {
    const change = a?.changedSinceLastPeriod[rate]
    return change ? (
      <span class="muted">
        {' '}
        {t.changeMarks[change]} {t.sincePrevious}
      </span>
    ) : null
  }
  return (
    <section class="card" aria-labelledby="deflection-title">
      <div class="card-head">
        <h2 id="deflection-title">{t.deflectionTitle}</h2>
        <button type="button" class="button button-small" onClick={exportCsv} disabled={!a}>
          {t.exportCsv}
        </button>
      </div>
      <p class="muted">{t.deflectionIntro}</p>
      <SelectField
        id="deflection-window"
        label={t.deflectionWindow}
        options={WINDOWS.map((w) => ({ value: w, label: t.windows[w] ?? w }))}
        value={window}
        onValue={setWindow}
      />
      {error ? <Notice kind="error">{describeError(t, error)}</Notice> : null}
      {!a && !error ? <Loading /> : null}
      {a ? (
        <>
          <h3>{t.deflectionSummaryTitle}</h3>
          <dl class="figures">
            <Figure label={t.sessions}>{number.format(a.summary.sessions)}</Figure>
            <Figure label={t.confirmed}>
              {number.format(a.summary.confirmed)} ({percent(a.summary.confirmedRate)}){mark('confirmedRate')}
            </Figure>
            <Figure label={t.potential}>
              {number.format(a.summary.potential)} ({percent(a.summary.potentialRate)}){mark('potentialRate')}
            </Figure>
            <Figure label={t.failed}>
              {number.format(a.summary.failed)} ({percent(a.summary.failedRate)}){mark('failedRate')}
            </Figure>
            <Figure label={t.deflectionRate}>
              {percent(a.summary.deflectionRate)}
              {mark('deflectionRate')}
            </Figure>
            <Figure label={t.helpfulRate}>
              {percent(a.summary.helpfulRate)}
              {mark('helpfulRate')}
            </Figure>
            <Figure label={t.costSaved}>
              {a.summary.costSaved === null || a.currency === null
                ? t.noCostPerCase
                : new Intl.NumberFormat(lang, { style: 'currency', currency: a.currency }).format(
                    a.summary.costSaved,
                  )}
            </Figure>
            <Figure label={t.selfServiceScore}>
              {a.selfService.score === null ? '—' : number.format(a.selfService.score)}{' '}
              <span class="muted">
                ({t.selfServiceHelp(a.selfService.portalUsers, a.selfService.usersWithCase)})
              </span>
            </Figure>
          </dl>

          <h3>{t.deflectionWeeksTitle}</h3>
          {a.weeks.every((w) => w.sessions === 0) ? (
            <Empty>{t.noData}</Empty>
          ) : (
            <LazyChart
              load={loadCharts}
              data={a}
              label={t.deflectionWeeksTitle}
              draw={(c, el) =>
                c.drawWeeklyRates(
                  el,
                  a.weeks.map((w) => formatDay(lang, w.weekStart)),
                  OUTCOMES.map((o) => ({
                    name: t[o],
                    color: OUTCOME_COLORS[o],
                    values: a.weeks.map((w) => w[`${o}Rate`]),
                  })),
                  (v) => formatPercent(lang, v),
                )
              }
            />
          )}

          <h3>{t.deflectionSearchTitle}</h3>
          {a.search.searches === 0 ? (
            <Empty>{t.noData}</Empty>
          ) : (
            <LazyChart
              load={loadCharts}
              data={a}
              label={t.deflectionSearchTitle}
              draw={(c, el) =>
                c.drawCounts(
                  el,
                  [
                    {
                      label: t.searchesRun,
                      value: a.search.searches,
                      color: INTERACTION_COLORS.portal_search,
                    },
                    {
                      label: t.clickThroughs,
                      value: a.search.clickThroughs,
                      color: OUTCOME_COLORS.confirmed,
                    },
                    { label: t.noClick, value: a.search.noClick, color: NEUTRAL_COLOR },
                    { label: t.noResults, value: a.search.noResults, color: NEUTRAL_COLOR },
                    { label: t.followedByCase, value: a.search.followedByCase, color: CASE_COLOR },
                  ],
                  { seriesName: t.searchesRun, formatValue: count },
                )
              }
            />
          )}

          <h3>{t.deflectionPortalsTitle}</h3>
          {a.portals.length === 0 ? (
            <Empty>{t.noData}</Empty>
          ) : (
            <DataTable
              caption={t.deflectionPortalsTitle}
              rows={a.portals}
              rowKey={(p) => p.portalId}
              columns={[
                { key: 'portal', label: t.portal, value: (p) => props.portalName(p.portalId) },
                ...outcomeColumns(t, percent),
              ]}
            />
          )}

          <h3>{t.deflectionArticlesTitle}</h3>
          {a.articles.length === 0 ? (
            <Empty>{t.noData}</Empty>
          ) : (
            <DataTable
              caption={t.deflectionArticlesTitle}
              rows={a.articles}
              rowKey={(r) => r.articleId}
              columns={[
                {
                  key: 'article',
                  label: t.article,
                  value: (r) => {
                    const href = props.articleHref(r.articleId)
                    return href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer">
                        {r.title || r.articleId}
                      </a>
                    ) : (
                      r.title || r.articleId
                    )
                  },
                },
                ...outcomeColumns(t, percent),
              ]}
            />
          )}
        </>
      ) : null}
    </section>
  )
}
