import * as z from 'zod'
import { BODY_ERRORS, IF_MATCH_ERRORS, PAGE_ERRORS, TENANT_ADMIN_ERRORS, mergeErrors } from './api-errors.ts'
import {
  catalogueEntrySchema,
  createHubSchema,
  createKeySchema,
  hubKeySchema,
  hubViewSchema,
  profileConfigSchema,
  profileImportBodySchema,
  profileImportResultSchema,
  quarantineItemSchema,
  regenerateKeySchema,
  retentionAppliedSchema,
  updateHubSchema,
} from './admin.ts'
import { deflectionCostSchema } from './deflection.ts'
import { INTERACTION_TYPES } from './interactions.ts'
import { profileSchema } from './journey.ts'
import { PAGE_NOTE, nextCursorSchema, pageQuerySchema } from './pagination.ts'
import { EXAMPLE_IDS, type RouteError, defineRoute } from './route-registry.ts'
import { mintTokenSchema, mintedTokenSchema } from './tokens.ts'
import { etagHeader, ifMatchHeaders, newEtagHeader } from './versioning.ts'

const admin = { bearer: 'admin' } as const
const tags = ['Hubs'] as const
const hubId = z.string().describe('The hub’s id')
const hubParams = z.object({ hubId })
const hubNotFound = [{ status: 404, codes: ['hub_not_found'] }] as const
const errors = (...more: ReadonlyArray<readonly RouteError[]>) => mergeErrors(TENANT_ADMIN_ERRORS, ...more)
const HUB_NOTE = 'For a global administrator or a service administrator.'
/** What a change of the hub record (keys, catalogue, profile config) says about versions. */
const VERSIONED =
  'Send the hub’s ETag as `If-Match` and the change goes ahead only on that version; otherwise 412 ' +
  '`version_mismatch` with the current hub (its keys’ names and rights, never their secrets).'

/** `POST /v1/admin/hubs` */
export const createHub = defineRoute({
  method: 'post',
  path: '/v1/admin/hubs',
  operationId: 'createHub',
  summary: 'Create a hub',
  description: `The hub gets a first key named \`default\` holding send, read and manage. ${HUB_NOTE}`,
  tags,
  security: admin,
  request: { body: { schema: createHubSchema } },
  responses: { 201: { description: 'The hub, with its default key', schema: hubViewSchema } },
  errors: errors(BODY_ERRORS),
  example: { body: { name: 'Contoso support' }, status: 201 },
})

/** `GET /v1/admin/hubs` */
export const listHubs = defineRoute({
  method: 'get',
  path: '/v1/admin/hubs',
  operationId: 'listHubs',
  summary: 'List hubs',
  description: `${HUB_NOTE} ${PAGE_NOTE}`,
  tags,
  security: admin,
  request: { query: pageQuerySchema },
  responses: {
    200: {
      description: 'A page of hubs',
      schema: z.object({ hubs: z.array(hubViewSchema), nextCursor: nextCursorSchema }),
    },
  },
  errors: errors(PAGE_ERRORS),
  example: { query: { limit: '20' }, status: 200 },
})

/** `GET /v1/admin/hubs/{hubId}` */
export const getHub = defineRoute({
  method: 'get',
  path: '/v1/admin/hubs/{hubId}',
  operationId: 'getHub',
  summary: 'Read a hub',
  description: HUB_NOTE,
  tags,
  security: admin,
  request: { params: hubParams },
  responses: { 200: { description: 'The hub, with its keys', headers: etagHeader, schema: hubViewSchema } },
  errors: errors(hubNotFound),
  example: { params: { hubId: EXAMPLE_IDS.hubId }, status: 200 },
})

