import * as z from 'zod'
import {
  ADMIN_AUTH_ERRORS,
  BODY_ERRORS,
  IF_MATCH_ERRORS,
  MANAGE_PORTAL,
  mergeErrors,
  portalManageErrors,
} from './api-errors.ts'
import { EXAMPLE_IDS, type RouteError, defineRoute } from './route-registry.ts'
import { etagHeader, ifMatchHeaders, newEtagHeader } from './versioning.ts'

const admin = { bearer: 'admin' } as const
const tags = ['Portal sign-in'] as const
const portalParams = z.object({ portalId: z.string().describe('The portal’s id') })
const contactParams = z.object({
  instanceId: z.string().describe('The instance’s id'),
  contactId: z.string().describe('The contact’s crmrecordid'),
})
const CONTACT_ERRORS: readonly RouteError[] = [
  { status: 403, codes: ['instance_role_required'] },
  { status: 404, codes: ['instance_not_found', 'contact_not_found'] },
]

const oidcAccounts = z
  .enum(['link', 'create'])
  .describe(
    'A first OpenID sign-in whose e-mail address no contact has: refused (`link`: accounts link to existing contacts, by an address the provider verified) or a new contact is made (`create`). An unverified address never links to an existing contact.',
  )

/** A portal's authentication settings. */
export const portalAuthenticationSchema = z.object({
  local: z.boolean().describe('Accounts with an e-mail address and password, on or off'),
  registration: z
    .enum(['open', 'invitation'])
    .describe('Who may register: anyone (`open`), or whoever an admin invited (`invitation`)'),
  oidcAccounts,
})

/** What `PUT …/authentication` takes: `oidcAccounts` left out stays what it was. */
export const setPortalAuthenticationSchema = portalAuthenticationSchema.extend({
  oidcAccounts: oidcAccounts.optional(),
})

const VERSIONED =
  'Send the ETag as `If-Match` and the change goes ahead only on that version; otherwise 412 `version_mismatch` with the current record.'

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: `${what} must be at most ${max} characters` })

/** What an admin gives to add an OpenID provider (Entra ID, Okta, any OpenID Connect provider). */
export const addOidcProviderSchema = z.strictObject({
  name: text(80, 'name').describe('What the sign-in page’s button says: “Sign in with {name}”'),
  issuer: text(500, 'issuer').describe(
    'The issuer identifier, an https URL (discovery reads `{issuer}/.well-known/openid-configuration`); http only on a loopback address',
  ),
  clientId: text(200, 'clientId').describe('The application (client) id registered at the provider'),
  clientSecret: text(500, 'clientSecret').describe(
    'The client secret; sealed at rest, never shown again (answers say `set`)',
  ),
})

/** What an admin changes of an OpenID provider: any of its fields; a client secret left out stays. */
export const updateOidcProviderSchema = addOidcProviderSchema.partial()

/** An OpenID provider as admins see it: the secret only as `set`. */
export const oidcProviderViewSchema = z.object({
  id: z.string(),
  portalId: z.string(),
  name: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecret: z.literal('set').describe('The secret is never shown'),
  redirectUri: z.string().describe('Register this redirect URI at the provider (the portal’s own host)'),
  createdAt: z.string(),
  updatedAt: z.string(),
})

const providerParams = portalParams.extend({ providerId: z.string().describe('The provider’s id') })
const PROVIDER_NOT_FOUND: readonly RouteError[] = [{ status: 404, codes: ['oidc_provider_not_found'] }]
const ISSUER_ERRORS: readonly RouteError[] = [{ status: 400, codes: ['issuer_invalid'] }]
const exampleProvider = {
  name: 'Contoso Entra ID',
  issuer: 'https://login.microsoftonline.com/00000000-0000-4000-8000-000000000001/v2.0',
  clientId: '11111111-2222-4333-8444-555555555555',
  clientSecret: 'the secret from Certificates & secrets',
}

/** One message in a portal's outbox. */
export const outboxMessageViewSchema = z.object({
  id: z.string(),
  portalId: z.string(),
  kind: z.enum(['confirm', 'reset', 'invite']),
  to: z.string(),
  subject: z.string(),
  text: z.string().describe('The message, with its link (single use, expiring)'),
  at: z.string(),
})

/** `GET /v1/admin/portals/{portalId}/authentication` */
export const getPortalAuthentication = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/authentication',
  operationId: 'getPortalAuthentication',
  summary: 'How visitors sign in to the portal',
  description: `Local accounts on or off, and registration open or by invitation. ${MANAGE_PORTAL}`,
  tags,
  security: admin,
  request: { params: portalParams },
  responses: {
    200: { description: 'The settings', headers: etagHeader, schema: portalAuthenticationSchema },
  },
  errors: portalManageErrors(),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 200 },
})

