// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineCasetrailJourney, JOURNEY_ATTRIBUTES } from './journey-element.tsx'
import { sampleJourney } from './sample-journey.ts'
import { answer, fakeDeps, windowOf } from './test-fakes.tsx'

const journey = sampleJourney({ count: 10 })
const fake = fakeDeps(() => answer(200, journey))
const TAG = 'test-casetrail-journey'
defineCasetrailJourney({ tag: TAG, deps: fake.deps })

function place(attributes: Record<string, string>) {
  const el = document.createElement(TAG)
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value)
  document.body.append(el)
  return el
}

const attributes = {
  hub: 'hub-1',
  contact: '7d1c0b0e-2d4f-4c5b-9f00-111111111111',
  before: '2026-11-02T09:30:00Z',
  token: 'SharedAccessSignature sr=a&sig=b&se=1&skn=read',
  'base-url': 'https://casetrail.example/',
}

afterEach(() => {
  document.body.innerHTML = ''
  fake.urls.length = 0
})

describe('<casetrail-journey>', () => {
  it('renders into an open shadow root, fetching the default seven days from base-url', async () => {
    const el = place(attributes)
    await vi.waitFor(() => expect(el.shadowRoot?.querySelector('.root[data-state="ready"]')).toBeTruthy())
    expect(fake.urls).toHaveLength(1)
    const url = new URL(fake.urls[0]!)
    expect(url.origin + url.pathname).toBe(
      'https://casetrail.example/v1/hubs/hub-1/contacts/7d1c0b0e-2d4f-4c5b-9f00-111111111111/journey',
    )
    expect(url.searchParams.get('window')).toBe('P7D')
    expect(url.searchParams.get('before')).toBe('2026-11-02T09:30:00Z')
    // Nothing leaks into the page's DOM: the widget's nodes live in the shadow root.
    expect(el.children).toHaveLength(0)
  })

  it('styles its shadow root once: an adopted sheet where supported, a <style> otherwise', async () => {
    const el = place(attributes)
    await vi.waitFor(() => expect(el.shadowRoot?.querySelector('.root')).toBeTruthy())
    const adopted = el.shadowRoot!.adoptedStyleSheets?.length ?? 0
    const inline = el.shadowRoot!.querySelectorAll('style').length
    expect(adopted + inline).toBe(1)
  })

  it('dispatches its events to the page, across the shadow boundary', async () => {
    const seen: string[] = []
    const listener = (event: Event) =>
      seen.push(`${event.type}:${JSON.stringify((event as CustomEvent).detail)}`)
    for (const name of ['casetrail:list-painted', 'casetrail:chart-finished'])
      document.addEventListener(name, listener)
    place(attributes)
    await vi.waitFor(() => expect(seen.some((s) => s.startsWith('casetrail:chart-finished'))).toBe(true))
    expect(seen).toContain('casetrail:list-painted:{"interactions":10,"window":"P7D"}')
    expect(seen).toContain(
      'casetrail:chart-finished:{"points":10,"interactions":10,"hidden":[],"window":"P7D"}',
    )
    for (const name of ['casetrail:list-painted', 'casetrail:chart-finished'])
      document.removeEventListener(name, listener)
  })

  it('refetches when the window attribute changes, once for several changes', async () => {
    const el = place({ ...attributes, window: 'P30D' })
    await vi.waitFor(() => expect(fake.urls.map(windowOf)).toEqual(['P30D']))
    el.setAttribute('window', 'PT24H')
    el.setAttribute('lang', 'de')
    await vi.waitFor(() => expect(fake.urls.map(windowOf)).toEqual(['P30D', 'PT24H']))
    await vi.waitFor(() => expect(el.shadowRoot!.querySelector('.root')!.getAttribute('lang')).toBe('de'))
  })

  it('asks for the time after the case when the after attribute is set, and refetches when it changes', async () => {
    const afterOf = (url: string) => new URL(url).searchParams.get('after')
    const el = place({ ...attributes, after: 'P1D' })
    await vi.waitFor(() => expect(fake.urls.map(afterOf)).toEqual(['P1D']))
    el.removeAttribute('after')
    await vi.waitFor(() => expect(fake.urls.map(afterOf)).toEqual(['P1D', null]))
  })

  it('takes the page language when it has no lang of its own', async () => {
    const wrapper = document.createElement('div')
    wrapper.setAttribute('lang', 'fr-BE')
    document.body.append(wrapper)
    const el = document.createElement(TAG)
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value)
    wrapper.append(el)
    await vi.waitFor(() => expect(el.shadowRoot?.querySelector('.root')?.getAttribute('lang')).toBe('fr-BE'))
  })

  it('unmounts when removed from the page', async () => {
    const el = place(attributes)
    await vi.waitFor(() => expect(el.shadowRoot?.querySelector('.root')).toBeTruthy())
    el.remove()
    expect(el.shadowRoot!.querySelector('.root')).toBeNull()
  })

  it('observes every documented attribute', () => {
    const element = customElements.get(TAG) as unknown as { observedAttributes: readonly string[] }
    expect([...element.observedAttributes]).toEqual([...JOURNEY_ATTRIBUTES])
    expect(JOURNEY_ATTRIBUTES).toEqual(
      expect.arrayContaining([
        'hub',
        'contact',
        'before',
        'window',
        'after',
        'token',
        'base-url',
        'lang',
        'portal-link',
      ]),
    )
  })

  it('registers a tag once and hands back the same class', () => {
    expect(defineCasetrailJourney({ tag: TAG })).toBe(customElements.get(TAG))
  })
})
