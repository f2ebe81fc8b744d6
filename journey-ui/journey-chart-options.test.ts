import { describe, expect, it } from 'vitest'
import {
  buildChartOption,
  type ChartTheme,
  chartDescription,
  interactionText,
  LARGE_JOURNEY,
} from './journey-chart-options.ts'
import { activitySpan, MIN_ZOOM_MS, plotModel } from './plot-model.ts'
import { focusScale } from './time-scale.ts'
import { createJourneyFormat } from './journey-format.ts'
import { LANES } from './lane-styles.ts'
import { MESSAGES } from './catalogues.ts'
import { sampleJourney } from './sample-journey.ts'

const theme: ChartTheme = {
  lanes: {
    portal_viewknowledgearticle: '#111111',
    portal_viewblogpost: '#222222',
    portal_viewforumthread: '#333333',
    portal_search: '#444444',
    portal_articlefeedback: '#555555',
  },
  text: '#000',
  muted: '#666',
  grid: '#ddd',
  accent: '#b4005a',
  surface: '#fff',
}
const format = createJourneyFormat('en', MESSAGES.en, 'UTC')

type Series = {
  id: string
  name: string
  symbol?: string
  data: [number, number][]
  itemStyle?: { color: string; decal: unknown }
}

function option(count: number, hidden: string[] = []) {
  const journey = sampleJourney({ count })
  const model = plotModel(journey)
  const built = buildChartOption({
    model,
    hidden: new Set(hidden) as never,
    theme,
    messages: MESSAGES.en,
    format,
    scale: focusScale(model, false),
    narrow: false,
  })
  return { journey, model, built, series: built.series as Series[] }
}

describe('plotModel', () => {
  it('puts each interaction in its lane, oldest first', () => {
    const { journey, model, series } = option(300)
    expect(model.lanes.flat()).toHaveLength(300)
    model.lanes.forEach((points, lane) => {
      for (const p of points) expect(p.interaction.type).toBe(LANES[lane]!.type)
      expect(points.map((p) => p.ms)).toEqual([...points.map((p) => p.ms)].sort((a, b) => a - b))
      // Until the chart spreads them, every point sits on its lane's middle.
      expect(new Set(series.find((s) => s.id === LANES[lane]!.type)!.data.map((d) => d[1]))).toEqual(
        new Set(points.length ? [lane] : []),
      )
    })
    expect(model.windowMs).toBe(Date.parse(journey.to) - Date.parse(journey.from))
    expect(model.afterMs).toBe(0)
  })

  it('takes the case time from before, and lists only the other cases', () => {
    const journey = sampleJourney({ count: 20 })
    const before = Date.parse(journey.to) - 3_600_000
    const model = plotModel({
      ...journey,
      before: new Date(before).toISOString(),
      cases: [
        {
          caseId: 'a',
          caseNumber: 'CAS-1',
          title: 'Earlier',
          status: 'resolved',
          createdAt: journey.from,
          portalId: null,
        },
        {
          caseId: 'b',
          caseNumber: null,
          title: null,
          status: null,
          createdAt: new Date(before).toISOString(),
          portalId: null,
        },
      ],
    })
    expect(model.caseMs).toBe(before)
    expect(model.afterMs).toBe(3_600_000)
    expect(model.cases.map((c) => c.caseId)).toEqual(['a'])
  })
})

describe('activitySpan', () => {
  const at = (iso: string) => Date.parse(iso)
  const base = sampleJourney({ count: 1, before: '2026-11-02T10:00:00Z', windowMs: 7 * 86_400_000 })

  it('runs from the first interaction to the case, padded by 5 % of that span', () => {
    const first = at('2026-11-02T08:00:00Z')
    const journey = {
      ...base,
      interactions: [{ ...base.interactions[0]!, portal_timestamp: '2026-11-02T08:00:00Z' }],
    }
    const model = plotModel(journey)
    const pad = (model.caseMs - first) * 0.05
    expect(activitySpan(model)).toEqual([first - pad, model.toMs])
  })

  it('is at least ten minutes wide, and the whole window when nothing happened', () => {
    const journey = {
      ...base,
      interactions: [{ ...base.interactions[0]!, portal_timestamp: '2026-11-02T09:59:00Z' }],
    }
    const [start, end] = activitySpan(plotModel(journey))
    expect(end).toBe(at('2026-11-02T10:00:00Z'))
    expect(end - start).toBeGreaterThanOrEqual(MIN_ZOOM_MS / 2)
    const empty = plotModel({ ...base, interactions: [] })
    expect(activitySpan(empty)).toEqual([empty.fromMs, empty.toMs])
  })
})

