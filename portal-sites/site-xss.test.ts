import { describe, expect, it } from 'vitest'
import { type NoticeKind, type RenderRequest, packagesFor } from '../core/index.ts'
import { type PackageId, packageRecords, sampleRecords, toSite } from '../core/testing.ts'
import type { SiteRecord } from '../schemas/index.ts'
import { renderAccountPage } from './account-pages.tsx'
import { renderConsentPage, renderOidcRefusal } from './oidc-pages.tsx'
import { renderSite } from './site-renderer.tsx'
import { renderNotice } from './site-notice.tsx'

/** Strings that would run script, or break out of an attribute or an element, if written unescaped. */
const CORPUS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><script>alert(1)</script>',
  '</style><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<!--<script>-->',
] as const

const PORTAL_ID = '9f1e2d3c-4b5a-4697-8877-665544332211'
const hostile = (i: number) => `x ${CORPUS[i % CORPUS.length]} y`

/** Every text a record holds that a page shows, replaced by a string of the corpus. */
function poisoned(records: SiteRecord[]): SiteRecord[] {
  let i = 0
  const next = () => hostile(i++)
  return records.map((r) => {
    switch (r.kind) {
      case 'website':
        return { ...r, name: next() }
      case 'web_page':
        return { ...r, name: next(), title: next(), copy: `${next()}\n\n${next()}` }
      case 'knowledge_article':
        return { ...r, title: next(), summary: next(), body: next() }
      case 'blog_post':
        return { ...r, title: next(), summary: next(), body: next(), author: next() }
      case 'forum_thread':
        return {
          ...r,
          title: next(),
          forum: next(),
          posts: r.posts.map(() => ({ author: next(), body: next() })),
        }
      case 'site_setting':
        return r.name === 'Footer/Text' ? { ...r, value: next() } : r
      default:
        return r
    }
  })
}

function site(type: 'community' | 'customer_self_service' | 'custom') {
  const ctx = { portalId: PORTAL_ID, portalName: hostile(0), language: 'en-US', facetedSearch: true }
  const ids = new Set<PackageId>(packagesFor(type).map((p) => p.id))
  return toSite(
    poisoned([
      ...[...ids].flatMap((id) => packageRecords(id, ctx)),
      ...sampleRecords(
        ctx,
        { knowledge: ids.has('knowledge_management'), blogs: ids.has('blogs'), forums: ids.has('forums') },
        Date.parse('2026-11-02T09:00:00Z'),
      ),
    ]),
  )
}

const contact = {
  crmrecordid: '0b8f6d2e-1c3a-4e5f-9a7b-2c4d6e8f0a1b',
  name: hostile(1),
  email: hostile(2),
  accountName: hostile(3),
}
const form = {
  values: { title: hostile(4), description: hostile(3), category: hostile(1) },
  errors: [
    { path: 'title', message: hostile(5) },
    { path: 'description', message: hostile(6) },
  ],
}
const req = (path: string, query: Record<string, string> = {}): RenderRequest => ({
  path,
  query,
  visitor: { contact, sessionId: 'sess-1' },
  beacon: { endpoint: 'https://ct.example/v1/i', token: hostile(3), portalId: PORTAL_ID },
  contacts: async () => [contact],
  now: Date.parse('2026-11-02T10:00:00Z'),
  nonce: 'n0nce',
  signIn: {
    local: true,
    registration: 'open',
    demo: true,
    providers: [{ id: hostile(2), name: hostile(0) }],
    notice: hostile(4),
    email: hostile(1),
  },
  support: async () => ({
    cases: [
      {
        caseNumber: hostile(0),
        title: hostile(1),
        status: hostile(2),
        category: null,
        createdAt: '2026-11-01T10:00:00Z',
      },
    ],
    opened: hostile(0),
    form,
  }),
  ideas: async () => ({
    signedIn: true,
    submitted: hostile(5),
    form,
    ideas: [
      {
        id: hostile(6),
        title: hostile(0),
        description: hostile(1),
        author: hostile(2),
        createdAt: '2026-11-01T10:00:00Z',
        votes: 2,
        votedByMe: true,
      },
    ],
  }),
})

/** Fails on a payload written as is, or on a script element the page did not mean to write. */
function expectInert(body: string) {
  for (const payload of CORPUS) expect(body).not.toContain(payload)
  const scripts = body.match(/<script\b[^>]*>/g) ?? []
  for (const tag of scripts)
    expect(tag).toMatch(
      /^<script (type="application\/json" id="casetrail-(beacon|feedback)"|nonce="n0nce")>$/,
    )
  expect(body).not.toMatch(/<(img|svg)\b/)
}

describe('portal pages and the XSS corpus', () => {
  const paths = [
    '/',
    '/nope',
    '/profile',
    '/knowledgebase',
    '/knowledgebase/KA-01002',
    '/blogs',
    '/blogs/sign-in-changes',
    '/forums',
    '/forums/locked-out-new-phone',
    '/ideas',
    '/support',
    '/signin',
  ]
  it.each(['community', 'customer_self_service', 'custom'] as const)(
    'writes nothing of the corpus as markup on a %s site',
    async (type) => {
      const s = site(type)
      for (const path of paths) expectInert((await renderSite(s, req(path, { next: hostile(1) }))).body)
      for (const q of CORPUS)
        expectInert((await renderSite(s, req('/search', { q, facet: 'knowledge' }))).body)
    },
  )

  it('writes nothing of the corpus as markup on a notice, an account page or the consent page', () => {
    const kinds: NoticeKind[] = [
      'getting_set_up',
      'no_portal',
      'offline',
      'ip_restricted',
      'administration_mode',
      'form_too_large',
      'form_expired',
      'too_many_requests',
    ]
    for (const kind of kinds)
      expectInert(renderNotice({ language: 'en-US', kind, portalName: hostile(0) }).body)
    expectInert(
      renderAccountPage({
        language: 'en-US',
        title: hostile(0),
        copy: hostile(1),
        notice: { tone: 'bad', text: hostile(2) },
        items: [hostile(3)],
        form: {
          action: hostile(4),
          fields: [
            { kind: 'hidden', name: hostile(5), value: hostile(6) },
            { kind: 'email', value: hostile(0), readonly: true },
            { kind: 'password', label: hostile(1), autocomplete: 'new-password' },
          ],
          submit: hostile(2),
          choices: [{ value: hostile(3), text: hostile(4) }],
        },
        links: [{ href: hostile(5), text: hostile(6) }],
      }).body,
    )
    expectInert(
      renderConsentPage({
        language: 'en-US',
        portalName: hostile(0),
        providerName: hostile(1),
        pendingId: hostile(2),
        name: hostile(3),
        email: hostile(4),
      }).body,
    )
    expectInert(
      renderOidcRefusal({
        language: 'en-US',
        code: 'declined',
        providerName: hostile(5),
        signInPath: hostile(6),
      }).body,
    )
  })
})