/** `PUT /v1/admin/portals/{portalId}/authentication` */
export const setPortalAuthentication = defineRoute({
  method: 'put',
  path: '/v1/admin/portals/{portalId}/authentication',
  operationId: 'setPortalAuthentication',
  summary: 'Set how visitors sign in to the portal',
  description: `${VERSIONED} ${MANAGE_PORTAL}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: portalParams, body: { schema: setPortalAuthenticationSchema } },
  responses: {
    200: { description: 'The settings', headers: newEtagHeader, schema: portalAuthenticationSchema },
  },
  errors: portalManageErrors(IF_MATCH_ERRORS, BODY_ERRORS),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId },
    body: { local: true, registration: 'open' },
    status: 200,
  },
})

/** `GET /v1/admin/portals/{portalId}/oidc-providers` */
export const listPortalOidcProviders = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/oidc-providers',
  operationId: 'listPortalOidcProviders',
  summary: 'The OpenID providers visitors may sign in with',
  description: `Oldest first; each with the redirect URI to register at the provider. ${MANAGE_PORTAL}`,
  tags,
  security: admin,
  request: { params: portalParams },
  responses: {
    200: { description: 'The providers', schema: z.object({ providers: z.array(oidcProviderViewSchema) }) },
  },
  errors: portalManageErrors(),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 200 },
})

/** `POST /v1/admin/portals/{portalId}/oidc-providers` */
export const addPortalOidcProvider = defineRoute({
  method: 'post',
  path: '/v1/admin/portals/{portalId}/oidc-providers',
  operationId: 'addPortalOidcProvider',
  summary: 'Trust an OpenID provider for sign-in',
  description: `The sign-in page then shows “Sign in with {name}”. The client secret is sealed at rest and never shown again. ${MANAGE_PORTAL}`,
  tags,
  security: admin,
  request: { params: portalParams, body: { schema: addOidcProviderSchema } },
  responses: {
    201: { description: 'The provider', headers: newEtagHeader, schema: oidcProviderViewSchema },
  },
  errors: portalManageErrors(BODY_ERRORS, ISSUER_ERRORS),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, body: exampleProvider, status: 201 },
})

/** `GET /v1/admin/portals/{portalId}/oidc-providers/{providerId}` */
export const getPortalOidcProvider = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/oidc-providers/{providerId}',
  operationId: 'getPortalOidcProvider',
  summary: 'One OpenID provider of the portal',
  description: MANAGE_PORTAL,
  tags,
  security: admin,
  request: { params: providerParams },
  responses: { 200: { description: 'The provider', headers: etagHeader, schema: oidcProviderViewSchema } },
  errors: portalManageErrors(PROVIDER_NOT_FOUND),
  example: { params: { portalId: EXAMPLE_IDS.portalId, providerId: EXAMPLE_IDS.recordId }, status: 404 },
})

/** `PATCH /v1/admin/portals/{portalId}/oidc-providers/{providerId}` */
export const updatePortalOidcProvider = defineRoute({
  method: 'patch',
  path: '/v1/admin/portals/{portalId}/oidc-providers/{providerId}',
  operationId: 'updatePortalOidcProvider',
  summary: 'Change an OpenID provider',
  description: `The fields given change; a client secret left out stays. ${VERSIONED} ${MANAGE_PORTAL}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: providerParams, body: { schema: updateOidcProviderSchema } },
  responses: { 200: { description: 'The provider', headers: newEtagHeader, schema: oidcProviderViewSchema } },
  errors: portalManageErrors(IF_MATCH_ERRORS, BODY_ERRORS, ISSUER_ERRORS, PROVIDER_NOT_FOUND),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId, providerId: EXAMPLE_IDS.recordId },
    body: { name: 'Contoso staff' },
    status: 404,
  },
})

