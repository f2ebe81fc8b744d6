import { DomainError } from '../errors.ts'

/** Wrong `.pfx` passwords one user may give in {@link PFX_PASSWORD_WINDOW_MS} before uploads are refused. */
export const MAX_PFX_PASSWORD_FAILURES = 5
/** The window failed `.pfx` passwords are counted over. */
export const PFX_PASSWORD_WINDOW_MS = 15 * 60_000

/**
 * Counts each user's wrong `.pfx` passwords over a sliding window: past
 * `max` failures the user's uploads are refused with `429
 * certificate_password_attempts` and `Retry-After` until the oldest failure
 * leaves the window, so a file cannot be used to guess its password at the
 * server's expense. Counted per server (a refusal, not a stored state).
 *
 * @example
 * const attempts = createPasswordAttempts({ clock: Date.now })
 * attempts.check(user.id) // throws while the user is over the limit
 */
export function createPasswordAttempts(options: { clock: () => number; max?: number; windowMs?: number }) {
  const max = options.max ?? MAX_PFX_PASSWORD_FAILURES
  const windowMs = options.windowMs ?? PFX_PASSWORD_WINDOW_MS
  const failures = new Map<string, number[]>()
  const recent = (userId: string): number[] => {
    const since = options.clock() - windowMs
    const kept = (failures.get(userId) ?? []).filter((at) => at > since)
    if (kept.length === 0) failures.delete(userId)
    else failures.set(userId, kept)
    return kept
  }
  return {
    /** Throws `certificate_password_attempts` (429) while the user has `max` failures in the window. */
    check(userId: string): void {
      const kept = recent(userId)
      if (kept.length < max) return
      const retryAfter = Math.max(1, Math.ceil((kept[0]! + windowMs - options.clock()) / 1000))
      throw new DomainError(
        'rate_limited',
        'certificate_password_attempts',
        `${kept.length} wrong .pfx passwords in ${windowMs / 60_000} minutes; uploads are refused for ${retryAfter} s`,
        'password',
        retryAfter,
      )
    },
    /** Counts one wrong password. */
    fail(userId: string): void {
      const kept = recent(userId)
      kept.push(options.clock())
      failures.set(userId, kept.slice(-max))
    },
  }
}
