import { describe, expect, it } from 'vitest'
import { type RenderRequest, packagesFor } from '../core/index.ts'
import { type PackageId, packageRecords, sampleRecords, toSite } from '../core/testing.ts'
import type { SiteRecord } from '../schemas/index.ts'
import { renderSite } from './site-renderer.tsx'
import { renderNotice } from './site-notice.tsx'

const PORTAL_ID = '9f1e2d3c-4b5a-4697-8877-665544332211'
const CONTACT = {
  crmrecordid: '0b8f6d2e-1c3a-4e5f-9a7b-2c4d6e8f0a1b',
  name: 'Avery Lin',
  email: 'avery.lin@contoso.example',
}
const BEACON = {
  endpoint: 'https://ct.example/v1/hubs/h/portals/p/interactions',
  token: 'SharedAccessSignature sr=x',
  portalId: PORTAL_ID,
}

function siteFor(
  type: 'community' | 'customer_self_service' | 'custom',
  language = 'en-US',
  edit: (r: SiteRecord[]) => SiteRecord[] = (r) => r,
) {
  const ctx = {
    portalId: PORTAL_ID,
    portalName: 'Contoso <Help>',
    language,
    facetedSearch: type === 'customer_self_service',
  }
  const ids = new Set<PackageId>(packagesFor(type).map((p) => p.id))
  const records = [
    ...[...ids].flatMap((id) => packageRecords(id, ctx)),
    ...sampleRecords(
      ctx,
      { knowledge: ids.has('knowledge_management'), blogs: ids.has('blogs'), forums: ids.has('forums') },
      Date.parse('2026-11-02T09:00:00Z'),
    ),
  ]
  return toSite(edit(records))
}

const req = (path: string, overrides: Partial<RenderRequest> = {}): RenderRequest => ({
  path,
  query: {},
  visitor: null,
  beacon: null,
  contacts: async () => [CONTACT],
  now: Date.parse('2026-11-02T10:00:00Z'),
  ...overrides,
})
const signedIn = { visitor: { contact: CONTACT, sessionId: 'sess-1' }, beacon: BEACON }

