import { type Context, Hono } from 'hono'
import { DomainError, type HubService, type IngestPipeline } from '../../core/index.ts'
import { API, MAX_BATCH_ITEMS } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { inFlightLimit } from '../middleware/in-flight-limit.ts'
import { jsonBody } from '../middleware/json-body.ts'
import { requireSas } from '../middleware/sas-auth.ts'
import { type ValidatedEnv, validateRoute } from '../middleware/validate-route.ts'

type IngestEnv = ValidatedEnv<typeof API.sendInteractions> & { Variables: { body: unknown } }

/** The resource a request to an ingest route must hold `send` for. */
const resourceOf = (c: Context<AppEnv>) => {
  const hubId = c.req.param('hubId')!
  const portalId = c.req.param('portalId')
  return { hubId, path: portalId ? `/v1/hubs/${hubId}/portals/${portalId}` : `/v1/hubs/${hubId}` }
}

/**
 * `POST /v1/hubs/{hubId}/interactions` and the portal-scoped
 * `POST /v1/hubs/{hubId}/portals/{portalId}/interactions`: one interaction or
 * an array of up to 500. Answers 202 with per-item results when at least one
 * item was accepted (200 with `?wait=stored`), else 400 in the same shape.
 */
export function ingestRoutes(deps: {
  hubs: HubService
  pipeline: IngestPipeline
  /** Most ingest requests in flight at once; more get 429 (default 1024). */
  maxInFlight?: number
  /** Most in flight for one hub (default 256), so one hub's clients cannot take every slot. */
  maxInFlightPerHub?: number
  /** Most in flight for one token's resource, e.g. one portal's beacon token (default 64). */
  maxInFlightPerToken?: number
  /** The whole body must arrive within this (default 5 s). */
  bodyTimeoutMs?: number
}) {
  const app = new Hono<IngestEnv>()

  async function ingestHandler(c: Context<IngestEnv>) {
    const hubId = c.req.param('hubId')!
    const portalId = c.req.param('portalId')
    const { wait } = c.get('input').query as { wait?: 'stored' | 'logged' }
    const body = c.get('body')
    const items = Array.isArray(body) ? body : [body]
    if (items.length === 0)
      throw new DomainError('invalid', 'empty_batch', 'the array holds no interactions', 'body')
    if (items.length > MAX_BATCH_ITEMS) {
      throw new DomainError(
        'too_large',
        'batch_too_large',
        `a request may carry at most ${MAX_BATCH_ITEMS} interactions, got ${items.length}`,
        'body',
      )
    }
    const result = await deps.pipeline.ingest({
      hubId,
      portalId,
      items,
      wait: wait === 'stored' ? 'stored' : undefined,
    })
    if (result.ack) c.header('Casetrail-Ack', result.ack)
    // 200 only when the items are in ClickHouse: a sink may settle for `logged` (store down, shutdown).
    const status = result.accepted === 0 ? 400 : wait === 'stored' && result.ack === 'stored' ? 200 : 202
    return c.json(
      {
        accepted: result.accepted,
        rejected: result.rejected,
        ...(result.moreRejected ? { moreRejected: result.moreRejected } : {}),
      },
      status,
    )
  }

  // The token is checked before the body is read, so a stranger cannot make us inflate gzip.
  const guard = requireSas(deps.hubs, 'send', resourceOf)
  // Three counts, each taken before the body is read and held until the request ends
  // (at most bodyTimeoutMs for the body): in total, per hub, and per token resource.
  // Slow bodies on one hub use up that hub's (or token's) slots, never another's.
  const limits = [
    inFlightLimit<IngestEnv>({
      max: deps.maxInFlight ?? 1024,
      code: 'too_many_requests',
      scope: 'on this server (CASETRAIL_INGEST_MAX_IN_FLIGHT)',
    }),
    guard,
    inFlightLimit<IngestEnv>({
      max: deps.maxInFlightPerHub ?? 256,
      key: (c) => c.get('sas').hubId,
      code: 'hub_too_many_requests',
      scope: 'for this hub (CASETRAIL_INGEST_MAX_IN_FLIGHT_PER_HUB)',
    }),
    inFlightLimit<IngestEnv>({
      max: deps.maxInFlightPerToken ?? 64,
      key: (c) => `${c.get('sas').keyName} ${c.get('sas').resource}`,
      code: 'token_too_many_requests',
      scope: 'for this token (CASETRAIL_INGEST_MAX_IN_FLIGHT_PER_TOKEN)',
    }),
  ] as const
  const body = jsonBody({ timeoutMs: deps.bodyTimeoutMs })
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
