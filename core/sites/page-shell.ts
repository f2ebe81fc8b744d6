import { escapeHtml as e, jsonForScript } from './html-escape.ts'
import { type Frame, signInPath } from './page-frame.ts'
import { fill } from './sample-content.ts'
import { normalisePath, published, settingOn } from './site-paths.ts'
import type { Site } from './site-repository.ts'
import { type BeaconItem, HTML, type SiteResponse } from './site-request.ts'

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

/**
 * The way back from an item: Home, then the list it belongs to, then the
 * item itself (not a link), as an ordered list in a labelled `nav`.
 */
export function breadcrumb(
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

/** The search box (in the header, or autofocused in a page body); empty when search is off. */
export function searchForm(f: Frame, value: string, inHeader: boolean): string {
  const action = f.markerPath('Search')
  if (!action || !f.searchEnabled) return ''
  return `<form class="search" action="${e(action)}" method="get" role="search"><input type="search" name="q" value="${e(value)}" placeholder="${e(f.c.ui.searchPlaceholder)}" aria-label="${e(f.c.ui.searchButton)}"${inHeader ? '' : ' autofocus'}><button type="submit">${e(f.c.ui.searchButton)}</button></form>`
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

/**
 * A whole page: head (theme CSS, icon, accent), header (navigation with the
 * current section, search, who is signed in), the main content, the footer, and
 * the beacon script when a signed-in visitor's page has an interaction to send.
 */
export function page(
  f: Frame,
  status: number,
  title: string,
  main: string,
  beacon?: Record<string, string | number>,
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