/** `DELETE /v1/admin/portals/{portalId}/oidc-providers/{providerId}` */
export const removePortalOidcProvider = defineRoute({
  method: 'delete',
  path: '/v1/admin/portals/{portalId}/oidc-providers/{providerId}',
  operationId: 'removePortalOidcProvider',
  summary: 'Stop trusting an OpenID provider',
  description: `Its button leaves the sign-in page, and what the portal knew of its users (their consents) goes with it; live sessions stay until they end or are revoked. ${VERSIONED} ${MANAGE_PORTAL}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: providerParams },
  responses: { 204: { description: 'Removed' } },
  errors: portalManageErrors(IF_MATCH_ERRORS, PROVIDER_NOT_FOUND),
  example: { params: { portalId: EXAMPLE_IDS.portalId, providerId: EXAMPLE_IDS.recordId }, status: 404 },
})

/** `GET /v1/admin/portals/{portalId}/outbox` */
export const listPortalOutbox = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/outbox',
  operationId: 'listPortalOutbox',
  summary: 'The portal’s outbox',
  description: `Confirmation, password-reset and invitation messages, newest first (the last 100). There is no mail server: a mail sender can be plugged in; the outbox keeps every message. ${MANAGE_PORTAL}`,
  tags,
  security: admin,
  request: { params: portalParams },
  responses: {
    200: { description: 'The messages', schema: z.object({ messages: z.array(outboxMessageViewSchema) }) },
  },
  errors: portalManageErrors(),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 200 },
})

/** `POST /v1/admin/portals/{portalId}/invitations` */
export const invitePortalContact = defineRoute({
  method: 'post',
  path: '/v1/admin/portals/{portalId}/invitations',
  operationId: 'invitePortalContact',
  summary: 'Invite a contact to the portal',
  description: `Mails (to the outbox) a link with a single-use code that expires in 7 days; redeeming it makes an account linked to this contact. ${MANAGE_PORTAL}`,
  tags,
  security: admin,
  request: {
    params: portalParams,
    body: { schema: z.object({ contactId: z.string().describe('A contact of the portal’s instance') }) },
  },
  responses: {
    201: {
      description: 'Invited',
      schema: z.object({ contactId: z.string(), email: z.string(), expiresAt: z.string() }),
    },
  },
  errors: portalManageErrors(BODY_ERRORS, CONTACT_ERRORS),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId },
    body: { contactId: EXAMPLE_IDS.contactId },
    status: 201,
  },
})

/** `GET /v1/admin/instances/{instanceId}/contacts/{contactId}/sign-in` */
export const getContactSignIn = defineRoute({
  method: 'get',
  path: '/v1/admin/instances/{instanceId}/contacts/{contactId}/sign-in',
  operationId: 'getContactSignIn',
  summary: 'How a contact signs in, and where they are signed in',
  description:
    'Accounts on the instance’s portals and live sessions. For a tenant administrator or a system administrator or customizer of the instance.',
  tags,
  security: admin,
  request: { params: contactParams },
  responses: {
    200: {
      description: 'Sign-in methods and sessions',
      schema: z.object({
        contactId: z.string(),
        accounts: z.array(
          z.object({
            portalId: z.string(),
            method: z.literal('password'),
            email: z.string(),
            confirmed: z.boolean(),
            lockedUntil: z.string().nullable(),
            createdAt: z.string(),
          }),
        ),
        oidc: z
          .array(
            z.object({
              portalId: z.string(),
              method: z.literal('oidc'),
              providerId: z.string(),
              providerName: z.string().nullable().describe('Null when the provider was removed'),
              email: z.string().nullable(),
              consentedAt: z.string().describe('When the contact accepted the consent page'),
              lastSignInAt: z.string(),
            }),
          )
          .describe('OpenID providers the contact signs in with, and when they gave consent'),
        sessions: z.array(
          z.object({
            portalId: z.string(),
            method: z.string(),
            createdAt: z.string(),
            expiresAt: z.string(),
          }),
        ),
      }),
    },
  },
  errors: mergeErrors(ADMIN_AUTH_ERRORS, CONTACT_ERRORS),
  example: { params: { instanceId: EXAMPLE_IDS.instanceId, contactId: EXAMPLE_IDS.contactId }, status: 200 },
})

/** `POST /v1/admin/instances/{instanceId}/contacts/{contactId}/sign-out-everywhere` */
export const signOutContactEverywhere = defineRoute({
  method: 'post',
  path: '/v1/admin/instances/{instanceId}/contacts/{contactId}/sign-out-everywhere',
  operationId: 'signOutContactEverywhere',
  summary: 'Sign a contact out on every portal',
  description:
    'Revokes every session of the contact on the instance’s portals, at once on every node. For a tenant administrator or a system administrator or customizer of the instance.',
  tags,
  security: admin,
  request: { params: contactParams },
  responses: { 200: { description: 'How many sessions ended', schema: z.object({ revoked: z.number() }) } },
  errors: mergeErrors(ADMIN_AUTH_ERRORS, CONTACT_ERRORS),
  example: { params: { instanceId: EXAMPLE_IDS.instanceId, contactId: EXAMPLE_IDS.contactId }, status: 200 },
})

/** The portal sign-in admin routes. */
export const PORTAL_AUTH_API = [
  getPortalAuthentication,
  setPortalAuthentication,
  listPortalOidcProviders,
  addPortalOidcProvider,
  getPortalOidcProvider,
  updatePortalOidcProvider,
  removePortalOidcProvider,
  listPortalOutbox,
  invitePortalContact,
  getContactSignIn,
  signOutContactEverywhere,
] as const
