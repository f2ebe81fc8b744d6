import { type Context, Hono } from 'hono'
import { type IngestPipeline, checkBatchSize } from '../../core/index.ts'
import { API, MAX_BATCH_ITEMS } from '../../schemas/index.ts'
import { jsonAnswer } from '../middleware/answer-headers.ts'
import { type SendRouteDeps, sendGuards } from '../middleware/send-guards.ts'
import { type ValidatedEnv, validateRoute } from '../middleware/validate-route.ts'

type IngestEnv = ValidatedEnv<typeof API.sendInteractions> & { Variables: { body: unknown } }

/**
 * `POST /v1/hubs/{hubId}/interactions` and the portal-scoped
 * `POST /v1/hubs/{hubId}/portals/{portalId}/interactions`: one interaction or
 * an array of up to 500. Answers 202 with per-item results when at least one
 * item was accepted (200 with `?wait=stored`), else 400 in the same shape.
 */
export function ingestRoutes(deps: SendRouteDeps & { pipeline: IngestPipeline }) {
  const app = new Hono<IngestEnv>()

  async function ingestHandler(c: Context<IngestEnv>) {
    const hubId = c.req.param('hubId')!
    const portalId = c.req.param('portalId')
    const { wait } = c.get('input').query as { wait?: 'stored' | 'logged' }
    const body = c.get('body')
    const items = Array.isArray(body) ? body : [body]
    checkBatchSize(items, { max: MAX_BATCH_ITEMS, noun: 'interactions', in: 'request' })
    const sas = c.get('sas')
    rates.take(`${sas.keyName} ${sas.resource}`, hubId, items)
    const result = await deps.pipeline.ingest({
      hubId,
      portalId,
      contactId: c.get('sas')?.contactId,
      items,
      wait: wait === 'stored' ? 'stored' : undefined,
    })
    // 200 only when the items are in ClickHouse: a sink may settle for `logged` (store down, shutdown).
    const status = result.accepted === 0 ? 400 : wait === 'stored' && result.ack === 'stored' ? 200 : 202
    // Every header in one plain object (see answer-headers.ts): the hottest answer of the service.
    return jsonAnswer(
      c,
      {
        accepted: result.accepted,
        rejected: result.rejected,
        ...(result.moreRejected ? { moreRejected: result.moreRejected } : {}),
      },
      status,
      result.ack ? { 'casetrail-ack': result.ack } : undefined,
    )
  }

  // Server, token, hub and token-resource counts, then the body reader (see sendGuards).
  const { limits, body, rates } = deps.guards ?? sendGuards(deps)
  // The query is checked before the body is read; the items are checked one by one by the pipeline.
  app.post(
    '/v1/hubs/:hubId/interactions',
    ...limits,
    validateRoute(API.sendInteractions),
    body,
    ingestHandler,
  )
  app.post(
    '/v1/hubs/:hubId/portals/:portalId/interactions',
    ...limits,
    validateRoute(API.sendPortalInteractions),
    body,
    ingestHandler,
  )
  return app
}
