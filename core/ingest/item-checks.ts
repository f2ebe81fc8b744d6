import type { ItemError } from '../../schemas/index.ts'

/**
 * Whether an item's time may be taken now: not more than `futureMs` ahead of
 * the server's clock (`timestamp_in_future`), not older than `maxAgeDays`
 * (`timestamp_too_old`). One rule for interactions (90 days) and cases (730).
 *
 * @example timestampProblem('createdAt', item.createdAt, now, { futureMs: 300_000, maxAgeDays: 730 })
 */
export function timestampProblem(
  path: string,
  value: string,
  now: number,
  bounds: { futureMs: number; maxAgeDays: number },
): ItemError | null {
  const at = Date.parse(value)
  if (at > now + bounds.futureMs)
    return {
      path,
      code: 'timestamp_in_future',
      message: `${path} ${value} is more than ${bounds.futureMs / 60_000} minutes ahead of the server's clock`,
    }
  if (at < now - bounds.maxAgeDays * 24 * 3_600_000)
    return {
      path,
      code: 'timestamp_too_old',
      message: `${path} ${value} is more than ${bounds.maxAgeDays} days old`,
    }
  return null
}

/**
 * Whether an item names the portal of a portal-scoped route (ids compared
 * without case): `portal_mismatch` when it names another; an item that names
 * none, or a route of no portal, passes.
 */
export function portalScopeProblem(
  path: string,
  value: string | undefined,
  scope: string | undefined,
): ItemError | null {
  if (scope === undefined || value === undefined || value.toLowerCase() === scope.toLowerCase()) return null
  return {
    path,
    code: 'portal_mismatch',
    message: `${path} ${value} differs from the portal in the URL, ${scope}`,
  }
}
