import * as z from 'zod'
import { ifMatchHeaders } from './versioning.ts'
import { ADMIN_AUTH_ERRORS, BODY_ERRORS, IF_MATCH_ERRORS, PAGE_ERRORS, mergeErrors } from './api-errors.ts'
import { portalViewSchema } from './portals.ts'
import { PAGE_NOTE, nextCursorSchema, pageQuerySchema } from './pagination.ts'
import { EXAMPLE_IDS, type RouteError, defineRoute } from './route-registry.ts'
import {
  assignLicenceSchema,
  contactSchema,
  createInstanceSchema,
  createLicenceSchema,
  createUserSchema,
  createdUserSchema,
  instanceSchema,
  licenceSchema,
  adminSessionSchema,
  rotatedTokenSchema,
  setRolesSchema,
  updateInstanceSchema,
  upsertContactsSchema,
  upsertedContactsSchema,
  userViewSchema,
} from './tenancy.ts'

const admin = { bearer: 'admin' } as const
const TENANT = 'For a global administrator or a service administrator.'
const errors = (...more: ReadonlyArray<readonly RouteError[]>) => mergeErrors(ADMIN_AUTH_ERRORS, ...more)
const userParams = z.object({ userId: z.string().describe('The user’s id') })
const instanceParams = z.object({ instanceId: z.string().describe('The instance’s id') })
const licenceParams = z.object({ licenceId: z.string().describe('The licence’s id') })
const tenantOnly = [{ status: 403, codes: ['tenant_admin_required'] }] as const

/** `GET /v1/admin/users/me` */
export const getMe = defineRoute({
  method: 'get',
  path: '/v1/admin/users/me',
  operationId: 'getMe',
  summary: 'Who the token belongs to',
  tags: ['Users'],
  security: admin,
  responses: { 200: { description: 'The caller', schema: userViewSchema } },
  errors: errors(),
  example: { status: 200 },
})

/** `POST /v1/admin/users` */
export const createUser = defineRoute({
  method: 'post',
  path: '/v1/admin/users',
  operationId: 'createUser',
  summary: 'Create a user and issue their token',
  description: `The token is shown in this answer only; it is stored hashed. ${TENANT}`,
  tags: ['Users'],
  security: admin,
  request: { body: { schema: createUserSchema } },
  responses: { 201: { description: 'The user and their token', schema: createdUserSchema } },
  errors: errors(BODY_ERRORS, tenantOnly, [
    { status: 403, codes: ['role_grant_forbidden'] },
    { status: 404, codes: ['instance_not_found'] },
  ]),
  example: {
    body: {
      name: 'Riley Chen',
      email: 'riley@example.com',
      roles: [{ role: 'system_administrator', instanceId: EXAMPLE_IDS.instanceId }],
    },
    status: 201,
  },
})

/** `GET /v1/admin/users` */
export const listUsers = defineRoute({
  method: 'get',
  path: '/v1/admin/users',
  operationId: 'listUsers',
  summary: 'List users',
  description: `${TENANT} ${PAGE_NOTE}`,
  tags: ['Users'],
  security: admin,
  request: { query: pageQuerySchema },
  responses: {
    200: {
      description: 'A page of users',
      schema: z.object({ users: z.array(userViewSchema), nextCursor: nextCursorSchema }),
    },
  },
  errors: errors(tenantOnly, PAGE_ERRORS),
  example: { status: 200 },
})

/** `GET /v1/admin/users/{userId}` */
export const getUser = defineRoute({
  method: 'get',
  path: '/v1/admin/users/{userId}',
  operationId: 'getUser',
  summary: 'Read a user',
  description: TENANT,
  tags: ['Users'],
  security: admin,
  request: { params: userParams },
  responses: {
    200: { description: 'The user', headers: { ETag: 'The version, for If-Match' }, schema: userViewSchema },
  },
  errors: errors(tenantOnly, [{ status: 404, codes: ['user_not_found'] }]),
  example: { params: { userId: EXAMPLE_IDS.userId }, status: 200 },
})

