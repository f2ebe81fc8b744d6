// @vitest-environment happy-dom
import { render } from 'preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LIST_LIMIT } from './already-read-panel.tsx'
import type { ChartBridge } from './chart-bridge.ts'
import { type JourneyEventMap, JourneyWidget, type WidgetConfig, type WidgetDeps } from './journey-widget.tsx'
import { sampleJourney } from './sample-journey.ts'
import { answer, BASE_CONFIG, emptyJourney, fakeDeps, windowOf } from './test-fakes.tsx'

type Emitted = {
  [K in keyof JourneyEventMap]: { name: K; detail: JourneyEventMap[K] }
}[keyof JourneyEventMap]

function mount(deps: WidgetDeps, config: Partial<WidgetConfig> = {}) {
  const host = document.createElement('div')
  document.body.append(host)
  const events: Emitted[] = []
  const bridge: ChartBridge = { locate: null }
  render(
    <JourneyWidget
      config={{ ...BASE_CONFIG, ...config }}
      deps={deps}
      emit={(name, detail) => events.push({ name, detail } as Emitted)}
      bridge={bridge}
    />,
    host,
  )
  const root = () => host.querySelector('.root')!
  const state = () => root().getAttribute('data-state')
  const of = <K extends keyof JourneyEventMap>(name: K) =>
    events.filter((e) => e.name === name).map((e) => e.detail as JourneyEventMap[K])
  return { host, root, state, events, of }
}

const click = (el: Element | null) => {
  if (!el) throw new Error('nothing to click')
  ;(el as HTMLElement).click()
}

afterEach(() => {
  render(null, document.body)
  document.body.innerHTML = ''
})

