/**
 * Every error code casetrail answers with, one table per module, each code with
 * the HTTP status (or statuses) it answers with. `DomainError` takes only these
 * codes, route definitions list only these codes, and
 * `test/integration/error-codes.test.ts` holds this list and the OpenAPI
 * document to each other.
 *
 * To add a code: add one line `your_code: 409,` to the table of the module that
 * throws it (keep the tables sorted), then list it in the `errors` of every
 * route that can answer it. A code answered with two statuses lists both:
 * `instance_not_found: [404, 409]`.
 */

/** The statuses an error answers with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 412 | 413 | 415 | 421 | 428 | 429 | 503

type ErrorTable = Readonly<Record<string, ErrorStatus | readonly ErrorStatus[]>>

/**
 * What kind of failure a domain error is, and the one status each kind answers
 * with. Core names the kind; only the edge speaks HTTP.
 */
export const ERROR_KIND_STATUS = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  timeout: 408,
  conflict: 409,
  precondition_failed: 412,
  too_large: 413,
  unsupported_media: 415,
  misdirected: 421,
  rate_limited: 429,
  unavailable: 503,
} as const satisfies Record<string, ErrorStatus>
export type ErrorKind = keyof typeof ERROR_KIND_STATUS

/** Any request's refusals: its body, query, path, headers, paging and version. */
export const REQUEST_ERROR_CODES = {
  body_timeout: 408,
  body_too_large: 413,
  invalid_body: 400,
  invalid_cursor: 400,
  invalid_format: 400,
  invalid_gzip: 400,
  invalid_json: 400,
  invalid_limit: 400,
  invalid_type: 400,
  invalid_uuid: 400,
  invalid_value: 400,
  nesting_too_deep: 400,
  required: 400,
  route_not_found: 404,
  too_long: 400,
  too_many_fields: 400,
  too_short: 400,
  unknown_field: 400,
  unknown_parameter: 400,
  unsupported_content_type: 415,
  unsupported_encoding: 415,
  version_mismatch: 412,
} as const satisfies ErrorTable

/** Admin bearer tokens, console sessions and shared access signatures. */
export const AUTH_ERROR_CODES = {
  admin_session_required: 400,
  admin_token_expired: 401,
  admin_token_invalid: 401,
  admin_token_malformed: 401,
  admin_token_missing: 401,
  admin_token_required: 403,
  key_unknown: 401,
  principal_not_found: 404,
  role_required: 403,
  signature_invalid: 401,
  token_ambiguous: 400,
  token_expired: 401,
  token_malformed: 401,
  token_missing: 401,
  token_right: 403,
  token_scope: 403,
} as const satisfies ErrorTable

/** Ingest of interactions, cases and profiles: batches, rates, the write-ahead log. */
export const INGEST_ERROR_CODES = {
  batch_too_large: 413,
  contact_rate_limited: 429,
  empty_batch: 400,
  hub_too_many_requests: 429,
  log_closed: 503,
  log_failed: 503,
  log_full: 503,
  shutting_down: 503,
  store_unavailable: 503,
  token_rate_limited: 429,
  token_too_many_requests: 429,
  too_many_requests: 429,
} as const satisfies ErrorTable

/** Hubs, their keys, interaction catalogue and profiles. */
export const HUB_ERROR_CODES = {
  hub_not_found: 404,
  invalid_retention_days: 400,
  interaction_type_not_found: 404,
  key_exists: 409,
  key_not_found: 404,
  profile_not_configured: 409,
  profile_not_found: 404,
} as const satisfies ErrorTable

/** The journey read API. */
export const JOURNEY_ERROR_CODES = {
  after_too_long: 400,
  before_required: 400,
  invalid_after: 400,
  invalid_before: 400,
  invalid_timestamp: 400,
  invalid_wait: 400,
  invalid_window: 400,
  window_too_long: 400,
} as const satisfies ErrorTable

/** Cases. */
export const CASE_ERROR_CODES = {
  case_not_found: 404,
  invalid_contactId: 400,
  invalid_status: 400,
} as const satisfies ErrorTable

/** Insights and deflection reads. */
export const INSIGHT_ERROR_CODES = {
  invalid_from: 400,
  invalid_minReaders: 400,
  invalid_period: 400,
  invalid_portalId: 400,
  invalid_to: 400,
  period_too_long: 400,
  read_too_large: 503,
} as const satisfies ErrorTable

