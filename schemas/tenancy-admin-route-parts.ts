import { ADMIN_AUTH_ERRORS, mergeErrors } from './api-errors.ts'
import type { RouteError } from './route-registry.ts'

// What every tenancy admin route (users, instances, licences) shares.

/** Tenancy admin routes are for an administrator's bearer token. */
export const admin = { bearer: 'admin' } as const
/** Who may call most tenancy admin routes. */
export const TENANT = 'For a global administrator or a service administrator.'
/** A tenancy admin route's errors: an admin's authentication, and `more`. */
export const errors = (...more: ReadonlyArray<readonly RouteError[]>) =>
  mergeErrors(ADMIN_AUTH_ERRORS, ...more)
/** Refused to a user who administers no tenant. */
export const tenantOnly = [{ status: 403, codes: ['tenant_admin_required'] }] as const
