import * as z from 'zod'
import { ifMatchHeaders } from './versioning.ts'
import { BODY_ERRORS, IF_MATCH_ERRORS, PAGE_ERRORS } from './api-errors.ts'
import { PAGE_NOTE, nextCursorSchema, pageQuerySchema } from './pagination.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'
import {
  createUserSchema,
  createdUserSchema,
  adminSessionSchema,
  rotatedTokenSchema,
  setRolesSchema,
  userViewSchema,
} from './tenancy.ts'

import { TENANT, admin, errors, tenantOnly } from './tenancy-admin-route-parts.ts'

// Console users: who a token belongs to, users and their roles and tokens,
// and console sessions.

const userParams = z.object({ userId: z.string().describe('The user’s id') })

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