/** Instances, users, licences and roles. */
export const TENANCY_ERROR_CODES = {
  base_language_not_installed: 400,
  instance_admin_required: 403,
  instance_name_taken: 409,
  instance_not_found: [404, 409],
  instance_role_required: 403,
  last_global_administrator: 409,
  licence_expired: 409,
  licence_in_use: 409,
  licence_not_found: 404,
  no_licence_available: 409,
  role_grant_forbidden: 403,
  tenant_admin_required: 403,
  user_not_found: 404,
} as const satisfies ErrorTable

/** Portals: provisioning, packages, hub bindings, site records, contacts. */
export const PORTAL_ERROR_CODES = {
  administrator_not_found: 400,
  administrator_not_system_administrator: 400,
  binding_key_invalid: 400,
  binding_key_lacks_send: 400,
  binding_key_unknown: 400,
  contact_not_found: 404,
  hub_binding_not_found: 404,
  hub_uri_read_only: 400,
  instance_not_changeable: 400,
  invalid_language: 400,
  invalid_site_record: 400,
  invalid_state: 400,
  invalid_subdomain: 400,
  issuer_invalid: 400,
  language_not_installed: [400, 409],
  language_not_supported: 400,
  oidc_provider_not_found: 404,
  package_already_installed: 409,
  package_install_failed: 409,
  package_install_in_progress: 409,
  package_not_found: 404,
  package_not_used: 400,
  package_prerequisites_missing: 409,
  portal_already_provisioned: 409,
  portal_manage_forbidden: 403,
  portal_not_found: 404,
  portal_type_not_in_audience: 400,
  provision_role_required: 403,
  provisioning_in_progress: 409,
  record_mismatch: 400,
  site_record_kind_not_found: 404,
  site_record_not_found: 404,
  solution_required: 400,
  solutions_installing: 409,
  subdomain_immutable: 400,
  subdomain_invalid_characters: 400,
  subdomain_invalid_label: 400,
  subdomain_required: 400,
  subdomain_reserved: 400,
  subdomain_taken: 409,
  subdomain_too_long: 400,
  terms_not_accepted: 400,
  type_not_settable: 400,
} as const satisfies ErrorTable

/** Custom domains and certificates. */
export const CUSTOM_DOMAIN_ERROR_CODES = {
  certificate_busy: 429,
  certificate_chain_incomplete: 400,
  certificate_curve_weak: 400,
  certificate_expired: 400,
  certificate_host_not_covered: 400,
  certificate_in_use: 409,
  certificate_iterations_too_high: 400,
  certificate_key_mismatch: 400,
  certificate_key_too_large: 400,
  certificate_key_too_small: 400,
  certificate_key_unsupported: 400,
  certificate_missing: 400,
  certificate_not_found: 404,
  certificate_not_yet_valid: 400,
  certificate_open_timeout: 400,
  certificate_password_attempts: 429,
  certificate_password_incorrect: 400,
  certificate_private_key_missing: 400,
  certificate_server_auth_missing: 400,
  certificate_signature_weak: 400,
  certificate_too_large: 413,
  certificate_unreadable: 400,
  cname_mismatch: 409,
  cname_missing: 409,
  custom_domain_limit_reached: 409,
  custom_domain_not_configured: 404,
  dns_lookup_failed: 503,
  host_name_in_use: 409,
  host_name_invalid: 400,
  host_name_not_found: 404,
  host_name_reserved: 400,
  portal_not_provisioned: 409,
} as const satisfies ErrorTable

/** The portal checker. */
export const CHECKER_ERROR_CODES = {
  check_result_not_found: 404,
  checker_action_not_found: 404,
  checker_run_in_progress: 409,
  checker_run_not_found: 404,
  invalid_order: 400,
  invalid_sort: 400,
} as const satisfies ErrorTable

/** Metadata translations. */
export const TRANSLATION_ERROR_CODES = {
  confirmation_required: 400,
  label_not_found: 404,
  translation_language_not_installed: 404,
} as const satisfies ErrorTable

/** Data rights (export, erasure) and the audit log. */
export const RIGHTS_ERROR_CODES = {
  erasure_not_found: 404,
  invalid_actor: 400,
  invalid_operation: 400,
  invalid_targetId: 400,
  invalid_targetType: 400,
} as const satisfies ErrorTable

/** Static files the server hands out: the console, the widget, the API reference. */
export const ASSET_ERROR_CODES = {
  admin_asset_not_found: 404,
  docs_asset_not_found: 404,
  widget_file_not_found: 404,
} as const satisfies ErrorTable

