import * as z from 'zod'
import { ifMatchHeaders } from './versioning.ts'
import { BODY_ERRORS, IF_MATCH_ERRORS, PAGE_ERRORS } from './api-errors.ts'
import { PAGE_NOTE, nextCursorSchema, pageQuerySchema } from './pagination.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'
import {
  contactSchema,
  createInstanceSchema,
  instanceSchema,
  updateInstanceSchema,
  upsertContactsSchema,
  upsertedContactsSchema,
} from './tenancy.ts'

import { TENANT, admin, errors, tenantOnly } from './tenancy-admin-route-parts.ts'

// Instances (a tenant's CRM instance) and their contacts.

const instanceParams = z.object({ instanceId: z.string().describe('The instance’s id') })

/** `POST /v1/admin/instances` */
export const createInstance = defineRoute({
  method: 'post',
  path: '/v1/admin/instances',
  operationId: 'createInstance',
  summary: 'Create an instance',
  description: `The organisation portals link to, with its languages and solutions. ${TENANT}`,
  tags: ['Instances'],
  security: admin,
  request: { body: { schema: createInstanceSchema } },
  responses: { 201: { description: 'The instance', schema: instanceSchema } },
  errors: errors(BODY_ERRORS, tenantOnly, [
    { status: 400, codes: ['invalid_language', 'base_language_not_installed'] },
    { status: 409, codes: ['instance_name_taken'] },
  ]),
  example: {
    body: {
      name: 'Contoso',
      baseLanguage: 'en-US',
      installedLanguages: ['en-US', 'fr-FR'],
      installedSolutions: ['customer_service'],
    },
    status: 201,
  },
})

/** `GET /v1/admin/instances` */
export const listInstances = defineRoute({
  method: 'get',
  path: '/v1/admin/instances',
  operationId: 'listInstances',
  summary: 'List the instances the caller has a role in',
  description: PAGE_NOTE,
  tags: ['Instances'],
  security: admin,
  request: { query: pageQuerySchema },
  responses: {
    200: {
      description: 'A page of instances',
      schema: z.object({ instances: z.array(instanceSchema), nextCursor: nextCursorSchema }),
    },
  },
  errors: errors(PAGE_ERRORS),
  example: { status: 200 },
})

const instanceErrors = [
  { status: 403, codes: ['instance_role_required'] },
  { status: 404, codes: ['instance_not_found'] },
] as const

/** `GET /v1/admin/instances/{instanceId}` */
export const getInstance = defineRoute({
  method: 'get',
  path: '/v1/admin/instances/{instanceId}',
  operationId: 'getInstance',
  summary: 'Read an instance',
  tags: ['Instances'],
  security: admin,
  request: { params: instanceParams },
  responses: {
    200: {
      description: 'The instance',
      headers: { ETag: 'The version, for If-Match' },
      schema: instanceSchema,
    },
  },
  errors: errors(instanceErrors),
  example: { params: { instanceId: EXAMPLE_IDS.instanceId }, status: 200 },
})

/** `PATCH /v1/admin/instances/{instanceId}` */
export const updateInstance = defineRoute({
  method: 'patch',
  path: '/v1/admin/instances/{instanceId}',
  operationId: 'updateInstance',
  summary: 'Change an instance',
  description: `Absent fields stay as they are. ${TENANT}`,
  tags: ['Instances'],
  security: admin,
  request: { headers: ifMatchHeaders, params: instanceParams, body: { schema: updateInstanceSchema } },
  responses: {
    200: {
      description: 'The instance',
      headers: { ETag: 'The version, for If-Match' },
      schema: instanceSchema,
    },
  },
  errors: errors(IF_MATCH_ERRORS, BODY_ERRORS, tenantOnly, instanceErrors, [
    { status: 400, codes: ['invalid_language', 'base_language_not_installed'] },
    { status: 409, codes: ['instance_name_taken'] },
  ]),
  example: {
    params: { instanceId: EXAMPLE_IDS.instanceId },
    body: { installedLanguages: ['en-US', 'fr-FR', 'de-DE'] },
    status: 200,
  },
})

/** `GET /v1/admin/instances/{instanceId}/contacts` */
export const listContacts = defineRoute({
  method: 'get',
  path: '/v1/admin/instances/{instanceId}/contacts',
  operationId: 'listContacts',
  summary: 'An instance’s contacts',
  description: 'For a tenant administrator or a system administrator of the instance.',
  tags: ['Instances'],
  security: admin,
  request: { params: instanceParams, query: pageQuerySchema },
  responses: {
    200: {
      description: 'A page of contacts, by crmrecordid',
      schema: z.object({ contacts: z.array(contactSchema), nextCursor: nextCursorSchema }),
    },
  },
  errors: errors(instanceErrors, PAGE_ERRORS, [{ status: 403, codes: ['instance_admin_required'] }]),
  example: { params: { instanceId: EXAMPLE_IDS.instanceId }, status: 200 },
})

/** `POST /v1/admin/instances/{instanceId}/contacts` */
export const upsertContacts = defineRoute({
  method: 'post',
  path: '/v1/admin/instances/{instanceId}/contacts',
  operationId: 'upsertContacts',
  summary: 'Add or replace contacts',
  description:
    'Up to 1000 at a time, by `crmrecordid`. For a tenant administrator or a system administrator of the instance.',
  tags: ['Instances'],
  security: admin,
  request: { params: instanceParams, body: { schema: upsertContactsSchema } },
  responses: { 200: { description: 'How many were stored', schema: upsertedContactsSchema } },
  errors: errors(BODY_ERRORS, instanceErrors, [{ status: 403, codes: ['instance_admin_required'] }]),
  example: {
    params: { instanceId: EXAMPLE_IDS.instanceId },
    body: [{ crmrecordid: EXAMPLE_IDS.contactId, name: 'Avery Howard', email: 'avery@example.com' }],
    status: 200,
  },
})
