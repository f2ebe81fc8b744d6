/** @jsxImportSource hono/jsx */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { DomainError } from '../../core/index.ts'
import { API, API_ROUTES, buildOpenApiDocument } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { validateRoute } from '../middleware/validate-route.ts'

/** Options of {@link referenceRoutes}. */
export interface ReferenceRouteOptions {
  /** Where the API answers (`PUBLIC_URL`): the document's server. */
  publicUrl: string
  /** The service's version, shown in the document and on `/`. */
  version: string
  /** Whether `/demo/case` is there, so `/` links to it. */
  demo: boolean
}

/** Where the reference's own files are served from. */
export const DOCS_ASSETS_PATH = '/docs/assets/'

/** The Swagger UI files the reference page uses, from the installed package; nothing from a CDN. */
const SWAGGER_FILES: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

/** Starts Swagger UI on the page: a file, so the page's policy needs no inline script. */
const INIT_SCRIPT = `window.addEventListener('DOMContentLoaded', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    // No call to validator.swagger.io: the reference never leaves this server.
    validatorUrl: null,
    tryItOutEnabled: false,
    persistAuthorization: false,
  })
})
`
const INIT_FILE = 'casetrail-docs-init.js'

const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Swagger UI's React sets element styles; no inline <style> or script is allowed.
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const PAGE_CSS = `body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#f7f8fa}
main{max-width:44rem;margin:3rem auto;padding:0 1.25rem;line-height:1.55}
h1{font-size:1.6rem;margin:0 0 .25rem}p.lead{color:#52606d;margin-top:0}
ul{padding-left:1.2rem}li{margin:.4rem 0}a{color:#1d5fbf}code{background:#e9ecf1;padding:.1rem .3rem;border-radius:3px}`

const swaggerDir = () => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

function DocsPage() {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>casetrail API reference</title>
        <link rel="icon" type="image/png" href={`${DOCS_ASSETS_PATH}favicon-32x32.png`} />
        <link rel="stylesheet" href={`${DOCS_ASSETS_PATH}swagger-ui.css`} />
        <script src={`${DOCS_ASSETS_PATH}swagger-ui-bundle.js`} />
        <script src={`${DOCS_ASSETS_PATH}${INIT_FILE}`} />
      </head>
      <body>
        <div id="swagger-ui">
          <noscript>
            The reference needs JavaScript; the document itself is at{' '}
            <a href="/openapi.json">/openapi.json</a>.
          </noscript>
        </div>
      </body>
    </html>
  )
}

function HomePage(props: { version: string; demo: boolean }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>casetrail</title>
        <link rel="stylesheet" href={`${DOCS_ASSETS_PATH}casetrail-home.css`} />
      </head>
      <body>
        <main>
          <h1>casetrail</h1>
          <p class="lead">
            An open, self-hosted customer-insights hub: portals send interaction beacons, service reps see the
            customer’s journey before a case, admins provision portals. Version {props.version}.
          </p>
          <ul>
            <li>
              <a href="/docs">API reference</a> (the <a href="/openapi.json">OpenAPI 3.1 document</a>)
            </li>
            <li>
              <a href="/admin">Admin console</a>: sign in with an admin token
            </li>
            {props.demo ? (
              <li>
                <a href="/demo/case">Demo case</a>: the journey widget on a case form, with the demo data
              </li>
            ) : null}
            <li>
              <a href="/health">Health</a> and <a href="/ready">readiness</a>
            </li>
          </ul>
          <p>
            API clients asking for JSON (<code>Accept: application/json</code>) get the same links as JSON.
          </p>
        </main>
      </body>
    </html>
  )
}

/** Whether a request prefers HTML (a browser) over JSON (an API client). */
function wantsHtml(accept: string | undefined): boolean {
  if (!accept) return false
  const html = /\btext\/html\b/.test(accept)
  const json = /\bapplication\/json\b/.test(accept)
  return html && !json
    ? true
    : html && json
      ? accept.indexOf('text/html') < accept.indexOf('application/json')
      : false
}

/**
 * The reference: `GET /openapi.json` (generated once from the route
 * registry), `GET /docs` (Swagger UI from the installed package, its files
 * under `/docs/assets/`, under a strict CSP with no inline script), and `GET /`
 * (a small page for browsers, JSON links for API clients, by `Accept`).
 */
export function referenceRoutes(options: ReferenceRouteOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const document = JSON.stringify(
    buildOpenApiDocument(API_ROUTES, {
      serverUrl: options.publicUrl.replace(/\/+$/, ''),
      version: options.version,
    }),
  )
  const dir = swaggerDir()
  const ownFiles: Record<string, { body: string; type: string }> = {
    [INIT_FILE]: { body: INIT_SCRIPT, type: 'text/javascript; charset=utf-8' },
    'casetrail-home.css': { body: PAGE_CSS, type: 'text/css; charset=utf-8' },
  }

  app.get('/openapi.json', validateRoute(API.getOpenApi), function openApiDocument(c) {
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Cache-Control', 'public, max-age=300')
    return c.body(document, 200, { 'Content-Type': 'application/json; charset=utf-8' })
  })

  app.get('/docs', validateRoute(API.getDocs), function docsPage(c) {
    c.header('Content-Security-Policy', DOCS_CSP)
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'no-referrer')
    c.header('Cache-Control', 'no-cache')
    return c.html(`<!doctype html>${(<DocsPage />).toString()}`)
  })

  app.get(
    `${DOCS_ASSETS_PATH}*`,
    compress({ encoding: 'gzip' }),
    validateRoute(API.getDocsAsset),
    async function docsAsset(c) {
      const name = c.req.path.slice(DOCS_ASSETS_PATH.length)
      const own = ownFiles[name]
      const type = own?.type ?? SWAGGER_FILES[name]
      if (!type) {
        throw new DomainError(
          'not_found',
          'docs_asset_not_found',
          `no reference file ${JSON.stringify(name)}`,
          'path',
        )
      }
      const body = own ? own.body : new Uint8Array(await readFile(join(dir, name)))
      c.header('Content-Type', type)
      c.header('X-Content-Type-Options', 'nosniff')
      c.header('Cache-Control', 'public, max-age=3600')
      c.header('ETag', `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`)
      return c.body(body)
    },
  )

  app.get('/', validateRoute(API.getRoot), function home(c) {
    c.header('Vary', 'Accept')
    if (wantsHtml(c.req.header('accept'))) {
      c.header('Content-Security-Policy', DOCS_CSP)
      c.header('X-Content-Type-Options', 'nosniff')
      return c.html(
        `<!doctype html>${(<HomePage version={options.version} demo={options.demo} />).toString()}`,
      )
    }
    return c.json({
      name: 'casetrail',
      version: options.version,
      links: {
        docs: '/docs',
        openapi: '/openapi.json',
        admin: '/admin',
        demo: options.demo ? '/demo/case' : null,
        health: '/health',
        ready: '/ready',
      },
    })
  })
  return app
}
