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
/** Takes between two sweeps for buckets that have filled up again. */
const SWEEP_EVERY = 1024

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
  // A bucket that has filled up again says nothing a fresh one would not: every
  // SWEEP_EVERY takes, those are forgotten. A stream of new contacts (every beacon
  // another visitor) then holds the buckets of the last moments, not 100,000 that stayed
  // in V8's old space and its every full collection (bench phase 3, issue 26). A sweep
  // every take (the Map kept in order of use) cost 1.5-2 us more per take.
  let takes = 0
  const forgetRefilled = (now: number) => {
    for (const [key, bucket] of buckets) if (levelOf(bucket, now) >= limit.burst) buckets.delete(key)
    // Still too many half-spent buckets: the oldest go (a Map iterates in insertion order).
    for (const key of buckets.keys()) {
      if (buckets.size < MAX_KEYS) break
      buckets.delete(key)
    }
  }
  return {
    /** Spends `n` items of `key`'s bucket: 0 when they were there, else the whole seconds to wait (nothing spent). */
    take(key: string, n: number): number {
      const now = clock()
      if (++takes === SWEEP_EVERY) {
        takes = 0
        forgetRefilled(now)
      }
      let bucket = buckets.get(key)
      if (!bucket) {
        if (buckets.size >= MAX_KEYS) forgetRefilled(now)
        bucket = { level: limit.burst, at: now }
        buckets.set(key, bucket)
      }
      const level = levelOf(bucket, now)
      if (level < n) return Math.max(1, Math.ceil((Math.min(n, limit.burst) - level) / limit.perSecond))
      bucket.level = level - n
      bucket.at = now
      return 0
    },
    /** How many buckets it holds (tests). */
    get size(): number {
      return buckets.size
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
  const spend = (hubId: string, contactId: string, n: number) => {
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
      // A beacon (one item) names one contact: no tally to build.
      if (items.length === 1) {
        const id = (items[0] as { portal_contactid?: unknown } | null)?.portal_contactid
        if (typeof id === 'string') spend(hubId, id.toLowerCase(), 1)
        return
      }
      const byContact = new Map<string, number>()
      for (const item of items) {
        const id = (item as { portal_contactid?: unknown } | null)?.portal_contactid
        if (typeof id === 'string') {
          const contactId = id.toLowerCase()
          byContact.set(contactId, (byContact.get(contactId) ?? 0) + 1)
        }
      }
      for (const [contactId, n] of byContact) spend(hubId, contactId, n)
    },
  }
}