/** `PATCH /v1/admin/hubs/{hubId}` */
export const updateHub = defineRoute({
  method: 'patch',
  path: '/v1/admin/hubs/{hubId}',
  operationId: 'updateHub',
  summary: 'Change a hub: its name, retention, journey read log',
  description:
    'Absent fields stay as they are. `retentionDays` (1 to 3650, 395 by default) is how long the hub keeps ' +
    'interactions (by `portal_timestamp`) and cases (by `createdAt`): ClickHouse drops older rows at its merges, ' +
    'and `POST …/retention/apply` removes them now. `logJourneyReads` makes each journey read write an audit ' +
    `entry (\`getJourney\`, the token's resource; never the contents). ${HUB_NOTE} ${VERSIONED}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: hubParams, body: { schema: updateHubSchema } },
  responses: { 200: { description: 'The hub', headers: newEtagHeader, schema: hubViewSchema } },
  errors: errors(IF_MATCH_ERRORS, BODY_ERRORS, hubNotFound, [
    { status: 400, codes: ['invalid_retention_days'] },
  ]),
  example: { params: { hubId: EXAMPLE_IDS.hubId }, body: { retentionDays: 180 }, status: 200 },
})

/** `POST /v1/admin/hubs/{hubId}/retention/apply` */
export const applyRetention = defineRoute({
  method: 'post',
  path: '/v1/admin/hubs/{hubId}/retention/apply',
  operationId: 'applyRetention',
  summary: 'Apply the hub’s retention now',
  description:
    'Removes the hub’s interactions dated (`portal_timestamp`) and cases created before now minus ' +
    '`retentionDays` at once (ClickHouse lightweight `DELETE`), rather than at the next merge, and answers ' +
    `what it removed. For an admin who shortened the retention, and for tests. Other hubs are not touched. ${HUB_NOTE}`,
  tags,
  security: admin,
  request: { params: hubParams },
  responses: { 200: { description: 'What was removed', schema: retentionAppliedSchema } },
  errors: errors(hubNotFound, [{ status: 503, codes: ['store_unavailable'] }]),
  example: { params: { hubId: EXAMPLE_IDS.hubId }, status: 200 },
})

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

const typeParams = z.object({
  hubId,
  type: z.string().describe(`An interaction type: ${INTERACTION_TYPES.join(', ')}`),
})
const typeNotFound = [{ status: 404, codes: ['hub_not_found', 'interaction_type_not_found'] }] as const

/** `GET /v1/admin/hubs/{hubId}/interaction-types` */
export const listInteractionTypes = defineRoute({
  method: 'get',
  path: '/v1/admin/hubs/{hubId}/interaction-types',
  operationId: 'listInteractionTypes',
  summary: 'The interaction catalogue and what the hub captures',
  description: HUB_NOTE,
  tags,
  security: admin,
  request: { params: hubParams },
  responses: {
    200: {
      description: 'Each type, and whether it is captured',
      schema: z.object({ types: z.array(catalogueEntrySchema) }),
    },
  },
  errors: errors(hubNotFound),
  example: { params: { hubId: EXAMPLE_IDS.hubId }, status: 200 },
})

/** `PUT /v1/admin/hubs/{hubId}/interaction-types/{type}` */
export const captureInteractionType = defineRoute({
  method: 'put',
  path: '/v1/admin/hubs/{hubId}/interaction-types/{type}',
  operationId: 'captureInteractionType',
  summary: 'Capture an interaction type again',
  description: `${HUB_NOTE} ${VERSIONED}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: typeParams },
  responses: {
    200: { description: 'The type, now captured', headers: newEtagHeader, schema: catalogueEntrySchema },
  },
  errors: errors(IF_MATCH_ERRORS, typeNotFound),
  example: { params: { hubId: EXAMPLE_IDS.hubId, type: 'portal_search' }, status: 200 },
})

