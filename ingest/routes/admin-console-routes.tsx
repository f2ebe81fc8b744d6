/** @jsxImportSource hono/jsx */
import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import { Hono } from 'hono'
import { DomainError } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'
import { projectRoot } from '../project-root.ts'

/** Options of {@link adminConsoleRoutes}. */
export interface AdminConsoleOptions {
  /** The built console (`npm run build`); `admin-ui/dist` of this checkout by default. */
  distDir?: string
}

/** Where the console's files are served from. */
export const ADMIN_ASSETS_PATH = '/admin/assets/'

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
}
/** Chunk names carry esbuild's content hash (`chunks/hubs-page-GN2CLYTJ.js`): their bytes never change. */
const HASHED = /-[A-Z0-9]{8}\.js$/
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

/** The console's policy: its own scripts, styles and API only; no inline code, no framing. */
export const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const defaultDistDir = () => join(projectRoot(), 'admin-ui', 'dist')

async function readIfFile(path: string): Promise<Buffer | null> {
  try {
    if (!(await stat(path)).isFile()) return null
    return await readFile(path)
  } catch {
    return null
  }
}

/** The console's icon: a blue tile with a trail of three points (inline, so no request and no file to ship). */
export const ADMIN_FAVICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b5cad"/><path d="M7 23 L14 15 L19 19 L25 9" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/><circle cx="25" cy="9" r="3" fill="#fff"/></svg>',
)}`

function Shell() {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>casetrail admin centre</title>
        <link rel="icon" type="image/svg+xml" href={ADMIN_FAVICON} />
        <link rel="stylesheet" href={`${ADMIN_ASSETS_PATH}casetrail-admin.css`} />
        <script type="module" src={`${ADMIN_ASSETS_PATH}casetrail-admin.js`} />
      </head>
      <body>
        <div id="app">
          <noscript>
            The casetrail admin centre needs JavaScript. The API it uses is documented at /docs.
          </noscript>
        </div>
      </body>
    </html>
  )
}

/**
 * The admin console: `GET /admin` (and any path under it) answers the shell
 * page, which loads the built console from `/admin/assets/`. The console talks
 * to the public API only; the shell carries no data and no token.
 *
 * @example app.route('/', adminConsoleRoutes())
 */
export function adminConsoleRoutes(options: AdminConsoleOptions = {}): Hono<AppEnv> {
  const distDir = resolve(options.distDir ?? defaultDistDir())
  const app = new Hono<AppEnv>()

  app.get(`${ADMIN_ASSETS_PATH}*`, async function adminAsset(c) {
    const requested = c.req.path.slice(ADMIN_ASSETS_PATH.length)
    const segments = requested.split('/')
    const type = CONTENT_TYPES[extname(requested)]
    const missing = () =>
      new DomainError(
        'not_found',
        'admin_asset_not_found',
        `no console file ${JSON.stringify(requested)} (run npm run build if the console is missing)`,
        'path',
      )
    if (!type || !segments.every((s) => SEGMENT.test(s))) throw missing()
    const path = resolve(distDir, ...segments)
    if (!path.startsWith(distDir + sep)) throw missing()
    const body = await readIfFile(path)
    if (!body) throw missing()
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
    c.header('Content-Type', type)
    c.header('ETag', etag)
    c.header('Vary', 'Accept-Encoding')
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Cache-Control', HASHED.test(requested) ? 'public, max-age=31536000, immutable' : 'no-cache')
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

  app.on('GET', ['/admin', '/admin/*'], async function adminShell(c) {
    c.header('Content-Security-Policy', ADMIN_CSP)
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('X-Frame-Options', 'DENY')
    return c.html(`<!doctype html>${(<Shell />).toString()}`)
  })
  return app
}
