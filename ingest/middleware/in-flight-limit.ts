import type { MiddlewareHandler } from 'hono'
import { DomainError } from '../../core/index.ts'
import type { AppEnv } from '../app-env.ts'

/**
 * Backpressure for the ingest routes: at most `max` requests in flight at once.
 * One more is refused straight away with `429 too_many_requests` and
 * `Retry-After`, before its body is read, rather than queued without bound.
 *
 * @example app.post('/v1/hubs/:hubId/interactions', inFlightLimit({ max: 1024 }), …)
 */
export function inFlightLimit(options: {
  max: number
  retryAfterSeconds?: number
}): MiddlewareHandler<AppEnv> {
  let inFlight = 0
  return async function inFlightLimitMiddleware(_c, next) {
    if (inFlight >= options.max) {
      throw new DomainError(
        'rate_limited',
        'too_many_requests',
        `more than ${options.max} ingest requests are in flight; send this one again shortly`,
        undefined,
        options.retryAfterSeconds ?? 1,
      )
    }
    inFlight++
    try {
      await next()
    } finally {
      inFlight--
    }
  }
}
