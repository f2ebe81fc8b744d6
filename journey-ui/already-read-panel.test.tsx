// @vitest-environment happy-dom
import { render } from 'preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { JourneySummary } from '../schemas/index.ts'
import { AlreadyReadPanel } from './already-read-panel.tsx'
import type { ItemRef } from './journey-chart-options.ts'
import { createJourneyFormat } from './journey-format.ts'
import { MESSAGES } from './catalogues.ts'

const summary: JourneySummary = {
  counts: {
    portal_viewknowledgearticle: 4,
    portal_viewblogpost: 1,
    portal_viewforumthread: 0,
    portal_search: 2,
    portal_articlefeedback: 0,
  },
  articles: [
    { id: 'a-old', title: 'Track a parcel', views: 1, lastViewedAt: '2026-11-01T08:00:00Z' },
    { id: 'a-new', title: 'Reset your password', views: 3, lastViewedAt: '2026-11-02T09:00:00Z' },
  ],
  blogPosts: [{ id: 'b-1', title: 'Our new returns policy', views: 1, lastViewedAt: '2026-10-30T12:00:00Z' }],
  forumThreads: [],
  searches: [
    { searchString: 'refund', at: '2026-10-31T10:00:00Z' },
    { searchString: 'password reset not working', at: '2026-11-02T08:59:00Z' },
  ],
}

const calls: { pin: ItemRef[]; preview: (ItemRef | null)[] } = { pin: [], preview: [] }

function mount(linkTemplate: string | null, lang: 'en' | 'de' = 'en', pinned: ItemRef | null = null) {
  const host = document.createElement('div')
  document.body.append(host)
  const format = createJourneyFormat(lang === 'en' ? 'en-GB' : 'de-DE', MESSAGES[lang], 'UTC')
  render(
    <AlreadyReadPanel
      summary={summary}
      messages={MESSAGES[lang]}
      format={format}
      linkTemplate={linkTemplate}
      pinned={pinned}
      onPreview={(item) => calls.preview.push(item)}
      onPin={(item) => calls.pin.push(item)}
    />,
    host,
  )
  return host
}

const texts = (host: Element, selector: string) =>
  [...host.querySelectorAll(selector)].map((el) => el.textContent)

afterEach(() => {
  document.body.innerHTML = ''
  calls.pin.length = 0
  calls.preview.length = 0
})

describe('AlreadyReadPanel', () => {
  it('lists articles newest first with their views and last view', () => {
    const host = mount(null)
    const articles = host.querySelectorAll('ul[aria-labelledby="read-article"] li')
    expect([...articles].map((li) => li.querySelector('.item-title')!.textContent)).toEqual([
      'Reset your password',
      'Track a parcel',
    ])
    expect(articles[0]!.querySelector('.meta')!.textContent).toBe('3 views · last viewed 2 Nov 2026, 09:00')
    expect(articles[1]!.querySelector('.meta')!.textContent).toBe('1 view · last viewed 1 Nov 2026, 08:00')
  })

  it('lists the searches newest first', () => {
    expect(texts(mount(null), 'li.search .item-title')).toEqual(['password reset not working', 'refund'])
  })

  it('says so when a kind has nothing in the window', () => {
    const host = mount(null)
    expect(host.querySelector('#read-forumthread + p.none')!.textContent).toBe('None in this window')
  })

  it('links each item back to the portal when given a template, in a new tab', () => {
    const host = mount('https://portal.example.com/go/{kind}/{id}')
    const links = [...host.querySelectorAll('a')]
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://portal.example.com/go/article/a-new',
      'https://portal.example.com/go/article/a-old',
      'https://portal.example.com/go/blogpost/b-1',
      'https://portal.example.com/go/search/password%20reset%20not%20working',
      'https://portal.example.com/go/search/refund',
    ])
    for (const a of links) expect(a.getAttribute('rel')).toBe('noopener noreferrer')
  })

  it('gives every item one tab stop: a link, or a button without a template', () => {
    const withLinks = mount('https://portal.example.com/{kind}/{id}')
    expect([...withLinks.querySelectorAll('[data-item]')].map((el) => el.tagName)).toEqual(Array(5).fill('A'))
    document.body.innerHTML = ''
    const without = mount(null)
    expect([...without.querySelectorAll('[data-item]')].map((el) => el.tagName)).toEqual(
      Array(5).fill('BUTTON'),
    )
    expect(without.querySelectorAll('li')).toHaveLength(5)
  })

  it('previews an item on focus and pins it on click, search by string and time', () => {
    const host = mount(null)
    const search = host.querySelector('[data-item="search:1"]') as HTMLButtonElement
    search.dispatchEvent(new FocusEvent('focus'))
    search.dispatchEvent(new FocusEvent('blur'))
    search.click()
    const ref = { kind: 'search', id: 'refund', at: '2026-10-31T10:00:00Z' }
    expect(calls.preview).toEqual([ref, null])
    expect(calls.pin).toEqual([ref])
  })

  it('shows which item is pinned', () => {
    const host = mount(null, 'en', { kind: 'article', id: 'a-old' })
    expect(host.querySelector('[data-item="article:a-old"]')!.getAttribute('aria-pressed')).toBe('true')
    expect(host.querySelector('[data-item="article:a-new"]')!.getAttribute('aria-pressed')).toBe('false')
  })

  it('shows the first entries of a long list and the rest on demand', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      searchString: `query ${i}`,
      at: new Date(Date.UTC(2026, 10, 1, i)).toISOString(),
    }))
    const host = document.createElement('div')
    document.body.append(host)
    render(
      <AlreadyReadPanel
        summary={{ ...summary, searches: many }}
        messages={MESSAGES.en}
        format={createJourneyFormat('en', MESSAGES.en, 'UTC')}
        linkTemplate={null}
        pinned={null}
        onPreview={() => undefined}
        onPin={() => undefined}
      />,
      host,
    )
    const more = host.querySelector('#searches ~ button.more') as HTMLButtonElement
    expect(texts(host, 'li.search .item-title')).toHaveLength(8)
    expect(texts(host, 'li.search .item-title')[0]).toBe('query 11')
    expect(more.textContent).toBe('Show all 12')
    expect(more.getAttribute('aria-expanded')).toBe('false')
    more.click()
    return vi.waitFor(() => {
      expect(texts(host, 'li.search .item-title')).toHaveLength(12)
      expect(more.textContent).toBe('Show fewer')
      expect(more.getAttribute('aria-expanded')).toBe('true')
    })
  })

  it('speaks German when asked', () => {
    const host = mount(null, 'de')
    expect(host.querySelector('#already-read')!.textContent).toBe('Bereits gelesen')
    expect(host.querySelector('ul[aria-labelledby="read-article"] .meta')!.textContent).toBe(
      '3 Aufrufe · zuletzt angesehen 02.11.2026, 09:00',
    )
  })
})
