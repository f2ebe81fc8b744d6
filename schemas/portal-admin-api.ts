import * as z from 'zod'
import { etagHeader, ifMatchHeaders, newEtagHeader } from './versioning.ts'
import {
  ADMIN_AUTH_ERRORS,
  MANAGE_PORTAL,
  portalManageErrors,
  BODY_ERRORS,
  IF_MATCH_ERRORS,
  PAGE_ERRORS,
  mergeErrors,
} from './api-errors.ts'
import {
  changeValuesSchema,
  configureHubSchema,
  hubBindingViewSchema,
  packageViewSchema,
  portalJobSchema,
  portalViewSchema,
  provisionSchema,
  provisioningOptionsSchema,
  provisioningViewSchema,
  updateHubKeySchema,
  updatePortalSchema,
} from './portals.ts'
import { PAGE_NOTE, nextCursorSchema, pageQuerySchema } from './pagination.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'
import { SITE_RECORD_KINDS, siteRecordSchema } from './site-records.ts'

const admin = { bearer: 'admin' } as const
const tags = ['Portals'] as const
const portalId = z.string().describe('The portal’s id')
const portalParams = z.object({ portalId })
const MANAGE = MANAGE_PORTAL
const portalErrors = portalManageErrors
const PROVISION_RULES = [
  {
    status: 400,
    codes: [
      'terms_not_accepted',
      'type_not_settable',
      'invalid_language',
      'language_not_installed',
      'language_not_supported',
      'administrator_not_found',
      'administrator_not_system_administrator',
      'portal_type_not_in_audience',
      'solution_required',
      'invalid_subdomain',
      'subdomain_required',
      'subdomain_invalid_characters',
      'subdomain_too_long',
      'subdomain_invalid_label',
      'subdomain_reserved',
      'binding_key_invalid',
      'binding_key_lacks_send',
      'binding_key_unknown',
    ],
  },
  {
    status: 409,
    codes: [
      'subdomain_taken',
      'no_licence_available',
      'licence_expired',
      'licence_in_use',
      'provisioning_in_progress',
    ],
  },
] as const

/** How hub-binding refusals read for someone who may not see hubs. */
const ALIKE =
  'A hub that does not exist, a key name it lacks and a wrong secret answer alike (`binding_key_invalid`) unless the caller is a global or service administrator, who hears which part is wrong (`hub_not_found`, `binding_key_unknown`).'

/** `GET /v1/admin/portals/options` */
export const getProvisioningOptions = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/options',
  operationId: 'getProvisioningOptions',
  summary: 'What the provisioning form offers',
  description:
    'Without `instanceId`: the instances the caller may pick. With it: that instance’s languages (minus Arabic and Hebrew), ' +
    'its system administrators, the audiences and their portal types, the feature table, and the Type the licence gives ' +
    '(null when the tenant holds no free licence). With `subdomain`: whether another portal already uses it (`subdomainTaken`), ' +
    'so the form flags a taken URL as it is typed.',
  tags,
  security: admin,
  request: {
    query: z.object({
      instanceId: z.string().optional().describe('The instance to provision in'),
      subdomain: z.string().max(63).optional().describe('A subdomain to check: is another portal using it?'),
    }),
  },
  responses: { 200: { description: 'The choices', schema: provisioningOptionsSchema } },
  errors: mergeErrors(ADMIN_AUTH_ERRORS, [
    { status: 400, codes: ['invalid_subdomain'] },
    { status: 403, codes: ['instance_role_required'] },
    { status: 404, codes: ['instance_not_found'] },
  ]),
  example: { query: { instanceId: EXAMPLE_IDS.instanceId }, status: 200 },
})

