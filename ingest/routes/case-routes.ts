import { type Context, Hono } from 'hono'
import { type CaseReporting, checkBatchSize } from '../../core/index.ts'
import { MAX_CASE_BATCH_ITEMS } from '../../schemas/index.ts'
import { type SendEnv, type SendRouteDeps, sendGuards } from '../middleware/send-guards.ts'

type CaseEnv = SendEnv

/**
 * `POST /v1/hubs/{hubId}/cases` and the portal-scoped
 * `POST /v1/hubs/{hubId}/portals/{portalId}/cases`: a CRM reports one case or
 * an array of up to 500, with a `send` token. Answers 200 with per-item
 * results once the accepted cases are stored, or 400 in the same shape when
 * none was accepted. The body is read behind the same protections as
 * interaction ingest (`sendGuards`: in-flight limits per server, hub and
 * token, byte limit counted while reading, gzip limit after decompression,
 * nesting depth, field count, read timeout).
 */
export function caseRoutes(deps: SendRouteDeps & { reporting: CaseReporting }) {
  const app = new Hono<CaseEnv>()

  async function reportCasesHandler(c: Context<CaseEnv>) {
    const body = c.get('body')
    const items = Array.isArray(body) ? body : [body]
    checkBatchSize(items, { max: MAX_CASE_BATCH_ITEMS, noun: 'cases', in: 'request' })
    const result = await deps.reporting.report({
      hubId: c.req.param('hubId')!,
      portalId: c.req.param('portalId'),
      items,
    })
    return c.json(result, result.accepted === 0 ? 400 : 200)
  }

  // The token is checked before the body is read, and the slots are taken before that (see sendGuards).
  const { limits, body } = deps.guards ?? sendGuards(deps)
  app.post('/v1/hubs/:hubId/cases', ...limits, body, reportCasesHandler)
  app.post('/v1/hubs/:hubId/portals/:portalId/cases', ...limits, body, reportCasesHandler)
  return app
}
