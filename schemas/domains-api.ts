import type { ErrorCode } from './error-codes.ts'
import * as z from 'zod'
import { etagHeader, ifMatchHeaders, newEtagHeader } from './versioning.ts'
import {
  ADMIN_AUTH_ERRORS,
  MANAGE_PORTAL,
  portalManageErrors,
  BODY_ERRORS,
  IF_MATCH_ERRORS,
  mergeErrors,
} from './api-errors.ts'
import {
  addHostNameSchema,
  certificateViewSchema,
  customDomainCreatedSchema,
  customDomainRequestSchema,
  customDomainReviewSchema,
  customDomainViewSchema,
  hostNameViewSchema,
  uploadCertificateSchema,
} from './domains.ts'
import { portalRead } from './portal-routes.ts'
import { EXAMPLE_IDS, type RouteError, defineRoute } from './route-registry.ts'

const admin = { bearer: 'admin' } as const
const tags = ['Custom domains'] as const
const portalParams = z.object({ portalId: z.string().describe('The portal’s id') })
const MANAGE = MANAGE_PORTAL
const TENANT = 'For a global administrator or a service administrator.'
const portalErrors = portalManageErrors
const CERTIFICATE_PROBLEMS: readonly ErrorCode[] = [
  'certificate_missing',
  'certificate_unreadable',
  'certificate_password_incorrect',
  'certificate_private_key_missing',
  'certificate_key_mismatch',
  'certificate_key_too_small',
  'certificate_key_too_large',
  'certificate_key_unsupported',
  'certificate_iterations_too_high',
  'certificate_open_timeout',
  'certificate_curve_weak',
  'certificate_signature_weak',
  'certificate_server_auth_missing',
  'certificate_chain_incomplete',
  'certificate_expired',
  'certificate_not_yet_valid',
]
const DOMAIN_PROBLEMS: readonly RouteError[] = [
  {
    status: 400,
    codes: [
      'host_name_invalid',
      'host_name_reserved',
      'certificate_host_not_covered',
      'certificate_expired',
      'certificate_not_yet_valid',
    ],
  },
  { status: 404, codes: ['certificate_not_found'] },
  {
    status: 409,
    codes: [
      'cname_missing',
      'cname_mismatch',
      'host_name_in_use',
      'custom_domain_limit_reached',
      'portal_not_provisioned',
    ],
  },
  { status: 503, codes: ['dns_lookup_failed'] },
]
const exampleRequest = { hostName: 'help.contoso.example', certificateId: 'example-certificate' }

/** `GET /v1/admin/portals/{portalId}/custom-domain/certificates` */
export const listPortalCertificates = portalRead({
  path: '/v1/admin/portals/{portalId}/custom-domain/certificates',
  operationId: 'listPortalCertificates',
  summary: 'Certificates the wizard can pick',
  tags,
  ok: {
    description: 'The certificates',
    schema: z.object({ certificates: z.array(certificateViewSchema) }),
  },
})

/** `POST /v1/admin/portals/{portalId}/custom-domain/certificates` */
export const uploadCertificate = defineRoute({
  method: 'post',
  path: '/v1/admin/portals/{portalId}/custom-domain/certificates',
  operationId: 'uploadCertificate',
  summary: 'Upload a certificate (.pfx)',
  description: `JSON (\`pfx\` in base64, \`password\`, \`name\`) or \`multipart/form-data\` (\`curl -F pfx=@site.pfx -F password=…\`). The key is kept encrypted at rest. ${MANAGE}`,
  tags,
  security: admin,
  request: {
    params: portalParams,
    body: {
      schema: uploadCertificateSchema,
      mediaTypes: ['application/json', 'multipart/form-data'],
      readByHandler: true,
    },
  },
  responses: { 201: { description: 'The certificate', schema: certificateViewSchema } },
  errors: portalErrors(BODY_ERRORS, [
    { status: 400, codes: CERTIFICATE_PROBLEMS },
    { status: 413, codes: ['certificate_too_large'] },
    { status: 429, codes: ['certificate_password_attempts', 'certificate_busy'] },
  ]),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId },
    body: { pfx: 'bm90IGEgcGZ4', password: '' },
    status: 400,
  },
})

/** `GET /v1/admin/portals/{portalId}/custom-domain/host-names` */
export const listHostNames = portalRead({
  path: '/v1/admin/portals/{portalId}/custom-domain/host-names',
  operationId: 'listHostNames',
  summary: 'Host names the wizard can pick',
  tags,
  ok: { description: 'The host names', schema: z.object({ hostNames: z.array(hostNameViewSchema) }) },
})

/** `POST /v1/admin/portals/{portalId}/custom-domain/host-names` */
export const addHostName = defineRoute({
  method: 'post',
  path: '/v1/admin/portals/{portalId}/custom-domain/host-names',
  operationId: 'addHostName',
  summary: 'Add a host name',
  description: MANAGE,
  tags,
  security: admin,
  request: { params: portalParams, body: { schema: addHostNameSchema } },
  responses: { 201: { description: 'The host name', schema: hostNameViewSchema } },
  errors: portalErrors(BODY_ERRORS, [
    { status: 400, codes: ['host_name_invalid', 'host_name_reserved'] },
    { status: 409, codes: ['host_name_in_use'] },
  ]),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId },
    body: { hostName: 'help.contoso.example' },
    status: 201,
  },
})

