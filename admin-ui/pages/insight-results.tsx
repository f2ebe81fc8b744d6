/**
 * The Insights page's answers: content read before cases, content that settles
 * questions, searches before cases and daily volume, each as a chart and a
 * table (CSV from the card's button), then the Deflection view.
 */
import type { ComponentChildren } from 'preact'
import { INTERACTION_COLORS, colorOf } from '../../chart-style/index.ts'
import { query } from '../api-client.ts'
import { DataTable } from '../components/data-table.tsx'
import { LazyChart } from '../components/lazy-chart.tsx'
import { Empty } from '../components/states.tsx'
import { formatDay, formatNumber, useLang, useT } from '../i18n.ts'
import { navigate } from '../router.ts'
import { TypeLegend, contentColumns, contentDetails, openTab } from './insight-content.tsx'
import { itemHref, searchHref } from './insight-links.ts'
import { type Insight, type InsightAnswers, loadInsightCharts } from './insight-read.ts'
import { useInsightWords } from './insights-words.ts'

/**
 * A card of one question: its title, its CSV export (when it has one), and
 * `empty` in words instead of its chart and table when nothing answers it.
 */
function InsightCard(props: {
  title: string
  onExport?: () => void
  empty: ComponentChildren | null
  children: ComponentChildren
}) {
  const t = useT()
  return (
    <div class="card">
      {props.onExport ? (
        <div class="card-head">
          <h2>{props.title}</h2>
          <button type="button" class="button button-small" onClick={props.onExport}>
            {t.exportCsv}
          </button>
        </div>
      ) : (
        <h2>{props.title}</h2>
      )}
      {props.empty === null ? props.children : <Empty>{props.empty}</Empty>}
    </div>
  )
}

/** The cards of the page's answers; `base` is the portal items link to, or null. */
export function InsightResults(props: {
  answers: InsightAnswers
  base: string | null
  exportCsv: (what: Insight, name: string) => void
}) {
  const t = useT()
  const w = useInsightWords()
  const lang = useLang()
  const a = props.answers
  const base = props.base
  const exportCsv = props.exportCsv
  const count = (n: number) => formatNumber(lang, n)
  return (
    <>
      <p class="muted" role="status">
        {t.casesInPeriod(a.content.cases)}
      </p>
      <InsightCard
        title={w.precededTitle}
        onExport={() => exportCsv('content', 'content-before-cases')}
        empty={a.content.precededCases.length === 0 ? t.noData : null}
      >
        {base ? <p class="muted chart-hint">{w.chartHintItems}</p> : null}
        <TypeLegend t={t} />
        <LazyChart
          load={loadInsightCharts}
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
        <DataTable
          caption={w.precededTitle}
          rows={a.content.precededCases}
          columns={contentColumns(t, lang, base)}
          rowKey={(i) => `${i.type}:${i.itemId}`}
        />
      </InsightCard>
      <InsightCard
        title={w.deflectingTitle}
        empty={a.content.deflecting.length === 0 ? w.noDataFewReaders(a.content.minReaders) : null}
      >
        {base ? <p class="muted chart-hint">{w.chartHintItems}</p> : null}
        <TypeLegend t={t} />
        <LazyChart
          load={loadInsightCharts}
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
        <DataTable
          caption={w.deflectingTitle}
          rows={a.content.deflecting}
          columns={contentColumns(t, lang, base)}
          rowKey={(i) => `${i.type}:${i.itemId}`}
        />
        <p class="muted">{w.fewReadersLeftOut(a.content.minReaders)}</p>
      </InsightCard>
      <InsightCard
        title={w.searchesTitle}
        onExport={() => exportCsv('searches', 'searches-before-cases')}
        empty={a.searches.searches.length === 0 ? t.noData : null}
      >
        {base ? <p class="muted chart-hint">{w.chartHintSearches}</p> : null}
        <LazyChart
          load={loadInsightCharts}
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
        <DataTable
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
      </InsightCard>
      <InsightCard title={w.volumeTitle} onExport={() => exportCsv('volume', 'volume')} empty={null}>
        <p class="muted chart-hint">{w.chartHintDays}</p>
        <LazyChart
          load={loadInsightCharts}
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
      </InsightCard>
    </>
  )
}
