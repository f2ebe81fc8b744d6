import { describe, expect, it } from 'vitest'
import { renderSupportPanel } from './support-panel.tsx'

const opened = {
  caseNumber: 'CAS-01001-BCDFGH',
  title: '<b>Locked out</b>',
  status: 'active',
  category: null,
  createdAt: '2026-11-02T09:30:00.000Z',
}

describe('the Support page case panel', () => {
  it('asks a visitor who is not signed in to sign in first', () => {
    const html = String(
      renderSupportPanel({
        language: 'en-US',
        action: '/support',
        state: null,
        signInHref: '/signin?next=%2Fsupport',
      }),
    )
    expect(html).toContain('href="/signin?next=%2Fsupport"')
    expect(html).not.toContain('<form')
  })

  it('lists the contact’s cases, escaped, and confirms the one just opened', () => {
    const html = String(
      renderSupportPanel({
        language: 'en-US',
        action: '/support',
        state: { cases: [opened], opened: 'CAS-01001-BCDFGH' },
        signInHref: null,
      }),
    )
    expect(html).toContain('Case CAS-01001-BCDFGH is open.')
    expect(html).toContain('<td>&lt;b&gt;Locked out&lt;/b&gt;</td><td>Active</td>')
  })

  it('does not confirm a number that is not among the contact’s cases', () => {
    const html = String(
      renderSupportPanel({
        language: 'en-US',
        action: '/support',
        state: { cases: [], opened: '<script>' },
        signInHref: null,
      }),
    )
    expect(html).not.toContain('case-opened')
    expect(html).toContain('id="no-cases"')
  })

  it('speaks the portal’s language', () => {
    const html = String(
      renderSupportPanel({
        language: 'fr-FR',
        action: '/support',
        state: { cases: [opened] },
        signInHref: null,
      }),
    )
    expect(html).toContain('Mes demandes')
    expect(html).toContain('<td>Active</td>')
  })
})
