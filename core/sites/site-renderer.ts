import type { Interaction } from '../../schemas/index.ts'
import type { Contact } from '../tenancy/tenancy-schemas.ts'
import { escapeHtml as e, jsonForScript } from './html-escape.ts'
import { type IdeasState, renderIdeasPanel } from './ideas-panel.ts'
import { type SupportState, renderSupportPanel } from './support-panel.ts'
import { safeNext } from './safe-next.ts'
import { type SiteContent, type SiteUiLabels, fill, siteContentFor, withLabels } from './sample-content.ts'
import type { Site } from './site-repository.ts'
import type {
  BlogPost,
  ForumThread,
  KnowledgeArticle,
  PageLayout,
  SiteMarkerName,
  WebPage,
} from './site-records.ts'

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** What a page beacons: an interaction without the id and time the browser adds. */
export type BeaconItem = DistributiveOmit<Interaction, 'portal_interactionid' | 'portal_timestamp'>

/** A signed-in contact browsing the site. */
export interface SiteVisitor {
  contact: Contact
  sessionId: string
}

/** Where a page's beacon goes, and the short-lived token it carries (never a key). */
export interface BeaconTarget {
  endpoint: string
  token: string
  portalId: string
}

/** One request to a portal's site, with what the renderer needs beyond the records. */
export interface RenderRequest {
  /** The decoded path, starting with `/`. */
  path: string
  query: Readonly<Record<string, string | undefined>>
  visitor: SiteVisitor | null
  /** Null when the portal sends to no hub (or no one is signed in). */
  beacon: BeaconTarget | null
  /** The contacts one may sign in as (read only by the sign-in page). */
  contacts: () => Promise<Contact[]>
  /** The Support page's case panel (null state: no one signed in); absent without case management. */
  support?: () => Promise<SupportState | null>
  /** The Ideas page's list and form; absent where ideas are not stored. */
  ideas?: () => Promise<IdeasState>
  now: number
  /** The Content-Security-Policy nonce the page's script carries. */
  nonce?: string
  /** The site's UI words from the installed metadata labels, in the site's language (null: the built-in ones). */
  labels?: SiteUiLabels | null
}

/** A rendered answer: status, type and body, and the interaction the page beacons (if any). */
export interface SiteResponse {
  status: number
  contentType: string
  body: string
  headers?: Record<string, string>
  beaconItem?: BeaconItem
}

const HTML = 'text/html; charset=utf-8'

/** Runs in the browser: adds an id and the time to the page's interaction and sends it to the hub. */
const BEACON_SCRIPT = `(function () {
  var el = document.getElementById('casetrail-beacon');
  if (!el) return;
  var cfg = JSON.parse(el.textContent);
  var b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  var item = Object.assign({}, cfg.item, {
    portal_interactionid: h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20),
    portal_timestamp: new Date().toISOString()
  });
  var body = JSON.stringify(item);
  var sent = false;
  try {
    sent = navigator.sendBeacon(cfg.endpoint + '?sas=' + encodeURIComponent(cfg.token), new Blob([body], { type: 'text/plain' }));
  } catch (err) { sent = false; }
  if (!sent) {
    fetch(cfg.endpoint, { method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json', Authorization: cfg.token }, body: body });
  }
  document.documentElement.setAttribute('data-beacon', sent ? 'beacon' : 'fetch');
})();`

