import * as z from 'zod'
import { IF_MATCH_ERRORS } from './api-errors.ts'
import { catalogueEntrySchema } from './admin.ts'
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
import { INTERACTION_TYPES } from './interactions.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'
import { ifMatchHeaders, newEtagHeader } from './versioning.ts'

// A hub's interaction catalogue: the types it captures.

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
