import { createHash, timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import type { Registry } from 'prom-client'
import { DomainError, type PrincipalService, isTenantAdmin } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()

/**
 * `GET /metrics`: the Prometheus text exposition of `registry` (accepted and
 * refused interactions, write-ahead log levels, flush sizes and latency,
 * store errors, HTTP latency, process metrics). Denied by default: the caller
 * sends `Authorization: Bearer <token>` with the scrape token
 * (`CASETRAIL_METRICS_TOKEN`, compared in constant time) or a tenant
 * administrator's admin token.
 */
export function metricsRoutes(deps: {
  registry: Registry
  principals: PrincipalService
  scrapeToken?: string
}) {
  const app = new Hono<AppEnv>()
  const scrape = deps.scrapeToken ? digest(deps.scrapeToken) : null
  app.get('/metrics', async function metricsHandler(c) {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')
    if (!match) {
      throw new DomainError(
        'unauthenticated',
        'admin_token_missing',
        'send Authorization: Bearer <metrics or admin token>',
      )
    }
    const token = match[1]!
    if (!(scrape && timingSafeEqual(scrape, digest(token)))) {
      const principal = await deps.principals.authenticate(token)
      if (!isTenantAdmin(principal)) {
        throw new DomainError(
          'forbidden',
          'role_required',
          'only a global or service administrator, or the scrape token, may read metrics',
        )
      }
    }
    const body = await deps.registry.metrics()
    return c.body(body, 200, { 'Content-Type': deps.registry.contentType })
  })
  return app
}
