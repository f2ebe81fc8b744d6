import { createHash, randomBytes } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Hono, type MiddlewareHandler } from 'hono'
import { DomainError } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'

/** What the demo case page embeds: a case, its contact, and a freshly minted per-contact read token. */
export interface DemoCase {
  hubId: string
  contactId: string
  /** When the case was created (the widget's `before`), ISO 8601 with an offset. */
  caseCreatedAt: string
  /** A `read` token covering only this contact, e.g. minted per request with a short life. */
  token: string
  /** The portal's base URL; items then link to `{portalBaseUrl}/{kind}/{id}`. */
  portalBaseUrl?: string
  /** The case itself, when it is a real one (the demo contact's newest case). */
  case?: {
    caseNumber: string
    title: string
    description: string
    status: string
    category: string | null
  }
  /** The customer's name, when known. */
  customerName?: string
  /** How much of the journey after the case the widget shows (ISO 8601 duration), if any. */
  after?: string
}

/** Options of {@link widgetRoutes}. */
export interface WidgetRouteOptions {
  /** The built widget (`npm run build`); `journey-ui/dist` of this checkout by default. */
  distDir?: string
  /**
   * The demo case behind `GET /demo/case`, or `null` when the demo is off (the
   * page then says so). Without it, there is no `/demo/case` route.
   */
  demoCase?: () => Promise<DemoCase | null>
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
}

/** Chunk names carry esbuild's content hash (`echarts-chart-GN2CLYTJ.js`): their bytes never change. */
const HASHED = /-[A-Z0-9]{8}\.js$/
/** One path segment: no dot first (no `..`, no hidden files), nothing outside a small alphabet. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

const defaultDistDir = () => fileURLToPath(new URL('../../journey-ui/dist/', import.meta.url))

// Cross-origin by design: case forms on any origin load the script and its chunks.
function widgetHeaders(): MiddlewareHandler<AppEnv> {
  return async function widgetHeaders(c, next) {
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Cross-Origin-Resource-Policy', 'cross-origin')
    c.header('X-Content-Type-Options', 'nosniff')
    await next()
  }
}

const notFound = (path: string) =>
  new DomainError(
    'not_found',
    'widget_file_not_found',
    `no widget file ${JSON.stringify(path)}; the widget's script is /widget/casetrail-journey.js (run npm run build if it is missing)`,
    'path',
  )

async function readIfFile(path: string): Promise<Buffer | null> {
  try {
    if (!(await stat(path)).isFile()) return null
    return await readFile(path)
  } catch {
    return null
  }
}

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  )

const DEMO_LANGUAGES = { en: 'English', fr: 'Français', de: 'Deutsch' } as const
const DEMO_WINDOWS = ['PT24H', 'P7D', 'P30D'] as const

const DEMO_CSS = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; background: #eef0f3; color: #1f2933; }
.bar { background: #1f2933; color: #fff; padding: 10px 20px; display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
.bar strong { font-size: 15px; }
.bar nav { margin-left: auto; display: flex; gap: 10px; font-size: 13px; }
.bar a { color: #c9d6e3; }
.bar a[aria-current] { color: #fff; font-weight: 600; text-decoration: none; }
main { max-width: 1180px; margin: 0 auto; padding: 20px; display: grid; grid-template-columns: minmax(260px, 1fr) minmax(0, 2fr); gap: 20px; }
@media (max-width: 860px) { main { grid-template-columns: 1fr; } }
.card { background: #fff; border: 1px solid #d9dde3; border-radius: 6px; padding: 16px; }
h1 { font-size: 20px; margin: 0 0 4px; }
.case-id { color: #5b6670; margin: 0 0 16px; font-size: 13px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 14px; margin: 0; font-size: 14px; }
dt { color: #5b6670; }
dd { margin: 0; }
.desc { margin-top: 16px; font-size: 14px; line-height: 1.5; }
h2 { font-size: 15px; margin: 0 0 10px; }
`

function demoPage(demo: DemoCase, lang: keyof typeof DEMO_LANGUAGES, window: string, nonce: string): string {
  // The server does not know the rep's zone: say the time in UTC, and say so.
  const created = new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(demo.caseCreatedAt))
  const caseNumber = demo.case?.caseNumber ?? `CAS-${demo.contactId.slice(0, 5).toUpperCase()}-DEMO`
  const title = demo.case?.title ?? 'Cannot sign in after changing phones'
  const description =
    demo.case?.description ??
    'I got a new phone and the authenticator codes stopped working. I tried the password reset article but I am still locked out.'
  const status = demo.case ? demo.case.status.charAt(0).toUpperCase() + demo.case.status.slice(1) : 'Active'
  const link = demo.portalBaseUrl ? `${demo.portalBaseUrl.replace(/\/+$/, '')}/{kind}/{id}` : null
  const languages = Object.entries(DEMO_LANGUAGES)
    .map(
      ([code, name]) =>
        `<a href="?lang=${code}&amp;window=${window}"${code === lang ? ' aria-current="page"' : ''} lang="${code}">${name}</a>`,
    )
    .join('')
  const attributes = [
    ['hub', demo.hubId],
    ['contact', demo.contactId],
    ['before', demo.caseCreatedAt],
    ['window', window],
    ...(demo.after ? [['after', demo.after]] : []),
    ['token', demo.token],
    ['lang', lang],
    ...(link ? [['portal-link', link]] : []),
  ]
    .map(([name, value]) => `${name}="${escapeHtml(value!)}"`)
    .join(' ')
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${caseNumber} · casetrail demo case</title>
<style nonce="${nonce}">${DEMO_CSS}</style>
<script type="module" src="/widget/casetrail-journey.js"></script>
</head>
<body>
<header class="bar"><strong>Customer Service</strong><span>Case</span><nav aria-label="Language">${languages}</nav></header>
<main>
<section class="card" aria-labelledby="case-title">
<h1 id="case-title">${escapeHtml(title)}</h1>
<p class="case-id">${caseNumber}</p>
<dl>
<dt>Customer</dt><dd>${escapeHtml(demo.customerName ?? `Portal contact ${demo.contactId}`)}</dd>
<dt>Created on</dt><dd><time datetime="${escapeHtml(demo.caseCreatedAt)}">${escapeHtml(created)}</time></dd>
<dt>Origin</dt><dd>Web portal</dd>
<dt>Priority</dt><dd>Normal</dd>
<dt>Status</dt><dd>${escapeHtml(status)}</dd>${demo.case?.category ? `<dt>Category</dt><dd>${escapeHtml(demo.case.category.charAt(0).toUpperCase() + demo.case.category.slice(1))}</dd>` : ''}
</dl>
<p class="desc">${escapeHtml(description)}</p>
</section>
<section class="card" aria-labelledby="journey-title">
<h2 id="journey-title">Customer journey</h2>
<casetrail-journey ${attributes}></casetrail-journey>
</section>
</main>
</body>
</html>
`
}

const DEMO_OFF = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>casetrail demo is off</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The demo is off</h1>
<p>This casetrail was started without its demo data, so there is no demo case to show.
Start it on a fresh data directory with <code>CASETRAIL_DEMO</code> unset (or not <code>0</code>) to get one.</p>
<p>The widget itself is served at <a href="/widget/casetrail-journey.js"><code>/widget/casetrail-journey.js</code></a>.</p>
</body></html>
`

/**
 * Serves the built journey widget under `/widget/` (content types, `Access-Control-Allow-Origin: *`,
 * gzip when asked, hashed chunks as immutable, the entry revalidated; missing files answer 404
 * `widget_file_not_found`, paths outside the folder never resolve), and, given `demoCase`,
 * `GET /demo/case`: a case form embedding the widget with the demo contact's read token.
 *
 * @example
 * app.route('/', widgetRoutes({ demoCase: async () => ({ hubId, contactId, caseCreatedAt, token }) }))
 */
