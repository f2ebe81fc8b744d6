import type { ErrorCode } from './error-codes.ts'
import type { RouteError } from './route-registry.ts'

/** What a missing or wrong admin bearer token answers. */
export const ADMIN_AUTH_ERRORS: readonly RouteError[] = [
  {
    status: 401,
    codes: ['admin_token_missing', 'admin_token_malformed', 'admin_token_invalid', 'admin_token_expired'],
  },
]

/** What a missing, wrong or insufficient shared access signature answers. */
export const SAS_ERRORS: readonly RouteError[] = [
  { status: 400, codes: ['token_ambiguous'] },
  {
    status: 401,
    codes: ['token_missing', 'token_malformed', 'token_expired', 'signature_invalid', 'key_unknown'],
  },
  { status: 403, codes: ['token_right', 'token_scope'] },
]

/** What an admin JSON body that is not what the route takes answers. */
export const BODY_ERRORS: readonly RouteError[] = [
  {
    status: 400,
    codes: [
      'invalid_json',
      'invalid_body',
      'required',
      'unknown_field',
      'invalid_type',
      'invalid_value',
      'invalid_format',
      'too_long',
      'too_short',
    ],
  },
  { status: 413, codes: ['body_too_large'] },
  { status: 415, codes: ['unsupported_content_type'] },
]

/** Hub routes for tenant administrators only. */
export const TENANT_ADMIN_ERRORS: readonly RouteError[] = [
  ...ADMIN_AUTH_ERRORS,
  { status: 403, codes: ['role_required'] },
]

/** What a bad `cursor` or `limit` of a paged list answers. */
export const PAGE_ERRORS: readonly RouteError[] = [
  { status: 400, codes: ['invalid_cursor', 'invalid_limit', 'unknown_parameter'] },
]

/** Merges error lists: one entry per status, codes in first-seen order. */
export function mergeErrors(...lists: ReadonlyArray<readonly RouteError[]>): RouteError[] {
  const byStatus = new Map<RouteError['status'], RouteError & { codes: ErrorCode[] }>()
  for (const list of lists) {
    for (const e of list) {
      const merged = byStatus.get(e.status) ?? { status: e.status, codes: [] }
      for (const code of e.codes) if (!merged.codes.includes(code)) merged.codes.push(code)
      if (e.orBody) merged.orBody = e.orBody
      byStatus.set(e.status, merged)
    }
  }
  return [...byStatus.values()].sort((a, b) => a.status - b.status)
}

/** What an update sent with a stale `If-Match` answers: 412 with the current version in `current`. */
export const IF_MATCH_ERRORS: readonly RouteError[] = [{ status: 412, codes: ['version_mismatch'] }]

/** Who may act on an existing portal: the seed's manage permission, as route descriptions say it. */
export const MANAGE_PORTAL =
  'For a global administrator, a service administrator, or a system administrator of the portal’s instance.'

/** Errors every admin route on an existing portal can answer, merged with the route's own. */
export function portalManageErrors(...more: ReadonlyArray<readonly RouteError[]>): RouteError[] {
  return mergeErrors(
    ADMIN_AUTH_ERRORS,
    [
      { status: 403, codes: ['portal_manage_forbidden'] },
      { status: 404, codes: ['portal_not_found'] },
    ],
    ...more,
  )
}
