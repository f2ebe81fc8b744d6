import { describe, expect, it } from 'vitest'
import { safeNext } from './safe-next.ts'

// The classic open-redirect corpus: every way a "local" path has been made to
// leave the site once a browser resolves it.
const OFF_SITE = [
  '//evil.example',
  '//evil.example/',
  '///evil.example/',
  '////evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/\t/evil.example/',
  '/\n/evil.example/',
  '/\r/evil.example/',
  '\t//evil.example',
  ' //evil.example',
  'https://evil.example',
  'http:evil.example',
  'https:/evil.example',
  '//evil.example@casetrail.test',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/.//evil.example',
  '/./\\evil.example',
  '/%2F/evil.example',
  '/%2f%2fevil.example',
  '/%5C/evil.example',
  '/%5cevil.example',
  '%2F%2Fevil.example',
  'evil.example',
  '',
  '/\u0000/evil.example',
  '//\u3002evil.example',
]

// Odd but local: they must stay on the site whatever they become.
const ODD_LOCAL = [
  '/ /evil.example',
  '/%09/evil.example/',
  '/\uff0f/evil.example',
  '/%2e%2e/%2e%2e/x',
  '/?next=//evil.example',
]

describe('safeNext', () => {
  it.each([...OFF_SITE, ...ODD_LOCAL].map((s) => [JSON.stringify(s), s]))(
    'keeps %s on the site, as a browser resolves the Location',
    (_label, next) => {
      const location = safeNext(next)
      expect(new URL(location, 'https://site.example/a/b').origin).toBe('https://site.example')
      expect(location.startsWith('/') && !location.startsWith('//')).toBe(true)
    },
  )

  it.each(OFF_SITE.map((s) => [JSON.stringify(s), s]))('sends %s home', (_label, next) => {
    expect(safeNext(next)).toBe('/')
  })

  it('keeps a local path with its query and fragment, normalised', () => {
    expect(safeNext('/knowledgebase')).toBe('/knowledgebase')
    expect(safeNext('/search?q=reset%20password&facet=kb#top')).toBe(
      '/search?q=reset%20password&facet=kb#top',
    )
    expect(safeNext('/a/../b')).toBe('/b')
    expect(safeNext('/blogs/caf%C3%A9')).toBe('/blogs/caf%C3%A9')
  })

  it('sends a missing next home', () => {
    expect(safeNext(undefined)).toBe('/')
  })
})