export function widgetRoutes(options: WidgetRouteOptions = {}): Hono<AppEnv> {
  const distDir = resolve(options.distDir ?? defaultDistDir())
  const app = new Hono<AppEnv>()
  app.use('/widget/*', widgetHeaders())

  app.get('/widget/*', async function widgetFile(c) {
    const requested = c.req.path.slice('/widget/'.length)
    const segments = requested.split('/')
    const type = CONTENT_TYPES[extname(requested)]
    if (!type || !segments.every((segment) => SEGMENT.test(segment))) throw notFound(requested)
    const path = resolve(distDir, ...segments)
    if (!path.startsWith(distDir + sep)) throw notFound(requested)
    const body = await readIfFile(path)
    if (!body) throw notFound(requested)

    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
    c.header('Content-Type', type)
    c.header('ETag', etag)
    c.header('Vary', 'Accept-Encoding')
    c.header(
      'Cache-Control',
      HASHED.test(requested) ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    )
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304)
    if (/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
      const gzipped = await readIfFile(`${path}.gz`)
      if (gzipped) {
        c.header('Content-Encoding', 'gzip')
        return c.body(new Uint8Array(gzipped))
      }
    }
    return c.body(new Uint8Array(body))
  })

  const demoCase = options.demoCase
  if (demoCase) {
    app.get('/demo/case', async function demoCasePage(c) {
      c.header('Cache-Control', 'no-store')
      c.header('Referrer-Policy', 'no-referrer')
      c.header('X-Content-Type-Options', 'nosniff')
      const demo = await demoCase()
      if (!demo) return c.html(DEMO_OFF, 404)
      const lang = c.req.query('lang') ?? 'en'
      const window = c.req.query('window') ?? 'P7D'
      const pickedLang = lang in DEMO_LANGUAGES ? (lang as keyof typeof DEMO_LANGUAGES) : 'en'
      const pickedWindow = (DEMO_WINDOWS as readonly string[]).includes(window) ? window : 'P7D'
      const nonce = randomBytes(16).toString('base64')
      // The widget lives under a strict policy: its own script, its own API, styles through
      // constructable stylesheets; only the page's own <style> needs the nonce.
      c.header(
        'Content-Security-Policy',
        [
          "default-src 'none'",
          "script-src 'self'",
          "connect-src 'self'",
          `style-src 'self' 'nonce-${nonce}'`,
          "img-src 'self' data:",
          "base-uri 'none'",
          "form-action 'none'",
          "frame-ancestors 'none'",
        ].join('; '),
      )
      return c.html(demoPage(demo, pickedLang, pickedWindow, nonce))
    })
  }
  return app
}
