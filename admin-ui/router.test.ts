import { describe, expect, it } from 'vitest'
import { hubIdFromUri } from './pages/tracking-form.tsx'
import { filterOptions } from './components/picker.tsx'
import { contactOption } from './components/use-choices.ts'
import { match } from './router.ts'

describe('match', () => {
  it('matches a pattern and decodes its parameters', () => {
    expect(match('/portals/:portalId', '/portals/a%20b')).toEqual({ portalId: 'a b' })
    expect(match('/portals/new', '/portals/new')).toEqual({})
    expect(match('/portals/:portalId', '/portals/1/analytics')).toBeNull()
    expect(match('/hubs', '/portals')).toBeNull()
  })
})

describe('hubIdFromUri', () => {
  it('reads the hub id from a hub URI, and refuses anything else', () => {
    expect(hubIdFromUri('https://ct.example/v1/hubs/5b0c-1/')).toBe('5b0c-1')
    expect(hubIdFromUri(' http://localhost:8787/v1/hubs/abc ')).toBe('abc')
    expect(hubIdFromUri('http://localhost/v1/hubs/abc/portals/x')).toBeNull()
    expect(hubIdFromUri('abc')).toBeNull()
  })
})

describe('filterOptions (the pickers)', () => {
  const contacts = [
    {
      crmrecordid: '11111111-1111-4111-8111-111111111111',
      name: 'Avery Lin',
      email: 'avery@contoso.example',
    },
    {
      crmrecordid: '22222222-2222-4222-8222-222222222222',
      name: 'Morgan Diaz',
      email: 'morgan@fabrikam.example',
    },
  ]
  const options = contacts.map(contactOption)
  const names = (text: string) => filterOptions(options, text).map((o) => o.label)
  it('finds contacts by name, email or id, case-insensitively', () => {
    expect(names('AVERY')).toEqual(['Avery Lin'])
    expect(names('fabrikam')).toEqual(['Morgan Diaz'])
    expect(names('2222-4222')).toEqual(['Morgan Diaz'])
  })
  it('matches every word typed, accents and case ignored, and offers the first choices for no text', () => {
    expect(names('lin avery')).toEqual(['Avery Lin'])
    expect(names('avery diaz')).toEqual([])
    expect(filterOptions([{ id: 'e', label: 'Éloïse Martin' }], 'eloise').map((o) => o.id)).toEqual(['e'])
    expect(names('   ')).toEqual(['Avery Lin', 'Morgan Diaz'])
    expect(filterOptions(options, '', 1)).toHaveLength(1)
  })
})
