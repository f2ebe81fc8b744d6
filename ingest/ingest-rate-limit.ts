import { DomainError } from '../core/index.ts'

/** A sustained rate of items per second and the burst allowed above it. */
export interface RateLimit {
  perSecond: number
  burst: number
}

/** Items one token's resource may send: 1,000 a second, bursts of 10,000 (CASETRAIL_INGEST_RATE_PER_TOKEN). */
export const DEFAULT_TOKEN_RATE: RateLimit = { perSecond: 1000, burst: 10_000 }
/** Items naming one contact: 10 a second, bursts of 1,000 (CASETRAIL_INGEST_RATE_PER_CONTACT). */
export const DEFAULT_CONTACT_RATE: RateLimit = { perSecond: 10, burst: 1000 }

/** Keys a limiter remembers before it forgets the buckets that have filled up again. */
const MAX_KEYS = 100_000

/**
 * Token buckets by key: each holds up to `burst` items and refills at
 * `perSecond`. `take(key, n)` spends `n` or refuses with the seconds until
 * they would be there. Per server: a second node has its own buckets.
 *
 * @example
 * const perContact = rateLimiter(DEFAULT_CONTACT_RATE, Date.now)
 * perContact.take(contactId, 3) // 0, or the seconds to wait
 */
export function rateLimiter(limit: RateLimit, clock: () => number) {
  const buckets = new Map<string, { level: number; at: number }>()
  const levelOf = (bucket: { level: number; at: number }, now: number) =>
    Math.min(limit.burst, bucket.level + ((now - bucket.at) / 1000) * limit.perSecond)
  const forgetFull = (now: number) => {
    for (const [key, bucket] of buckets) if (levelOf(bucket, now) >= limit.burst) buckets.delete(key)
    // Still full of half-spent buckets: the oldest go (a Map iterates in insertion order).
    for (const key of buckets.keys()) {
      if (buckets.size < MAX_KEYS) break
      buckets.delete(key)
    }
  }
  return {
    /** Spends `n` items of `key`'s bucket: 0 when they were there, else the whole seconds to wait (nothing spent). */
    take(key: string, n: number): number {
      const now = clock()
      let bucket = buckets.get(key)
      if (!bucket) {
        if (buckets.size >= MAX_KEYS) forgetFull(now)
        bucket = { level: limit.burst, at: now }
        buckets.set(key, bucket)
      }
      const level = levelOf(bucket, now)
      if (level < n) return Math.max(1, Math.ceil((Math.min(n, limit.burst) - level) / limit.perSecond))
      bucket.level = level - n
      bucket.at = now
      return 0
    },
  }
}

/**
 * The ingest routes' rates: items per token's resource, then items per
 * contact named (`portal_contactid`), counted before the items are checked.
 * Over either: `429 token_rate_limited` or `contact_rate_limited` with
 * `Retry-After`, and none of the request's items is stored.
 */
export function ingestRateLimits(options: {
  perToken?: RateLimit
  perContact?: RateLimit
  clock?: () => number
}) {
  const clock = options.clock ?? Date.now
  const perToken = rateLimiter(options.perToken ?? DEFAULT_TOKEN_RATE, clock)
  const perContact = rateLimiter(options.perContact ?? DEFAULT_CONTACT_RATE, clock)
  return {
    /** Throws the 429 when the token's or a contact's bucket lacks the request's items. */
    take(tokenKey: string, hubId: string, items: readonly unknown[]): void {
      const tokenWait = perToken.take(tokenKey, items.length)
      if (tokenWait > 0) {
        throw new DomainError(
          'rate_limited',
          'token_rate_limited',
          `this token's items pass ${options.perToken?.perSecond ?? DEFAULT_TOKEN_RATE.perSecond} a second (CASETRAIL_INGEST_RATE_PER_TOKEN); retry in ${tokenWait} s`,
          'body',
          tokenWait,
        )
      }
      const byContact = new Map<string, number>()
      for (const item of items) {
        const id = (item as { portal_contactid?: unknown } | null)?.portal_contactid
        if (typeof id === 'string')
          byContact.set(id.toLowerCase(), (byContact.get(id.toLowerCase()) ?? 0) + 1)
      }
      for (const [contactId, n] of byContact) {
        const wait = perContact.take(`${hubId} ${contactId}`, n)
        if (wait > 0) {
          throw new DomainError(
            'rate_limited',
            'contact_rate_limited',
            `items for the contact ${contactId} pass ${options.perContact?.perSecond ?? DEFAULT_CONTACT_RATE.perSecond} a second (CASETRAIL_INGEST_RATE_PER_CONTACT); retry in ${wait} s`,
            'portal_contactid',
            wait,
          )
        }
      }
    },
  }
}
