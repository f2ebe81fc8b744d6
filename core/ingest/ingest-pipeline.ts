import { type Interaction, type ItemError, interactionSchema, toItemErrors } from '../../schemas/index.ts'
import type { HubService } from '../hubs/hub-service.ts'
import type {
  InteractionRecord,
  InteractionRepository,
  QuarantineRecord,
} from '../store/interaction-repository.ts'
import type { AckLevel, InteractionSink } from './interaction-sink.ts'

/** How far ahead of the server's clock a timestamp may be (clock skew of portals). */
export const MAX_FUTURE_MS = 5 * 60_000
/** How old an interaction may be when it arrives: the longest journey window. */
export const MAX_AGE_MS = 90 * 24 * 3_600_000

/** One item the pipeline refused, with every problem found in it. */
export interface RejectedItem {
  index: number
  errors: ItemError[]
}

/** What became of a request's items. */
export interface IngestResult {
  accepted: number
  rejected: RejectedItem[]
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
  context: { now: number; portalId?: string; capturedTypes: readonly string[] },
): ItemError[] {
  const errors: ItemError[] = []
  const at = Date.parse(item.portal_timestamp)
  if (at > context.now + MAX_FUTURE_MS) {
    errors.push({
      path: 'portal_timestamp',
      code: 'timestamp_in_future',
      message: `portal_timestamp ${item.portal_timestamp} is more than 5 minutes ahead of the server's clock`,
    })
  } else if (at < context.now - MAX_AGE_MS) {
    errors.push({
      path: 'portal_timestamp',
      code: 'timestamp_too_old',
      message: `portal_timestamp ${item.portal_timestamp} is more than 90 days old`,
    })
  }
  if (
    context.portalId !== undefined &&
    item.portal_portalid.toLowerCase() !== context.portalId.toLowerCase()
  ) {
    errors.push({
      path: 'portal_portalid',
      code: 'portal_mismatch',
      message: `portal_portalid ${item.portal_portalid} differs from the portal in the URL, ${context.portalId}`,
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

const truncatedJson = (value: unknown): string => {
  try {
    return JSON.stringify(value)?.slice(0, 4096) ?? String(value)
  } catch {
    return String(value).slice(0, 4096)
  }
}

/**
 * The ingest pipeline: validate each item with the shared schema, check it
 * against the hub and the clock, quarantine what is refused, and hand what is
 * accepted to the sink. Valid items are never lost for an invalid neighbour.
 *
 * @example
 * const pipeline = createIngestPipeline({ hubs, sink, repository, clock: Date.now, log })
 * const result = await pipeline.ingest({ hubId, items })
 */
export function createIngestPipeline(deps: {
  hubs: HubService
  sink: InteractionSink
  repository: Pick<InteractionRepository, 'quarantine'>
  clock?: () => number
  log?: { warn(obj: object, msg: string): void }
  observer?: IngestObserver
}) {
  const clock = deps.clock ?? Date.now
  return {
    async ingest(request: {
      hubId: string
      portalId?: string
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
      request.items.forEach((raw, index) => {
        const parsed = interactionSchema.safeParse(raw)
        const errors = parsed.success
          ? checkInteraction(parsed.data, {
              now,
              portalId: request.portalId,
              capturedTypes: hub.capturedTypes,
            })
          : toItemErrors(parsed.error, raw)
        if (errors.length > 0 || !parsed.success) {
          rejected.push({ index, errors })
          const first = errors[0]!
          quarantined.push({
            hubId: hub.id,
            receivedAt: now,
            code: first.code,
            path: first.path,
            message: first.message,
            raw: truncatedJson(raw),
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
      if (quarantined.length > 0) {
        // The quarantine is a diagnostic aid: failing to keep it must not fail the request.
        deps.repository.quarantine(quarantined).catch((err: unknown) => {
          deps.log?.warn(
            { err, count: quarantined.length },
            'could not write rejected items to the quarantine',
          )
        })
      }
      let ack: AckLevel | null = null
      if (accepted.length > 0) {
        ack = (await deps.sink.append(accepted, { wait: request.wait })).ack
        deps.observer?.accepted?.(accepted.length + duplicates)
        if (duplicates > 0) deps.observer?.duplicates?.(duplicates)
      }
      return { accepted: accepted.length + duplicates, rejected, duplicates, ack }
    },
  }
}

/** The pipeline's interface. */
export type IngestPipeline = ReturnType<typeof createIngestPipeline>
