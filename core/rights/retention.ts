import type { RetentionApplied, UpdateHubInput } from '../../schemas/index.ts'
import type { StoredHub } from '../hubs/hub-record.ts'
import type { HubService } from '../hubs/hub-service.ts'
import type { CaseRepository } from '../store/case-repository.ts'
import type { InteractionRepository } from '../store/interaction-repository.ts'
import type { RetentionStamps } from './retention-stamps.ts'

const DAY_MS = 86_400_000

/**
 * A hub's retention. ClickHouse enforces it: each row carries its hub's
 * `retention_days` (stamped at flush or insert, {@link RetentionStamps}) and
 * the tables' TTL drops it at the merges after `time + retention_days`. A
 * change of the setting rewrites that column of the hub's stored rows (one
 * mutation per table, queued: ClickHouse runs it in the background and keeps
 * it across restarts), so a shortened retention reaches rows already stored.
 * `apply` does it now: a lightweight DELETE (masked at once, dropped from
 * the parts at their next merge) of the hub's rows older than the cutoff,
 * then the same mutation, waited for. Other hubs' rows are not touched: every
 * statement names the hub.
 *
 * @example
 * const retention = createRetention({ hubs, stamps, interactions: repository, cases: caseRepository })
 * await retention.updateHub(hubId, { retentionDays: 60 })
 * await retention.apply(hubId) // { hubId, retentionDays, cutoff, removed: { interactions, cases } }
 */
export function createRetention(deps: {
  hubs: Pick<HubService, 'get' | 'update'>
  stamps: Pick<RetentionStamps, 'set'>
  interactions: Pick<InteractionRepository, 'removeOlderThan' | 'setRetention'>
  cases: Pick<CaseRepository, 'removeOlderThan' | 'setRetention'>
  clock?: () => number
}) {
  const clock = deps.clock ?? Date.now
  const setRetention = async (hubId: string, days: number, wait: boolean) => {
    deps.stamps.set(hubId, days)
    await deps.interactions.setRetention(hubId, days, { wait })
    await deps.cases.setRetention(hubId, days, { wait })
  }
  return {
    /**
     * Changes a hub's settings (`PATCH …/hubs/{hubId}`); a retention sent is
     * stamped on the rows still to flush at once and queued for the rows stored.
     */
    async updateHub(hubId: string, input: UpdateHubInput): Promise<StoredHub> {
      const hub = await deps.hubs.update(hubId, input)
      // Queued whenever the retention is sent, changed or not: a PATCH whose queueing failed
      // (ClickHouse away: 503) after the hub was written is sent again with the same value, and
      // must still reach the stored rows. Rows that already hold it are not rewritten.
      if (input.retentionDays !== undefined) await setRetention(hub.id, hub.retentionDays, false)
      return hub
    },
    /** Removes what the hub's retention no longer keeps; answers the cutoff and the rows removed. */
    async apply(hubId: string): Promise<RetentionApplied> {
      const hub = await deps.hubs.get(hubId)
      const cutoff = clock() - hub.retentionDays * DAY_MS
      const interactions = await deps.interactions.removeOlderThan(hub.id, cutoff)
      const cases = await deps.cases.removeOlderThan(hub.id, cutoff)
      // Then the stored rows' retention, for the TTL from now on (waited for: "now" means done).
      await setRetention(hub.id, hub.retentionDays, true)
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