const paragraphs = (text: string): string =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${e(p)}</p>`)
    .join('\n')

const published = <T extends { publishingState: string }>(items: readonly T[]): T[] =>
  items.filter((i) => i.publishingState === 'Published')

/** Paths of the site's published pages (a page's path is its parents' partial URLs joined). */
export function pagePaths(site: Site): Map<string, WebPage> {
  const byId = new Map(site.pages.map((p) => [p.id, p]))
  const out = new Map<string, WebPage>()
  const pathOf = (p: WebPage, depth = 0): string | null => {
    if (depth > 20) return null
    if (p.parentPageId === null) return p.partialUrl === '' ? '/' : `/${p.partialUrl}`
    const parent = byId.get(p.parentPageId)
    if (!parent) return null
    const base = pathOf(parent, depth + 1)
    if (base === null) return null
    return base === '/' ? `/${p.partialUrl}` : `${base}/${p.partialUrl}`
  }
  for (const p of published(site.pages)) {
    const path = pathOf(p)
    if (path !== null && !out.has(path)) out.set(path, p)
  }
  return out
}

/** Whether a site setting holds "true" (settings are text). */
const settingOn = (site: Site, name: string, fallback: boolean): boolean => {
  const v = site.settings.get(name)
  return v === undefined ? fallback : v.trim().toLowerCase() === 'true'
}

/**
 * Renders a portal's site from its records: the page at a path (by the
 * pages' partial URLs and templates), honouring publishing states, the site
 * markers (Home, Search, Profile, Page Not Found, Access Denied), the web files
 * (theme CSS), and site settings (`Search/Enabled`, `Search/FacetedSearch`,
 * `Theme/AccentColor`, `Footer/Text`). A signed-in visitor's page carries the
 * interaction it beacons to the portal's hub.
 */
export async function renderSite(site: Site, req: RenderRequest): Promise<SiteResponse> {
  const language = site.website?.language ?? 'en-US'
  const c = withLabels(siteContentFor(language), req.labels)
  const paths = pagePaths(site)
  const pathOfPage = new Map([...paths].map(([path, p]) => [p.id, path]))
  const markerPage = (name: SiteMarkerName): WebPage | null => {
    const id = site.markers.get(name)
    const p = id ? site.pages.find((x) => x.id === id) : undefined
    return p && p.publishingState === 'Published' ? p : null
  }
  const markerPath = (name: SiteMarkerName): string | null => {
    const p = markerPage(name)
    return p ? (pathOfPage.get(p.id) ?? null) : null
  }
  const layoutOf = (p: WebPage): PageLayout => site.templates.get(p.templateId)?.layout ?? 'content'
  const searchEnabled = settingOn(site, 'Search/Enabled', true)
  const frame = { site, c, req, markerPath, paths, searchEnabled }

  const path = normalisePath(req.path)

  // Web files first: the theme's CSS answers at its partial URL.
  const file = published(site.files).find((f) => `/${f.partialUrl}` === path)
  if (file) return { status: 200, contentType: `${file.contentType}; charset=utf-8`, body: file.content }

  const notFound = (): SiteResponse => {
    const p = markerPage('Page Not Found')
    if (!p) return page(frame, 404, c.pages.notFound.title, `<h1>${e(c.pages.notFound.title)}</h1>`)
    return page(frame, 404, p.title, errorBody(frame, p))
  }
  const accessDenied = (): SiteResponse => {
    const p = markerPage('Access Denied')
    const signIn = signInPath(frame)
    const link = signIn
      ? `<p><a class="button" href="${e(`${signIn}?next=${encodeURIComponent(path)}`)}">${e(c.nav.signIn)}</a></p>`
      : ''
    if (!p)
      return page(frame, 403, c.pages.accessDenied.title, `<h1>${e(c.pages.accessDenied.title)}</h1>${link}`)
    return page(frame, 403, p.title, `${errorBody(frame, p)}${link}`)
  }

  // Links by record id (what a journey knows: `portal_knowledgearticleid`, …)
  // resolve to the item's page, so the case form's widget can link back here.
  // A search the widget shows opens the portal's results for that string.
  const goSearch = /^\/go\/search\/([^/]+)$/.exec(path)
  if (goSearch) {
    const q = decodeSegment(goSearch[1]!)
    const base = frame.markerPath('Search')
    if (!q || !base || !searchEnabled) return notFound()
    return {
      status: 302,
      contentType: HTML,
      body: '',
      headers: { Location: `${base}?q=${encodeURIComponent(q)}` },
    }
  }
  const go = /^\/go\/(article|blogpost|forumthread)\/([^/]+)$/.exec(path)
  if (go) {
    const id = decodeSegment(go[2]!)?.toLowerCase()
    const target =
      go[1] === 'article'
        ? itemLink(frame, 'knowledge-base', published(site.articles).find((a) => a.id === id)?.articleNumber)
        : go[1] === 'blogpost'
          ? itemLink(frame, 'blogs', published(site.blogPosts).find((b) => b.id === id)?.slug)
          : itemLink(frame, 'forums', published(site.forumThreads).find((t) => t.id === id)?.slug)
    if (!target) return notFound()
    return { status: 302, contentType: HTML, body: '', headers: { Location: target } }
  }

  // The Home marker names the page the site's root shows.
  const home = markerPage('Home')
  let found = path === '/' && home ? home : paths.get(path)
  let child: string | null = null
  if (!found) {
    const cut = path.lastIndexOf('/')
    const parent = paths.get(cut === 0 ? '/' : path.slice(0, cut))
    if (parent && ['knowledge-base', 'blogs', 'forums'].includes(layoutOf(parent))) {
      found = parent
      child = decodeSegment(path.slice(cut + 1))
    }
  }
  if (!found) return notFound()
  if (found.requiresSignIn && !req.visitor) return accessDenied()

  const listPage = found
  /** A list page (knowledge base, blogs, forums): the list itself, or one item of it, which beacons. */
  const listOrItem = <T extends { title: string }>(
    items: T[],
    card: (item: T) => string,
    isChild: (item: T) => boolean,
    body: (item: T) => string,
    beacon: (item: T) => Record<string, string>,
  ): SiteResponse => {
    if (child === null) return page(frame, 200, listPage.title, listBody(listPage, items.map(card)))
    const item = items.find(isChild)
    if (!item) return notFound()
    const trail = breadcrumb(
      frame,
      [[listPage.name, path.slice(0, path.lastIndexOf('/')) || '/']],
      item.title,
    )
    return page(frame, 200, item.title, `${trail}\n${body(item)}`, beacon(item))
  }

  const layout = layoutOf(found)
  switch (layout) {
    case 'home':
      return page(frame, 200, found.title, homeBody(frame, found))
    case 'content': {
      // Case Management's Support page carries the case form and "My cases".
      const panel =
        found.id === SUPPORT_PAGE_ID && req.support
          ? renderSupportPanel({
              language: c.language,
              action: path,
              state: await req.support(),
              signInHref: signInPath(frame) && `${signInPath(frame)}?next=${encodeURIComponent(path)}`,
            })
          : found.id === IDEAS_PAGE_ID && req.ideas
            ? renderIdeasPanel({
                language: c.language,
                action: path,
                state: await req.ideas(),
                signInHref: signInPath(frame) && `${signInPath(frame)}?next=${encodeURIComponent(path)}`,
              })
            : ''
      return page(
        frame,
        200,
        found.title,
        `<h1>${e(found.title)}</h1>\n<div class="lead">${paragraphs(found.copy)}</div>${panel}`,
      )
    }
    case 'error':
      return page(frame, 200, found.title, errorBody(frame, found))
    case 'knowledge-base':
      return listOrItem(
        published(site.articles),
        (a) => articleCard(frame, a),
        (a) => a.articleNumber.toLowerCase() === child!.toLowerCase(),
        articleBody,
        (a) => ({
          type: 'portal_viewknowledgearticle',
          portal_knowledgearticleid: a.id,
          portal_knowledgetitle: a.title,
          portal_language: a.language,
        }),
      )
    case 'blogs':
      return listOrItem(
        published(site.blogPosts),
        (p) => blogCard(frame, p),
        (p) => p.slug === child,
        (p) => blogBody(frame, p),
        (p) => ({ type: 'portal_viewblogpost', portal_blogpostid: p.id, portal_blogtitle: p.title }),
      )
    case 'forums':
      return listOrItem(
        published(site.forumThreads),
        (t) => threadCard(frame, t),
        (t) => t.slug === child,
        threadBody,
        (t) => ({
          type: 'portal_viewforumthread',
          portal_forumthreadid: t.id,
          portal_forumthreadtitle: t.title,
        }),
      )
    case 'search': {
      if (!searchEnabled) return notFound()
      const q = (req.query.q ?? '').trim().slice(0, 200)
      const body = searchBody(frame, found, q, req.query.facet ?? '')
      return page(
        frame,
        200,
        q ? fill(c.ui.resultsFor, { query: q }) : found.title,
        body,
        q ? { type: 'portal_search', portal_searchstring: q } : undefined,
      )
    }
    case 'profile':
      return page(frame, 200, found.title, profileBody(frame, found))
    case 'sign-in':
      return page(frame, 200, found.title, await signInBody(frame, found))
  }
}

type Frame = {
  site: Site
  c: SiteContent
  req: RenderRequest
  markerPath: (name: SiteMarkerName) => string | null
  paths: Map<string, WebPage>
  searchEnabled: boolean
}

/**
 * The way back from an item: Home, then the list it belongs to, then the
 * item itself (not a link), as an ordered list in a labelled `nav`.
 */
function breadcrumb(
  f: Frame,
  parents: ReadonlyArray<readonly [string, string | null]>,
  current: string,
): string {
  const home = f.markerPath('Home') ?? '/'
  const links = [[f.c.nav.home, home] as const, ...parents]
    .map(([label, href]) => `<li>${href ? `<a href="${e(href)}">${e(label)}</a>` : e(label)}</li>`)
    .join('')
  return `<nav class="crumbs" aria-label="${e(f.c.ui.breadcrumb)}"><ol>${links}<li aria-current="page">${e(current)}</li></ol></nav>`
}

function normalisePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  return trimmed === '' ? '/' : trimmed.toLowerCase()
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** The id of the page Case Management installs: the Support page, where contacts open cases. */
export const SUPPORT_PAGE_ID = 'support'

/** The id of the page the Ideas package installs (Community portals): contacts suggest ideas and vote. */
export const IDEAS_PAGE_ID = 'ideas'

/** The path of the site's (published) Ideas page, or null. */
export function ideasPagePath(site: Site): string | null {
  for (const [path, p] of pagePaths(site)) if (p.id === IDEAS_PAGE_ID) return path
  return null
}

/** The path of the site's (published) Support page, or null. */
export function supportPagePath(site: Site): string | null {
  for (const [path, p] of pagePaths(site)) if (p.id === SUPPORT_PAGE_ID) return path
  return null
}

/** The path of the site's (published) sign-in page, or null. */
export function signInPagePath(site: Site): string | null {
  for (const [path, p] of pagePaths(site))
    if (site.templates.get(p.templateId)?.layout === 'sign-in') return path
  return null
}

const signInPath = (f: Frame): string | null => signInPagePath(f.site)

const pathOfLayout = (f: Frame, layout: PageLayout): string | null => {
  for (const [path, p] of f.paths) if (f.site.templates.get(p.templateId)?.layout === layout) return path
  return null
}

const itemLink = (f: Frame, layout: PageLayout, child: string | undefined): string | null => {
  if (child === undefined) return null
  const base = pathOfLayout(f, layout)
  return base ? `${base}/${encodeURIComponent(child)}` : null
}

const articleCard = (f: Frame, a: KnowledgeArticle): string =>
  card(itemLink(f, 'knowledge-base', a.articleNumber), a.title, a.summary)
const blogCard = (f: Frame, p: BlogPost): string => card(itemLink(f, 'blogs', p.slug), p.title, p.summary)
const threadCard = (f: Frame, t: ForumThread): string =>
  card(itemLink(f, 'forums', t.slug), t.title, `${t.forum} · ${t.posts[0]?.body ?? ''}`)

function card(href: string | null, title: string, text: string): string {
  const head = href ? `<a href="${e(href)}"><strong>${e(title)}</strong></a>` : `<strong>${e(title)}</strong>`
  return `<li>${head}<p>${e(text)}</p></li>`
}

const listBody = (p: WebPage, cards: string[]): string =>
  `<h1>${e(p.title)}</h1>\n<div class="lead">${paragraphs(p.copy)}</div>\n<ul class="cards">${cards.join('\n')}</ul>`

function searchForm(f: Frame, value: string, inHeader: boolean): string {
  const action = f.markerPath('Search')
  if (!action || !f.searchEnabled) return ''
  return `<form class="search" action="${e(action)}" method="get" role="search"><input type="search" name="q" value="${e(value)}" placeholder="${e(f.c.ui.searchPlaceholder)}" aria-label="${e(f.c.ui.searchButton)}"${inHeader ? '' : ' autofocus'}><button type="submit">${e(f.c.ui.searchButton)}</button></form>`
}

function homeBody(f: Frame, p: WebPage): string {
  const sections: string[] = []
  const articles = published(f.site.articles).slice(0, 3)
  const posts = published(f.site.blogPosts).slice(0, 2)
  const threads = published(f.site.forumThreads).slice(0, 2)
  const section = (layout: PageLayout, heading: string, cards: string[]) => {
    if (cards.length === 0) return
    const link = pathOfLayout(f, layout)
    sections.push(
      `<section><h2>${link ? `<a href="${e(link)}">${e(heading)}</a>` : e(heading)}</h2><ul class="cards">${cards.join('\n')}</ul></section>`,
    )
  }
  section(
    'knowledge-base',
    f.c.ui.articles,
    articles.map((a) => articleCard(f, a)),
  )
  section(
    'blogs',
    f.c.ui.blogPosts,
    posts.map((x) => blogCard(f, x)),
  )
  section(
    'forums',
    f.c.ui.forumThreads,
    threads.map((t) => threadCard(f, t)),
  )
  return `<h1>${e(p.title)}</h1>\n<div class="lead">${paragraphs(p.copy)}</div>\n${searchForm(f, '', false)}\n${sections.join('\n')}`
}

const errorBody = (f: Frame, p: WebPage): string =>
  `<h1>${e(p.title)}</h1>\n<div class="lead">${paragraphs(p.copy)}</div>\n${searchForm(f, '', false)}`

const articleBody = (a: KnowledgeArticle): string =>
  `<article class="item"><p class="meta">${e(a.articleNumber)} · ${e(a.language)}</p><h1>${e(a.title)}</h1>\n<p class="lead">${e(a.summary)}</p>\n${paragraphs(a.body)}</article>`

const blogBody = (f: Frame, p: BlogPost): string =>
  `<article class="item"><p class="meta">${e(new Date(p.postedAt).toLocaleDateString(f.c.language, { dateStyle: 'long' }))} · ${e(f.c.ui.postedBy)} ${e(p.author)}</p><h1>${e(p.title)}</h1>\n<p class="lead">${e(p.summary)}</p>\n${paragraphs(p.body)}</article>`

const threadBody = (t: ForumThread): string =>
  `<article class="item"><p class="meta">${e(t.forum)}</p><h1>${e(t.title)}</h1>\n${t.posts
    .map((p) => `<div class="post"><p class="meta">${e(p.author)}</p>${paragraphs(p.body)}</div>`)
    .join('\n')}</article>`

/** Every search token (lower case) must appear in the item's text. */
const matches = (tokens: readonly string[], ...fields: string[]): boolean => {
  const text = fields.join(' ').toLowerCase()
  return tokens.every((t) => text.includes(t))
}

function searchBody(f: Frame, p: WebPage, q: string, facet: string): string {
  const faceted = settingOn(f.site, 'Search/FacetedSearch', false)
  const tokens = q
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '')
  const groups = [
    {
      id: 'knowledge',
      label: f.c.ui.articles,
      cards: published(f.site.articles)
        .filter((a) => matches(tokens, a.title, a.summary, a.body, a.keywords.join(' ')))
        .map((a) => articleCard(f, a)),
    },
    {
      id: 'blogs',
      label: f.c.ui.blogPosts,
      cards: published(f.site.blogPosts)
        .filter((x) => matches(tokens, x.title, x.summary, x.body))
        .map((x) => blogCard(f, x)),
    },
    {
      id: 'forums',
      label: f.c.ui.forumThreads,
      cards: published(f.site.forumThreads)
        .filter((t) => matches(tokens, t.title, t.forum, ...t.posts.map((x) => x.body)))
        .map((t) => threadCard(f, t)),
    },
  ]
  const chosen = faceted && groups.some((g) => g.id === facet) ? facet : ''
  const head = `<h1>${e(q ? fill(f.c.ui.resultsFor, { query: q }) : p.title)}</h1>\n${searchForm(f, q, false)}`
  if (!q) return head
  const base = f.markerPath('Search') ?? '/search'
  const facets = faceted
    ? `<nav class="facets" aria-label="facets"><a class="${chosen === '' ? 'on' : ''}" href="${e(`${base}?q=${encodeURIComponent(q)}`)}">${e(f.c.ui.allResults)} (${groups.reduce((n, g) => n + g.cards.length, 0)})</a>${groups
        .filter((g) => g.cards.length > 0)
        .map(
          (g) =>
            `<a class="${chosen === g.id ? 'on' : ''}" href="${e(`${base}?q=${encodeURIComponent(q)}&facet=${g.id}`)}">${e(g.label)} (${g.cards.length})</a>`,
        )
        .join('')}</nav>`
    : ''
  const shown = groups.filter((g) => g.cards.length > 0 && (chosen === '' || g.id === chosen))
  const results =
    shown.length === 0
      ? `<p class="lead" id="no-results">${e(f.c.ui.noResults)}</p>`
      : shown
          .map((g) => `<section><h2>${e(g.label)}</h2><ul class="cards">${g.cards.join('\n')}</ul></section>`)
          .join('\n')
  return `${head}\n${facets}\n${results}`
}

function profileBody(f: Frame, p: WebPage): string {
  const who = f.req.visitor!.contact
  return `<h1>${e(p.title)}</h1>\n<div class="lead">${paragraphs(p.copy)}</div>\n<dl><dt>Name</dt><dd>${e(who.name)}</dd><dt>E-mail</dt><dd>${e(who.email)}</dd>${who.accountName ? `<dt>Account</dt><dd>${e(who.accountName)}</dd>` : ''}</dl>`
}

async function signInBody(f: Frame, p: WebPage): Promise<string> {
  const contacts = await f.req.contacts()
  const next = safeNext(f.req.query.next)
  const items = contacts
    .map(
      (ct) =>
        `<li><form method="post" action="${e(pathOfLayout(f, 'sign-in') ?? '/signin')}"><input type="hidden" name="contactId" value="${e(ct.crmrecordid)}"><input type="hidden" name="next" value="${e(next)}"><button type="submit" data-contact="${e(ct.crmrecordid)}"><strong>${e(ct.name)}</strong><br><span class="meta">${e(ct.email)}${ct.accountName ? ` · ${e(ct.accountName)}` : ''}</span></button></form></li>`,
    )
    .join('\n')
  return `<h1>${e(p.title)}</h1>\n<div class="lead">${paragraphs(p.copy)}</div>\n<ul class="contacts">${items}</ul>`
}

/**
 * Header and footer output, kept per loaded site (a new load after any
 * write makes a new site object) while the `Header/OutputCache/Enabled` and
 * `Footer/OutputCache/Enabled` settings are on (the default): pages then
 * skip rebuilding the navigation, which walks every page's path.
 */
const outputCaches = new WeakMap<Site, Map<string, string>>()
const outputCacheOf = (site: Site): Map<string, string> => {
  let cache = outputCaches.get(site)
  if (!cache) {
    cache = new Map()
    outputCaches.set(site, cache)
  }
  return cache
}
const cached = (cache: Map<string, string>, key: string, on: boolean, build: () => string): string => {
  if (!on) return build()
  let hit = cache.get(key)
  if (hit === undefined) {
    hit = build()
    cache.set(key, hit)
  }
  return hit
}

function page(
  f: Frame,
  status: number,
  title: string,
  main: string,
  beacon?: Record<string, string>,
): SiteResponse {
  const { site, c, req } = f
  const siteName = site.website?.name ?? ''
  const accent = site.settings.get('Theme/AccentColor') ?? ''
  const files = published(site.files)
  const css = files
    .filter((x) => x.contentType === 'text/css')
    .map((x) => `<link rel="stylesheet" href="/${e(x.partialUrl)}">`)
    .join('')
  const icon = files.find((x) => x.contentType === 'image/svg+xml' && x.partialUrl.startsWith('favicon'))
  // Without an icon web file, say so, or the browser asks for /favicon.ico and meets Page Not Found.
  const iconLink = `<link rel="icon" href="${icon ? `/${e(icon.partialUrl)}` : 'data:,'}">`
  const cache = outputCacheOf(site)
  // The section a page belongs to: the navigation entry whose path is the page's or a parent of it.
  const here = normalisePath(req.path)
  const inSection = (path: string) => here === path || (path !== '/' && here.startsWith(`${path}/`))
  const navEntries = cached(cache, 'nav', settingOn(site, 'Header/OutputCache/Enabled', true), () =>
    JSON.stringify(
      published(site.pages)
        .filter((p) => p.showInNav)
        .map((p) => [p.name, [...f.paths].find(([, x]) => x.id === p.id)?.[0]] as const)
        .filter((pair): pair is readonly [string, string] => pair[1] !== undefined),
    ),
  )
  const nav = (JSON.parse(navEntries) as [string, string][])
    .map(
      ([name, path]) =>
        `<a href="${e(path)}"${here === path ? ' aria-current="page"' : inSection(path) ? ' aria-current="true"' : ''}>${e(name)}</a>`,
    )
    .join('')
  const signIn = signInPath(f)
  const profile = f.markerPath('Profile')
  const who = req.visitor
    ? `<div class="who"><span>${e(fill(c.ui.signedInAs, { name: req.visitor.contact.name }))}</span>${profile ? `<a href="${e(profile)}">${e(c.nav.profile)}</a>` : ''}<form method="post" action="/signout"><button type="submit">${e(c.nav.signOut)}</button></form></div>`
    : signIn
      ? `<div class="who"><a href="${e(`${signIn}?next=${encodeURIComponent(normalisePath(req.path))}`)}">${e(c.nav.signIn)}</a></div>`
      : ''
  const year = String(new Date(req.now).getUTCFullYear())
  const footer = cached(cache, `footer ${year}`, settingOn(site, 'Footer/OutputCache/Enabled', true), () =>
    fill(site.settings.get('Footer/Text') ?? '', { year }),
  )
  let beaconItem: BeaconItem | undefined
  let script = ''
  if (beacon && req.visitor && req.beacon) {
    beaconItem = {
      ...beacon,
      portal_contactid: req.visitor.contact.crmrecordid,
      portal_portalid: req.beacon.portalId,
      portal_sessionid: req.visitor.sessionId,
    } as BeaconItem
    script = `<script type="application/json" id="casetrail-beacon">${jsonForScript({ endpoint: req.beacon.endpoint, token: req.beacon.token, item: beaconItem })}</script>\n<script${req.nonce ? ` nonce="${e(req.nonce)}"` : ''}>${BEACON_SCRIPT}</script>`
  }
  // Pages whose body has a search box (home, search, errors) do not repeat it in the header.
  const headerSearch = main.includes('role="search"') ? '' : searchForm(f, '', true)
  const body = `<!doctype html>
