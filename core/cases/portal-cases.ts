import { randomBytes, randomUUID } from 'node:crypto'
import { z } from 'zod'
import {
  type ItemError,
  PORTAL_CASE_CATEGORIES,
  PORTAL_CASE_STATUSES,
  openCaseSchema,
  toItemErrors,
} from '../../schemas/index.ts'
import type { CaseRepository } from '../store/case-repository.ts'
import { createCaseNumbers } from '../store/case-numbers.ts'
import { type RecordStore, createRecordRepository } from '../store/record-repository.ts'

/** A case opened on a portal: a record of the portal's instance, like its contacts. */
export const portalCaseSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  instanceId: z.string(),
  portalId: z.string(),
  /** The hub the portal sent to when the case was opened (its journey lives there), or null. */
  hubId: z.string().nullable(),
  contactId: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.enum(PORTAL_CASE_CATEGORIES).nullable(),
  status: z.enum(PORTAL_CASE_STATUSES),
  createdAt: z.string(),
})
/** A case opened on a portal, as stored. */
export type PortalCase = z.infer<typeof portalCaseSchema>

/** The portal a case is opened on: its instance and the hub it sends to. */
export interface CasePortal {
  id: string
  instanceId: string
  hubId: string | null
}

// Case numbers read like the CRM's: CAS-01042-K7Q2M9. The sequence is the instance's
// (core/store/case-numbers.ts): unique, in order, never reused; the tail is random.
const TAIL_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ23456789'
const numberTail = () => [...randomBytes(6)].map((b) => TAIL_ALPHABET[b % TAIL_ALPHABET.length]).join('')

/**
 * Cases a portal's signed-in contacts open on its Support page: stored as a
 * record of the portal's instance (numbered `CAS-…`, status `active`) and, when
 * the portal sends to a hub, as a row of the hub's `cases` table, so the
 * contact's journey and the hub's insights count it.
 *
 * @example
 * const result = await portalCases.open(portal, contactId, { title, description })
 */
export function createPortalCases(deps: {
  db: RecordStore
  repository: Pick<CaseRepository, 'insert'>
  clock?: () => number
}) {
  const clock = deps.clock ?? Date.now
  const records = createRecordRepository(deps.db, 'cp_cases', portalCaseSchema)
  const numbers = createCaseNumbers(deps.db)
  const keyOf = (c: Pick<PortalCase, 'instanceId' | 'contactId' | 'caseId'>) =>
    `${c.instanceId}/${c.contactId.toLowerCase()}/${c.caseId}`

  return {
    /**
     * Opens a case for a contact, or says what is wrong with the form:
     * `{ ok: false, errors }` with a code and the field at fault for each problem.
     */
    async open(
      portal: CasePortal,
      contactId: string,
      input: unknown,
      /** When it was opened (the demo's case); now by default. */
      options: { at?: number } = {},
    ): Promise<{ ok: true; case: PortalCase } | { ok: false; errors: ItemError[] }> {
      const parsed = openCaseSchema.safeParse(input)
      if (!parsed.success) return { ok: false, errors: toItemErrors(parsed.error, input) }
      const sequence = await numbers.next(portal.instanceId)
      const now = options.at ?? clock()
      const opened: PortalCase = {
        caseId: randomUUID(),
        caseNumber: `CAS-${String(sequence).padStart(5, '0')}-${numberTail()}`,
        instanceId: portal.instanceId,
        portalId: portal.id,
        hubId: portal.hubId,
        contactId: contactId.toLowerCase(),
        title: parsed.data.title,
        description: parsed.data.description,
        category: parsed.data.category ?? null,
        status: 'active',
        createdAt: new Date(now).toISOString(),
      }
      // The journey's row first: a case the contact sees in "My cases" is one the rep sees too.
      if (opened.hubId) {
        await deps.repository.insert([
          {
            hubId: opened.hubId,
            caseId: opened.caseId,
            caseNumber: opened.caseNumber,
            contactId: opened.contactId,
            portalId: opened.portalId,
            createdAt: now,
            title: opened.title,
            status: opened.status,
            category: opened.category,
            description: opened.description,
            source: 'portal',
            reportedAt: now,
          },
        ])
      }
      await records.put(keyOf(opened), opened)
      return { ok: true as const, case: opened }
    },

    /** A contact's cases on an instance, newest first. */
    async mine(instanceId: string, contactId: string): Promise<PortalCase[]> {
      const found = await records.list(`${instanceId}/${contactId.toLowerCase()}/`)
      return found.map((r) => r.value).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    },
  }
}

/** The portal cases' interface. */
export type PortalCases = ReturnType<typeof createPortalCases>
