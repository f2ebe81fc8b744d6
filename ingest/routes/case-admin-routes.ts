import { Hono, type MiddlewareHandler } from 'hono'
import { type CaseQueries, DomainError, isTenantAdmin } from '../../core/index.ts'
import { API } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { validateRoute as v } from '../middleware/validate-route.ts'

/**
 * A hub's cases for the console: `GET /v1/admin/hubs/{hubId}/cases` (newest
 * first; `portalId`, `contactId`, `status`, `limit`, `cursor`) and
 * `GET /v1/admin/hubs/{hubId}/cases/{caseId}` (details, the contact's profile
 * and a short-lived read token for the journey). Mounted at `/v1/admin/hubs`
 * behind `adminAuth`; tenant administrators only, like the hubs themselves.
 */
export function caseAdminRoutes(deps: { queries: CaseQueries }) {
  const app = new Hono<AppEnv>()
  const tenantAdminOnly: MiddlewareHandler<AppEnv> = async function requireTenantAdminForCases(c, next) {
    if (!isTenantAdmin(c.get('principal'))) {
      throw new DomainError(
        'forbidden',
        'role_required',
        "only a global administrator or service administrator may read a hub's cases",
      )
    }
    await next()
  }
  app.use('/:hubId/cases', tenantAdminOnly)
  app.use('/:hubId/cases/*', tenantAdminOnly)

  app.get('/:hubId/cases', v(API.listCases), async function listCases(c) {
    const { params, query } = c.var.input
    c.header('Cache-Control', 'private, no-store')
    return c.json(await deps.queries.list(params.hubId, query))
  })

  app.get('/:hubId/cases/:caseId', v(API.getCase), async function getCase(c) {
    const { params } = c.var.input
    c.header('Cache-Control', 'private, no-store')
    return c.json(await deps.queries.get(params.hubId, params.caseId))
  })
  return app
}
