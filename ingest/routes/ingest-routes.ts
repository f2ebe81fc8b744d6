import { type Context, Hono } from 'hono'
import { type IngestPipeline, type SasPrincipal, checkBatchSize } from '../../core/index.ts'
import { API, MAX_BATCH_ITEMS } from '../../schemas/index.ts'
import { jsonAnswer } from '../middleware/answer-headers.ts'
import { type SendGuards, type SendRouteDeps, sendGuards } from '../middleware/send-guards.ts'
import { type ValidatedEnv, validateRoute } from '../middleware/validate-route.ts'

type IngestEnv = ValidatedEnv<typeof API.sendInteractions> & { Variables: { body: unknown } }

/** A request to an interaction route once its token, query and body are checked. */
export interface CheckedSend {
  hubId: string
  portalId?: string
  sas: SasPrincipal
  wait?: 'stored' | 'logged'
  /** The parsed body: one interaction or an array of them. */
  body: unknown
}

/** An interaction route's answer: its status, JSON body and the headers it adds. */
export interface SendAnswer {
  status: 200 | 202 | 400
  body: unknown
  headers?: Record<string, string>
}

/**
 * What the interaction routes do with a checked request, whichever way it
 * came (the Hono routes below, or the lean path of `lean-ingest.ts`): the
 * batch's size, the token's and contacts' rates, then the pipeline; 202 with
 * per-item results when at least one item was accepted (200 with
 * `?wait=stored` once stored), else 400 in the same shape.
 */
export function interactionSender(deps: { pipeline: IngestPipeline; rates: SendGuards['rates'] }) {
  return async function sendInteractions(request: CheckedSend): Promise<SendAnswer> {
    const { body, sas, wait } = request
    const items = Array.isArray(body) ? body : [body]
    checkBatchSize(items, { max: MAX_BATCH_ITEMS, noun: 'interactions', in: 'request' })
    deps.rates.take(`${sas.keyName} ${sas.resource}`, request.hubId, items)
    const result = await deps.pipeline.ingest({
      hubId: request.hubId,
      portalId: request.portalId,
      contactId: sas.contactId,
      items,
      wait: wait === 'stored' ? 'stored' : undefined,
    })
    // 200 only when the items are in ClickHouse: a sink may settle for `logged` (store down, shutdown).
    const status = result.accepted === 0 ? 400 : wait === 'stored' && result.ack === 'stored' ? 200 : 202
    return {
      status,
      body: {
        accepted: result.accepted,
        rejected: result.rejected,
        ...(result.moreRejected ? { moreRejected: result.moreRejected } : {}),
      },
      headers: result.ack ? { 'casetrail-ack': result.ack } : undefined,
    }
  }
}

/** What {@link interactionSender} builds. */
export type InteractionSender = ReturnType<typeof interactionSender>

/**
 * `POST /v1/hubs/{hubId}/interactions` and the portal-scoped
 * `POST /v1/hubs/{hubId}/portals/{portalId}/interactions`: one interaction or
 * an array of up to 500. Answers 202 with per-item results when at least one
 * item was accepted (200 with `?wait=stored`), else 400 in the same shape.
 * On a listener, most such requests take the lean path (`lean-ingest.ts`),
 * which shares every step with these routes.
 */
export function ingestRoutes(deps: SendRouteDeps & { pipeline: IngestPipeline }) {
  const app = new Hono<IngestEnv>()
  // Server, token, hub and token-resource counts, then the body reader (see sendGuards).
  const guards = deps.guards ?? sendGuards(deps)
  const send = interactionSender({ pipeline: deps.pipeline, rates: guards.rates })

  async function ingestHandler(c: Context<IngestEnv>) {
    const answer = await send({
      hubId: c.req.param('hubId')!,
      portalId: c.req.param('portalId'),
      sas: c.get('sas'),
      wait: (c.get('input').query as { wait?: 'stored' | 'logged' }).wait,
      body: c.get('body'),
    })
    // Every header in one plain object (see answer-headers.ts): the hottest answer of the service.
    return jsonAnswer(c, answer.body, answer.status, answer.headers)
  }

  // The query is checked before the body is read; the items are checked one by one by the pipeline.
  app.post(
    '/v1/hubs/:hubId/interactions',
    ...guards.limits,
    validateRoute(API.sendInteractions),
    guards.body,
    ingestHandler,
  )
  app.post(
    '/v1/hubs/:hubId/portals/:portalId/interactions',
    ...guards.limits,
    validateRoute(API.sendPortalInteractions),
    guards.body,
    ingestHandler,
  )
  return app
}