/** `POST /v1/admin/portals` */
export const provisionPortal = defineRoute({
  method: 'post',
  path: '/v1/admin/portals',
  operationId: 'provisionPortal',
  summary: 'Provision a portal',
  description:
    'Checks every rule of the provisioning form, reserves the subdomain, takes a licence and starts the job; ' +
    'follow it at `GET /v1/admin/portals/{portalId}/provisioning`. For a system administrator of the instance. ' +
    ALIKE,
  tags,
  security: admin,
  request: { body: { schema: provisionSchema } },
  responses: { 202: { description: 'The portal (Configuring) and its job', schema: portalJobSchema } },
  errors: mergeErrors(ADMIN_AUTH_ERRORS, BODY_ERRORS, PROVISION_RULES, [
    { status: 403, codes: ['provision_role_required', 'instance_role_required'] },
    { status: 404, codes: ['instance_not_found'] },
  ]),
  example: {
    body: {
      name: 'Contoso Help',
      subdomain: 'contoso-help',
      instanceId: EXAMPLE_IDS.instanceId,
      language: 'en-US',
      administratorId: EXAMPLE_IDS.userId,
      audience: 'customer',
      portalType: 'customer_self_service',
      termsAccepted: true,
    },
    status: 202,
  },
})

/** `GET /v1/admin/portals` */
export const listPortals = defineRoute({
  method: 'get',
  path: '/v1/admin/portals',
  operationId: 'listPortals',
  summary: 'List the portals the caller may manage',
  description: PAGE_NOTE,
  tags,
  security: admin,
  request: { query: pageQuerySchema },
  responses: {
    200: {
      description: 'A page of portals',
      schema: z.object({ portals: z.array(portalViewSchema), nextCursor: nextCursorSchema }),
    },
  },
  errors: mergeErrors(ADMIN_AUTH_ERRORS, PAGE_ERRORS),
  example: { status: 200 },
})

/** `GET /v1/admin/portals/{portalId}` */
export const getPortal = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}',
  operationId: 'getPortal',
  summary: 'Read a portal',
  description: MANAGE,
  tags,
  security: admin,
  request: { params: portalParams },
  responses: {
    200: {
      description: 'The portal',
      headers: { ETag: 'The version, for If-Match' },
      schema: portalViewSchema,
    },
  },
  errors: portalErrors(),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 200 },
})