/**
 * Codes no route lists, each for its reason: refusals at start (a data or log
 * directory another process holds, a secret key that does not open the data);
 * what any route can meet (the control plane out of reach, a request on the
 * HTTPS listener for a host its certificate was not chosen for); and guards no
 * request reaches (a log record over 8 MiB, when bodies stop at 1 MiB; a
 * provisioning job its own runner holds under a lease, gone).
 */
export const SERVER_ERROR_CODES = {
  control_plane_unavailable: 503,
  data_dir_in_use: 503,
  job_not_found: 404,
  misdirected_request: 421,
  record_too_large: 413,
  secret_key_mismatch: 503,
  secret_unreadable: 503,
  wal_dir_in_use: 503,
} as const satisfies ErrorTable

/** Every table, by module; a code stands in one table only (the test checks it). */
export const ERROR_CODE_TABLES = {
  request: REQUEST_ERROR_CODES,
  auth: AUTH_ERROR_CODES,
  ingest: INGEST_ERROR_CODES,
  hubs: HUB_ERROR_CODES,
  journey: JOURNEY_ERROR_CODES,
  cases: CASE_ERROR_CODES,
  insights: INSIGHT_ERROR_CODES,
  tenancy: TENANCY_ERROR_CODES,
  portals: PORTAL_ERROR_CODES,
  domains: CUSTOM_DOMAIN_ERROR_CODES,
  checker: CHECKER_ERROR_CODES,
  translations: TRANSLATION_ERROR_CODES,
  rights: RIGHTS_ERROR_CODES,
  assets: ASSET_ERROR_CODES,
  server: SERVER_ERROR_CODES,
} as const

/** Every error code with its status(es). */
export const ERROR_CODES = {
  ...REQUEST_ERROR_CODES,
  ...AUTH_ERROR_CODES,
  ...INGEST_ERROR_CODES,
  ...HUB_ERROR_CODES,
  ...JOURNEY_ERROR_CODES,
  ...CASE_ERROR_CODES,
  ...INSIGHT_ERROR_CODES,
  ...TENANCY_ERROR_CODES,
  ...PORTAL_ERROR_CODES,
  ...CUSTOM_DOMAIN_ERROR_CODES,
  ...CHECKER_ERROR_CODES,
  ...TRANSLATION_ERROR_CODES,
  ...RIGHTS_ERROR_CODES,
  ...ASSET_ERROR_CODES,
  ...SERVER_ERROR_CODES,
} as const satisfies ErrorTable

/** Any error code casetrail answers with. */
export type ErrorCode = keyof typeof ERROR_CODES
export type RequestErrorCode = keyof typeof REQUEST_ERROR_CODES
export type AuthErrorCode = keyof typeof AUTH_ERROR_CODES
export type IngestErrorCode = keyof typeof INGEST_ERROR_CODES
export type HubErrorCode = keyof typeof HUB_ERROR_CODES
export type JourneyErrorCode = keyof typeof JOURNEY_ERROR_CODES
export type CaseErrorCode = keyof typeof CASE_ERROR_CODES
export type InsightErrorCode = keyof typeof INSIGHT_ERROR_CODES
export type TenancyErrorCode = keyof typeof TENANCY_ERROR_CODES
export type PortalErrorCode = keyof typeof PORTAL_ERROR_CODES
export type CustomDomainErrorCode = keyof typeof CUSTOM_DOMAIN_ERROR_CODES
export type CheckerErrorCode = keyof typeof CHECKER_ERROR_CODES
export type TranslationErrorCode = keyof typeof TRANSLATION_ERROR_CODES
export type RightsErrorCode = keyof typeof RIGHTS_ERROR_CODES

/** The statuses code `C` answers with. */
export type StatusOf<C extends ErrorCode> = (typeof ERROR_CODES)[C] extends infer S
  ? S extends readonly (infer One)[]
    ? One
    : S
  : never

/** The kinds code `C` may be thrown with: those whose status is one of the code's. */
export type KindOf<C extends ErrorCode> = {
  [K in ErrorKind]: (typeof ERROR_KIND_STATUS)[K] extends StatusOf<C> ? K : never
}[ErrorKind]

/** The statuses a code answers with, as a list. */
export const statusesOf = (code: ErrorCode): readonly ErrorStatus[] => {
  const s: ErrorStatus | readonly ErrorStatus[] = ERROR_CODES[code]
  return typeof s === 'number' ? [s] : s
}

/** Whether `value` is one of the error codes. */
export const isErrorCode = (value: string): value is ErrorCode => Object.hasOwn(ERROR_CODES, value)
