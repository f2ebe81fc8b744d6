import * as z from 'zod'
import { ifMatchHeaders } from './versioning.ts'
import {
  ADMIN_AUTH_ERRORS,
  MANAGE_PORTAL as MANAGE,
  portalManageErrors as portalErrors,
  BODY_ERRORS,
  IF_MATCH_ERRORS,
  PAGE_ERRORS,
  mergeErrors,
} from './api-errors.ts'
import {
  changeValuesSchema,
  packageViewSchema,
  portalJobSchema,
  portalViewSchema,
  provisionSchema,
  provisioningOptionsSchema,
  provisioningViewSchema,
  updatePortalSchema,
} from './portals.ts'
import { PAGE_NOTE, nextCursorSchema, pageQuerySchema } from './pagination.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'
import { admin, portalId, portalParams, tags, portalRead } from './portal-routes.ts'
import { ALIKE, configureHub, getHubBinding, removeHub, updateHubKey } from './hub-binding-api.ts'
import { deleteSiteRecord, getSiteRecord, listSiteRecords, putSiteRecord } from './site-records-api.ts'

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
export const getPortal = portalRead({
  path: '/v1/admin/portals/{portalId}',
  operationId: 'getPortal',
  summary: 'Read a portal',
  tags,
  ok: {
    description: 'The portal',
    headers: { ETag: 'The version, for If-Match' },
    schema: portalViewSchema,
  },
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
export const listPackages = portalRead({
  path: '/v1/admin/portals/{portalId}/packages',
  operationId: 'listPackages',
  summary: 'The portal’s packages and their states',
  tags,
  ok: { description: 'The packages', schema: z.object({ packages: z.array(packageViewSchema) }) },
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