/** `PATCH /v1/admin/portals/{portalId}` */
export const updatePortal = defineRoute({
  method: 'patch',
  path: '/v1/admin/portals/{portalId}',
  operationId: 'updatePortal',
  summary: 'Rename a portal',
  description: `A portal’s name changes (and its site’s title with it); its URL and its Type do not. ${MANAGE}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: portalParams, body: { schema: updatePortalSchema } },
  responses: {
    200: {
      description: 'The portal',
      headers: { ETag: 'The version, for If-Match' },
      schema: portalViewSchema,
    },
  },
  errors: portalErrors(IF_MATCH_ERRORS, BODY_ERRORS, [
    { status: 400, codes: ['subdomain_immutable', 'type_not_settable'] },
  ]),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, body: { name: 'Contoso Support' }, status: 200 },
})

/** `GET /v1/admin/portals/{portalId}/provisioning` */
export const getProvisioning = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/provisioning',
  operationId: 'getProvisioning',
  summary: 'Follow a portal’s provisioning',
  description: `The latest job step by step, the packages, and every attempt before it. ${MANAGE}`,
  tags,
  security: admin,
  request: { params: portalParams },
  responses: { 200: { description: 'The provisioning', schema: provisioningViewSchema } },
  errors: portalErrors(),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 200 },
})

const RESTARTABLE = [
  { status: 409, codes: ['portal_already_provisioned', 'provisioning_in_progress'] },
] as const

/** `POST /v1/admin/portals/{portalId}/provisioning/restart` */
export const restartProvisioning = defineRoute({
  method: 'post',
  path: '/v1/admin/portals/{portalId}/provisioning/restart',
  operationId: 'restartProvisioning',
  summary: 'Restart Provisioning',
  description: `For a portal whose provisioning failed: a new attempt with the same values. ${MANAGE}`,
  tags,
  security: admin,
  request: { params: portalParams },
  responses: { 202: { description: 'The portal and its new job', schema: portalJobSchema } },
  errors: portalErrors(RESTARTABLE),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 409 },
})

/** `POST /v1/admin/portals/{portalId}/provisioning/change-values-and-restart` */
export const changeValuesAndRestart = defineRoute({
  method: 'post',
  path: '/v1/admin/portals/{portalId}/provisioning/change-values-and-restart',
  operationId: 'changeValuesAndRestart',
  summary: 'Change Values and Restart Provisioning',
  description: `For a portal whose provisioning failed: new values, checked as at provisioning, then a new attempt. ${MANAGE}`,
  tags,
  security: admin,
  request: { params: portalParams, body: { schema: changeValuesSchema } },
  responses: { 202: { description: 'The portal and its new job', schema: portalJobSchema } },
  errors: portalErrors(BODY_ERRORS, PROVISION_RULES, RESTARTABLE, [
    { status: 400, codes: ['instance_not_changeable', 'subdomain_immutable'] },
  ]),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, body: { name: 'Contoso Help' }, status: 409 },
})

/** `GET /v1/admin/portals/{portalId}/packages` */
export const listPackages = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/packages',
  operationId: 'listPackages',
  summary: 'The portal’s packages and their states',
  description: MANAGE,
  tags,
  security: admin,
  request: { params: portalParams },
  responses: {
    200: { description: 'The packages', schema: z.object({ packages: z.array(packageViewSchema) }) },
  },
  errors: portalErrors(),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 200 },
})

/** `POST /v1/admin/portals/{portalId}/packages/{packageId}/retry` */
export const retryPackage = defineRoute({
  method: 'post',
  path: '/v1/admin/portals/{portalId}/packages/{packageId}/retry',
  operationId: 'retryPackage',
  summary: 'Retry a package’s installation',
  description: `As from the solution page. Fails, leaving the package Install Failed, when its prerequisites are missing. ${MANAGE}`,
  tags,
  security: admin,
  request: { params: z.object({ portalId, packageId: z.string().describe('A package id') }) },
  responses: { 200: { description: 'The package’s state', schema: packageViewSchema } },
  errors: portalErrors([
    { status: 400, codes: ['package_not_used'] },
    { status: 404, codes: ['package_not_found'] },
    {
      status: 409,
      codes: [
        'package_already_installed',
        'package_prerequisites_missing',
        'provisioning_in_progress',
        'package_install_in_progress',
      ],
    },
  ]),
  example: { params: { portalId: EXAMPLE_IDS.portalId, packageId: 'portal_base' }, status: 409 },
})

/** `GET /v1/admin/portals/{portalId}/hub-binding` */
export const getHubBinding = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/hub-binding',
  operationId: 'getHubBinding',
  summary: 'Which hub the portal sends to',
  description: MANAGE,
  tags,
  security: admin,
  request: { params: portalParams },
  responses: {
    200: {
      description: 'The binding (the key stays hidden)',
      headers: { ETag: 'The version, for If-Match' },
      schema: z.object({ hub: hubBindingViewSchema.nullable() }),
    },
  },
  errors: portalErrors(),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 200 },
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
  responses: {
    200: {
      description: 'The binding',
      headers: { ETag: 'The version, for If-Match' },
      schema: z.object({ hub: hubBindingViewSchema.nullable() }),
    },
  },
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
  responses: {
    200: {
      description: 'The binding',
      headers: { ETag: 'The version, for If-Match' },
      schema: z.object({ hub: hubBindingViewSchema.nullable() }),
    },
  },
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

const recordParams = z.object({
  portalId,
  kind: z.string().describe(`The kind of record: ${SITE_RECORD_KINDS.join(', ')}`),
  recordId: z.string().describe('The record’s id'),
})
const KIND_ERRORS = [{ status: 404, codes: ['site_record_kind_not_found'] }] as const

/** `GET /v1/admin/portals/{portalId}/site/records` */
export const listSiteRecords = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/site/records',
  operationId: 'listSiteRecords',
  summary: 'The records the portal’s site is made of',
  description: MANAGE,
  tags: ['Portal sites'],
  security: admin,
  request: {
    params: portalParams,
    query: z.object({ kind: z.string().optional().describe('Only records of this kind') }),
  },
  responses: {
    200: { description: 'The records', schema: z.object({ records: z.array(siteRecordSchema) }) },
  },
  errors: portalErrors(KIND_ERRORS),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, query: { kind: 'knowledge_article' }, status: 200 },
})

const SITE_RECORD_VERSIONED =
  'Send the record’s ETag as `If-Match` and the edit goes ahead only on that version; otherwise 412 ' +
  '`version_mismatch` with the current record (`null` when someone deleted it).'

/** `GET /v1/admin/portals/{portalId}/site/records/{kind}/{recordId}` */
export const getSiteRecord = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/site/records/{kind}/{recordId}',
  operationId: 'getSiteRecord',
  summary: 'Read a site record',
  description: `With its version (\`ETag\`), for an edit sent with \`If-Match\`. ${MANAGE}`,
  tags: ['Portal sites'],
  security: admin,
  request: { params: recordParams },
  responses: { 200: { description: 'The record', headers: etagHeader, schema: siteRecordSchema } },
  errors: portalErrors(KIND_ERRORS, [{ status: 404, codes: ['site_record_not_found'] }]),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId, kind: 'knowledge_article', recordId: EXAMPLE_IDS.recordId },
    status: 200,
  },
})