<html lang="${e(c.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} · ${e(siteName)}</title>
${iconLink}${css}${/^#[0-9a-fA-F]{3,8}$/.test(accent) ? `<style>:root { --accent: ${accent}; }</style>` : ''}
</head>
<body>
<header class="site"><div class="bar"><a class="brand" href="${e(f.markerPath('Home') ?? '/')}">${e(siteName)}</a><nav>${nav}</nav></div><div class="bar">${headerSearch}${who}</div></header>
<main>
${main}
</main>
<footer class="site">${e(footer)}</footer>
${script}
</body>
</html>
`
  return { status, contentType: HTML, body, ...(beaconItem ? { beaconItem } : {}) }
}

/** Why a portal host shows a notice instead of its site. */
export type NoticeKind =
  | 'getting_set_up'
  | 'no_portal'
  | 'offline'
  | 'ip_restricted'
  | 'administration_mode'
  | 'form_too_large'

/** Each notice's status code. */
const NOTICE_STATUS: Readonly<Record<NoticeKind, number>> = {
  getting_set_up: 503,
  no_portal: 404,
  offline: 503,
  ip_restricted: 403,
  administration_mode: 503,
  form_too_large: 413,
}

/**
 * A plain page for a portal host whose site cannot be shown: "Getting set
 * up", no portal at all, the portal turned off ("offline"), a visitor its IP
 * restrictions keep out, administration mode, or a form post larger than the
 * site accepts (413, naming the limit: `limitBytes`).
 */
export function renderNotice(options: {
  language: string
  kind: NoticeKind
  portalName?: string
  /** The byte limit a `form_too_large` notice names. */
  limitBytes?: number
}): SiteResponse {
  const c = siteContentFor(options.language)
  const texts: Record<NoticeKind, [string, string]> = {
    getting_set_up: [c.ui.gettingSetUpTitle, c.ui.gettingSetUpCopy],
    no_portal: [c.ui.noPortalTitle, c.ui.noPortalCopy],
    offline: [c.ui.offlineTitle, c.ui.offlineCopy],
    ip_restricted: [c.ui.restrictedTitle, c.ui.restrictedCopy],
    administration_mode: [c.ui.maintenanceTitle, c.ui.maintenanceCopy],
    form_too_large: [
      c.ui.formTooLargeTitle,
      fill(c.ui.formTooLargeCopy, { limit: `${Math.floor((options.limitBytes ?? 0) / 1024)} KiB` }),
    ],
  }
  const [title, copy] = texts[options.kind]
  const body = `<!doctype html>
<html lang="${e(c.language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${e(title)}</title>
<style>body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1f24;background:#f6f8fa}.notice{max-width:560px;margin:15vh auto;text-align:center;padding:0 20px}.spinner{width:36px;height:36px;margin:0 auto 20px;border:4px solid #dde2e8;border-top-color:#2266e3;border-radius:50%;animation:spin 1s linear infinite}@keyframes spin{to{transform:rotate(360deg)}}</style>
</head>
<body><div class="notice" data-notice="${options.kind}">${options.kind === 'getting_set_up' ? '<div class="spinner"></div>' : ''}<h1>${e(title)}</h1><p>${e(copy)}</p>${options.portalName ? `<p><small>${e(options.portalName)}</small></p>` : ''}</div></body>
</html>
`
  return {
    status: NOTICE_STATUS[options.kind],
    contentType: HTML,
    body,
    headers:
      options.kind === 'getting_set_up'
        ? { 'Retry-After': '30', 'Cache-Control': 'no-store' }
        : options.kind === 'no_portal'
          ? {}
          : { 'Cache-Control': 'no-store' },
  }
}
