import type { CoreLog } from '../core-log.ts'
import type { HubService } from '../hubs/hub-service.ts'
import type { ProfileRepository } from '../profiles/profile-repository.ts'
import type { CaseRepository } from '../store/case-repository.ts'
import type { ChangeFeed } from '../store/change-feed.ts'
import type { InteractionRepository } from '../store/interaction-repository.ts'
import type { RecordStore } from '../store/record-repository.ts'
import { createContactRights } from './contact-rights.ts'
import { createErasureTombstones } from './erasure-tombstones.ts'
import { createRetention } from './retention.ts'

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
  hubs: Pick<HubService, 'get'>
  feed: ChangeFeed
  log: CoreLog
  clock: () => number
}) {
  const tombstones = createErasureTombstones()
  const contactRights = createContactRights({ ...deps, tombstones })
  await contactRights.load()
  return {
    /** Erased contacts: the flusher and case reports pass them. */
    tombstones,
    /** A contact's data rights: export and erasure. */
    contactRights,
    /** A hub's retention, applied now (`POST …/retention/apply`). */
    retention: createRetention({ ...deps, interactions: deps.repository }),
  }
}
