import { Hono } from 'hono'
import { API, API_ROUTES, buildOpenApiDocument } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { validateRoute } from '../middleware/validate-route.ts'

/** Options of {@link referenceRoutes}. */
export interface ReferenceRouteOptions {
  /** Where the API answers (`PUBLIC_URL`): the document's server. */
  publicUrl: string
  /** The service's version, shown in the document. */
  version: string
}

/**
 * `GET /openapi.json`: the OpenAPI 3.1 document, generated once from the
 * route registry (the schemas the routes validate with).
 */
export function referenceRoutes(options: ReferenceRouteOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const document = JSON.stringify(
    buildOpenApiDocument(API_ROUTES, {
      serverUrl: options.publicUrl.replace(/\/+$/, ''),
      version: options.version,
    }),
  )
  app.get('/openapi.json', validateRoute(API.getOpenApi), function openApiDocument(c) {
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Cache-Control', 'public, max-age=300')
    return c.body(document, 200, { 'Content-Type': 'application/json; charset=utf-8' })
  })
  return app
}
