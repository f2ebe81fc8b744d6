import * as z from 'zod'
import { BODY_ERRORS } from './api-errors.ts'
import { portalViewSchema } from './portals.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'
import { assignLicenceSchema, createLicenceSchema, licenceSchema } from './tenancy.ts'

import { TENANT, admin, errors, tenantOnly } from './tenancy-admin-route-parts.ts'

// Licences and the portals they are assigned to.

const licenceParams = z.object({ licenceId: z.string().describe('The licence’s id') })

/** `POST /v1/admin/licences` */
export const createLicence = defineRoute({
  method: 'post',
  path: '/v1/admin/licences',
  operationId: 'createLicence',
  summary: 'Add a portal licence',
  description: `Trials expire (30 days by default); production licences do not. ${TENANT}`,
  tags: ['Licences'],
  security: admin,
  request: { body: { schema: createLicenceSchema } },
  responses: { 201: { description: 'The licence', schema: licenceSchema } },
  errors: errors(BODY_ERRORS, tenantOnly),
  example: { body: { type: 'production' }, status: 201 },
})

/** `GET /v1/admin/licences` */
export const listLicences = defineRoute({
  method: 'get',
  path: '/v1/admin/licences',
  operationId: 'listLicences',
  summary: 'The tenant’s portal licences',
  description: TENANT,
  tags: ['Licences'],
  security: admin,
  responses: { 200: { description: 'The licences', schema: z.object({ licences: z.array(licenceSchema) }) } },
  errors: errors(tenantOnly),
  example: { status: 200 },
})

/** `DELETE /v1/admin/licences/{licenceId}` */
export const deleteLicence = defineRoute({
  method: 'delete',
  path: '/v1/admin/licences/{licenceId}',
  operationId: 'deleteLicence',
  summary: 'Remove a licence no portal uses',
  description: TENANT,
  tags: ['Licences'],
  security: admin,
  request: { params: licenceParams },
  responses: { 204: { description: 'Removed' } },
  errors: errors(tenantOnly, [
    { status: 404, codes: ['licence_not_found'] },
    { status: 409, codes: ['licence_in_use'] },
  ]),
  example: { params: { licenceId: EXAMPLE_IDS.licenceId }, status: 409 },
})

/** `POST /v1/admin/licences/{licenceId}/assign` */
export const assignLicence = defineRoute({
  method: 'post',
  path: '/v1/admin/licences/{licenceId}/assign',
  operationId: 'assignLicence',
  summary: 'Move a portal to this licence',
  description: `A trial portal becomes a production one by taking a production licence. ${TENANT}`,
  tags: ['Licences'],
  security: admin,
  request: { params: licenceParams, body: { schema: assignLicenceSchema } },
  responses: { 200: { description: 'The portal, with its new Type', schema: portalViewSchema } },
  errors: errors(BODY_ERRORS, tenantOnly, [
    { status: 403, codes: ['portal_manage_forbidden'] },
    { status: 404, codes: ['licence_not_found', 'portal_not_found'] },
    { status: 409, codes: ['licence_in_use', 'licence_expired'] },
  ]),
  example: {
    params: { licenceId: EXAMPLE_IDS.licenceId },
    body: { portalId: EXAMPLE_IDS.portalId },
    status: 200,
  },
})
