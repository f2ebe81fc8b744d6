/** @jsxImportSource hono/jsx */
import type { JSX } from 'hono/jsx/jsx-runtime'
import { PostForm } from './post-form.tsx'
import { SEND_INTERACTION_JS } from './send-interaction.ts'
import { type Frame, signInPath } from './page-frame.ts'
import {
  type BeaconItem,
  HTML,
  type Site,
  type SiteResponse,
  fill,
  normalisePath,
  published,
  settingOn,
} from '../core/index.ts'
import {
  JsonScript,
  TrustedScript,
  TrustedStyle,
  accentCss,
  htmlDocument,
  trustedCode,
} from './trusted-html.tsx'

/** Runs in the browser: adds an id and the time to the page's interaction and sends it to the hub. */
const BEACON_SCRIPT = trustedCode(`(function () {
  ${SEND_INTERACTION_JS}
  var el = document.getElementById('casetrail-beacon');
  if (!el) return;
  var sent = sendInteraction(JSON.parse(el.textContent), {});
  document.documentElement.setAttribute('data-beacon', sent ? 'beacon' : 'fetch');
})();`)

/**
 * The way back from an item: Home, then the list it belongs to, then the
 * item itself (not a link), as an ordered list in a labelled `nav`.
 */
export function breadcrumb(
  f: Frame,
  parents: ReadonlyArray<readonly [string, string | null]>,
  current: string,
): JSX.Element {
  const home = f.markerPath('Home') ?? '/'
  const links = [[f.c.nav.home, home] as const, ...parents]
  return (
    <nav class="crumbs" aria-label={f.c.ui.breadcrumb}>
      <ol>
        {links.map(([label, href]) => (
          <li>{href ? <a href={href}>{label}</a> : label}</li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  )
}

/** The search box (in the header, or autofocused in a page body); nothing when search is off. */
export function SearchForm(props: { f: Frame; value: string; inHeader: boolean }): JSX.Element | null {
  const { f } = props
  const action = f.markerPath('Search')
  if (!action || !f.searchEnabled) return null
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role=search is the landmark the pages always had (the e2e find it by role); <search> is newer than some browsers portals serve
    <form class="search" action={action} method="get" role="search">
      <input
        type="search"
        name="q"
        value={props.value}
        placeholder={f.c.ui.searchPlaceholder}
        aria-label={f.c.ui.searchButton}
        autofocus={!props.inHeader}
      />
      <button type="submit">{f.c.ui.searchButton}</button>
    </form>
  )
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

/** What one page of a site shows inside the frame every page shares. */
export interface PageBody {
  status: number
  title: string
  main: JSX.Element
  /** The body has its own search box (home, search, errors): the header does not repeat it. */
  searchInBody?: boolean
  /** The interaction a signed-in visitor's view of the page sends. */
  beacon?: Record<string, string | number> | undefined
}

/**
 * A whole page: head (theme CSS, icon, accent), header (navigation with the
 * current section, search, who is signed in), the main content, the footer, and
 * the beacon script when a signed-in visitor's page has an interaction to send.
 */
export function page(f: Frame, body: PageBody): SiteResponse {
  const { site, c, req } = f
  const siteName = site.website?.name ?? ''
  const accent = accentCss(site.settings.get('Theme/AccentColor') ?? '')
  const files = published(site.files)
  const css = files.filter((x) => x.contentType === 'text/css')
  const icon = files.find((x) => x.contentType === 'image/svg+xml' && x.partialUrl.startsWith('favicon'))
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
  const nav = (JSON.parse(navEntries) as [string, string][]).map(([name, path]) => (
    <a href={path} aria-current={here === path ? 'page' : inSection(path) ? 'true' : undefined}>
      {name}
    </a>
  ))
  const signIn = signInPath(f)
  const profile = f.markerPath('Profile')
  const who = req.visitor ? (
    <div class="who">
      <span>{fill(c.ui.signedInAs, { name: req.visitor.contact.name })}</span>
      {profile ? <a href={profile}>{c.nav.profile}</a> : null}
      <PostForm action="/signout" token={req.formToken}>
        <button type="submit">{c.nav.signOut}</button>
      </PostForm>
    </div>
  ) : signIn ? (
    <div class="who">
      <a href={`${signIn}?next=${encodeURIComponent(normalisePath(req.path))}`}>{c.nav.signIn}</a>
    </div>
  ) : null
  const year = String(new Date(req.now).getUTCFullYear())
  const footer = cached(cache, `footer ${year}`, settingOn(site, 'Footer/OutputCache/Enabled', true), () =>
    fill(site.settings.get('Footer/Text') ?? '', { year }),
  )
  let beaconItem: BeaconItem | undefined
  let script: JSX.Element | null = null
  if (body.beacon && req.visitor && req.beacon) {
    beaconItem = {
      ...body.beacon,
      portal_contactid: req.visitor.contact.crmrecordid,
      portal_portalid: req.beacon.portalId,
      portal_sessionid: req.visitor.sessionId,
    } as BeaconItem
    script = (
      <>
        <JsonScript
          id="casetrail-beacon"
          value={{ endpoint: req.beacon.endpoint, token: req.beacon.token, item: beaconItem }}
        />
        {'\n'}
        <TrustedScript code={BEACON_SCRIPT} nonce={req.nonce} />
      </>
    )
  }
  const html = (
    <html lang={c.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>
          {body.title} · {siteName}
        </title>
        {css.map((x) => (
          <link rel="stylesheet" href={`/${x.partialUrl}`} />
        ))}
        {accent ? <TrustedStyle css={accent} /> : null}
        {/* Without an icon web file, say so, or the browser asks for /favicon.ico and meets Page Not Found. */}
        <link rel="icon" href={icon ? `/${icon.partialUrl}` : 'data:,'} />
      </head>
      <body>
        <header class="site">
          <div class="bar">
            <a class="brand" href={f.markerPath('Home') ?? '/'}>
              {siteName}
            </a>
            <nav>{nav}</nav>
          </div>
          <div class="bar">
            {body.searchInBody ? null : <SearchForm f={f} value="" inHeader={true} />}
            {who}
          </div>
        </header>
        {'\n'}
        <main>
          {'\n'}
          {body.main}
          {'\n'}
        </main>
        {'\n'}
        <footer class="site">{footer}</footer>
        {'\n'}
        {script}
      </body>
    </html>
  )
  return {
    status: body.status,
    contentType: HTML,
    body: htmlDocument(html),
    ...(beaconItem ? { beaconItem } : {}),
  }
}