describe('JourneyWidget', () => {
  it('shows a skeleton while the journey is on its way', async () => {
    const { deps } = fakeDeps(() => new Promise<Response>(() => undefined))
    const w = mount(deps)
    await vi.waitFor(() =>
      expect(w.host.querySelector('[data-state="loading"][aria-busy="true"]')).not.toBeNull(),
    )
    expect(w.host.querySelector('[role="status"]')!.textContent).toBe(
      'Loading the customer’s portal journey…',
    )
  })

  it('renders the lists, the summary and the profile from the answer, then reports the list painted', async () => {
    const journey = sampleJourney({ count: 40 })
    const { deps } = fakeDeps(() => answer(200, journey))
    const w = mount(deps)
    await vi.waitFor(() =>
      expect(w.of('casetrail:list-painted')).toEqual([{ interactions: 40, window: 'P7D' }]),
    )
    expect(w.host.querySelector('.summary')!.textContent).toBe(
      '40 interactions in the 7 days before this case',
    )
    expect(w.of('casetrail:state').map((d) => d.state)).toEqual(['loading', 'ready'])
    expect(w.host.querySelector('.name')!.textContent).toBe('Jay Patel')
    expect(w.host.querySelector('.facts')!.textContent).toContain('jay@example.com')
    const items = w.host.querySelectorAll('[data-item]')
    const { articles, blogPosts, forumThreads, searches } = journey.summary
    const expected = [articles, blogPosts, forumThreads, searches]
      .map((list) => Math.min(list.length, LIST_LIMIT))
      .reduce((a, b) => a + b, 0)
    expect(items).toHaveLength(expected)
  })

  it('says so when the answer carries only the newest interactions of the window', async () => {
    const journey = sampleJourney({ count: 40 })
    const counts = { ...journey.summary.counts, portal_search: journey.summary.counts.portal_search + 12_000 }
    const { deps } = fakeDeps(() =>
      answer(200, { ...journey, truncated: true, summary: { ...journey.summary, counts } }),
    )
    const w = mount(deps)
    await vi.waitFor(() => expect(w.host.querySelector('.truncated')).not.toBeNull())
    expect(w.host.querySelector('.truncated')!.textContent).toBe(
      'Showing the newest 40 of 12,040 interactions in this window.',
    )
  })

  it('shows no truncation notice for a whole window', async () => {
    const { deps } = fakeDeps(() => answer(200, sampleJourney({ count: 40 })))
    const w = mount(deps)
    await vi.waitFor(() => expect(w.of('casetrail:list-painted')).toHaveLength(1))
    expect(w.host.querySelector('.truncated')).toBeNull()
  })

  it('draws the chart after the list and reports every point drawn', async () => {
    const journey = sampleJourney({ count: 25 })
    const { deps, chart } = fakeDeps(() => answer(200, journey))
    const w = mount(deps)
    await vi.waitFor(() => expect(w.of('casetrail:chart-finished')).toHaveLength(1))
    expect(w.of('casetrail:chart-finished')[0]).toEqual({
      points: 25,
      interactions: 25,
      hidden: [],
      window: 'P7D',
    })
    const option = chart.options[0]!
    const series = option.series as { id: string; data: unknown[] }[]
    expect(series.filter((s) => s.id.startsWith('portal_')).reduce((n, s) => n + s.data.length, 0)).toBe(25)
    expect(JSON.stringify(option.aria)).toContain(
      'Timeline of 25 portal interactions in the 7 days before this case',
    )
  })

  it('hides a type from the chart when its legend button is pressed', async () => {
    const journey = sampleJourney({ count: 30 })
    const searches = journey.summary.counts.portal_search
    const { deps } = fakeDeps(() => answer(200, journey))
    const w = mount(deps)
    await vi.waitFor(() => expect(w.of('casetrail:chart-finished')).toHaveLength(1))
    const button = w.host.querySelector('.legend button[data-type="portal_search"]')!
    expect(button.getAttribute('aria-pressed')).toBe('true')
    click(button)
    await vi.waitFor(() => expect(w.of('casetrail:chart-finished')).toHaveLength(2))
    expect(w.of('casetrail:chart-finished')[1]).toMatchObject({
      points: 30 - searches,
      hidden: ['portal_search'],
    })
    expect(
      w.host.querySelector('.legend button[data-type="portal_search"]')!.getAttribute('aria-pressed'),
    ).toBe('false')
  })

  it('emphasises the points of an item while it has focus, and of a pinned one', async () => {
    const journey = sampleJourney({ count: 60 })
    const article = journey.summary.articles[0]!
    const { deps, chart } = fakeDeps(() => answer(200, journey))
    const w = mount(deps)
    await vi.waitFor(() => expect(w.of('casetrail:chart-finished')).toHaveLength(1))
    const button = w.host.querySelector(`[data-item="article:${article.id}"]`) as HTMLButtonElement
    button.dispatchEvent(new FocusEvent('focus'))
    await vi.waitFor(() => expect(chart.highlights.at(-1)).toHaveLength(1))
    const [target] = chart.highlights.at(-1)!
    expect(target!.seriesId).toBe('portal_viewknowledgearticle')
    expect(target!.dataIndex).toHaveLength(article.views)
    button.dispatchEvent(new FocusEvent('blur'))
    await vi.waitFor(() => expect(chart.highlights.at(-1)).toEqual([]))
    button.click()
    await vi.waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('true'))
    // The chart hears of the pin in an effect after the commit that pressed the button.
    await vi.waitFor(() => expect(chart.highlights.at(-1)![0]?.dataIndex).toHaveLength(article.views))
  })

  it('says there was no activity, with the window in days', async () => {
    const { deps } = fakeDeps(() => answer(200, emptyJourney('2026-10-26T09:30:00Z', '2026-11-02T09:30:00Z')))
    const w = mount(deps)
    await vi.waitFor(() => expect(w.host.querySelector('[data-state="empty"]')).not.toBeNull())
    expect(w.host.querySelector('[data-state="empty"]')!.textContent).toBe(
      'No portal activity in the 7 days before this case.',
    )
    expect(w.of('casetrail:state').at(-1)).toMatchObject({ state: 'empty' })
  })

  it('explains an expired token plainly, with no retry and no stack trace', async () => {
    const { deps } = fakeDeps(() =>
      answer(401, { error: { code: 'token_expired', message: 'the token expired at 2026-11-02T09:00:00Z' } }),
    )
    const w = mount(deps)
    await vi.waitFor(() => expect(w.host.querySelector('[role="alert"]')).not.toBeNull())
    const alert = w.host.querySelector('[role="alert"]')!
    expect(alert.getAttribute('data-code')).toBe('token_expired')
    expect(alert.textContent).toContain(
      'The access to this journey has expired. Reload the case to get a fresh one.',
    )
    expect(alert.textContent).toContain('token_expired')
    expect(alert.textContent).not.toMatch(/Error|at \w+ \(/)
    expect(alert.querySelector('button')).toBeNull()
  })

  it('says when the token is refused', async () => {
    const { deps } = fakeDeps(() =>
      answer(403, { error: { code: 'insufficient_rights', message: 'needs read' } }),
    )
    const w = mount(deps)
    await vi.waitFor(() => expect(w.host.querySelector('[data-code="token_refused"]')).not.toBeNull())
    expect(w.host.querySelector('[role="alert"] p')!.textContent).toBe(
      'casetrail refused access to this customer’s journey.',
    )
  })

  it('offers a retry when casetrail is down, and recovers', async () => {
    let calls = 0
    const { deps, urls } = fakeDeps(() => {
      calls++
      if (calls === 1) throw new TypeError('Failed to fetch')
      return answer(200, sampleJourney({ count: 5 }))
    })
    const w = mount(deps)
    await vi.waitFor(() => expect(w.host.querySelector('[data-code="api_down"] button')).not.toBeNull())
    expect(w.host.querySelector('[role="alert"] p')!.textContent).toBe('casetrail could not be reached.')
    click(w.host.querySelector('[data-code="api_down"] button'))
    await vi.waitFor(() => expect(w.state()).toBe('ready'))
    expect(urls).toHaveLength(2)
  })

  it('refetches when the window is switched, and says the new window', async () => {
    const { deps, urls } = fakeDeps((url) =>
      answer(
        200,
        sampleJourney({
          count: windowOf(url) === 'PT24H' ? 3 : 20,
          windowMs: windowOf(url) === 'PT24H' ? 86_400_000 : undefined,
        }),
      ),
    )
    const w = mount(deps)
    await vi.waitFor(() => expect(w.state()).toBe('ready'))
    expect(w.host.querySelector('[data-window="P7D"]')!.getAttribute('aria-pressed')).toBe('true')
    click(w.host.querySelector('[data-window="PT24H"]'))
    await vi.waitFor(() =>
      expect(w.of('casetrail:list-painted').at(-1)).toEqual({ interactions: 3, window: 'PT24H' }),
    )
    expect(urls.map(windowOf)).toEqual(['P7D', 'PT24H'])
    expect(w.host.querySelector('.summary')!.textContent).toBe(
      '3 interactions in the 24 hours before this case',
    )
    expect(w.host.querySelector('[data-window="PT24H"]')!.getAttribute('aria-pressed')).toBe('true')
  })

  it('names the missing attributes instead of calling the API', async () => {
    const { deps, urls } = fakeDeps(() => answer(200, {}))
    const w = mount(deps, { token: null, before: null })
    await vi.waitFor(() => expect(w.host.querySelector('[data-code="misconfigured"]')).not.toBeNull())
    expect(w.host.querySelector('[role="alert"] p')!.textContent).toBe(
      'The journey widget is missing: before, token.',
    )
    expect(urls).toHaveLength(0)
  })

  it('refuses an answer that breaks the shared schema', async () => {
    const { deps } = fakeDeps(() => answer(200, { ...sampleJourney({ count: 1 }), summary: null }))
    const w = mount(deps)
    await vi.waitFor(() => expect(w.host.querySelector('[data-code="invalid_answer"] button')).not.toBeNull())
  })

  it('keeps the lists when the chart cannot load', async () => {
    const { deps } = fakeDeps(() => answer(200, sampleJourney({ count: 8 })))
    const w = mount({ ...deps, loadChart: () => Promise.reject(new Error('chunk failed')) })
    await vi.waitFor(() =>
      expect(w.host.querySelector('.chart-note')?.textContent).toBe(
        'The chart could not be loaded; the lists below are complete.',
      ),
    )
    expect(w.host.querySelectorAll('[data-item]').length).toBeGreaterThan(0)
  })

  it('speaks French when lang is fr, numbers and dates included', async () => {
    const { deps } = fakeDeps(() => answer(200, sampleJourney({ count: 1200 })))
    const w = mount(deps, { languages: ['fr-FR'] })
    await vi.waitFor(() => expect(w.state()).toBe('ready'))
    expect(w.root().getAttribute('lang')).toBe('fr-FR')
    expect(w.host.querySelector('.summary')!.textContent).toBe(
      '1\u202f200 interactions dans les 7 jours précédant cette demande',
    )
    expect(w.host.querySelector('#already-read')!.textContent).toBe('Déjà lu')
    expect(w.host.querySelector('[data-window="P30D"]')!.textContent).toBe('30 jours')
  })

  it('opens a table alternative to the chart with every interaction at its exact time', async () => {
    const journey = sampleJourney({ count: 12 })
    const { deps } = fakeDeps(() => answer(200, journey))
    const w = mount(deps, { languages: ['de-DE'] })
    await vi.waitFor(() => expect(w.state()).toBe('ready'))
    const details = w.host.querySelector('details.table') as HTMLDetailsElement
    expect(details.querySelector('table')).toBeNull()
    details.open = true
    details.dispatchEvent(new Event('toggle'))
    await vi.waitFor(() => expect(details.querySelectorAll('tbody tr')).toHaveLength(12))
    const first = journey.interactions[0]!
    const cells = [...details.querySelectorAll('tbody tr')[0]!.querySelectorAll('td')].map(
      (td) => td.textContent,
    )
    expect(cells[0]).toBe(
      new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(first.portal_timestamp),
      ),
    )
    expect(details.querySelector('th')!.textContent).toBe('Zeit')
  })
})