describe('buildChartOption', () => {
  it('draws one lane per type with its own colour, symbol and decal', () => {
    const { series } = option(50)
    const lanes = series.filter((s) => s.id.startsWith('portal_'))
    expect(lanes.map((s) => s.id)).toEqual(LANES.map((l) => l.type))
    expect(new Set(lanes.map((s) => s.symbol)).size).toBe(5)
    expect(new Set(lanes.map((s) => s.itemStyle!.color)).size).toBe(5)
    expect(new Set(lanes.map((s) => JSON.stringify(s.itemStyle!.decal))).size).toBe(5)
    expect(lanes.map((s) => s.name)).toEqual([
      'Articles',
      'Blog posts',
      'Forum threads',
      'Searches',
      'Article feedback',
    ])
  })

  it('spans the axis over the whole window, in the units of the scale, and zooms inside it', () => {
    const { built, model, series } = option(50)
    expect(built.xAxis).toMatchObject({ type: 'value', min: 0, max: 1 })
    expect(built.dataZoom).toEqual([expect.objectContaining({ type: 'inside', xAxisIndex: 0 })])
    const scale = focusScale(model, false)
    const articles = series.find((s) => s.id === 'portal_viewknowledgearticle')!
    expect(articles.data.map((d) => d[0])).toEqual(model.lanes[0]!.map((p) => scale.toAxis(p.ms)))
  })

  it('gives no row to a type nobody used in the window', () => {
    const journey = sampleJourney({ count: 60 })
    const noBlog = {
      ...journey,
      interactions: journey.interactions.filter((it) => it.type !== 'portal_viewblogpost'),
    }
    const model = plotModel(noBlog)
    const built = buildChartOption({
      model,
      hidden: new Set(),
      theme,
      messages: MESSAGES.en,
      format,
      scale: focusScale(model, false),
      narrow: false,
    })
    const [names, rows] = built.yAxis as [{ data: string[] }, { max: number }]
    expect(names.data).toEqual(['Articles', 'Forum threads', 'Searches'])
    expect(rows.max).toBe(2.5)
    const searches = (built.series as Series[]).find((s) => s.id === 'portal_search')!
    expect(new Set(searches.data.map((d) => d[1]))).toEqual(new Set([2]))
  })

  it('names the lanes on a wide chart and leaves them to the legend on a narrow one', () => {
    const { model } = option(10)
    const build = (narrow: boolean) =>
      buildChartOption({
        model,
        hidden: new Set(),
        theme,
        messages: MESSAGES.en,
        format,
        scale: focusScale(model, narrow),
        narrow,
      }).yAxis as { axisLabel?: { show?: boolean } }[]
    expect(build(false)[0]!.axisLabel!.show).toBe(true)
    expect(build(true)[0]!.axisLabel!.show).toBe(false)
  })

  it('keeps a hidden type its lane but no points', () => {
    const { series, model } = option(80, ['portal_viewblogpost'])
    expect(series.find((s) => s.id === 'portal_viewblogpost')!.data).toEqual([])
    expect(series.find((s) => s.id === 'portal_search')!.data).toHaveLength(model.lanes[3]!.length)
  })

  it('turns animation off for big journeys and describes the chart for screen readers', () => {
    expect(option(50).built.animation).toBe(true)
    const big = option(LARGE_JOURNEY + 400)
    expect(big.built.animation).toBe(false)
    expect(big.built.aria).toMatchObject({ enabled: true, decal: { show: true } })
    expect(JSON.stringify(big.built.aria)).toContain(
      `Timeline of 1,000 portal interactions in the 7 days before this case`,
    )
  })
})

describe('chartDescription', () => {
  it('lists the lanes as the language lists things, its own "and" before the last', () => {
    const { model } = option(60)
    const fr = chartDescription(model, MESSAGES.fr, createJourneyFormat('fr', MESSAGES.fr, 'UTC'))
    expect(fr).toMatch(/, Recherches \d+ et Avis sur les articles \d+\.$/)
    const de = chartDescription(model, MESSAGES.de, createJourneyFormat('de', MESSAGES.de, 'UTC'))
    expect(de).toMatch(/ und [^,]+ \d+\.$/)
  })
})

describe('interactionText', () => {
  it('is the title of a view and the string of a search', () => {
    const { journey } = option(60)
    for (const it of journey.interactions) {
      const text = interactionText(it)
      if (it.type === 'portal_search') expect(text).toBe(it.portal_searchstring)
      if (it.type === 'portal_viewblogpost') expect(text).toBe(it.portal_blogtitle)
    }
  })
})
