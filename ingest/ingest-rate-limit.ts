import { randomBytes } from 'node:crypto'
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

/** Slots a limiter's table starts with (24 bytes each, in typed arrays). */
const FIRST_SLOTS = 4096
/** The most slots a table grows to: room for about 100,000 buckets still being spent. */
const MAX_SLOTS = 131_072
/** Slots a key may sit in, from the one its hash names: a take looks at these and no others. */
const WINDOW = 16

/** A 32-bit hash of `scope`, a separator and `key`, from `seed` (murmur3's mixing steps). */
function hashOf(seed: number, scope: string, key: string): number {
  let h = seed
  for (let i = 0; i < scope.length; i++) h = Math.imul(h ^ scope.charCodeAt(i), 0x5bd1e995) ^ (h >>> 15)
  h = Math.imul(h ^ 0x20, 0x5bd1e995) ^ (h >>> 15)
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x5bd1e995) ^ (h >>> 15)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/**
 * Token buckets by key: each holds up to `burst` items and refills at
 * `perSecond`. `take(key, n)` spends `n` or refuses with the seconds until
 * they would be there. Per server: a second node has its own buckets.
 *
 * The buckets live in typed arrays, by a 64-bit hash of the key (two 32-bit
 * hashes from a random seed), not in a Map of strings and objects: a take
 * allocates nothing on V8's heap. With a Map, every batch left its keys,
 * bucket objects and the Map's rehashed tables in V8's old space (a table
 * there is rehashed into old space, and a dead table keeps the young keys it
 * points to alive through the next scavenges): 145 of the 250 MiB of old-space
 * garbage sampled in the bench's batch phase (bench/README.md, 2026-12-07, mem).
 * A bucket that has filled up again says nothing a fresh one would not, so
 * its slot is free for another key. A key sits in one of {@link WINDOW} slots
 * from the one its hash names; when they all hold buckets still being spent,
 * the table doubles, up to {@link MAX_SLOTS}, and past that the bucket spent
 * longest ago in the window is forgotten (the key gets a fresh burst).
 *
 * @example
 * const perContact = rateLimiter(DEFAULT_CONTACT_RATE, Date.now)
 * perContact.take(contactId, 3) // 0, or the seconds to wait
 */
export function rateLimiter(limit: RateLimit, clock: () => number) {
  const seed = randomBytes(8)
  const seedA = seed.readUInt32LE(0)
  const seedB = seed.readUInt32LE(4)
  let slots = FIRST_SLOTS
  // A slot is empty when both halves of its hash are 0 (a key hashing to that is stored as 0, 1).
  let hashA = new Uint32Array(slots)
  let hashB = new Uint32Array(slots)
  let level = new Float64Array(slots)
  let at = new Float64Array(slots)

  const full = (s: number, now: number) =>
    level[s]! + ((now - at[s]!) / 1000) * limit.perSecond >= limit.burst
  const free = (s: number, now: number) => (hashA[s] === 0 && hashB[s] === 0) || full(s, now)

  /** The slot holding the hash, or -1. */
  const find = (a: number, b: number): number => {
    const mask = slots - 1
    for (let i = 0, s = a & mask; i < WINDOW; i++, s = (s + 1) & mask)
      if (hashA[s] === a && hashB[s] === b) return s
    return -1
  }
  /** A slot for a new hash: a free one in its window, or -1 when every one holds a bucket still being spent. */
  const place = (a: number, now: number): number => {
    const mask = slots - 1
    for (let i = 0, s = a & mask; i < WINDOW; i++, s = (s + 1) & mask) if (free(s, now)) return s
    return -1
  }
  /** The table at twice the slots, with the buckets still being spent. */
  const grow = (now: number) => {
    const old = { hashA, hashB, level, at }
    slots *= 2
    hashA = new Uint32Array(slots)
    hashB = new Uint32Array(slots)
    level = new Float64Array(slots)
    at = new Float64Array(slots)
    for (let s = 0; s < old.hashA.length; s++) {
      if (old.hashA[s] === 0 && old.hashB[s] === 0) continue
      if (old.level[s]! + ((now - old.at[s]!) / 1000) * limit.perSecond >= limit.burst) continue
      const t = place(old.hashA[s]!, now)
      if (t < 0) continue
      hashA[t] = old.hashA[s]!
      hashB[t] = old.hashB[s]!
      level[t] = old.level[s]!
      at[t] = old.at[s]!
    }
  }
  /** The slot spent longest ago in the hash's window: forgotten for the new key. */
  const oldest = (a: number): number => {
    const mask = slots - 1
    let pick = a & mask
    for (let i = 1, s = (pick + 1) & mask; i < WINDOW; i++, s = (s + 1) & mask)
      if (at[s]! < at[pick]!) pick = s
    return pick
  }

  return {
    /**
     * Spends `n` items of the bucket of `key` (within `scope`, when given):
     * 0 when they were there, else the whole seconds to wait (nothing spent).
     */
    take(key: string, n: number, scope = ''): number {
      const now = clock()
      const a = hashOf(seedA, scope, key)
      let b = hashOf(seedB, scope, key)
      if (a === 0 && b === 0) b = 1
      let s = find(a, b)
      if (s < 0) {
        s = place(a, now)
        while (s < 0 && slots < MAX_SLOTS) {
          grow(now)
          s = place(a, now)
        }
        if (s < 0) s = oldest(a)
        hashA[s] = a
        hashB[s] = b
        level[s] = limit.burst
        at[s] = now
      }
      const current = Math.min(limit.burst, level[s]! + ((now - at[s]!) / 1000) * limit.perSecond)
      if (current < n) return Math.max(1, Math.ceil((Math.min(n, limit.burst) - current) / limit.perSecond))
      level[s] = current - n
      at[s] = now
      return 0
    },
    /** How many buckets it holds that have not filled up again (tests). */
    get size(): number {
      const now = clock()
      let count = 0
      for (let s = 0; s < slots; s++) if (!free(s, now)) count++
      return count
    },
    /** How many slots its table has (tests). */
    get slots(): number {
      return slots
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
    const wait = perContact.take(contactId, n, hubId)
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
