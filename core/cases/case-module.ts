import type { HubService } from '../hubs/hub-service.ts'
import type { ErasureTombstones } from '../rights/erasure-tombstones.ts'
import type { CaseRepository } from '../store/case-repository.ts'
import type { Profile } from '../../schemas/index.ts'
import { createCaseQueries } from './case-queries.ts'
import { createCaseReporting } from './case-reporting.ts'

/**
 * Cases: those CRMs report (an erased contact's cases dated before the
 * erasure are not stored again) and a hub's cases as admins read them.
 * Cases contacts open on portals come from the portal module.
 */
export function createCaseModule(deps: {
  hubs: HubService
  cases: CaseRepository
  tombstones: ErasureTombstones
  profiles: { get(hubId: string, contactId: string): Promise<Profile | null> }
  clock: () => number
}) {
  return {
    /** Cases a CRM reports. */
    reporting: createCaseReporting({
      hubs: deps.hubs,
      repository: deps.tombstones.guardCases(deps.cases),
      clock: deps.clock,
    }),
    /** A hub's cases, for admins. */
    queries: createCaseQueries({ ...deps, repository: deps.cases }),
  }
}