/** `DELETE /v1/admin/hubs/{hubId}/interaction-types/{type}` */
export const stopInteractionType = defineRoute({
  method: 'delete',
  path: '/v1/admin/hubs/{hubId}/interaction-types/{type}',
  operationId: 'stopInteractionType',
  summary: 'Stop capturing an interaction type',
  description: `Beacons of the type are then refused item by item (\`type_not_captured\`). ${HUB_NOTE} ${VERSIONED}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: typeParams },
  responses: { 204: { description: 'No longer captured', headers: newEtagHeader } },
  errors: errors(IF_MATCH_ERRORS, typeNotFound),
  example: { params: { hubId: EXAMPLE_IDS.hubId, type: 'portal_search' }, status: 204 },
})

/** `PUT /v1/admin/hubs/{hubId}/profile-config` */
export const setProfileConfig = defineRoute({
  method: 'put',
  path: '/v1/admin/hubs/{hubId}/profile-config',
  operationId: 'setProfileConfig',
  summary: 'Configure the Contact entity as the hub’s profile',
  description: `${HUB_NOTE} ${VERSIONED}`,
  tags: ['Profiles'],
  security: admin,
  request: { headers: ifMatchHeaders, params: hubParams, body: { schema: profileConfigSchema } },
  responses: { 200: { description: 'The hub', headers: newEtagHeader, schema: hubViewSchema } },
  errors: errors(IF_MATCH_ERRORS, BODY_ERRORS, hubNotFound),
  example: {
    params: { hubId: EXAMPLE_IDS.hubId },
    body: { entity: 'contact', linkedTypes: ['portal_viewknowledgearticle', 'portal_search'] },
    status: 200,
  },
})

/** `PUT /v1/admin/hubs/{hubId}/deflection-cost` */
export const setDeflectionCost = defineRoute({
  method: 'put',
  path: '/v1/admin/hubs/{hubId}/deflection-cost',
  operationId: 'setDeflectionCost',
  summary: 'Set the cost of one case, for deflection’s cost saved',
  description:
    'Cost saved (`GET …/insights/deflection`) is (confirmed + potential deflections) × `costPerCase`, in ' +
    `\`currency\` (ISO 4217). ${HUB_NOTE} ${VERSIONED}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: hubParams, body: { schema: deflectionCostSchema } },
  responses: { 200: { description: 'The hub', headers: newEtagHeader, schema: hubViewSchema } },
  errors: errors(IF_MATCH_ERRORS, BODY_ERRORS, hubNotFound),
  example: {
    params: { hubId: EXAMPLE_IDS.hubId },
    body: { costPerCase: 14.5, currency: 'EUR' },
    status: 200,
  },
})

/** `DELETE /v1/admin/hubs/{hubId}/deflection-cost` */
export const deleteDeflectionCost = defineRoute({
  method: 'delete',
  path: '/v1/admin/hubs/{hubId}/deflection-cost',
  operationId: 'deleteDeflectionCost',
  summary: 'Remove the hub’s cost per case (cost saved is then null)',
  description: `${HUB_NOTE} ${VERSIONED}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: hubParams },
  responses: { 204: { description: 'Removed', headers: newEtagHeader } },
  errors: errors(IF_MATCH_ERRORS, hubNotFound),
  example: { params: { hubId: EXAMPLE_IDS.hubId }, status: 204 },
})

/** `DELETE /v1/admin/hubs/{hubId}/profile-config` */
export const deleteProfileConfig = defineRoute({
  method: 'delete',
  path: '/v1/admin/hubs/{hubId}/profile-config',
  operationId: 'deleteProfileConfig',
  summary: 'Remove the hub’s profile configuration',
  description: `${HUB_NOTE} ${VERSIONED}`,
  tags: ['Profiles'],
  security: admin,
  request: { headers: ifMatchHeaders, params: hubParams },
  responses: { 204: { description: 'Removed', headers: newEtagHeader } },
  errors: errors(IF_MATCH_ERRORS, hubNotFound),
  example: { params: { hubId: EXAMPLE_IDS.hubId }, status: 204 },
})

/** `POST /v1/admin/hubs/{hubId}/profiles` */
export const importProfiles = defineRoute({
  method: 'post',
  path: '/v1/admin/hubs/{hubId}/profiles',
  operationId: 'importProfiles',
  summary: 'Import contact profiles',
  description:
    'A JSON array (or one object), or NDJSON (`application/x-ndjson`, one object a line), of up to 10 000 ' +
    'profiles, 16 MiB at most. Each is checked on its own; valid ones are stored (by `crmrecordid`). ' +
    `Answers 400 in the same shape when none is valid. ${HUB_NOTE}`,
  tags: ['Profiles'],
  security: admin,
  request: {
    params: hubParams,
    body: {
      schema: profileImportBodySchema,
      mediaTypes: ['application/json', 'application/x-ndjson'],
      readByHandler: true,
    },
  },
  responses: {
    200: { description: 'How many were stored, and the rejected items', schema: profileImportResultSchema },
  },
  errors: errors(hubNotFound, [
    { status: 400, codes: ['invalid_json', 'empty_batch'], orBody: profileImportResultSchema },
    { status: 409, codes: ['profile_not_configured'] },
    { status: 413, codes: ['body_too_large', 'batch_too_large'] },
    { status: 415, codes: ['unsupported_content_type'] },
  ]),
  example: {
    params: { hubId: EXAMPLE_IDS.hubId },
    body: [{ crmrecordid: EXAMPLE_IDS.contactId, name: 'Avery Howard', email: 'avery@example.com' }],
    status: 200,
  },
})

