import * as z from 'zod'
import { IF_MATCH_ERRORS, TENANT_ADMIN_ERRORS, mergeErrors } from './api-errors.ts'
import { EXAMPLE_IDS, type RouteError, defineRoute } from './route-registry.ts'
import { ifMatchHeaders, newEtagHeader } from './versioning.ts'

// What every hub admin route shares: who may call it, its tag, the hub
// parameter and the errors every one of them can answer.

/** Hub admin routes are for an administrator's bearer token. */
export const admin = { bearer: 'admin' } as const
/** The tag hub admin routes are listed under. */
export const tags = ['Hubs'] as const
/** The hub a route is about. */
export const hubId = z.string().describe('The hub’s id')
/** The path parameters of a route about one hub. */
export const hubParams = z.object({ hubId })
/** The hub named does not exist. */
export const hubNotFound = [{ status: 404, codes: ['hub_not_found'] }] as const
/** A hub admin route's errors: a tenant admin's, and `more`. */
export const errors = (...more: ReadonlyArray<readonly RouteError[]>) =>
  mergeErrors(TENANT_ADMIN_ERRORS, ...more)
/** Who may call a hub admin route. */
export const HUB_NOTE = 'For a global administrator or a service administrator.'
/** What a change of the hub record (keys, catalogue, profile config) says about versions. */
export const VERSIONED =
  'Send the hub’s ETag as `If-Match` and the change goes ahead only on that version; otherwise 412 ' +
  '`version_mismatch` with the current hub (its keys’ names and rights, never their secrets).'

/**
 * Removing one of a hub's settings (its profile configuration, its cost per
 * case): `DELETE` on its path, versioned by `If-Match`, 204 with the new ETag.
 */
export const removeHubSetting = <
  const P extends string,
  const O extends string,
  const S extends string,
  const T extends readonly string[],
>(route: {
  path: P
  operationId: O
  summary: S
  tags: T
}) =>
  defineRoute({
    method: 'delete',
    path: route.path,
    operationId: route.operationId,
    summary: route.summary,
    description: `${HUB_NOTE} ${VERSIONED}`,
    tags: route.tags,
    security: admin,
    request: { headers: ifMatchHeaders, params: hubParams },
    responses: { 204: { description: 'Removed', headers: newEtagHeader } },
    errors: errors(IF_MATCH_ERRORS, hubNotFound),
    example: { params: { hubId: EXAMPLE_IDS.hubId }, status: 204 },
  })
