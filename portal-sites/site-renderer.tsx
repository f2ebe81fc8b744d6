/** @jsxImportSource hono/jsx */
import type { JSX } from 'hono/jsx/jsx-runtime'
import {
  HTML,
  IDEAS_PAGE_ID,
  type RenderRequest,
  SUPPORT_PAGE_ID,
  type Site,
  type SiteResponse,
  decodeSegment,
  fill,
  normalisePath,
  pagePaths,
  published,
  settingOn,
  siteContentFor,
  withLabels,
} from '../core/index.ts'
import type { PageLayout, SiteMarkerName, WebPage } from '../schemas/index.ts'
import { profileBody, signInBody } from './contact-pages.tsx'
import {
  articleBody,
  articleCard,
  blogBody,
  blogCard,
  contentBody,
  errorBody,
  homeBody,
  listBody,
  threadBody,
  threadCard,
} from './content-pages.tsx'
import { renderIdeasPanel } from './ideas-panel.tsx'
import { itemLink, signInPath } from './page-frame.ts'
import { breadcrumb, page } from './page-shell.tsx'
import { searchBody } from './search-page.tsx'
import { articleFeedback } from './article-feedback.tsx'
import { renderSupportPanel } from './support-panel.tsx'

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
    if (!p)
      return page(frame, {
        status: 404,
        title: c.pages.notFound.title,
        main: <h1>{c.pages.notFound.title}</h1>,
      })
    return page(frame, { status: 404, title: p.title, main: errorBody(frame, p), searchInBody: true })
  }
  const accessDenied = (): SiteResponse => {
    const p = markerPage('Access Denied')
    const signIn = signInPath(frame)
    const link = signIn ? (
      <p>
        <a class="button" href={`${signIn}?next=${encodeURIComponent(path)}`}>
          {c.nav.signIn}
        </a>
      </p>
    ) : null
    if (!p) {
      const title = c.pages.accessDenied.title
      return page(frame, {
        status: 403,
        title,
        main: (
          <>
            <h1>{title}</h1>
            {link}
          </>
        ),
      })
    }
    return page(frame, {
      status: 403,
      title: p.title,
      main: (
        <>
          {errorBody(frame, p)}
          {link}
        </>
      ),
      searchInBody: true,
    })
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
    card: (item: T) => JSX.Element,
    isChild: (item: T) => boolean,
    body: (item: T) => JSX.Element,
    beacon: (item: T) => Record<string, string>,
  ): SiteResponse => {
    if (child === null)
      return page(frame, { status: 200, title: listPage.title, main: listBody(listPage, items.map(card)) })
    const item = items.find(isChild)
    if (!item) return notFound()
    const trail = breadcrumb(
      frame,
      [[listPage.name, path.slice(0, path.lastIndexOf('/')) || '/']],
      item.title,
    )
    const main = (
      <>
        {trail}
        {'\n'}
        {body(item)}
      </>
    )
    return page(frame, { status: 200, title: item.title, main, beacon: beacon(item) })
  }

  const layout = layoutOf(found)
  switch (layout) {
    case 'home':
      return page(frame, {
        status: 200,
        title: found.title,
        main: homeBody(frame, found),
        searchInBody: true,
      })
    case 'content': {
      // Case Management's Support page carries the case form and "My cases".
      const panel =
        found.id === SUPPORT_PAGE_ID && req.support
          ? renderSupportPanel({
              language: c.language,
              action: path,
              formToken: req.formToken,
              state: await req.support(),
              signInHref: signInPath(frame) && `${signInPath(frame)}?next=${encodeURIComponent(path)}`,
            })
          : found.id === IDEAS_PAGE_ID && req.ideas
            ? renderIdeasPanel({
                language: c.language,
                action: path,
                formToken: req.formToken,
                state: await req.ideas(),
                signInHref: signInPath(frame) && `${signInPath(frame)}?next=${encodeURIComponent(path)}`,
              })
            : null
      return page(frame, { status: 200, title: found.title, main: contentBody(found, panel) })
    }
    case 'error':
      return page(frame, {
        status: 200,
        title: found.title,
        main: errorBody(frame, found),
        searchInBody: true,
      })
    case 'knowledge-base':
      return listOrItem(
        published(site.articles),
        (a) => articleCard(frame, a),
        (a) => a.articleNumber.toLowerCase() === child!.toLowerCase(),
        (a) => (
          <>
            {articleBody(a)}
            {'\n'}
            {articleFeedback(frame, a.id)}
          </>
        ),
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
      const { body, resultCount } = searchBody(frame, found, q, req.query.facet ?? '')
      return page(frame, {
        status: 200,
        title: q ? fill(c.ui.resultsFor, { query: q }) : found.title,
        main: body,
        searchInBody: true,
        // Every result the query found (all facets), so searches with none are knowledge gaps.
        beacon: q
          ? { type: 'portal_search', portal_searchstring: q, portal_searchresultcount: resultCount }
          : undefined,
      })
    }
    case 'profile':
      return page(frame, { status: 200, title: found.title, main: profileBody(frame, found) })
    case 'sign-in':
      return page(frame, { status: 200, title: found.title, main: await signInBody(frame, found) })
  }
}
