import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { answerHasOfferedHeaders, offerAnswerHeader } from './answer-headers.ts'

/** Options of {@link publicCors}. */
export interface PublicCorsOptions {
  allowMethods: readonly string[]
  allowHeaders: readonly string[]
  exposeHeaders: readonly string[]
  /** Seconds a browser may cache a preflight answer. */
  maxAge: number
}

/**
 * The CORS headers {@link publicCors} gives every answer that is not a
 * preflight (lower-case names), for answers built without Hono (the lean ingest path).
 */
export function publicCorsHeaders(options: PublicCorsOptions): Record<string, string> {
  const exposeHeaders = options.exposeHeaders.join(',')
  return {
    'access-control-allow-origin': '*',
    ...(exposeHeaders ? { 'access-control-expose-headers': exposeHeaders } : {}),
  }
}

/**
 * CORS for the public routes (beacons and the journey widget): any origin, no
 * credentials. Answers a preflight itself; on other requests it adds the
 * headers to the finished response. Unlike `hono/cors`, it never touches
 * `c.res` before the handler ran, which on @hono/node-server would make every
 * response be built twice (a measured tenth of the ingest hot path).
 *
 * @example
 * app.use('/v1/hubs/*', publicCors({ allowMethods: ['GET', 'POST'], allowHeaders: ['Authorization'], exposeHeaders: [], maxAge: 86_400 }))
 */
export function publicCors(options: PublicCorsOptions): MiddlewareHandler<AppEnv> {
  const allowMethods = options.allowMethods.join(',')
  const allowHeaders = options.allowHeaders.join(',')
  const maxAge = String(options.maxAge)
  const answerHeaders = Object.entries(publicCorsHeaders(options))
  return async function publicCorsMiddleware(c, next) {
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': allowMethods,
        'Access-Control-Allow-Headers': allowHeaders,
        'Access-Control-Max-Age': maxAge,
      })
    }
    for (const [name, value] of answerHeaders) offerAnswerHeader(c, name, value)
    await next()
    if (answerHasOfferedHeaders(c)) return
    const headers = c.res.headers
    for (const [name, value] of answerHeaders) headers.set(name, value)
  }
}
