import type { Context, MiddlewareHandler } from 'hono'
import type { HubService } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'
import { type RateLimit, ingestRateLimits } from '../ingest-rate-limit.ts'
import { inFlightCounter } from './in-flight-limit.ts'
import { jsonBody } from './json-body.ts'
import { authorizeSas } from './sas-auth.ts'

/** Limits of the routes a `send` token posts JSON to (interactions and cases). */
export interface SendLimits {
  /** Most such requests in flight at once on this server; more get 429 (default 1024). */
  maxInFlight?: number
  /** Most in flight for one hub (default 256), so one hub's clients cannot take every slot. */
  maxInFlightPerHub?: number
  /** Most in flight for one token's resource, e.g. one portal's beacon token (default 64). */
  maxInFlightPerToken?: number
  /** The whole body must arrive within this (default 5 s). */
  bodyTimeoutMs?: number
  /** Items a second (and burst) one token's resource may send (default 1,000, burst 10,000). */
  ratePerToken?: RateLimit
  /** Items a second (and burst) naming one contact (default 10, burst 1,000). */
  ratePerContact?: RateLimit
}

/** The environment of a route behind {@link sendGuards}: the parsed body is on `c.get('body')`. */
export type SendEnv = AppEnv & { Variables: { body: unknown } }

type E = SendEnv

/** The middleware chains {@link sendGuards} builds. */
export interface SendGuards {
  /** In flight (server) -> `send` token -> in flight (hub) -> in flight (token), in that order, in one middleware. */
  limits: readonly [MiddlewareHandler<AppEnv>]
  /** The body reader: bytes counted while reading, gzip limit, depth, field count, read timeout. */
  body: MiddlewareHandler<E>
  /** Items per token and per contact (the interaction routes, once the body is read). */
  rates: ReturnType<typeof ingestRateLimits>
}

/**
 * What a send route (interactions, cases) is built with: the hubs its tokens
 * are checked against, and the guards it shares with the other send routes, so
 * both count against the same slots (built from the limits when absent).
 */
export type SendRouteDeps = { hubs: HubService; guards?: SendGuards } & SendLimits

/** The resource a request to a hub's (or a portal's) send route must hold `send` for. */
const resourceOf = (c: Context<AppEnv>) => {
  const hubId = c.req.param('hubId')!
  const portalId = c.req.param('portalId')
  return { hubId, path: portalId ? `/v1/hubs/${hubId}/portals/${portalId}` : `/v1/hubs/${hubId}` }
}

/**
 * The protections every route a `send` token posts JSON to is mounted behind:
 * the interaction routes and the CRM case routes share one set (build it once
 * and pass it to both), so their requests count against the same server, hub
 * and token slots. Each count is taken before the body is read and held until
 * the request ends (at most `bodyTimeoutMs` for the body); the token is checked
 * before the body is read, so a stranger cannot make us inflate gzip.
 *
 * @example
 * const guards = sendGuards({ hubs, maxInFlightPerHub: 256 })
 * app.post('/v1/hubs/:hubId/cases', ...guards.limits, guards.body, handler)
 */
export function sendGuards(deps: { hubs: HubService } & SendLimits): SendGuards {
  const server = inFlightCounter({
    max: deps.maxInFlight ?? 1024,
    code: 'too_many_requests',
    scope: 'on this server (CASETRAIL_INGEST_MAX_IN_FLIGHT)',
  })
  const perHub = inFlightCounter({
    max: deps.maxInFlightPerHub ?? 256,
    code: 'hub_too_many_requests',
    scope: 'for this hub (CASETRAIL_INGEST_MAX_IN_FLIGHT_PER_HUB)',
  })
  const perToken = inFlightCounter({
    max: deps.maxInFlightPerToken ?? 64,
    code: 'token_too_many_requests',
    scope: 'for this token (CASETRAIL_INGEST_MAX_IN_FLIGHT_PER_TOKEN)',
  })
  // One frame for the four steps, not four middleware layers (each an async frame and
  // a promise per request on the hottest route); each slot is given back once taken.
  async function sendLimitsMiddleware(c: Context<AppEnv>, next: () => Promise<void>) {
    server.take('')
    let hubKey: string | undefined
    let tokenKey: string | undefined
    try {
      const { hubId, path } = resourceOf(c)
      // A portal page's token names its visitor (…/portals/{p}/contacts/{c}); it may send
      // interactions for that contact (the pipeline holds each item to it) and nothing else.
      const contactBelow = c.req.param('portalId') !== undefined && c.req.path.endsWith('/interactions')
      const sas = await authorizeSas(c, deps.hubs, hubId, path, 'send', { contactBelow })
      c.set('sas', sas)
      perHub.take(sas.hubId)
      hubKey = sas.hubId
      const key = `${sas.keyName} ${sas.resource}`
      perToken.take(key)
      tokenKey = key
      await next()
    } finally {
      if (tokenKey !== undefined) perToken.release(tokenKey)
      if (hubKey !== undefined) perHub.release(hubKey)
      server.release('')
    }
  }
  return {
    limits: [sendLimitsMiddleware] as const,
    body: jsonBody({ timeoutMs: deps.bodyTimeoutMs }),
    rates: ingestRateLimits({ perToken: deps.ratePerToken, perContact: deps.ratePerContact }),
  }
}
