import type { RetentionApplied } from '../../schemas/index.ts'
import type { HubService } from '../hubs/hub-service.ts'
import type { CaseRepository } from '../store/case-repository.ts'
import type { InteractionRepository } from '../store/interaction-repository.ts'

const DAY_MS = 86_400_000

/**
 * A hub's retention applied now: its interactions dated (`portal_timestamp`)
 * and its cases created before now minus `retentionDays` are removed with a
 * lightweight DELETE (masked at once, dropped from the parts at their next
 * merge), rather than waiting for ClickHouse's TTL merges. Other hubs' rows
 * are not touched: every statement names the hub.
 *
 * @example
 * const retention = createRetention({ hubs, interactions: repository, cases: caseRepository })
 * await retention.apply(hubId) // { hubId, retentionDays, cutoff, removed: { interactions, cases } }
 */
export function createRetention(deps: {
  hubs: Pick<HubService, 'get'>
  interactions: Pick<InteractionRepository, 'removeOlderThan'>
  cases: Pick<CaseRepository, 'removeOlderThan'>
  clock?: () => number
}) {
  const clock = deps.clock ?? Date.now
  return {
    /** Removes what the hub's retention no longer keeps; answers the cutoff and the rows removed. */
    async apply(hubId: string): Promise<RetentionApplied> {
      const hub = await deps.hubs.get(hubId)
      const cutoff = clock() - hub.retentionDays * DAY_MS
      const interactions = await deps.interactions.removeOlderThan(hub.id, cutoff)
      const cases = await deps.cases.removeOlderThan(hub.id, cutoff)
      return {
        hubId: hub.id,
        retentionDays: hub.retentionDays,
        cutoff: new Date(cutoff).toISOString(),
        removed: { interactions, cases },
      }
    },
  }
}

/** A hub's retention, applied on demand. */
export type Retention = ReturnType<typeof createRetention>
