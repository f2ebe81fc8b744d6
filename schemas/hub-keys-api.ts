import * as z from 'zod'
import { BODY_ERRORS, IF_MATCH_ERRORS } from './api-errors.ts'
import { createKeySchema, hubKeySchema, regenerateKeySchema } from './admin.ts'
import {
  HUB_NOTE,
  VERSIONED,
  admin,
  errors,
  hubId,
  hubNotFound,
  hubParams,
  tags,
} from './hub-admin-route-parts.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'
import { mintTokenSchema, mintedTokenSchema } from './tokens.ts'
import { ifMatchHeaders, newEtagHeader } from './versioning.ts'

// A hub's shared access keys, and the tokens minted with them.

/** `POST /v1/admin/hubs/{hubId}/keys` */
export const createHubKey = defineRoute({
  method: 'post',
  path: '/v1/admin/hubs/{hubId}/keys',
  operationId: 'createHubKey',
  summary: 'Add a shared access key',
  description: `A named key (an authorization rule) with its rights and two secrets. ${HUB_NOTE} ${VERSIONED}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: hubParams, body: { schema: createKeySchema } },
  responses: {
    201: { description: 'The key, with its secrets', headers: newEtagHeader, schema: hubKeySchema },
  },
  errors: errors(IF_MATCH_ERRORS, BODY_ERRORS, hubNotFound, [{ status: 409, codes: ['key_exists'] }]),
  example: {
    params: { hubId: EXAMPLE_IDS.hubId },
    body: { keyName: 'portal-beacons', rights: ['send'] },
    status: 201,
  },
})

const keyParams = z.object({ hubId, keyName: z.string().describe('The key’s name') })

/** `POST /v1/admin/hubs/{hubId}/keys/{keyName}/regenerate` */
export const regenerateHubKey = defineRoute({
  method: 'post',
  path: '/v1/admin/hubs/{hubId}/keys/{keyName}/regenerate',
  operationId: 'regenerateHubKey',
  summary: 'Regenerate a key’s primary or secondary secret',
  description: `Rotate one secret while the other keeps serving. ${HUB_NOTE} ${VERSIONED}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: keyParams, body: { schema: regenerateKeySchema } },
  responses: {
    200: { description: 'The key, with its new secret', headers: newEtagHeader, schema: hubKeySchema },
  },
  errors: errors(IF_MATCH_ERRORS, BODY_ERRORS, [{ status: 404, codes: ['hub_not_found', 'key_not_found'] }]),
  example: {
    params: { hubId: EXAMPLE_IDS.hubId, keyName: EXAMPLE_IDS.keyName },
    body: { which: 'secondary' },
    status: 200,
  },
})

/** `DELETE /v1/admin/hubs/{hubId}/keys/{keyName}` */
export const deleteHubKey = defineRoute({
  method: 'delete',
  path: '/v1/admin/hubs/{hubId}/keys/{keyName}',
  operationId: 'deleteHubKey',
  summary: 'Delete a key',
  description: `Tokens signed with it stop working at once. ${HUB_NOTE} ${VERSIONED}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: keyParams },
  responses: { 204: { description: 'Deleted', headers: newEtagHeader } },
  errors: errors(IF_MATCH_ERRORS, [{ status: 404, codes: ['hub_not_found', 'key_not_found'] }]),
  example: { params: { hubId: EXAMPLE_IDS.hubId, keyName: EXAMPLE_IDS.keyName }, status: 204 },
})

/** `POST /v1/admin/hubs/{hubId}/tokens` */
export const mintHubToken = defineRoute({
  method: 'post',
  path: '/v1/admin/hubs/{hubId}/tokens',
  operationId: 'mintHubToken',
  summary: 'Mint a shared access signature',
  description: `For the hub, one portal or one contact, signed with one of the hub’s keys, for one minute to one year. What a portal server or the console uses so that no hub key reaches a browser. ${HUB_NOTE}`,
  tags,
  security: admin,
  request: { params: hubParams, body: { schema: mintTokenSchema } },
  responses: { 201: { description: 'The token and what it covers', schema: mintedTokenSchema } },
  errors: errors(BODY_ERRORS, [{ status: 404, codes: ['hub_not_found', 'key_not_found'] }]),
  example: {
    params: { hubId: EXAMPLE_IDS.hubId },
    body: {
      keyName: 'default',
      resource: { kind: 'contact', contactId: EXAMPLE_IDS.contactId },
      ttlSeconds: 900,
    },
    status: 201,
  },
})
