import * as z from 'zod'
import { SAS_ERRORS, mergeErrors } from './api-errors.ts'
import { ingestAnswerSchema } from './errors.ts'
import { MAX_BATCH_ITEMS, interactionSchema } from './interactions.ts'
import { MAX_JOURNEY_INTERACTIONS, journeyQuerySchema, journeyResponseSchema } from './journey.ts'
import { EXAMPLE_IDS, defineRoute } from './route-registry.ts'

const hubId = z.string().describe('The hub’s id')

/**
 * What an ingest request answers: how many items were accepted, and each
 * rejected item's problems (the first 50 items in full, 20 errors each; the
 * rest counted in `moreRejected` and `moreErrors`).
 */
export const ingestResultSchema = ingestAnswerSchema
/** What an ingest request answers. */
export type IngestResult = z.infer<typeof ingestResultSchema>

const ingestQuery = z.object({
  wait: z
    .enum(['stored', 'logged'], {
      error: (i) => `wait must be "stored" or "logged", got ${JSON.stringify(i.input)}`,
    })
    .optional()
    .describe(
      '`stored`: answer 200 once the items are in ClickHouse; `logged` (the default behaviour): 202 once they are durable',
    ),
})

const ingestBody = {
  schema: z.union([interactionSchema, z.array(interactionSchema).max(MAX_BATCH_ITEMS)]),
  mediaTypes: ['application/json', 'text/plain'],
  // Each item is validated on its own so that one bad item does not refuse the rest.
  readByHandler: true,
} as const

const ingestResponses = {
  200: {
    description: 'With `?wait=stored`: at least one item was accepted and is in the store',
    schema: ingestResultSchema,
    headers: { 'Casetrail-Ack': '`stored`' },
  },
  202: {
    description: 'At least one item was accepted and survives a crash (rejected items are listed by index)',
    schema: ingestResultSchema,
    headers: { 'Casetrail-Ack': '`logged` (durable on disk) or `stored`' },
  },
} as const

const ingestErrors = mergeErrors(SAS_ERRORS, [
  {
    status: 400,
    codes: [
      'invalid_json',
      'nesting_too_deep',
      'too_many_fields',
      'invalid_gzip',
      'empty_batch',
      'invalid_wait',
    ],
    // No item accepted: the answer lists every item's problems, in the 202's shape.
    orBody: ingestResultSchema,
  },
  { status: 404, codes: ['hub_not_found'] },
  { status: 413, codes: ['body_too_large', 'batch_too_large'] },
  { status: 415, codes: ['unsupported_content_type', 'unsupported_encoding'] },
  { status: 408, codes: ['body_timeout'] },
  {
    status: 429,
    codes: [
      'too_many_requests',
      'hub_too_many_requests',
      'token_too_many_requests',
      'token_rate_limited',
      'contact_rate_limited',
    ],
  },
  { status: 503, codes: ['store_unavailable', 'log_full', 'log_closed', 'log_failed', 'shutting_down'] },
])

const exampleInteraction = {
  type: 'portal_viewknowledgearticle',
  portal_interactionid: EXAMPLE_IDS.interactionId,
  portal_contactid: EXAMPLE_IDS.contactId,
  portal_timestamp: '2026-11-02T09:00:00Z',
  portal_portalid: EXAMPLE_IDS.portalId,
  portal_knowledgearticleid: '3f1c9a2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  portal_knowledgetitle: 'Reset your password',
  portal_language: 'en-US',
}

const INGEST_DESCRIPTION =
  'One interaction object or a JSON array of up to 500, as `application/json` or `text/plain` carrying JSON ' +
  '(what `navigator.sendBeacon` sends), optionally `Content-Encoding: gzip` (1 MiB after decompression). ' +
  'Each item is checked on its own; a repeated `portal_interactionid` is accepted and stored once. ' +
  'When no item is accepted the answer is 400 in the same shape as 202. ' +
  'The token may come as `?sas=` instead of the Authorization header.'

