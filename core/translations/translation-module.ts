import type { PortalStore } from '../portals/portal-store.ts'
import type { ChangeFeed } from '../store/change-feed.ts'
import type { RecordStore } from '../store/record-repository.ts'
import type { InstanceService } from '../tenancy/instance-service.ts'
import { SHIPPED_CATALOGUE, type TranslationCatalogue } from './metadata-catalogue.ts'
import { createTranslationService } from './translation-service.ts'
import { createTranslationStore } from './translation-store.ts'

/**
 * Metadata translations on the portal records: what provisioning installs with
 * each package, the site's labels, and the update. It reads portals, their
 * package states and jobs from the records, so it is made before the portal
 * module, which installs through it.
 */
export function createTranslationModule(deps: {
  db: RecordStore
  feed: ChangeFeed
  portals: PortalStore
  instances: Pick<InstanceService, 'find'>
  clock: () => number
  /** Where translation resources come from (the shipped ones by default). */
  catalogue?: TranslationCatalogue
}) {
  const { portals } = deps
  return createTranslationService({
    store: createTranslationStore(deps.db, deps.feed),
    catalogue: deps.catalogue ?? SHIPPED_CATALOGUE,
    getPortal: (id) => portals.getPortal(id),
    findInstance: (id) => deps.instances.find(id),
    packageStates: (id) => portals.packageStates(id),
    isProvisioning: async (id) => (await portals.jobsOf(id)).some((job) => job.state === 'running'),
    clock: deps.clock,
  })
}
