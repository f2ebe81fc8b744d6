import type { Context, MiddlewareHandler } from 'hono'
import type { HubService, SasPrincipal } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'
import { type RateLimit, ingestRateLimits } from '../ingest-rate-limit.ts'
import { inFlightCounter } from './in-flight-limit.ts'
import type { ReadsAhead } from '../reads-ahead.ts'
import { type IngestBodyReader, ingestBodyReader, jsonBody } from './json-body.ts'
import { sasTokenOf } from './sas-auth.ts'

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
  /** The same steps as `limits` for a request that is not a Hono one (the lean ingest path). */
  admit(request: SendRequest): Promise<Admitted>
  /** The body reader: bytes counted while reading, gzip limit, depth, field count, read timeout. */
  body: MiddlewareHandler<E>
  /** The reader behind `body`, for a request that is not a Hono one (the lean ingest path). */
  readBody: IngestBodyReader
  /** Items per token and per contact (the interaction routes, once the body is read). */
  rates: ReturnType<typeof ingestRateLimits>
}

/**
 * What a send route (interactions, cases) is built with: the hubs its tokens
 * are checked against, and the guards it shares with the other send routes, so
 * both count against the same slots (built from the limits when absent).
 */
export type SendRouteDeps = { hubs: HubService; guards?: SendGuards } & SendLimits

/** What {@link SendGuards.admit} reads of a request to a send route. */
export interface SendRequest {
  hubId: string
  /** The portal of a portal-scoped route. */
  portalId?: string
  /** Whether it is an interaction route (a portal page's contact token may send there). */
  interactions: boolean
  /** The `Authorization` header and `?sas=`, as the request has them. */
  authorization?: string
  sasQuery?: string
}

/** A request let in: its token's principal, and the slots it holds until `release()`. */
export interface Admitted {
  sas: SasPrincipal
  release(): void
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
export function sendGuards(
  deps: {
    hubs: HubService
    /** Reps' reads, which bodies wait for before their parsing (reads-ahead.ts). */
    reads?: Pick<ReadsAhead, 'waitForReads'>
  } & SendLimits,
): SendGuards {
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
  async function admit(request: SendRequest): Promise<Admitted> {
    server.take('')
    let hubKey: string | undefined
    try {
      const { hubId, portalId } = request
      const path = portalId !== undefined ? `/v1/hubs/${hubId}/portals/${portalId}` : `/v1/hubs/${hubId}`
      // A portal page's token names its visitor (…/portals/{p}/contacts/{c}); it may send
      // interactions for that contact (the pipeline holds each item to it) and nothing else.
      const contactBelow = portalId !== undefined && request.interactions
      const token = sasTokenOf(request.authorization, request.sasQuery)
      const sas = await deps.hubs.authorize({ token, hubId, path, right: 'send', contactBelow })
      perHub.take(sas.hubId)
      hubKey = sas.hubId
      const tokenKey = `${sas.keyName} ${sas.resource}`
      perToken.take(tokenKey)
      return {
        sas,
        release() {
          perToken.release(tokenKey)
          perHub.release(sas.hubId)
          server.release('')
        },
      }
    } catch (err) {
      if (hubKey !== undefined) perHub.release(hubKey)
      server.release('')
      throw err
    }
  }
  const readBody = ingestBodyReader({ timeoutMs: deps.bodyTimeoutMs, reads: deps.reads })
  async function sendLimitsMiddleware(c: Context<AppEnv>, next: () => Promise<void>) {
    const { sas, release } = await admit({
      hubId: c.req.param('hubId')!,
      portalId: c.req.param('portalId'),
      interactions: c.req.path.endsWith('/interactions'),
      authorization: c.req.header('authorization'),
      sasQuery: c.req.query('sas'),
    })
    try {
      c.set('sas', sas)
      await next()
    } finally {
      release()
    }
  }
  return {
    limits: [sendLimitsMiddleware] as const,
    admit,
    body: jsonBody({ reader: readBody }),
    readBody,
    rates: ingestRateLimits({ perToken: deps.ratePerToken, perContact: deps.ratePerContact }),
  }
}
