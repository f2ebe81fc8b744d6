import type { JourneyResponse } from '../schemas/index.ts'
import type { ChartModule } from './chart-bridge.ts'
import { buildChartOption, type JourneyChartOption } from './journey-chart-options.ts'
import { parseJourney } from './parse-journey.ts'
import type { WidgetConfig, WidgetDeps } from './journey-widget.tsx'
import { focusScale } from './time-scale.ts'

/** A widget configuration with every required attribute set. */
export const BASE_CONFIG: WidgetConfig = {
  hubId: 'hub-1',
  contactId: '7d1c0b0e-2d4f-4c5b-9f00-111111111111',
  before: '2026-11-02T09:30:00.000Z',
  window: 'P7D',
  after: null,
  token: 'sr=x&sig=y&se=1&skn=read',
  baseUrl: 'https://ct.example',
  linkTemplate: null,
  languages: ['en-US'],
}

type FakeSeries = { id?: string; data?: unknown }
type Highlight = { seriesId: string; dataIndex: number[] }

/**
 * A stand-in for the ECharts chunk: records options and "draws" exactly the
 * points the last option holds, so counts follow what the widget set.
 */
export function fakeChart(): {
  module: ChartModule
  options: JourneyChartOption[]
  highlights: Highlight[][]
} {
  const options: JourneyChartOption[] = []
  const highlights: Highlight[][] = []
  const holds = (seriesId: string, index: number) => {
    const series = (options.at(-1)?.series ?? []) as FakeSeries[]
    const data = series.find((s) => s.id === seriesId)?.data
    return Array.isArray(data) && index < data.length
  }
  const module: ChartModule = {
    mountJourneyChart: (_dom, handlers) => ({
      draw: (input) => {
        const scale = focusScale(input.model, false)
        options.push(buildChartOption({ ...input, scale, narrow: false }))
        queueMicrotask(() => handlers.onFinished())
      },
      countDrawn: () =>
        ((options.at(-1)?.series ?? []) as FakeSeries[])
          .filter((s) => s.id?.startsWith('portal_'))
          .reduce((n, s) => n + (Array.isArray(s.data) ? s.data.length : 0), 0),
      pointPixel: (seriesId, index) => (holds(seriesId, index) ? [10, 10] : null),
      timeX: () => null,
      plotBox: () => ({ left: 0, top: 0, right: 100, bottom: 100 }),
      bands: () => [],
      view: () => [0, 1],
      zoomRange: () => [0, 1],
      zoomTo: () => undefined,
      markers: () => [],
      highlight: (targets) => highlights.push(targets.map((t) => ({ ...t }))),
      resize: () => undefined,
      dispose: () => undefined,
    }),
  }
  return { module, options, highlights }
}

/** A JSON answer as the journey API would send it. */
export const answer = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** Widget deps whose fetch answers from `respond`, with the real parser and a fake chart. */
export function fakeDeps(respond: (url: string) => Response | Promise<Response>, chart = fakeChart()) {
  const urls: string[] = []
  const deps: WidgetDeps = {
    fetch: async (input) => {
      const url = String(input)
      urls.push(url)
      return respond(url)
    },
    loadParser: async () => parseJourney,
    loadChart: async () => chart.module,
    timeZone: 'UTC',
  }
  return { deps, urls, chart }
}

/** The `window` query parameter of a journey URL. */
export const windowOf = (url: string): string | null => new URL(url).searchParams.get('window')

/** An answer with no interactions in the window. */
export function emptyJourney(from: string, to: string): JourneyResponse {
  return {
    hubId: 'hub-1',
    contactId: BASE_CONFIG.contactId!,
    from,
    before: to,
    to,
    profile: null,
    interactions: [],
    truncated: false,
    summary: {
      counts: {
        portal_viewknowledgearticle: 0,
        portal_viewblogpost: 0,
        portal_viewforumthread: 0,
        portal_search: 0,
        portal_articlefeedback: 0,
      },
      articles: [],
      blogPosts: [],
      forumThreads: [],
      searches: [],
    },
    cases: [],
  }
}
