/** The portal admin API's hub binding routes: which hub a portal sends to, with which key. */
import * as z from 'zod'
import { ifMatchHeaders } from './versioning.ts'
import {
  MANAGE_PORTAL as MANAGE,
  portalManageErrors as portalErrors,
  BODY_ERRORS,
  IF_MATCH_ERRORS,
} from './api-errors.ts'
import { configureHubSchema, hubBindingViewSchema, updateHubKeySchema } from './portals.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'
import { admin, portalParams, tags, portalRead } from './portal-routes.ts'

/** How hub-binding refusals read for someone who may not see hubs. */
export const ALIKE =
  'A hub that does not exist, a key name it lacks and a wrong secret answer alike (`binding_key_invalid`) unless the caller is a global or service administrator, who hears which part is wrong (`hub_not_found`, `binding_key_unknown`).'

/** `GET /v1/admin/portals/{portalId}/hub-binding` */
export const getHubBinding = portalRead({
  path: '/v1/admin/portals/{portalId}/hub-binding',
  operationId: 'getHubBinding',
  summary: 'Which hub the portal sends to',
  tags,
  ok: {
    description: 'The binding (the key stays hidden)',
    headers: { ETag: 'The version, for If-Match' },
    schema: z.object({ hub: hubBindingViewSchema.nullable() }),
  },
})

const BINDING_ERRORS = [
  {
    status: 400,
    codes: [
      'binding_key_invalid',
      'binding_key_lacks_send',
      'binding_key_unknown',
      'hub_uri_read_only',
      'terms_not_accepted',
    ],
  },
  { status: 404, codes: ['hub_not_found', 'hub_binding_not_found'] },
] as const

/** What a change of the binding answers: the binding and its new version. */
const BINDING_CHANGED = {
  description: 'The binding',
  headers: { ETag: 'The version, for If-Match' },
  schema: z.object({ hub: hubBindingViewSchema.nullable() }),
} as const

/** `PUT /v1/admin/portals/{portalId}/hub-binding` */
export const configureHub = defineRoute({
  method: 'put',
  path: '/v1/admin/portals/{portalId}/hub-binding',
  operationId: 'configureHub',
  summary: 'Configure (or change) the hub the portal sends to',
  description: `The key must hold send on the hub; it is stored and never shown. ${MANAGE} ${ALIKE}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: portalParams, body: { schema: configureHubSchema } },
  responses: { 200: BINDING_CHANGED },
  errors: portalErrors(IF_MATCH_ERRORS, BODY_ERRORS, BINDING_ERRORS),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId },
    body: {
      hubId: EXAMPLE_IDS.hubId,
      keyName: EXAMPLE_IDS.keyName,
      key: '<the key’s primary secret>',
      termsAccepted: true,
    },
    status: 400,
  },
})

/** `PATCH /v1/admin/portals/{portalId}/hub-binding` */
export const updateHubKey = defineRoute({
  method: 'patch',
  path: '/v1/admin/portals/{portalId}/hub-binding',
  operationId: 'updateHubKey',
  summary: 'Update the portal’s shared access key',
  description: `After rotating the key on the hub; the hub stays. ${MANAGE} ${ALIKE}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: portalParams, body: { schema: updateHubKeySchema } },
  responses: { 200: BINDING_CHANGED },
  errors: portalErrors(IF_MATCH_ERRORS, BODY_ERRORS, BINDING_ERRORS),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, body: { key: '<the new secret>' }, status: 404 },
})

/** `DELETE /v1/admin/portals/{portalId}/hub-binding` */
export const removeHub = defineRoute({
  method: 'delete',
  path: '/v1/admin/portals/{portalId}/hub-binding',
  operationId: 'removeHub',
  summary: 'Stop sending the portal’s interactions to a hub',
  description: MANAGE,
  tags,
  security: admin,
  request: { params: portalParams },
  responses: { 204: { description: 'Removed' } },
  errors: portalErrors([{ status: 404, codes: ['hub_binding_not_found'] }]),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 404 },
})
