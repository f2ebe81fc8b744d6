import { describe, expect, it } from 'vitest'
import { describeValue } from '../components/audit-table.tsx'
import { RIGHTS_WORDS } from '../rights-words.ts'
import { AUDITED_OPERATIONS, auditHref, filtersOf } from './audit-page.tsx'

describe('the Audit log page', () => {
  it('reads the API’s filters from the address, and nothing else', () => {
    const search = new URLSearchParams(
      'targetType=portal&targetId=p-1&operation=&tab=keys&from=2026-12-01T00:00:00.000Z',
    )
    expect(filtersOf(search)).toEqual({
      targetType: 'portal',
      targetId: 'p-1',
      from: '2026-12-01T00:00:00.000Z',
    })
  })

  it('writes filters into an address that reads back the same', () => {
    const filters = { targetType: 'hub', targetId: 'a b/c', actor: 'u-1', to: '2026-12-31T00:00:00.000Z' }
    const href = auditHref(filters)
    expect(href.startsWith('/audit?')).toBe(true)
    expect(filtersOf(new URLSearchParams(href.slice('/audit'.length)))).toEqual(filters)
    expect(auditHref({})).toBe('/audit')
  })

  it('offers every admin write and the journey read as operations, and no other read', () => {
    expect(AUDITED_OPERATIONS).toEqual(
      expect.arrayContaining(['updatePortal', 'eraseContact', 'applyRetention', 'getJourney']),
    )
    expect(AUDITED_OPERATIONS).not.toContain('getHub')
    expect(AUDITED_OPERATIONS).not.toContain('listAuditEntries')
    expect([...AUDITED_OPERATIONS].sort()).toEqual(AUDITED_OPERATIONS)
  })

  it('says a secret and an absent value in words, and shows other values as they are', () => {
    const t = RIGHTS_WORDS.fr
    expect(describeValue(t, 'changed')).toEqual({ text: 'modifié (secret, non affiché)', quiet: true })
    expect(describeValue(t, null)).toEqual({ text: 'aucune', quiet: true })
    expect(describeValue(t, 'Contoso')).toEqual({ text: 'Contoso', quiet: false })
    expect(describeValue(t, { enabled: true })).toEqual({ text: '{"enabled":true}', quiet: false })
  })
})
