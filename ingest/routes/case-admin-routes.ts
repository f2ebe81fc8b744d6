import { Hono, type MiddlewareHandler } from 'hono'
import { type CaseQueries, DomainError, isTenantAdmin } from '../../core/index.ts'
import { caseListQuerySchema, toItemErrors } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'

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

  app.get('/:hubId/cases', async function listCases(c) {
    const query = c.req.query()
    const parsed = caseListQuerySchema.safeParse(query)
    if (!parsed.success) {
      const [first] = toItemErrors(parsed.error, query)
      throw new DomainError(
        'invalid',
        first!.code === 'unknown_field' ? 'unknown_parameter' : `invalid_${first!.path}`,
        first!.code === 'unknown_field' ? `${first!.path} is not a parameter of this route` : first!.message,
        first!.path,
      )
    }
    c.header('Cache-Control', 'private, no-store')
    return c.json(await deps.queries.list(c.req.param('hubId'), parsed.data))
  })

  app.get('/:hubId/cases/:caseId', async function getCase(c) {
    c.header('Cache-Control', 'private, no-store')
    return c.json(await deps.queries.get(c.req.param('hubId'), c.req.param('caseId')))
  })
  return app
}