describe('renderSite', () => {
  it('renders the page the Home marker names at the root, in the default language', async () => {
    const res = await renderSite(siteFor('community', 'fr-FR'), req('/'))
    expect(res.status).toBe(200)
    expect(res.body).toContain('<html lang="fr-FR">')
    expect(res.body).toContain('Comment pouvons-nous vous aider ?')
    expect(res.body).toContain('Réinitialiser votre mot de passe')
  })

  it('follows the Home marker to another page', async () => {
    const site = siteFor('community', 'en-US', (rs) =>
      rs.map((r) => (r.kind === 'site_marker' && r.name === 'Home' ? { ...r, pageId: 'forums' } : r)),
    )
    expect((await renderSite(site, req('/'))).body).toContain('Ask the community')
  })

  it('answers an unknown path with the Page Not Found marker’s page and 404', async () => {
    const res = await renderSite(siteFor('community'), req('/no/such/page'))
    expect(res.status).toBe(404)
    expect(res.body).toContain('<h1>Page not found</h1>')
  })

  it('uses whichever page the Page Not Found marker names', async () => {
    const site = siteFor('community', 'en-US', (rs) =>
      rs.map((r) =>
        r.kind === 'site_marker' && r.name === 'Page Not Found' ? { ...r, pageId: 'support' } : r,
      ),
    )
    const res = await renderSite(site, req('/nope'))
    expect(res.status).toBe(404)
    expect(res.body).toContain('<h1>Support</h1>')
  })

  it('hides a Draft page (and its path answers Page Not Found)', async () => {
    const draft = siteFor('community', 'en-US', (rs) =>
      rs.map((r) =>
        r.kind === 'web_page' && r.id === 'ideas' ? { ...r, publishingState: 'Draft' as const } : r,
      ),
    )
    expect((await renderSite(siteFor('community'), req('/ideas'))).status).toBe(200)
    const res = await renderSite(draft, req('/ideas'))
    expect(res.status).toBe(404)
    expect(res.body).not.toContain('href="/ideas"')
  })

  it('hides a Draft knowledge article from its page and from search', async () => {
    const draft = siteFor('community', 'en-US', (rs) =>
      rs.map((r) =>
        r.kind === 'knowledge_article' && r.articleNumber === 'KA-01001'
          ? { ...r, publishingState: 'Draft' as const }
          : r,
      ),
    )
    expect((await renderSite(draft, req('/knowledgebase/KA-01001'))).status).toBe(404)
    expect(
      (await renderSite(draft, req('/search', { query: { q: 'forgotten password' } }))).body,
    ).not.toContain('Reset your password')
  })

  it('answers a page that needs sign-in with the Access Denied marker’s page and 403', async () => {
    const res = await renderSite(siteFor('community'), req('/profile'))
    expect(res.status).toBe(403)
    expect(res.body).toContain('<h1>Access denied</h1>')
    expect(res.body).toContain('/signin?next=%2Fprofile')
    const mine = await renderSite(siteFor('community'), req('/profile', signedIn))
    expect(mine.status).toBe(200)
    expect(mine.body).toContain('avery.lin@contoso.example')
  })

  it('links the theme’s CSS web file and serves it as text/css; a Draft web file is gone', async () => {
    const site = siteFor('community')
    expect((await renderSite(site, req('/'))).body).toContain('<link rel="stylesheet" href="/theme.css">')
    const css = await renderSite(site, req('/theme.css'))
    expect(css.contentType).toBe('text/css; charset=utf-8')
    expect(css.body).toContain('--accent')
    const draft = siteFor('community', 'en-US', (rs) =>
      rs.map((r) => (r.kind === 'web_file' ? { ...r, publishingState: 'Draft' as const } : r)),
    )
    expect((await renderSite(draft, req('/theme.css'))).status).toBe(404)
    expect((await renderSite(draft, req('/'))).body).not.toContain('theme.css')
  })

  it('keeps header and footer output per loaded site while output caching is on, and rebuilds it when off', async () => {
    const set = (value: string) => (rs: SiteRecord[]) =>
      rs.map((r) =>
        r.kind === 'site_setting' && r.name.endsWith('/OutputCache/Enabled') ? { ...r, value } : r,
      )
    for (const [value, cachedNav] of [
      ['true', true],
      ['false', false],
    ] as const) {
      const site = siteFor('community', 'en-US', set(value))
      await renderSite(site, req('/'))
      // Renaming a nav page in place (no new load): only an uncached header shows it.
      site.pages.find((p) => p.id === 'blogs')!.name = 'Renamed blog'
      site.settings.set('Footer/Text', 'Changed footer')
      const body = (await renderSite(site, req('/'))).body
      expect(body.includes('Renamed blog')).toBe(!cachedNav)
      expect(body.includes('Changed footer')).toBe(!cachedNav)
    }
  })

  it('honours site settings: accent colour, footer text and Search/Enabled', async () => {
    const set = (name: string, value: string) => (rs: SiteRecord[]) =>
      rs.map((r) => (r.kind === 'site_setting' && r.name === name ? { ...r, value } : r))
    expect(
      (await renderSite(siteFor('community', 'en-US', set('Theme/AccentColor', '#aa3300')), req('/'))).body,
    ).toContain('--accent: #aa3300')
    expect(
      (await renderSite(siteFor('community', 'en-US', set('Theme/AccentColor', 'red;}</style>')), req('/')))
        .body,
    ).not.toContain('red;}')
    expect(
      (await renderSite(siteFor('community', 'en-US', set('Footer/Text', 'Hello {year}')), req('/'))).body,
    ).toContain('Hello 2026')
    const off = siteFor('community', 'en-US', set('Search/Enabled', 'false'))
    expect((await renderSite(off, req('/search', { query: { q: 'password' } }))).status).toBe(404)
    expect((await renderSite(off, req('/'))).body).not.toContain('role="search"')
  })

  it('searches articles, blog posts and threads, with facets where the type has Faceted Search', async () => {
    const community = await renderSite(siteFor('community'), req('/search', { query: { q: 'phone' } }))
    expect(community.body).toContain('Two-factor sign-in fails after a phone change')
    expect(community.body).toContain('Locked out after switching phones?')
    expect(community.body).not.toContain('class="facets"')
    const css = await renderSite(
      siteFor('customer_self_service'),
      req('/search', { query: { q: 'phone', facet: 'forums' } }),
    )
    expect(css.body).toContain('class="facets"')
    expect(css.body).toContain('Locked out after switching phones?')
    expect(css.body).not.toContain('<strong>Two-factor sign-in fails')
    const none = await renderSite(siteFor('community'), req('/search', { query: { q: 'zebra' } }))
    expect(none.body).toContain('id="no-results"')
  })

  it('escapes what records hold', async () => {
    expect((await renderSite(siteFor('community'), req('/'))).body).toContain('Contoso &lt;Help&gt;')
  })

  it('embeds a beacon for a signed-in visitor’s article view, with the token and no key', async () => {
    const res = await renderSite(
      siteFor('community'),
      req('/knowledgebase/KA-01002', { ...signedIn, nonce: 'n0nce' }),
    )
    expect(res.beaconItem).toMatchObject({
      type: 'portal_viewknowledgearticle',
      portal_knowledgetitle: 'Two-factor sign-in fails after a phone change',
      portal_language: 'en-US',
      portal_contactid: CONTACT.crmrecordid,
      portal_portalid: PORTAL_ID,
      portal_sessionid: 'sess-1',
    })
    expect(res.body).toContain('id="casetrail-beacon"')
    expect(res.body).toContain('<script nonce="n0nce">')
    expect(res.body).toContain('sendBeacon')
  })

  it.each([
    ['/blogs/sign-in-changes', 'portal_viewblogpost'],
    ['/forums/locked-out-new-phone', 'portal_viewforumthread'],
  ])('beacons a view of %s as %s', async (path, type) => {
    expect((await renderSite(siteFor('community'), req(path, signedIn))).beaconItem).toMatchObject({ type })
  })

  it('beacons a search with its string, and nothing for an anonymous visitor', async () => {
    const res = await renderSite(
      siteFor('community'),
      req('/search', { ...signedIn, query: { q: 'invoice pdf' } }),
    )
    expect(res.beaconItem).toMatchObject({ type: 'portal_search', portal_searchstring: 'invoice pdf' })
    const anon = await renderSite(siteFor('community'), req('/knowledgebase/KA-01001'))
    expect(anon.beaconItem).toBeUndefined()
    expect(anon.body).not.toContain('casetrail-beacon')
  })

  it('lists the contacts one may sign in as on the sign-in page only in the demo, labelled as a demo', async () => {
    const demo = { local: true, registration: 'open' as const, demo: true }
    const res = await renderSite(
      siteFor('custom'),
      req('/signin', { query: { next: '/profile' }, signIn: demo }),
    )
    expect(res.body).toContain('Avery Lin')
    expect(res.body).toContain('Demo sign-in (CASETRAIL_DEMO is on)')
    expect(res.body).toContain('name="next" value="/profile"')
    // Issue 29: off the demo, no contact is listed and the form asks for an e-mail address and password.
    const real = await renderSite(
      siteFor('custom'),
      req('/signin', { query: { next: '/profile' }, signIn: { ...demo, demo: false } }),
    )
    expect(real.body).not.toContain('Avery Lin')
    expect(real.body).toContain('name="password"')
  })
})