/** `GET /v1/admin/hubs/{hubId}/profiles` */
export const listProfiles = defineRoute({
  method: 'get',
  path: '/v1/admin/hubs/{hubId}/profiles',
  operationId: 'listProfiles',
  summary: 'List a hub’s contact profiles',
  description: `In the order of their \`crmrecordid\` (paged in the store: a hub may hold millions). ${HUB_NOTE} ${PAGE_NOTE}`,
  tags: ['Profiles'],
  security: admin,
  request: { params: hubParams, query: pageQuerySchema },
  responses: {
    200: {
      description: 'A page of profiles, by crmrecordid',
      schema: z.object({ profiles: z.array(profileSchema), nextCursor: nextCursorSchema }),
    },
  },
  errors: errors(hubNotFound, PAGE_ERRORS),
  example: { params: { hubId: EXAMPLE_IDS.hubId }, query: { limit: '50' }, status: 200 },
})

const profileParams = z.object({ hubId, crmrecordid: z.string().describe('The contact id') })
const profileNotFound = [{ status: 404, codes: ['hub_not_found', 'profile_not_found'] }] as const

/** `GET /v1/admin/hubs/{hubId}/profiles/{crmrecordid}` */
export const getProfile = defineRoute({
  method: 'get',
  path: '/v1/admin/hubs/{hubId}/profiles/{crmrecordid}',
  operationId: 'getProfile',
  summary: 'Read a profile',
  description: HUB_NOTE,
  tags: ['Profiles'],
  security: admin,
  request: { params: profileParams },
  responses: { 200: { description: 'The profile', schema: profileSchema } },
  errors: errors(profileNotFound),
  example: { params: { hubId: EXAMPLE_IDS.hubId, crmrecordid: EXAMPLE_IDS.contactId }, status: 200 },
})

/** `DELETE /v1/admin/hubs/{hubId}/profiles/{crmrecordid}` */
export const deleteProfile = defineRoute({
  method: 'delete',
  path: '/v1/admin/hubs/{hubId}/profiles/{crmrecordid}',
  operationId: 'deleteProfile',
  summary: 'Delete a profile',
  description: HUB_NOTE,
  tags: ['Profiles'],
  security: admin,
  request: { params: profileParams },
  responses: { 204: { description: 'Deleted (or there was none)' } },
  errors: errors(hubNotFound),
  example: { params: { hubId: EXAMPLE_IDS.hubId, crmrecordid: EXAMPLE_IDS.contactId }, status: 204 },
})

/** `GET /v1/admin/hubs/{hubId}/quarantine` */
export const listQuarantine = defineRoute({
  method: 'get',
  path: '/v1/admin/hubs/{hubId}/quarantine',
  operationId: 'listQuarantine',
  summary: 'Rows the store refused',
  description: `Items the flusher could not store, newest first, kept so admins can see what portals send wrong. ${HUB_NOTE}`,
  tags,
  security: admin,
  request: {
    params: hubParams,
    query: pageQuerySchema,
  },
  responses: {
    200: {
      description: 'A page of quarantined rows, newest first',
      schema: z.object({ items: z.array(quarantineItemSchema), nextCursor: nextCursorSchema }),
    },
  },
  errors: errors(hubNotFound, PAGE_ERRORS),
  example: { params: { hubId: EXAMPLE_IDS.hubId }, status: 200 },
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

/** The hub admin routes. */
export const HUB_ADMIN_API = [
  createHub,
  listHubs,
  getHub,
  updateHub,
  applyRetention,
  createHubKey,
  regenerateHubKey,
  deleteHubKey,
  listInteractionTypes,
  captureInteractionType,
  stopInteractionType,
  setProfileConfig,
  deleteProfileConfig,
  setDeflectionCost,
  deleteDeflectionCost,
  importProfiles,
  listProfiles,
  getProfile,
  deleteProfile,
  listQuarantine,
  mintHubToken,
] as const
