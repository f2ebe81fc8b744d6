import * as z from 'zod'
import { ADMIN_AUTH_ERRORS, PAGE_ERRORS, mergeErrors } from './api-errors.ts'
import { PAGE_NOTE, nextCursorSchema, pageQuerySchema } from './pagination.ts'
import { defineRoute } from './route-registry.ts'

/** One entry of the audit log: one admin write request. */
export const auditEntrySchema = z.object({
  id: z.string().describe('The entry’s id'),
  at: z
    .string()
    .describe('When the request made its first change, or answered if it changed nothing (ISO 8601, UTC)'),
  actor: z.object({
    id: z.string().describe('The principal’s id'),
    name: z.string().describe('The principal’s name'),
    kind: z
      .enum(['admin_token', 'console_session', 'sas_token'])
      .describe(
        'How they signed in: an admin token, a console session, or a shared access signature (a journey read; `id` is the token’s resource, `name` its key)',
      ),
  }),
  operation: z.string().describe('The operationId of the request (`updatePortal`)'),
  target: z.object({
    type: z.string().describe('What the request was about: hub, portal, instance, user, licence…'),
    id: z.string().nullable().describe('Its id (null when a create was refused before it had one)'),
  }),
  changes: z
    .array(
      z.object({
        field: z.string().describe('`record.field` (`portal.name`)'),
        before: z.unknown().describe('The value before; a secret reads "changed"'),
        after: z.unknown().describe('The value after; a secret reads "changed"'),
      }),
    )
    .describe('The control-plane fields the request changed (empty when it was refused)'),
  outcome: z.object({
    status: z
      .number()
      .int()
      .nullable()
      .describe(
        'The HTTP status it answered; null when its changes committed but the process ended before it answered',
      ),
    code: z.string().optional().describe('The error code, when it was refused'),
  }),
  requestId: z.string().describe('The request’s X-Request-Id'),
  clientAddress: z.string().nullable().describe('The address the request came from'),
})

/** The audit log's export formats. */
export const AUDIT_FORMATS = ['json', 'csv', 'ndjson'] as const

/** `GET /v1/admin/audit` */
export const listAuditEntries = defineRoute({
  method: 'get',
  path: '/v1/admin/audit',
  operationId: 'listAuditEntries',
  summary: 'The audit log: every admin change, newest first',
  description:
    'One entry per admin request that changes something (POST, PUT, PATCH, DELETE under `/v1/admin`), ' +
    'refused ones included: who, which operation on which record, the fields changed (secrets only as ' +
    '"changed"), the outcome, the request id and client address. Filters: `targetType`, `targetId`, ' +
    '`actor` (a principal id), `operation`, `from`, `to` (ISO 8601). `format=csv` or `format=ndjson` ' +
    'exports every matching entry (no paging). Global and service administrators see every entry; ' +
    `a System Administrator those about their instances and their portals. ${PAGE_NOTE}`,
  tags: ['Audit'],
  security: { bearer: 'admin' },
  request: {
    query: pageQuerySchema.extend({
      targetType: z.string().max(64).optional().describe('Only entries about this kind of record'),
      targetId: z.string().max(256).optional().describe('Only entries about this record'),
      actor: z.string().max(256).optional().describe('Only entries by this principal id'),
      operation: z.string().max(128).optional().describe('Only entries of this operationId'),
      from: z.iso
        .datetime({ offset: true, error: 'from must be an ISO 8601 date and time (2026-12-01T00:00:00Z)' })
        .optional()
        .describe('Entries at or after this time'),
      to: z.iso
        .datetime({ offset: true, error: 'to must be an ISO 8601 date and time (2026-12-31T00:00:00Z)' })
        .optional()
        .describe('Entries before this time'),
      format: z
        .enum(AUDIT_FORMATS)
        .default('json')
        .describe('json (a page), csv or ndjson (every matching entry)'),
    }),
  },
  responses: {
    200: {
      description:
        'A page of entries, newest first; `format=csv|ndjson` answers text/csv or application/x-ndjson',
      schema: z.object({ entries: z.array(auditEntrySchema), nextCursor: nextCursorSchema }),
    },
  },
  errors: mergeErrors(ADMIN_AUTH_ERRORS, PAGE_ERRORS, [
    {
      status: 400,
      codes: [
        'invalid_targetType',
        'invalid_targetId',
        'invalid_actor',
        'invalid_operation',
        'invalid_from',
        'invalid_to',
        'invalid_format',
      ],
    },
    { status: 403, codes: ['role_required'] },
  ]),
  example: { query: { targetType: 'portal', limit: '20' }, status: 200 },
})

/** The audit log's routes. */
export const AUDIT_API = [listAuditEntries] as const