describe('the form token', () => {
  it('is the first field of every form a page posts, and absent without one', async () => {
    const withToken = { ...signedIn, formToken: 'tok-1' }
    const pages = await Promise.all([
      renderSite(
        siteFor('custom'),
        req('/signin', { formToken: 'tok-1', signIn: { local: true, registration: 'open', demo: true } }),
      ),
      renderSite(
        siteFor('community'),
        req('/support', { ...withToken, support: async () => ({ cases: [] }) }),
      ),
      renderSite(
        siteFor('community'),
        req('/ideas', {
          ...withToken,
          ideas: async () => ({
            signedIn: true,
            ideas: [
              {
                id: 'i1',
                title: 'T',
                description: '',
                author: 'A',
                createdAt: '2026-11-01T10:00:00Z',
                votes: 1,
                votedByMe: false,
              },
            ],
          }),
        }),
      ),
    ])
    for (const { body } of pages) {
      const posting = body.match(/<form [^>]*method="post"[^>]*>/g) ?? []
      expect(posting.length).toBeGreaterThan(1)
      expect(
        body.match(/<form [^>]*method="post"[^>]*><input type="hidden" name="csrf" value="tok-1">/g),
      ).toHaveLength(posting.length)
    }
    const none = await renderSite(siteFor('community'), req('/', signedIn))
    expect(none.body).toContain('action="/signout"')
    expect(none.body).not.toContain('name="csrf"')
  })
})

describe('renderNotice', () => {
  it('says "Getting set up" with 503 and Retry-After, in the portal’s language', () => {
    const res = renderNotice({ language: 'en-US', kind: 'getting_set_up', portalName: 'Help' })
    expect(res.status).toBe(503)
    expect(res.headers).toMatchObject({ 'Retry-After': '30' })
    expect(res.body).toContain('Getting set up')
  })
})
