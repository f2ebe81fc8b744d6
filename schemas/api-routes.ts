import { AUDIT_API } from './audit-api.ts'
import { CASES_API } from './cases-api.ts'
import { CHECKER_API } from './checker-api.ts'
import { CONTACT_RIGHTS_API } from './contact-rights-api.ts'
import { DOMAINS_API } from './domains-api.ts'
import { HUB_ADMIN_API } from './hub-admin-api.ts'
import { INGEST_API } from './ingest-api.ts'
import { INSIGHTS_API } from './insights-api.ts'
import { PORTAL_ADMIN_API } from './portal-admin-api.ts'
import { PORTAL_AUTH_API } from './portal-auth-api.ts'
import { PROVISIONING_JOBS_API } from './provisioning-jobs-api.ts'
import { SERVICE_API } from './service-api.ts'
import { TENANCY_ADMIN_API } from './tenancy-admin-api.ts'
import { TRANSLATIONS_API } from './translations-api.ts'

/**
 * Every route of the API, in the order the reference shows them. Add a
 * capability's list here (one line); `/openapi.json`, the typed client and the
 * contract tests all read this list. See docs/api-contract.md.
 */
export const API_ROUTES = [
  ...SERVICE_API,
  ...INGEST_API,
  ...HUB_ADMIN_API,
  ...TENANCY_ADMIN_API,
  ...PORTAL_ADMIN_API,
  ...PORTAL_AUTH_API,
  ...PROVISIONING_JOBS_API,
  ...CHECKER_API,
  ...DOMAINS_API,
  ...TRANSLATIONS_API,
  ...CASES_API,
  ...CONTACT_RIGHTS_API,
  ...AUDIT_API,
  ...INSIGHTS_API,
] as const

/** Any route of the API. */
export type ApiRoute = (typeof API_ROUTES)[number]

/** Every route by its operationId: `API.createHub`. */
export type ApiById = { [R in ApiRoute as R['operationId']]: R }

/**
 * The routes by operationId, for the edge (`validateRoute(API.createHub)`) and
 * the typed client.
 */
export const API: ApiById = Object.fromEntries(API_ROUTES.map((r) => [r.operationId, r])) as ApiById