/** `POST /v1/hubs/{hubId}/interactions`: a portal's beacons for a hub. */
export const sendInteractions = defineRoute({
  method: 'post',
  path: '/v1/hubs/{hubId}/interactions',
  operationId: 'sendInteractions',
  summary: 'Send interactions to a hub',
  description: INGEST_DESCRIPTION,
  tags: ['Ingest'],
  security: { sas: 'send' },
  request: { params: z.object({ hubId }), query: ingestQuery, body: ingestBody },
  responses: ingestResponses,
  errors: ingestErrors,
  example: { params: { hubId: EXAMPLE_IDS.hubId }, body: [exampleInteraction], status: 202 },
})

/** `POST /v1/hubs/{hubId}/portals/{portalId}/interactions`: beacons scoped to one portal. */
export const sendPortalInteractions = defineRoute({
  method: 'post',
  path: '/v1/hubs/{hubId}/portals/{portalId}/interactions',
  operationId: 'sendPortalInteractions',
  summary: 'Send one portal’s interactions',
  description: `${INGEST_DESCRIPTION} Every item's \`portal_portalid\` must equal \`{portalId}\` (else \`portal_mismatch\`), so a per-portal token can only speak for its portal.`,
  tags: ['Ingest'],
  security: { sas: 'send' },
  request: {
    params: z.object({ hubId, portalId: z.string().describe('The portal’s id') }),
    query: ingestQuery,
    body: ingestBody,
  },
  responses: ingestResponses,
  errors: ingestErrors,
  example: {
    params: { hubId: EXAMPLE_IDS.hubId, portalId: EXAMPLE_IDS.portalId },
    body: exampleInteraction,
    status: 202,
  },
})

/** `GET /v1/hubs/{hubId}/contacts/{contactId}/journey`: what a contact did before a case. */
export const getJourney = defineRoute({
  method: 'get',
  path: '/v1/hubs/{hubId}/contacts/{contactId}/journey',
  operationId: 'getJourney',
  summary: 'Read a contact’s journey before a time',
  description:
    'The contact’s interactions with `from <= portal_timestamp < to` (`to` = `before`, `from` = `before` − `window`), ' +
    'oldest first, each once and in the shape it was sent, with a summary. ' +
    `At most ${MAX_JOURNEY_INTERACTIONS} interactions, the newest in the window; \`truncated\` says whether there were more, and \`summary.counts\` counts them all. ` +
    'Answers gzip when asked. ' +
    'A per-contact token (what a case form hands the widget) is enough. ' +
    'When the hub logs journey reads (`logJourneyReads`), each read first writes an audit entry ' +
    '(`getJourney`: the token’s resource, the contact; never the contents).',
  tags: ['Journey'],
  security: { sas: 'read' },
  request: {
    params: z.object({
      hubId,
      contactId: z
        .uuid({ error: (i) => `contactId must be a uuid, got ${JSON.stringify(i.input)}` })
        .describe('The contact (`portal_contactid`)'),
    }),
    query: journeyQuerySchema,
  },
  responses: { 200: { description: 'The journey', schema: journeyResponseSchema } },
  errors: mergeErrors(SAS_ERRORS, [
    {
      status: 400,
      codes: [
        'before_required',
        'invalid_before',
        'invalid_window',
        'window_too_long',
        'invalid_after',
        'after_too_long',
        'invalid_timestamp',
        'invalid_uuid',
        'unknown_parameter',
      ],
    },
    { status: 404, codes: ['hub_not_found'] },
    { status: 503, codes: ['store_unavailable', 'read_too_large'] },
  ]),
  example: {
    params: { hubId: EXAMPLE_IDS.hubId, contactId: EXAMPLE_IDS.contactId },
    query: { before: '2026-11-02T09:30:00Z', window: 'P7D' },
    status: 200,
  },
})

/** The ingest and journey routes. */
export const INGEST_API = [sendInteractions, sendPortalInteractions, getJourney] as const