/** `PUT /v1/admin/users/{userId}/roles` */
export const setUserRoles = defineRoute({
  method: 'put',
  path: '/v1/admin/users/{userId}/roles',
  operationId: 'setUserRoles',
  summary: 'Set a user’s roles',
  description:
    'The whole set: roles left out are removed. On another user: an administrator (tenant, or system administrator of an instance) who may grant every role the user holds, and each role added or removed.',
  tags: ['Users'],
  security: admin,
  request: { headers: ifMatchHeaders, params: userParams, body: { schema: setRolesSchema } },
  responses: {
    200: { description: 'The user', headers: { ETag: 'The version, for If-Match' }, schema: userViewSchema },
  },
  errors: errors(IF_MATCH_ERRORS, BODY_ERRORS, tenantOnly, [
    { status: 403, codes: ['role_grant_forbidden'] },
    { status: 404, codes: ['user_not_found', 'instance_not_found'] },
    { status: 409, codes: ['last_global_administrator'] },
  ]),
  example: {
    params: { userId: EXAMPLE_IDS.userId },
    body: { roles: [{ role: 'system_administrator', instanceId: EXAMPLE_IDS.instanceId }] },
    status: 200,
  },
})

/** `POST /v1/admin/users/{userId}/token` */
export const rotateUserToken = defineRoute({
  method: 'post',
  path: '/v1/admin/users/{userId}/token',
  operationId: 'rotateUserToken',
  summary: 'Issue a user a new token',
  description:
    'The old one stops working; the new one is shown this once. Anyone may rotate their own; another user’s needs a global or service administrator who may grant every role that user holds (`role_grant_forbidden` otherwise). Recorded on the user (`token.issuedBy`, `token.issuedAt`) and logged, without the token.',
  tags: ['Users'],
  security: admin,
  request: { params: userParams },
  responses: { 200: { description: 'The new token', schema: rotatedTokenSchema } },
  errors: errors(tenantOnly, [
    { status: 403, codes: ['role_grant_forbidden'] },
    { status: 404, codes: ['user_not_found', 'principal_not_found'] },
  ]),
  example: { params: { userId: EXAMPLE_IDS.userId }, status: 200 },
})

/** `DELETE /v1/admin/users/{userId}/token` */
export const revokeUserToken = defineRoute({
  method: 'delete',
  path: '/v1/admin/users/{userId}/token',
  operationId: 'revokeUserToken',
  summary: 'Revoke a user’s token',
  description:
    'The token and every console session started with it stop working at once, until someone issues the user a new one (`rotateUserToken`). Anyone may revoke their own; another user’s needs a global or service administrator who may grant every role that user holds. Recorded on the user (`token.revokedAt`) and logged.',
  tags: ['Users'],
  security: admin,
  request: { params: userParams },
  responses: { 204: { description: 'Revoked' } },
  errors: errors(tenantOnly, [
    { status: 403, codes: ['role_grant_forbidden'] },
    { status: 404, codes: ['user_not_found', 'principal_not_found'] },
  ]),
  example: { params: { userId: EXAMPLE_IDS.userId }, status: 204 },
})

/** `POST /v1/admin/sessions` */
export const startAdminSession = defineRoute({
  method: 'post',
  path: '/v1/admin/sessions',
  operationId: 'startAdminSession',
  summary: 'Start a console session',
  description:
    'Sent with an admin token; answers a session token that acts as the same user for 12 hours at most (never past the admin token’s expiry) and stops working at sign-out (`endAdminSession`), or when the admin token is rotated or revoked. What the console keeps instead of the admin token.',
  tags: ['Users'],
  security: admin,
  responses: { 201: { description: 'The session', schema: adminSessionSchema } },
  errors: errors([{ status: 403, codes: ['admin_token_required'] }]),
  example: { status: 201 },
})

/** `DELETE /v1/admin/sessions/current` */
export const endAdminSession = defineRoute({
  method: 'delete',
  path: '/v1/admin/sessions/current',
  operationId: 'endAdminSession',
  summary: 'End this console session (sign out)',
  description:
    'Sent with a session token: that token stops working at once, on every node. The admin token it was started with still works.',
  tags: ['Users'],
  security: admin,
  responses: { 204: { description: 'Ended' } },
  errors: errors([{ status: 400, codes: ['admin_session_required'] }]),
  example: { status: 400 },
})

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

/** The tenancy admin routes: users, instances, contacts, licences. */
export const TENANCY_ADMIN_API = [
  getMe,
  createUser,
  listUsers,
  getUser,
  setUserRoles,
  rotateUserToken,
  revokeUserToken,
  startAdminSession,
  endAdminSession,
  createInstance,
  listInstances,
  getInstance,
  updateInstance,
  listContacts,
  upsertContacts,
  createLicence,
  listLicences,
  deleteLicence,
  assignLicence,
] as const
