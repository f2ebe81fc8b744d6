import { type CaseReport, type ItemError, caseReportSchema, toItemErrors } from '../../schemas/index.ts'
import { DomainError } from '../errors.ts'
import type { HubService } from '../hubs/hub-service.ts'
import type { CaseRecord, CaseRepository } from '../store/case-repository.ts'
import { portalScopeProblem, timestampProblem } from '../ingest/item-checks.ts'

/** How far ahead of the server's clock a case's creation time may be (clock skew of CRMs). */
export const MAX_CASE_FUTURE_MS = 5 * 60_000
/**
 * How old a reported case may be: two years. Older cases precede no journey
 * (interactions are kept for 90 days), and a batch spanning many years would
 * touch more monthly partitions than one insert may.
 */
export const MAX_CASE_AGE_MS = 730 * 24 * 3_600_000

/** One case the reporting refused, with every problem found in it. */
export interface RejectedCase {
  index: number
  errors: ItemError[]
}

/** What became of a reporting request's cases. */
export interface CaseReportOutcome {
  /** Stored cases, repeats of one case id included (each stored once). */
  accepted: number
  rejected: RejectedCase[]
}

// toItemErrors speaks of interactions; a case's messages speak of cases.
const forCases = (errors: ItemError[]): ItemError[] =>
  errors.map((e) =>
    e.code === 'unknown_field'
      ? { ...e, message: `${e.path} is not a field of a case` }
      : e.code === 'invalid_type' && e.path === ''
        ? { ...e, message: 'a case must be a JSON object' }
        : e,
  )

/**
 * Checks a valid case against the clock and the route's portal scope.
 * Returns the problems (empty when it may be stored).
 */
export function checkCase(item: CaseReport, context: { now: number; portalId?: string }): ItemError[] {
  const bounds = { futureMs: MAX_CASE_FUTURE_MS, maxAgeDays: MAX_CASE_AGE_MS / (24 * 3_600_000) }
  return [
    timestampProblem('createdAt', item.createdAt, context.now, bounds),
    portalScopeProblem('portalId', item.portalId, context.portalId),
  ].filter((e) => e !== null)
}

const conflictOf = (
  item: CaseRecord,
  known: { contactId: string; createdAt: number } | undefined,
): ItemError | null => {
  if (!known) return null
  if (known.contactId !== item.contactId) {
    return {
      path: 'contactId',
      code: 'case_conflict',
      message: `case ${item.caseId} is already stored for contact ${known.contactId}; a case's contact cannot change`,
    }
  }
  if (known.createdAt !== item.createdAt) {
    return {
      path: 'createdAt',
      code: 'case_conflict',
      message: `case ${item.caseId} is already stored as created at ${new Date(known.createdAt).toISOString()}; a case's creation time cannot change`,
    }
  }
  return null
}

/**
 * Cases reported by a CRM: validated like interactions (every problem of an
 * item, with a literal code and the field at fault; valid neighbours are
 * stored anyway), idempotent by `caseId`, and stored before the answer, so an
 * accepted case is in ClickHouse (a store outage answers 503, nothing is
 * half-accepted).
 *
 * @example
 * const reporting = createCaseReporting({ hubs, repository })
 * await reporting.report({ hubId, items: [{ caseId, contactId, createdAt }] })
 */
export function createCaseReporting(deps: {
  hubs: Pick<HubService, 'getCached'>
  repository: Pick<CaseRepository, 'insert' | 'identities'>
  clock?: () => number
}) {
  const clock = deps.clock ?? Date.now
  return {
    async report(request: {
      hubId: string
      portalId?: string
      items: readonly unknown[]
    }): Promise<CaseReportOutcome> {
      const hub = await deps.hubs.getCached(request.hubId)
      const now = clock()
      const rejected: RejectedCase[] = []
      const valid: Array<{ index: number; record: CaseRecord }> = []
      request.items.forEach((raw, index) => {
        const parsed = caseReportSchema.safeParse(raw)
        if (!parsed.success) {
          rejected.push({ index, errors: forCases(toItemErrors(parsed.error, raw)) })
          return
        }
        const errors = checkCase(parsed.data, { now, portalId: request.portalId })
        if (errors.length > 0) {
          rejected.push({ index, errors })
          return
        }
        const c = parsed.data
        valid.push({
          index,
          record: {
            hubId: hub.id,
            caseId: c.caseId.toLowerCase(),
            caseNumber: c.caseNumber ?? null,
            contactId: c.contactId.toLowerCase(),
            portalId: (c.portalId ?? request.portalId)?.toLowerCase() ?? null,
            createdAt: Date.parse(c.createdAt),
            title: c.title ?? null,
            status: c.status ?? null,
            category: null,
            description: null,
            source: 'crm',
            reportedAt: now,
          },
        })
      })
      let known: Map<string, { contactId: string; createdAt: number }>
      try {
        known = await deps.repository.identities(
          hub.id,
          valid.map((v) => v.record.caseId),
        )
      } catch (err) {
        throw storeUnavailable(err)
      }
      const toStore = new Map<string, CaseRecord>()
      let accepted = 0
      for (const { index, record } of valid) {
        // Earlier items of the same request count as stored: a repeat must agree with them.
        const conflict = conflictOf(record, toStore.get(record.caseId) ?? known.get(record.caseId))
        if (conflict) {
          rejected.push({ index, errors: [conflict] })
          continue
        }
        // The last report of a case in a request wins, as a later request's would.
        toStore.set(record.caseId, record)
        accepted++
      }
      if (toStore.size > 0) {
        try {
          await deps.repository.insert([...toStore.values()])
        } catch (err) {
          throw storeUnavailable(err)
        }
      }
      rejected.sort((a, b) => a.index - b.index)
      return { accepted, rejected }
    },
  }
}

const storeUnavailable = (cause: unknown) =>
  Object.assign(
    new DomainError(
      'unavailable',
      'store_unavailable',
      'the store cannot take cases right now; nothing of this request was stored, send it again',
      undefined,
      5,
    ),
    { cause },
  )

/** The case reporting's interface. */
export type CaseReporting = ReturnType<typeof createCaseReporting>
