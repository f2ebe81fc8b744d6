import { describe, expect, it } from 'vitest'
import {
  buildChartOption,
  type ChartTheme,
  interactionText,
  LARGE_JOURNEY,
  plotModel,
} from './journey-chart-options.ts'
import { createJourneyFormat } from './journey-format.ts'
import { LANES } from './lane-styles.ts'
import { MESSAGES } from './messages.ts'
import { sampleJourney } from './sample-journey.ts'

const theme: ChartTheme = {
  lanes: {
    portal_viewknowledgearticle: '#111111',
    portal_viewblogpost: '#222222',
    portal_viewforumthread: '#333333',
    portal_search: '#444444',
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
  markLine?: { data: { xAxis: number }[] }
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
  })
  return { journey, model, built, series: built.series as Series[] }
}

describe('plotModel', () => {
  it('puts each interaction in its lane, close to the lane centre, oldest first', () => {
    const { journey, model } = option(300)
    expect(model.lanes.flat()).toHaveLength(300)
    model.lanes.forEach((points, lane) => {
      for (const p of points) {
        expect(p.interaction.type).toBe(LANES[lane]!.type)
        expect(Math.abs(p.y - lane)).toBeLessThan(0.3)
      }
      expect(points.map((p) => p.ms)).toEqual([...points.map((p) => p.ms)].sort((a, b) => a - b))
    })
    expect(model.windowMs).toBe(Date.parse(journey.to) - Date.parse(journey.from))
  })
})

describe('buildChartOption', () => {
  it('draws one lane per type with its own colour, symbol and decal', () => {
    const { series } = option(50)
    const lanes = series.filter((s) => s.id.startsWith('portal_'))
    expect(lanes.map((s) => s.id)).toEqual(LANES.map((l) => l.type))
    expect(new Set(lanes.map((s) => s.symbol)).size).toBe(4)
    expect(new Set(lanes.map((s) => s.itemStyle!.color)).size).toBe(4)
    expect(new Set(lanes.map((s) => JSON.stringify(s.itemStyle!.decal))).size).toBe(4)
    expect(lanes.map((s) => s.name)).toEqual(['Articles', 'Blog posts', 'Forum threads', 'Searches'])
  })

  it('spans the time axis over the window, zooms within it, and marks the case', () => {
    const { built, journey, series } = option(50)
    expect(built.xAxis).toMatchObject({
      type: 'time',
      min: Date.parse(journey.from),
      max: Date.parse(journey.to),
    })
    expect(built.dataZoom).toEqual([
      expect.objectContaining({ type: 'inside', xAxisIndex: 0 }),
      expect.objectContaining({ type: 'slider', xAxisIndex: 0 }),
    ])
    expect(series.find((s) => s.id === 'case-created')!.markLine!.data).toEqual([
      { xAxis: Date.parse(journey.to) },
    ])
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
