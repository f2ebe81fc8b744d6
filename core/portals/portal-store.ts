import { DomainError } from '../errors.ts'
import { type SecretBox, type SecretField, createSecretSealer, secretAt } from '../secrets/index.ts'
import type { ChangeFeed } from '../store/change-feed.ts'
import { type RecordStore, createRecordRepository } from '../store/record-repository.ts'
import type { PackageId } from './portal-catalogue.ts'
import {
  type PackageState,
  type ProvisioningJob,
  type StoredPortal,
  jobSchema,
  packageStateSchema,
  storedPortalSchema,
  subdomainClaimSchema,
} from './portal-schemas.ts'

/** The key of a portal's job for one attempt: `{portalId}/{attempt, zero-padded}`, so they list in order. */
export const jobKey = (portalId: string, attempt: number): string =>
  `${portalId}/${String(attempt).padStart(6, '0')}`

/** Where a portal record keeps its secrets: the bound and the requested hub key, the site secret. */
const portalSecretFields = (id: string, doc: Record<string, unknown>): SecretField[] => [
  ...secretAt(doc, ['hubBinding', 'key'], `portal:${id}:hubBinding.key`),
  ...secretAt(doc, ['requestedHub', 'key'], `portal:${id}:requestedHub.key`),
  ...secretAt(doc, ['siteSecret'], `portal:${id}:siteSecret`),
]

/**
 * The portal module's records: portals, the subdomain index, provisioning
 * jobs and package states. Every read-modify-write goes through one writer.
 * A portal's secrets are sealed with `box` in the store, plaintext in memory.
 */
export function createPortalStore(db: RecordStore, box: SecretBox, feed?: ChangeFeed) {
  const portals = createRecordRepository(
    db,
    'cp_portals',
    storedPortalSchema,
    createSecretSealer(box, portalSecretFields),
  )
  const subdomains = createRecordRepository(db, 'cp_portal_subdomains', subdomainClaimSchema)
  const jobs = createRecordRepository(db, 'cp_provisioning_jobs', jobSchema)
  const packages = createRecordRepository(db, 'cp_portal_packages', packageStateSchema)
  // Bumped on every write, here or (told by the change feed) on another node, so readers'
  // caches (the site resolver) know when to read again.
  let generation = 0
  feed?.subscribe('portals', () => {
    generation++
  })
  const bump = async (key: string) => {
    generation++
    await feed?.publish('portals', key)
  }

  const portalNotFound = (id: string) =>
    new DomainError('not_found', 'portal_not_found', `no portal with id ${JSON.stringify(id)}`, 'portalId')
  const getPortal = async (id: string): Promise<StoredPortal> => {
    const portal = await portals.get(id)
    if (!portal) throw portalNotFound(id)
    return portal
  }

  return {
    portals,
    subdomains,
    jobs,
    packages,
    getPortal,

    /**
     * Reads, changes and writes a portal in one transaction, the row locked
     * (the record repository's `update`): a concurrent change, on this node or
     * another, waits and is never dropped.
     */
    async updatePortal(id: string, change: (p: StoredPortal) => StoredPortal): Promise<StoredPortal> {
      const stored = await portals.update(id, (current) => {
        if (!current) throw portalNotFound(id)
        return change(current.value)
      })
      await bump(id)
      return stored!.value
    },

    /** Checks the key opens every stored portal and seals those written before sealing (once, at open). */
    resealPortals: (): Promise<number> => portals.reseal(),

    /** Reads, changes and writes a job in one transaction, the row locked. */
    async updateJob(key: string, change: (j: ProvisioningJob) => ProvisioningJob): Promise<ProvisioningJob> {
      const stored = await jobs.update(key, (current) => {
        if (!current) throw new DomainError('not_found', 'job_not_found', `no provisioning job ${key}`)
        return change(current.value)
      })
      return stored!.value
    },

    /** A portal's package states, by package id. */
    async packageStates(portalId: string): Promise<Map<PackageId, PackageState>> {
      return new Map((await packages.list(`${portalId}/`)).map((r) => [r.value.packageId, r.value]))
    },

    async putPackage(state: PackageState): Promise<void> {
      await packages.put(`${state.portalId}/${state.packageId}`, state)
      await bump(state.portalId)
    },

    /** Removes every package state of a portal (before installing it again as another type or language). */
    async clearPackages(portalId: string): Promise<void> {
      for (const r of await packages.list(`${portalId}/`)) await packages.delete(r.key)
      await bump(portalId)
    },

    /** Writes a new portal (not through {@link updatePortal}: there is nothing to read first). */
    async savePortal(portal: StoredPortal): Promise<void> {
      await portals.put(portal.id, portal)
      await bump(portal.id)
    },

    /** Points a subdomain at a portal, reserved at request time and allocated by the job. */
    async claimSubdomain(subdomain: string, portalId: string, state: 'reserved' | 'allocated', at: string) {
      await subdomains.put(subdomain, { portalId, state, at })
      await bump(portalId)
    },

    /** Frees a subdomain a portal no longer uses. */
    async releaseSubdomain(subdomain: string) {
      await subdomains.delete(subdomain)
      await bump(subdomain)
    },

    /** A number that changes on every write through this store. */
    generation: (): number => generation,

    /** Every job of a portal, oldest attempt first. */
    jobsOf: async (portalId: string): Promise<ProvisioningJob[]> =>
      (await jobs.list(`${portalId}/`)).map((r) => r.value),
  }
}

/** The portal store's interface. */
export type PortalStore = ReturnType<typeof createPortalStore>
