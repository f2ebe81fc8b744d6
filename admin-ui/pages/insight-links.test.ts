import { describe, expect, it } from 'vitest'
import type { ContentInsight, PortalView } from '../../schemas/index.ts'
import { itemHref, linkPortal, searchHref } from './insight-links.ts'

const HUB = 'hub-1'
const portal = (id: string, hubId: string | null, more: Partial<PortalView> = {}) =>
  ({
    id,
    url: `http://${id}.localhost:8787`,
    hub: hubId ? { hubId } : null,
    customDomain: null,
    ...more,
  }) as PortalView

const article: ContentInsight = {
  type: 'portal_viewknowledgearticle',
  itemId: 'a1/b',
  title: 'Reset',
  views: 1,
  readers: 1,
  casesPreceded: 0,
  readersWithCase: 0,
  caseRate: 0,
}

describe('where Insights items open', () => {
  it('opens items on the hub’s one bound portal, or on the portal picked', () => {
    const portals = [portal('demo', HUB), portal('other', 'hub-2')]
    expect(linkPortal(portals, HUB, '')).toBe('http://demo.localhost:8787')
    expect(linkPortal(portals, HUB, 'other')).toBe('http://other.localhost:8787')
  })

  it('links nothing when two portals send to the hub (an item id is one portal’s own)', () => {
    expect(linkPortal([portal('a', HUB), portal('b', HUB)], HUB, '')).toBeNull()
    expect(linkPortal([], HUB, '')).toBeNull()
  })

  it('prefers the portal’s custom domain', () => {
    const p = portal('demo', HUB, {
      customDomain: { hostName: 'help.contoso.com', url: 'https://help.contoso.com/' },
    })
    expect(linkPortal([p], HUB, '')).toBe('https://help.contoso.com')
  })

  it('builds /go links with the id and the search encoded', () => {
    expect(itemHref('https://p', article)).toBe('https://p/go/article/a1%2Fb')
    expect(itemHref('https://p', { ...article, type: 'portal_viewblogpost' })).toBe(
      'https://p/go/blogpost/a1%2Fb',
    )
    expect(searchHref('https://p', 'reset password?')).toBe('https://p/go/search/reset%20password%3F')
    expect(itemHref(null, article)).toBeNull()
  })
})
