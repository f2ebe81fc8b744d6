import {
  type Interaction,
  type ItemError,
  MAX_ERRORS_PER_ITEM,
  MAX_REJECTED_LISTED,
  toCappedItemErrors,
} from '../../schemas/index.ts'
import type { HubService } from '../hubs/hub-service.ts'
import type { InteractionRecord } from '../store/interaction-rows.ts'
import type { QuarantineRecord } from '../store/quarantine-rows.ts'
import { parseInteraction } from './interaction-fast-check.ts'
import type { QuarantineWriter } from './quarantine-writer.ts'
import type { AckLevel, InteractionSink } from './interaction-sink.ts'
import { portalScopeProblem, timestampProblem } from './item-checks.ts'

/** How far ahead of the server's clock a timestamp may be (clock skew of portals). */
export const MAX_FUTURE_MS = 5 * 60_000
/** How old an interaction may be when it arrives: the longest journey window. */
export const MAX_AGE_MS = 90 * 24 * 3_600_000

/** One item the pipeline refused, with every problem found in it. */
export interface RejectedItem {
  index: number
  /** The first {@link MAX_ERRORS_PER_ITEM} problems. */
  errors: ItemError[]
  /** Problems found beyond those listed. */
  moreErrors?: number
}

/** What became of a request's items. */
export interface IngestResult {
  accepted: number
  /** The first {@link MAX_REJECTED_LISTED} refused items, in full. */
  rejected: RejectedItem[]
  /** Refused items beyond those listed, and their problems counted by code. */
  moreRejected?: { items: number; errors: Record<string, number> }
  /** Items whose interaction id appeared earlier in the same request (accepted, stored once). */
  duplicates: number
  ack: AckLevel | null
}

/** Anything that wants to hear about outcomes (metrics). */
export interface IngestObserver {
  accepted?(count: number): void
  rejected?(code: string): void
  duplicates?(count: number): void
}

/**
 * Checks that a valid interaction may be taken now: timestamp bounds, the
 * portal scope of the route, and the hub's catalogue of captured types.
 */
export function checkInteraction(
  item: Interaction,
  context: { now: number; portalId?: string; contactId?: string; capturedTypes: readonly string[] },
): ItemError[] {
  const bounds = { futureMs: MAX_FUTURE_MS, maxAgeDays: MAX_AGE_MS / (24 * 3_600_000) }
  const errors = [
    timestampProblem('portal_timestamp', item.portal_timestamp, context.now, bounds),
    portalScopeProblem('portal_portalid', item.portal_portalid, context.portalId),
  ].filter((e) => e !== null)
  if (
    context.contactId !== undefined &&
    item.portal_contactid.toLowerCase() !== context.contactId.toLowerCase()
  ) {
    errors.push({
      path: 'portal_contactid',
      code: 'contact_mismatch',
      message: `portal_contactid ${item.portal_contactid} is not the contact this token was given to; a portal page's token sends for its signed-in visitor only`,
    })
  }
  if (!context.capturedTypes.includes(item.type)) {
    errors.push({
      path: 'type',
      code: 'type_not_captured',
      message: `this hub does not capture ${item.type}; an admin can add it back to the hub's interaction types`,
    })
  }
  return errors
}

/**
 * The start of an item's JSON for the quarantine. Never throws: the edge has
 * capped nesting, and whatever stringify still refuses (a cycle, a BigInt from
 * a caller that is not the edge) is described instead of converted.
 */
export const quarantineText = (value: unknown): string => {
  try {
    const text = JSON.stringify(value)
    if (typeof text === 'string') return text.slice(0, 4096)
  } catch {
    // described below
  }
  return `(${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value} that is not JSON text)`
}

/**
 * The ingest pipeline: validate each item with the shared schema, check it
 * against the hub and the clock, quarantine what is refused, and hand what is
 * accepted to the sink. Valid items are never lost for an invalid neighbour.
 *
 * @example
 * const pipeline = createIngestPipeline({ hubs, sink, quarantine, clock: Date.now, log })
 * const result = await pipeline.ingest({ hubId, items })
 */
export function createIngestPipeline(deps: {
  hubs: HubService
  sink: InteractionSink
  /** Where refused items are kept (batched; see createQuarantineWriter). */
  quarantine: Pick<QuarantineWriter, 'add'>
  clock?: () => number
  log?: { warn(obj: object, msg: string): void }
  observer?: IngestObserver
}) {
  const clock = deps.clock ?? Date.now
  return {
    async ingest(request: {
      hubId: string
      portalId?: string
      /** The one contact every item must name (a portal page's token, for its visitor). */
      contactId?: string
      items: readonly unknown[]
      wait?: AckLevel
    }): Promise<IngestResult> {
      const hub = await deps.hubs.getCached(request.hubId)
      const now = clock()
      const accepted: InteractionRecord[] = []
      const rejected: RejectedItem[] = []
      const quarantined: QuarantineRecord[] = []
      const seen = new Set<string>()
      let duplicates = 0
      let moreRejected: IngestResult['moreRejected']
      request.items.forEach((raw, index) => {
        // zod's result; valid items are decided by the check compiled from the same schemas.
        const parsed = parseInteraction(raw)
        const { errors, more } = parsed.success
          ? {
              errors: checkInteraction(parsed.data, {
                now,
                portalId: request.portalId,
                contactId: request.contactId,
                capturedTypes: hub.capturedTypes,
              }),
              more: 0,
            }
          : toCappedItemErrors(parsed.error, raw, MAX_ERRORS_PER_ITEM)
        if (errors.length > 0 || !parsed.success) {
          // The answer lists the first items in full and counts the rest: its size is bounded whatever the input.
          if (rejected.length < MAX_REJECTED_LISTED)
            rejected.push(more > 0 ? { index, errors, moreErrors: more } : { index, errors })
          else {
            moreRejected ??= { items: 0, errors: {} }
            moreRejected.items++
            for (const e of errors) moreRejected.errors[e.code] = (moreRejected.errors[e.code] ?? 0) + 1
          }
          const first = errors[0] ?? { code: 'invalid', path: '', message: 'the item is not valid' }
          quarantined.push({
            hubId: hub.id,
            receivedAt: now,
            code: first.code,
            path: first.path,
            message: first.message,
            raw: quarantineText(raw),
          })
          for (const e of errors) deps.observer?.rejected?.(e.code)
          return
        }
        const id = parsed.data.portal_interactionid.toLowerCase()
        if (seen.has(id)) {
          duplicates++
          return
        }
        seen.add(id)
        accepted.push({ hubId: hub.id, receivedAt: now, interaction: parsed.data })
      })
      // The quarantine is a diagnostic aid, written in batches: keeping it never fails or slows the request.
      if (quarantined.length > 0) deps.quarantine.add(quarantined)
      let ack: AckLevel | null = null
      if (accepted.length > 0) {
        ack = (await deps.sink.append(accepted, { wait: request.wait })).ack
        deps.observer?.accepted?.(accepted.length + duplicates)
        if (duplicates > 0) deps.observer?.duplicates?.(duplicates)
      }
      return {
        accepted: accepted.length + duplicates,
        rejected,
        ...(moreRejected ? { moreRejected } : {}),
        duplicates,
        ack,
      }
    },
  }
}

/** The pipeline's interface. */
export type IngestPipeline = ReturnType<typeof createIngestPipeline>
