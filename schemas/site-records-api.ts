/** The portal admin API's site record routes: the records a portal's site is made of. */
import * as z from 'zod'
import { etagHeader, ifMatchHeaders, newEtagHeader } from './versioning.ts'
import {
  MANAGE_PORTAL as MANAGE,
  portalManageErrors as portalErrors,
  BODY_ERRORS,
  IF_MATCH_ERRORS,
} from './api-errors.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'
import { admin, portalId, portalParams } from './portal-routes.ts'
import { SITE_RECORD_KINDS, siteRecordSchema } from './site-records.ts'

const recordParams = z.object({
  portalId,
  kind: z.string().describe(`The kind of record: ${SITE_RECORD_KINDS.join(', ')}`),
  recordId: z.string().describe('The record’s id'),
})
const KIND_ERRORS = [{ status: 404, codes: ['site_record_kind_not_found'] }] as const

/** `GET /v1/admin/portals/{portalId}/site/records` */
export const listSiteRecords = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/site/records',
  operationId: 'listSiteRecords',
  summary: 'The records the portal’s site is made of',
  description: MANAGE,
  tags: ['Portal sites'],
  security: admin,
  request: {
    params: portalParams,
    query: z.object({ kind: z.string().optional().describe('Only records of this kind') }),
  },
  responses: {
    200: { description: 'The records', schema: z.object({ records: z.array(siteRecordSchema) }) },
  },
  errors: portalErrors(KIND_ERRORS),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, query: { kind: 'knowledge_article' }, status: 200 },
})

const SITE_RECORD_VERSIONED =
  'Send the record’s ETag as `If-Match` and the edit goes ahead only on that version; otherwise 412 ' +
  '`version_mismatch` with the current record (`null` when someone deleted it).'

/** `GET /v1/admin/portals/{portalId}/site/records/{kind}/{recordId}` */
export const getSiteRecord = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/site/records/{kind}/{recordId}',
  operationId: 'getSiteRecord',
  summary: 'Read a site record',
  description: `With its version (\`ETag\`), for an edit sent with \`If-Match\`. ${MANAGE}`,
  tags: ['Portal sites'],
  security: admin,
  request: { params: recordParams },
  responses: { 200: { description: 'The record', headers: etagHeader, schema: siteRecordSchema } },
  errors: portalErrors(KIND_ERRORS, [{ status: 404, codes: ['site_record_not_found'] }]),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId, kind: 'knowledge_article', recordId: EXAMPLE_IDS.recordId },
    status: 200,
  },
})

/** `PUT /v1/admin/portals/{portalId}/site/records/{kind}/{recordId}` */
export const putSiteRecord = defineRoute({
  method: 'put',
  path: '/v1/admin/portals/{portalId}/site/records/{kind}/{recordId}',
  operationId: 'putSiteRecord',
  summary: 'Write a site record',
  description: `An admin’s edit: a page’s publishing state, a setting, an article… \`kind\` and \`id\` come from the path. ${SITE_RECORD_VERSIONED} ${MANAGE}`,
  tags: ['Portal sites'],
  security: admin,
  request: {
    headers: ifMatchHeaders,
    params: recordParams,
    body: { schema: z.record(z.string(), z.unknown()) },
  },
  responses: {
    200: { description: 'The record as stored', headers: newEtagHeader, schema: siteRecordSchema },
  },
  errors: portalErrors(IF_MATCH_ERRORS, BODY_ERRORS, KIND_ERRORS, [
    { status: 400, codes: ['invalid_site_record', 'record_mismatch'] },
  ]),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId, kind: 'knowledge_article', recordId: EXAMPLE_IDS.recordId },
    body: {
      articleNumber: 'KA-01099',
      title: 'Pair a new phone with your authenticator',
      summary: 'Move your sign-in codes to a new phone.',
      body: 'Open the authenticator app on the new phone and scan the code shown on your profile page.',
      keywords: ['phone', 'authenticator'],
      language: 'en-US',
      publishingState: 'Published',
    },
    status: 200,
  },
})

/** `DELETE /v1/admin/portals/{portalId}/site/records/{kind}/{recordId}` */
export const deleteSiteRecord = defineRoute({
  method: 'delete',
  path: '/v1/admin/portals/{portalId}/site/records/{kind}/{recordId}',
  operationId: 'deleteSiteRecord',
  summary: 'Delete a site record',
  description: `${SITE_RECORD_VERSIONED} ${MANAGE}`,
  tags: ['Portal sites'],
  security: admin,
  request: { headers: ifMatchHeaders, params: recordParams },
  responses: { 204: { description: 'Deleted' } },
  errors: portalErrors(IF_MATCH_ERRORS, KIND_ERRORS, [{ status: 404, codes: ['site_record_not_found'] }]),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId, kind: 'knowledge_article', recordId: EXAMPLE_IDS.recordId },
    status: 204,
  },
})
