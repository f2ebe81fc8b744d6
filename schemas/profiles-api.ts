import * as z from 'zod'
import { BODY_ERRORS, IF_MATCH_ERRORS, PAGE_ERRORS } from './api-errors.ts'
import {
  hubViewSchema,
  profileConfigSchema,
  profileImportBodySchema,
  profileImportResultSchema,
} from './admin.ts'
import {
  HUB_NOTE,
  VERSIONED,
  admin,
  errors,
  hubId,
  hubNotFound,
  hubParams,
  removeHubSetting,
} from './hub-admin-route-parts.ts'
import { profileSchema } from './journey.ts'
import { PAGE_NOTE, nextCursorSchema, pageQuerySchema } from './pagination.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'
import { ifMatchHeaders, newEtagHeader } from './versioning.ts'

// A hub's contact profiles: the Contact entity's configuration, and the
// profiles imported into it.

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

/** `DELETE /v1/admin/hubs/{hubId}/profile-config` */
export const deleteProfileConfig = removeHubSetting({
  path: '/v1/admin/hubs/{hubId}/profile-config',
  operationId: 'deleteProfileConfig',
  summary: 'Remove the hub’s profile configuration',
  tags: ['Profiles'],
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
