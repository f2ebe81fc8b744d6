import { type Context, Hono } from 'hono'
import { type CaseReporting, DomainError, type HubService } from '../../core/index.ts'
import { MAX_CASE_BATCH_ITEMS } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { jsonBody } from '../middleware/json-body.ts'
import { requireSas } from '../middleware/sas-auth.ts'

type CaseEnv = AppEnv & { Variables: { body: unknown } }

/** The resource a request to a case-reporting route must hold `send` for. */
const resourceOf = (c: Context<AppEnv>) => {
  const hubId = c.req.param('hubId')!
  const portalId = c.req.param('portalId')
  return { hubId, path: portalId ? `/v1/hubs/${hubId}/portals/${portalId}` : `/v1/hubs/${hubId}` }
}

/**
 * `POST /v1/hubs/{hubId}/cases` and the portal-scoped
 * `POST /v1/hubs/{hubId}/portals/{portalId}/cases`: a CRM reports one case or
 * an array of up to 500, with a `send` token. Answers 200 with per-item
 * results once the accepted cases are stored, or 400 in the same shape when
 * none was accepted.
 */
export function caseRoutes(deps: { hubs: HubService; reporting: CaseReporting }) {
  const app = new Hono<CaseEnv>()

  async function reportCasesHandler(c: Context<CaseEnv>) {
    const body = c.get('body')
    const items = Array.isArray(body) ? body : [body]
    if (items.length === 0)
      throw new DomainError('invalid', 'empty_batch', 'the array holds no cases', 'body')
    if (items.length > MAX_CASE_BATCH_ITEMS) {
      throw new DomainError(
        'too_large',
        'batch_too_large',
        `a request may carry at most ${MAX_CASE_BATCH_ITEMS} cases, got ${items.length}`,
        'body',
      )
    }
    const result = await deps.reporting.report({
      hubId: c.req.param('hubId')!,
      portalId: c.req.param('portalId'),
      items,
    })
    return c.json(result, result.accepted === 0 ? 400 : 200)
  }

  // The token is checked before the body is read.
  const guard = requireSas(deps.hubs, 'send', resourceOf)
  app.post('/v1/hubs/:hubId/cases', guard, jsonBody(), reportCasesHandler)
  app.post('/v1/hubs/:hubId/portals/:portalId/cases', guard, jsonBody(), reportCasesHandler)
  return app
}
