import * as z from 'zod'
import { BODY_ERRORS, IF_MATCH_ERRORS, PAGE_ERRORS } from './api-errors.ts'
import {
  createHubSchema,
  hubViewSchema,
  quarantineItemSchema,
  retentionAppliedSchema,
  updateHubSchema,
} from './admin.ts'
import { deflectionCostSchema } from './deflection.ts'
import {
  HUB_NOTE,
  VERSIONED,
  admin,
  errors,
  hubNotFound,
  hubParams,
  tags,
  removeHubSetting,
} from './hub-admin-route-parts.ts'
import { captureInteractionType, listInteractionTypes, stopInteractionType } from './hub-catalogue-api.ts'
import { createHubKey, deleteHubKey, mintHubToken, regenerateHubKey } from './hub-keys-api.ts'
import { PAGE_NOTE, nextCursorSchema, pageQuerySchema } from './pagination.ts'
import {
  deleteProfile,
  deleteProfileConfig,
  getProfile,
  importProfiles,
  listProfiles,
  setProfileConfig,
} from './profiles-api.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'
import { etagHeader, ifMatchHeaders, newEtagHeader } from './versioning.ts'

// Hubs: creating, reading and changing one, its retention, its cost per
// case and its quarantine; and the list of every hub admin route. Keys are
// in hub-keys-api.ts, the catalogue in hub-catalogue-api.ts, profiles in
// profiles-api.ts.

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
export const deleteDeflectionCost = removeHubSetting({
  path: '/v1/admin/hubs/{hubId}/deflection-cost',
  operationId: 'deleteDeflectionCost',
  summary: 'Remove the hub’s cost per case (cost saved is then null)',
  tags,
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
