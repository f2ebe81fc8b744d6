import * as z from 'zod'
import { SAS_ERRORS, TENANT_ADMIN_ERRORS, mergeErrors } from './api-errors.ts'
import {
  MAX_CASE_BATCH_ITEMS,
  caseDetailsSchema,
  caseListQuerySchema,
  caseListSchema,
  caseReportResultSchema,
  caseReportSchema,
} from './cases.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'

const hubId = z.string().describe('The hub’s id')
const REPORT_DESCRIPTION =
  'A CRM reports one case or an array of up to 500 (`application/json` or `text/plain`, optionally gzip). ' +
  '`caseId` is the idempotency key. Answers 200 with per-item results once the accepted cases are stored, ' +
  'or 400 in the same shape when none was accepted. The body is read as interaction ingest reads it: ' +
  'at most 1 MiB (after gzip; `413 body_too_large`), JSON nested at most 32 levels, objects of at most 64 members, ' +
  'arriving within `CASETRAIL_INGEST_BODY_TIMEOUT_MS` (`408 body_timeout`); case and interaction requests share ' +
  'the in-flight limits per server, hub and token (`429`, `Retry-After`).'
const reportBody = {
  schema: z.union([caseReportSchema, z.array(caseReportSchema).max(MAX_CASE_BATCH_ITEMS)]),
  mediaTypes: ['application/json', 'text/plain'],
  readByHandler: true,
} as const
const reportErrors = mergeErrors(SAS_ERRORS, [
  {
    status: 400,
    codes: ['invalid_json', 'nesting_too_deep', 'too_many_fields', 'invalid_gzip', 'empty_batch'],
    orBody: caseReportResultSchema,
  },
  { status: 404, codes: ['hub_not_found'] },
  { status: 408, codes: ['body_timeout'] },
  { status: 413, codes: ['body_too_large', 'batch_too_large'] },
  { status: 415, codes: ['unsupported_content_type', 'unsupported_encoding'] },
  { status: 429, codes: ['too_many_requests', 'hub_too_many_requests', 'token_too_many_requests'] },
  { status: 503, codes: ['store_unavailable'] },
])
const exampleCase = {
  caseId: 'f6a7b8c9-d0e1-4f2a-9b4c-5d6e7f8a9b99',
  caseNumber: 'CAS-01042',
  contactId: EXAMPLE_IDS.contactId,
  createdAt: '2026-11-02T09:30:00Z',
  title: 'Cannot sign in after changing phones',
  status: 'active',
}

/** `POST /v1/hubs/{hubId}/cases` */
export const reportCases = defineRoute({
  method: 'post',
  path: '/v1/hubs/{hubId}/cases',
  operationId: 'reportCases',
  summary: 'Report cases from a CRM',
  description: REPORT_DESCRIPTION,
  tags: ['Cases'],
  security: { sas: 'send' },
  request: { params: z.object({ hubId }), body: reportBody },
  responses: { 200: { description: 'The accepted cases are stored', schema: caseReportResultSchema } },
  errors: reportErrors,
  example: { params: { hubId: EXAMPLE_IDS.hubId }, body: [exampleCase], status: 200 },
})

/** `POST /v1/hubs/{hubId}/portals/{portalId}/cases` */
export const reportPortalCases = defineRoute({
  method: 'post',
  path: '/v1/hubs/{hubId}/portals/{portalId}/cases',
  operationId: 'reportPortalCases',
  summary: 'Report one portal’s cases',
  description: `${REPORT_DESCRIPTION} Scoped to the portal: a per-portal token suffices.`,
  tags: ['Cases'],
  security: { sas: 'send' },
  request: {
    params: z.object({ hubId, portalId: z.string().describe('The portal’s id') }),
    body: reportBody,
  },
  responses: { 200: { description: 'The accepted cases are stored', schema: caseReportResultSchema } },
  errors: reportErrors,
  example: {
    params: { hubId: EXAMPLE_IDS.hubId, portalId: EXAMPLE_IDS.portalId },
    body: { ...exampleCase, portalId: EXAMPLE_IDS.portalId },
    status: 200,
  },
})

/** `GET /v1/admin/hubs/{hubId}/cases` */
export const listCases = defineRoute({
  method: 'get',
  path: '/v1/admin/hubs/{hubId}/cases',
  operationId: 'listCases',
  summary: 'A hub’s cases, newest first',
  description:
    'Filter by portal, contact or status; page with `limit` and `cursor`. For tenant administrators.',
  tags: ['Cases'],
  security: { bearer: 'admin' },
  request: { params: z.object({ hubId }), query: caseListQuerySchema },
  responses: { 200: { description: 'A page of cases', schema: caseListSchema } },
  errors: mergeErrors(TENANT_ADMIN_ERRORS, [
    {
      status: 400,
      codes: [
        'invalid_portalId',
        'invalid_contactId',
        'invalid_status',
        'invalid_limit',
        'invalid_cursor',
        'unknown_parameter',
      ],
    },
    { status: 404, codes: ['hub_not_found'] },
  ]),
  example: { params: { hubId: EXAMPLE_IDS.hubId }, query: { limit: '20' }, status: 200 },
})

/** `GET /v1/admin/hubs/{hubId}/cases/{caseId}` */
export const getCase = defineRoute({
  method: 'get',
  path: '/v1/admin/hubs/{hubId}/cases/{caseId}',
  operationId: 'getCase',
  summary: 'One case, with a short-lived read token for its journey',
  description: 'For tenant administrators.',
  tags: ['Cases'],
  security: { bearer: 'admin' },
  request: { params: z.object({ hubId, caseId: z.string().describe('The case id') }) },
  responses: {
    200: {
      description: 'The case',
      schema: caseDetailsSchema.extend({
        journey: z.object({ token: z.string(), expiresAt: z.string() }).nullable(),
      }),
    },
  },
  errors: mergeErrors(TENANT_ADMIN_ERRORS, [{ status: 404, codes: ['hub_not_found', 'case_not_found'] }]),
  example: { params: { hubId: EXAMPLE_IDS.hubId, caseId: exampleCase.caseId }, status: 200 },
})

/** Case reporting and the admin case list. */
export const CASES_API = [reportCases, reportPortalCases, listCases, getCase] as const
