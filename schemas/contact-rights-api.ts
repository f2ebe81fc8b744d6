import * as z from 'zod'
import { TENANT_ADMIN_ERRORS, mergeErrors } from './api-errors.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'

const admin = { bearer: 'admin' } as const
const tags = ['Data rights'] as const
const hubId = z.string().describe('The hub’s id')
const contactId = z
  .uuid({ error: (i) => `contactId must be a uuid, got ${JSON.stringify(i.input)}` })
  .describe('The contact (`portal_contactid`, the profile’s `crmrecordid`)')
const contactParams = z.object({ hubId, contactId })
const NOTE = 'For a global administrator or a service administrator (like the hub’s profiles and cases).'

/** What one contact's data counts, by kind. */
export const contactCountsSchema = z.object({
  interactions: z.number().int().describe('Interactions, each interaction id once'),
  cases: z.number().int().describe('Cases, each case id once'),
  profiles: z.number().int().describe('The linked profile: 0 or 1'),
  quarantine: z.number().int().describe('Quarantined items whose text names the contact'),
})

/** The first line of a contact's export. */
export const contactExportHeadSchema = z.object({
  kind: z.literal('export'),
  hubId: z.string(),
  contactId: z.string(),
  at: z.string().describe('When the export was read (ISO 8601)'),
  counts: contactCountsSchema.extend({
    audit: z
      .number()
      .int()
      .describe('Audit entries about the contact: journey reads, when the hub logs them (`logJourneyReads`)'),
  }),
  erasedAt: z.string().optional().describe('When the contact’s erasure was asked for, if they were erased'),
})

/** An erasure job as its status route shows it. */
export const erasureViewSchema = z.object({
  erasureId: z.string(),
  hubId: z.string(),
  subject: z
    .string()
    .describe('`sha256(hubId + ":" + contactId)` in hex (contact id in lower case); never the id'),
  state: z.enum(['running', 'done', 'failed']),
  counts: contactCountsSchema
    .extend({
      portalRecords: z
        .number()
        .int()
        .describe(
          'Portal identity records removed on the hub’s portals: local accounts, OpenID links, sessions, invitation/confirmation/reset links, outbox messages to their addresses',
        ),
    })
    .describe('What was removed (zero while running)'),
  requestedAt: z.string(),
  requestedBy: z.object({ id: z.string(), name: z.string() }),
  finishedAt: z.string().nullable(),
})

const contactErrors = mergeErrors(TENANT_ADMIN_ERRORS, [
  { status: 400, codes: ['invalid_uuid'] },
  { status: 404, codes: ['hub_not_found'] },
  { status: 503, codes: ['store_unavailable'] },
])

/** `GET /v1/admin/hubs/{hubId}/contacts/{contactId}/export` */
export const exportContact = defineRoute({
  method: 'get',
  path: '/v1/admin/hubs/{hubId}/contacts/{contactId}/export',
  operationId: 'exportContact',
  summary: 'Export everything kept about a contact',
  description:
    'NDJSON, read and sent page by page. The first line is `{"kind":"export", hubId, contactId, at, counts}` ' +
    '(with `erasedAt` for an erased contact); then one line per record, each `{"kind": …}` followed by the ' +
    'record as its own read returns it: `interaction` (the journey’s form, each interaction id once, oldest ' +
    'first), `case` (as the case list), `profile` (as the profile read), `quarantine` (as the quarantine ' +
    'list; items whose text names the contact), `audit` (as the audit log returns it: the journey reads of the ' +
    'contact a hub with `logJourneyReads` logged, oldest first; for an erased contact only those after the erasure). ' +
    NOTE,
  tags,
  security: admin,
  request: { params: contactParams },
  responses: {
    200: {
      description: 'The export, one JSON document per line',
      schema: z.string(),
      mediaType: 'application/x-ndjson',
    },
  },
  errors: contactErrors,
  example: { params: { hubId: EXAMPLE_IDS.hubId, contactId: EXAMPLE_IDS.contactId }, status: 200 },
})

/** `DELETE /v1/admin/hubs/{hubId}/contacts/{contactId}` */
export const eraseContact = defineRoute({
  method: 'delete',
  path: '/v1/admin/hubs/{hubId}/contacts/{contactId}',
  operationId: 'eraseContact',
  summary: 'Erase a contact',
  description:
    'Starts an erasure job: the contact’s interactions dated before now, their cases, their profile and the ' +
    'quarantined items naming them are deleted, and rows of theirs still in the write-ahead log are dropped ' +
    'when flushed (also after a restart). An interaction dated after the request is new data and is kept. ' +
    'On the portals bound to the hub, the contact is signed out and their portal accounts, OpenID links, ' +
    'invitation and reset links and the outbox’s messages to them are removed. ' +
    'The erasure is recorded with who asked, when, and `sha256(hubId + ":" + contactId)`, never the id. ' +
    `Poll the erasure for its state. See docs/data-rights.md. ${NOTE}`,
  tags,
  security: admin,
  request: { params: contactParams },
  responses: {
    202: { description: 'The erasure has started', schema: z.object({ erasureId: z.string() }) },
  },
  errors: contactErrors,
  example: { params: { hubId: EXAMPLE_IDS.hubId, contactId: EXAMPLE_IDS.contactId }, status: 202 },
})

/** `GET /v1/admin/hubs/{hubId}/erasures/{erasureId}` */
export const getErasure = defineRoute({
  method: 'get',
  path: '/v1/admin/hubs/{hubId}/erasures/{erasureId}',
  operationId: 'getErasure',
  summary: 'Read an erasure’s state',
  description: `\`running\`, \`done\` or \`failed\`, with the counts removed. ${NOTE}`,
  tags,
  security: admin,
  request: { params: z.object({ hubId, erasureId: z.string().describe('The erasure’s id') }) },
  responses: { 200: { description: 'The erasure', schema: erasureViewSchema } },
  errors: mergeErrors(TENANT_ADMIN_ERRORS, [{ status: 404, codes: ['hub_not_found', 'erasure_not_found'] }]),
  example: { params: { hubId: EXAMPLE_IDS.hubId, erasureId: EXAMPLE_IDS.recordId }, status: 404 },
})

/** The data-rights routes, in the order the reference shows them. */
export const CONTACT_RIGHTS_API = [exportContact, eraseContact, getErasure] as const