/** `PUT /v1/admin/portals/{portalId}/site/records/{kind}/{recordId}` */
export const putSiteRecord = defineRoute({
  method: 'put',
  path: '/v1/admin/portals/{portalId}/site/records/{kind}/{recordId}',
  operationId: 'putSiteRecord',
  summary: 'Write a site record',
  description: `An admin’s edit: a page’s publishing state, a setting, an article… \`kind\` and \`id\` come from the path. ${SITE_RECORD_VERSIONED} ${MANAGE}`,
  tags: ['Portal sites'],
  security: admin,
  request: {
    headers: ifMatchHeaders,
    params: recordParams,
    body: { schema: z.record(z.string(), z.unknown()) },
  },
  responses: {
    200: { description: 'The record as stored', headers: newEtagHeader, schema: siteRecordSchema },
  },
  errors: portalErrors(IF_MATCH_ERRORS, BODY_ERRORS, KIND_ERRORS, [
    { status: 400, codes: ['invalid_site_record', 'record_mismatch'] },
  ]),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId, kind: 'knowledge_article', recordId: EXAMPLE_IDS.recordId },
    body: {
      articleNumber: 'KA-01099',
      title: 'Pair a new phone with your authenticator',
      summary: 'Move your sign-in codes to a new phone.',
      body: 'Open the authenticator app on the new phone and scan the code shown on your profile page.',
      keywords: ['phone', 'authenticator'],
      language: 'en-US',
      publishingState: 'Published',
    },
    status: 200,
  },
})

/** `DELETE /v1/admin/portals/{portalId}/site/records/{kind}/{recordId}` */
export const deleteSiteRecord = defineRoute({
  method: 'delete',
  path: '/v1/admin/portals/{portalId}/site/records/{kind}/{recordId}',
  operationId: 'deleteSiteRecord',
  summary: 'Delete a site record',
  description: `${SITE_RECORD_VERSIONED} ${MANAGE}`,
  tags: ['Portal sites'],
  security: admin,
  request: { headers: ifMatchHeaders, params: recordParams },
  responses: { 204: { description: 'Deleted' } },
  errors: portalErrors(IF_MATCH_ERRORS, KIND_ERRORS, [{ status: 404, codes: ['site_record_not_found'] }]),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId, kind: 'knowledge_article', recordId: EXAMPLE_IDS.recordId },
    status: 204,
  },
})

/** The portal admin routes. */
export const PORTAL_ADMIN_API = [
  getProvisioningOptions,
  provisionPortal,
  listPortals,
  getPortal,
  updatePortal,
  getProvisioning,
  restartProvisioning,
  changeValuesAndRestart,
  listPackages,
  retryPackage,
  getHubBinding,
  configureHub,
  updateHubKey,
  removeHub,
  listSiteRecords,
  putSiteRecord,
  getSiteRecord,
  deleteSiteRecord,
] as const