/** `POST /v1/admin/portals/{portalId}/custom-domain/review` */
export const reviewCustomDomain = defineRoute({
  method: 'post',
  path: '/v1/admin/portals/{portalId}/custom-domain/review',
  operationId: 'reviewCustomDomain',
  summary: 'Review a custom domain before creating it',
  description: `Checks the certificate covers the host name and the DNS CNAME points at the portal. ${MANAGE}`,
  tags,
  security: admin,
  request: { params: portalParams, body: { schema: customDomainRequestSchema } },
  responses: {
    200: { description: 'What would be created, and what is missing', schema: customDomainReviewSchema },
  },
  errors: portalErrors(BODY_ERRORS, DOMAIN_PROBLEMS),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, body: exampleRequest, status: 404 },
})

const BINDING_VERSIONED =
  'Send the binding’s ETag as `If-Match` and the change goes ahead only on that version; otherwise 412 ' +
  '`version_mismatch` with the current binding (`null` when there is none).'

/** `GET /v1/admin/portals/{portalId}/custom-domain` */
export const getCustomDomain = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/custom-domain',
  operationId: 'getCustomDomain',
  summary: 'The portal’s custom domain',
  description: MANAGE,
  tags,
  security: admin,
  request: { params: portalParams },
  responses: { 200: { description: 'The binding', headers: etagHeader, schema: customDomainViewSchema } },
  errors: portalErrors([{ status: 404, codes: ['custom_domain_not_configured'] }]),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 404 },
})

/** `PUT /v1/admin/portals/{portalId}/custom-domain` */
export const bindCustomDomain = defineRoute({
  method: 'put',
  path: '/v1/admin/portals/{portalId}/custom-domain',
  operationId: 'bindCustomDomain',
  summary: 'Create the custom domain binding',
  description: `The portal then answers on the host name, over HTTPS with the certificate (SNI). ${BINDING_VERSIONED} ${MANAGE}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: portalParams, body: { schema: customDomainRequestSchema } },
  responses: {
    201: { description: 'The binding', headers: newEtagHeader, schema: customDomainCreatedSchema },
  },
  errors: portalErrors(IF_MATCH_ERRORS, BODY_ERRORS, DOMAIN_PROBLEMS),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, body: exampleRequest, status: 404 },
})

/** `DELETE /v1/admin/portals/{portalId}/custom-domain` */
export const unbindCustomDomain = defineRoute({
  method: 'delete',
  path: '/v1/admin/portals/{portalId}/custom-domain',
  operationId: 'unbindCustomDomain',
  summary: 'Remove the custom domain binding',
  description: `${BINDING_VERSIONED} ${MANAGE}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: portalParams },
  responses: { 204: { description: 'Removed' } },
  errors: portalErrors(IF_MATCH_ERRORS, [{ status: 404, codes: ['custom_domain_not_configured'] }]),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 404 },
})

const tenantErrors = (...more: ReadonlyArray<readonly RouteError[]>) =>
  mergeErrors(ADMIN_AUTH_ERRORS, [{ status: 403, codes: ['portal_manage_forbidden'] }], ...more)
const certificateParams = z.object({ certificateId: z.string().describe('The certificate’s id') })

/** `GET /v1/admin/certificates` */
export const listCertificates = defineRoute({
  method: 'get',
  path: '/v1/admin/certificates',
  operationId: 'listCertificates',
  summary: 'The tenant’s certificates',
  description: TENANT,
  tags,
  security: admin,
  responses: {
    200: {
      description: 'The certificates',
      schema: z.object({ certificates: z.array(certificateViewSchema) }),
    },
  },
  errors: tenantErrors(),
  example: { status: 200 },
})

/** `GET /v1/admin/certificates/{certificateId}` */
export const getCertificate = defineRoute({
  method: 'get',
  path: '/v1/admin/certificates/{certificateId}',
  operationId: 'getCertificate',
  summary: 'A certificate',
  description: TENANT,
  tags,
  security: admin,
  request: { params: certificateParams },
  responses: { 200: { description: 'The certificate', schema: certificateViewSchema } },
  errors: tenantErrors([{ status: 404, codes: ['certificate_not_found'] }]),
  example: { params: { certificateId: 'example-certificate' }, status: 404 },
})

/** `DELETE /v1/admin/certificates/{certificateId}` */
export const deleteCertificate = defineRoute({
  method: 'delete',
  path: '/v1/admin/certificates/{certificateId}',
  operationId: 'deleteCertificate',
  summary: 'Remove a certificate no binding uses',
  description: TENANT,
  tags,
  security: admin,
  request: { params: certificateParams },
  responses: { 204: { description: 'Removed' } },
  errors: tenantErrors([
    { status: 404, codes: ['certificate_not_found'] },
    { status: 409, codes: ['certificate_in_use'] },
  ]),
  example: { params: { certificateId: 'example-certificate' }, status: 404 },
})

/** `DELETE /v1/admin/host-names/{hostName}` */
export const deleteHostName = defineRoute({
  method: 'delete',
  path: '/v1/admin/host-names/{hostName}',
  operationId: 'deleteHostName',
  summary: 'Remove a host name no portal is bound to',
  description: TENANT,
  tags,
  security: admin,
  request: { params: z.object({ hostName: z.string().describe('The host name') }) },
  responses: { 204: { description: 'Removed' } },
  errors: tenantErrors([
    { status: 400, codes: ['host_name_invalid'] },
    { status: 404, codes: ['host_name_not_found'] },
    { status: 409, codes: ['host_name_in_use'] },
  ]),
  example: { params: { hostName: 'nowhere.contoso.example' }, status: 404 },
})

/** Custom domains, certificates and host names. */
export const DOMAINS_API = [
  listPortalCertificates,
  uploadCertificate,
  listHostNames,
  addHostName,
  reviewCustomDomain,
  getCustomDomain,
  bindCustomDomain,
  unbindCustomDomain,
  listCertificates,
  getCertificate,
  deleteCertificate,
  deleteHostName,
] as const
