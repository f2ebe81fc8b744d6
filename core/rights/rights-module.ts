import type { CoreLog } from '../core-log.ts'
import type { HubService } from '../hubs/hub-service.ts'
import type { ProfileRepository } from '../profiles/profile-repository.ts'
import type { CaseRepository } from '../store/case-repository.ts'
import type { ChangeFeed } from '../store/change-feed.ts'
import type { InteractionRepository } from '../store/interaction-repository.ts'
import { createPortalIdentityErasure } from '../sites/portal-identity-erasure.ts'
import { createAuditLog } from '../store/audit-log.ts'
import type { RecordStore } from '../store/record-repository.ts'
import { createContactRights } from './contact-rights.ts'
import { createErasureTombstones } from './erasure-tombstones.ts'
import { createRetention } from './retention.ts'
import { type RetentionStamps, createRetentionStamps } from './retention-stamps.ts'

/**
 * Data rights: contacts' erasures (their tombstones loaded before anything is
 * flushed, so that the log's replay passes them too), exports, and hubs'
 * retention. `resume()` carries on the erasures a killed process left.
 *
 * @example const rights = await openRightsModule({ db, repository, cases, profiles, hubs, feed, log, clock })
 */
export async function openRightsModule(deps: {
  db: RecordStore
  repository: InteractionRepository
  cases: CaseRepository
  profiles: ProfileRepository
  hubs: Pick<HubService, 'get' | 'update' | 'list' | 'getCached'>
  feed: ChangeFeed
  log: CoreLog
  clock: () => number
}) {
  const tombstones = createErasureTombstones()
  const contactRights = createContactRights({
    ...deps,
    tombstones,
    audit: createAuditLog(deps.db),
    portalIdentities: createPortalIdentityErasure(deps.db),
  })
  await contactRights.load()
  // Each hub's retention, stamped on its rows at flush: read before the log is replayed.
  const stamps = createRetentionStamps()
  await loadRetentionStamps(stamps, deps.hubs, deps.feed, deps.log)
  return {
    /** Erased contacts: the flusher and case reports pass them. */
    tombstones,
    /** Each hub's retention: the flusher and case inserts stamp rows with it. */
    stamps,
    /** A contact's data rights: export and erasure. */
    contactRights,
    /** A hub's retention, applied now (`POST …/retention/apply`). */
    retention: createRetention({ ...deps, stamps, interactions: deps.repository }),
  }
}

/**
 * Reads every hub's retention into the stamps, and keeps them told of changes
 * made on any node (a hub heard of is read again; after a missed notification, all).
 */
async function loadRetentionStamps(
  stamps: RetentionStamps,
  hubs: Pick<HubService, 'list' | 'getCached'>,
  feed: ChangeFeed,
  log: CoreLog,
): Promise<void> {
  const loadAll = async () => {
    for (const hub of await hubs.list()) stamps.set(hub.id, hub.retentionDays)
  }
  feed.subscribe('hubs', (change) => {
    const heard =
      'all' in change
        ? loadAll()
        : hubs.getCached(change.key).then((hub) => stamps.set(hub.id, hub.retentionDays))
    heard.catch((err: unknown) => log.warn({ err }, 'could not read a hub’s retention'))
  })
  await loadAll()
}
