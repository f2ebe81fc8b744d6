import { createHash, randomBytes } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import { Hono, type MiddlewareHandler } from 'hono'
import { DomainError } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'
import { projectRoot } from '../project-root.ts'
import { DEMO_LANGUAGES, type DemoLanguage, renderDemoCasePage } from './demo-case-page.tsx'

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
  /** The customer from the contact's linked profile (name and email), when the hub links one. */
  customer?: { name?: string; email?: string } | null
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
  /** The customer (name, email) of the demo case's contact, when its hub links a profile. */
  customerOf?: (hubId: string, contactId: string) => Promise<{ name?: string; email?: string } | null>
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

const defaultDistDir = () => join(projectRoot(), 'journey-ui', 'dist')

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

const DEMO_WINDOWS = ['PT24H', 'P7D', 'P30D'] as const

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
      const pickedLang: DemoLanguage = lang in DEMO_LANGUAGES ? (lang as DemoLanguage) : 'en'
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
      const customer = demo.customer ?? (await options.customerOf?.(demo.hubId, demo.contactId)) ?? null
      return c.html(renderDemoCasePage({ ...demo, customer, lang: pickedLang, window: pickedWindow, nonce }))
    })
  }
  return app
}
