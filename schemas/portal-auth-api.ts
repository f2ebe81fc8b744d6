import * as z from 'zod'
import {
  ADMIN_AUTH_ERRORS,
  BODY_ERRORS,
  MANAGE_PORTAL,
  mergeErrors,
  portalManageErrors,
} from './api-errors.ts'
import { EXAMPLE_IDS, type RouteError, defineRoute } from './route-registry.ts'

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

/** A portal's authentication settings. */
export const portalAuthenticationSchema = z.object({
  local: z.boolean().describe('Accounts with an e-mail address and password, on or off'),
  registration: z
    .enum(['open', 'invitation'])
    .describe('Who may register: anyone (`open`), or whoever an admin invited (`invitation`)'),
})

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
  responses: { 200: { description: 'The settings', schema: portalAuthenticationSchema } },
  errors: portalManageErrors(),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 200 },
})

/** `PUT /v1/admin/portals/{portalId}/authentication` */
export const setPortalAuthentication = defineRoute({
  method: 'put',
  path: '/v1/admin/portals/{portalId}/authentication',
  operationId: 'setPortalAuthentication',
  summary: 'Set how visitors sign in to the portal',
  description: MANAGE_PORTAL,
  tags,
  security: admin,
  request: { params: portalParams, body: { schema: portalAuthenticationSchema } },
  responses: { 200: { description: 'The settings', schema: portalAuthenticationSchema } },
  errors: portalManageErrors(BODY_ERRORS),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId },
    body: { local: true, registration: 'open' },
    status: 200,
  },
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
  listPortalOutbox,
  invitePortalContact,
  getContactSignIn,
  signOutContactEverywhere,
] as const
