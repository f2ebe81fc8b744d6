import * as z from 'zod'
import { isoTimestamp } from './interactions.ts'

/**
 * Cases: what a CRM reports (`POST /v1/hubs/{hubId}/cases`), what a portal's
 * contact opens on the Support page, what the journey API lists beside the
 * interactions, and what the admin routes answer.
 */

/** Largest number of cases one reporting request may carry. */
export const MAX_CASE_BATCH_ITEMS = 500
/** Upper bounds on case text fields, in characters. */
export const MAX_CASE_TITLE_LENGTH = 200
export const MAX_CASE_DESCRIPTION_LENGTH = 4000
export const MAX_CASE_NUMBER_LENGTH = 100
export const MAX_CASE_STATUS_LENGTH = 64
export const MAX_CASE_CATEGORY_LENGTH = 100

/** Statuses of cases opened on a portal (a CRM may report any status text). */
export const PORTAL_CASE_STATUSES = ['active', 'resolved', 'cancelled'] as const
export type PortalCaseStatus = (typeof PORTAL_CASE_STATUSES)[number]

/** Categories a contact may pick when opening a case on a portal (optional). */
export const PORTAL_CASE_CATEGORIES = ['question', 'problem', 'request'] as const
export type PortalCaseCategory = (typeof PORTAL_CASE_CATEGORIES)[number]

/** Where a case came from: opened on a casetrail portal, or reported by a CRM. */
export const CASE_SOURCES = ['portal', 'crm'] as const
export type CaseSource = (typeof CASE_SOURCES)[number]

const uuid = () => z.uuid({ error: (issue) => `must be a uuid, got ${JSON.stringify(issue.input)}` })
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })

/**
 * One case as a CRM reports it. `caseId` is the idempotency key: a repeat is
 * accepted and stored once (its title, number and status replace the earlier
 * ones; its contact and creation time may not change). Strict: an unknown
 * property is an error that names it.
 *
 * @example
 * caseReportSchema.parse({ caseId, contactId, createdAt: '2026-11-02T09:30:00Z', title: 'Cannot sign in' })
 */
export const caseReportSchema = z.strictObject({
  caseId: uuid(),
  caseNumber: text(MAX_CASE_NUMBER_LENGTH).optional(),
  contactId: uuid(),
  portalId: uuid().optional(),
  createdAt: isoTimestamp,
  title: text(MAX_CASE_TITLE_LENGTH).optional(),
  status: text(MAX_CASE_STATUS_LENGTH).optional(),
})
export type CaseReport = z.infer<typeof caseReportSchema>

/** The answer of the case-reporting routes (`rejected` items carry `{ path, code, message }` errors). */
export const caseReportResultSchema = z.object({
  accepted: z.number().int().nonnegative(),
  rejected: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
    }),
  ),
})
export type CaseReportResult = z.infer<typeof caseReportResultSchema>

/**
 * A case in a journey answer: the contact's cases with `from <= createdAt < to`,
 * oldest first, so the widget can draw a marker for each.
 */
export const journeyCaseSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string().nullable(),
  title: z.string().nullable(),
  status: z.string().nullable(),
  createdAt: z.string(),
  portalId: z.string().nullable(),
})
export type JourneyCase = z.infer<typeof journeyCaseSchema>

/** What a signed-in contact fills in on a portal's Support page to open a case. */
export const openCaseSchema = z.strictObject({
  title: text(MAX_CASE_TITLE_LENGTH),
  description: text(MAX_CASE_DESCRIPTION_LENGTH),
  category: z
    .enum(PORTAL_CASE_CATEGORIES, {
      error: `category must be one of ${PORTAL_CASE_CATEGORIES.join(', ')}`,
    })
    .optional(),
})
export type OpenCase = z.infer<typeof openCaseSchema>

/** A case as the admin routes answer it (list items and the details page). */
export const caseViewSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string().nullable(),
  hubId: z.string(),
  contactId: z.string(),
  portalId: z.string().nullable(),
  title: z.string().nullable(),
  status: z.string().nullable(),
  category: z.string().nullable(),
  source: z.enum(CASE_SOURCES),
  createdAt: z.string(),
  /** When casetrail last received the case (a CRM's repeat moves it). */
  reportedAt: z.string(),
})
export type CaseView = z.infer<typeof caseViewSchema>

/** One case's details: the list item plus the description a portal case carries. */
export const caseDetailsSchema = caseViewSchema.extend({
  description: z.string().nullable(),
  /** The contact's name and email, when the portal's instance knows the contact. */
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable() }).nullable(),
})
export type CaseDetails = z.infer<typeof caseDetailsSchema>

/** Largest page of the case list. */
export const MAX_CASE_PAGE = 200

/** The query of `GET /v1/admin/hubs/{hubId}/cases`: filters and a cursor, newest first. */
export const caseListQuerySchema = z.strictObject({
  portalId: uuid().optional(),
  contactId: uuid().optional(),
  status: text(MAX_CASE_STATUS_LENGTH).optional(),
  limit: z.coerce
    .number({ error: `limit must be an integer from 1 to ${MAX_CASE_PAGE}` })
    .int({ error: `limit must be an integer from 1 to ${MAX_CASE_PAGE}` })
    .min(1, { error: `limit must be an integer from 1 to ${MAX_CASE_PAGE}` })
    .max(MAX_CASE_PAGE, { error: `limit must be an integer from 1 to ${MAX_CASE_PAGE}` })
    .default(50),
  cursor: z.string().min(1).max(200).optional(),
})
export type CaseListQuery = z.infer<typeof caseListQuerySchema>

/** A page of the case list; `nextCursor` is null on the last page. */
export const caseListSchema = z.object({
  items: z.array(caseViewSchema),
  nextCursor: z.string().nullable(),
})
export type CaseList = z.infer<typeof caseListSchema>
