/** One limit: a burst, then one more every `refillMs`. */
export interface RateLimit {
  burst: number
  refillMs: number
}

/**
 * The limits of portal forms (issue 20 item 9: 30 cases from one session went
 * through in 775 ms, and sign-ins the same). Each is a token bucket kept in
 * this node's memory, so on N nodes behind a balancer a client gets at most N
 * times the figure; documented as per node.
 */
export const FORM_LIMITS = {
  /** Cases one contact opens on one portal: 5 at once, then one a minute. */
  case: { burst: 5, refillMs: 60_000 },
  /** Ideas suggested and votes cast by one contact on one portal: 20 at once, then one every 15 s. */
  idea: { burst: 20, refillMs: 15_000 },
  /** Sign-in attempts from one address on one portal: 10 at once, then one every 6 s (10 a minute). */
  signIn: { burst: 10, refillMs: 6_000 },
  /** Registrations and password-reset requests from one address on one portal: 5 at once, then one a minute. */
  account: { burst: 5, refillMs: 60_000 },
} as const satisfies Record<string, RateLimit>

/** Which form a limit counts. */
export type FormLimitName = keyof typeof FORM_LIMITS

/** Buckets kept at most; past this the least recently touched are forgotten first. */
const MAX_BUCKETS = 50_000

/** A take's outcome: allowed, or refused with the seconds until one more is allowed. */
export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number }

/**
 * Token buckets by name and key (a portal and a contact, or a portal and an
 * address). `take` spends one; `refund` gives one back (a form refused for its
 * content does not count).
 *
 * @example
 * const limits = createFormLimits({ clock: Date.now })
 * const got = limits.take('case', `${portalId} ${contactId}`)
 * if (!got.ok) return tooMany(got.retryAfterSeconds)
 */
export function createFormLimits(
  deps: { clock?: () => number; limits?: Partial<Record<FormLimitName, RateLimit>> } = {},
) {
  const clock = deps.clock ?? Date.now
  const limits = { ...FORM_LIMITS, ...deps.limits }
  // A Map keeps insertion order: a touched bucket is re-inserted, so the first entries are the stalest.
  const buckets = new Map<string, { tokens: number; at: number }>()
  const fill = (name: FormLimitName, key: string) => {
    const limit = limits[name]
    const id = `${name} ${key}`
    const now = clock()
    const had = buckets.get(id)
    const tokens = had ? Math.min(limit.burst, had.tokens + (now - had.at) / limit.refillMs) : limit.burst
    buckets.delete(id)
    if (buckets.size >= MAX_BUCKETS) buckets.delete(buckets.keys().next().value as string)
    const bucket = { tokens, at: now }
    buckets.set(id, bucket)
    return { bucket, limit }
  }
  return {
    take(name: FormLimitName, key: string): TakeResult {
      const { bucket, limit } = fill(name, key)
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return { ok: true }
      }
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil(((1 - bucket.tokens) * limit.refillMs) / 1000)),
      }
    },
    refund(name: FormLimitName, key: string): void {
      const { bucket, limit } = fill(name, key)
      bucket.tokens = Math.min(limit.burst, bucket.tokens + 1)
    },
  }
}

/** The form limits' interface. */
export type FormLimits = ReturnType<typeof createFormLimits>
