import type { Context, MiddlewareHandler } from 'hono'
import { DomainError } from '../../core/index.ts'
import type { IngestErrorCode } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'

/** Options of {@link inFlightLimit}. */
export interface InFlightLimitOptions<E extends AppEnv = AppEnv> {
  /** Most requests in flight at once (per key, when `key` is given). */
  max: number
  /**
   * What the count is kept per (a hub id, a token's resource); one shared
   * count when absent. A request without a key (undefined) is not counted.
   */
  key?: (c: Context<E>) => string | undefined
  /** The refusal's code, e.g. `too_many_requests` or `hub_too_many_requests`. Default `too_many_requests`. */
  code?: IngestErrorCode
  /** Names the limit in the refusal's message, e.g. `on this hub (CASETRAIL_INGEST_MAX_IN_FLIGHT_PER_HUB)`. */
  scope?: string
  retryAfterSeconds?: number
}

/**
 * Backpressure: at most `max` requests in flight at once, overall or per key
 * (a hub, a token). One more is refused straight away with 429, its own code,
 * a message naming the limit and `Retry-After`, before its body is read,
 * rather than queued without bound. A slot is held until the request's
 * handling ends (answer built, body read or timed out), so a client that
 * sends its body slowly holds only slots of its own key.
 *
 * @example app.post('/v1/hubs/:hubId/interactions', inFlightLimit({ max: 1024 }), …)
 */
export function inFlightLimit<E extends AppEnv = AppEnv>(
  options: InFlightLimitOptions<E>,
): MiddlewareHandler<E> {
  const counter = inFlightCounter(options)
  return async function inFlightLimitMiddleware(c, next) {
    const key = options.key ? options.key(c) : ''
    if (key === undefined) return next()
    counter.take(key)
    try {
      await next()
    } finally {
      counter.release(key)
    }
  }
}

/** The counts of {@link inFlightLimit}, for a middleware that holds several limits in one frame. */
export interface InFlightCounter {
  /** Takes a slot of `key`, or throws the limit's 429 (nothing taken). */
  take(key: string): void
  /** Gives back a slot {@link take} gave. */
  release(key: string): void
}

/**
 * The counts behind {@link inFlightLimit} without the middleware: `take`
 * refuses with the limit's 429 (its code, a message naming the limit and
 * `Retry-After`) or counts the request in; `release` gives the slot back.
 */
export function inFlightCounter(options: Omit<InFlightLimitOptions<never>, 'key'>): InFlightCounter {
  const counts = new Map<string, number>()
  const code = options.code ?? 'too_many_requests'
  const scope = options.scope ?? 'in total'
  return {
    take(key) {
      const now = counts.get(key) ?? 0
      if (now >= options.max) {
        throw new DomainError(
          'rate_limited',
          code,
          `more than ${options.max} ingest requests are in flight ${scope}; send this one again shortly`,
          undefined,
          options.retryAfterSeconds ?? 1,
        )
      }
      counts.set(key, now + 1)
    },
    release(key) {
      const left = (counts.get(key) ?? 1) - 1
      // Keys come and go (hubs, tokens): forget a key with nothing in flight.
      if (left <= 0) counts.delete(key)
      else counts.set(key, left)
    },
  }
}
