import type { Principal } from '../admin/principal-service.ts'
import { canManagePortal } from '../tenancy/permissions.ts'
import type { PortalContext } from './portal-context.ts'
import type { ProvisioningJob } from './portal-schemas.ts'

/** A job in the list across portals, with its portal's name. */
export type ProvisioningJobItem = ProvisioningJob & { portalName: string }

/**
 * The provisioning jobs as lists: every attempt of one portal, and the jobs
 * of every portal an actor may manage (what an admin scans for failures).
 */
export function createProvisioningJobs({ store, managed }: PortalContext) {
  return {
    /** Every job of a portal, oldest attempt first, if the actor may manage it (the seed's 403 otherwise). */
    async jobsOf(actor: Principal, portalId: string): Promise<ProvisioningJob[]> {
      const portal = await managed(actor, portalId)
      return store.jobsOf(portal.id)
    },

    /**
     * The jobs of the portals the actor may manage, in `state` if given; any
     * order (the route pages them). Someone who may manage no portal gets none.
     */
    async jobs(
      actor: Principal,
      filter: { state?: ProvisioningJob['state'] } = {},
    ): Promise<ProvisioningJobItem[]> {
      const names = new Map<string, string>()
      for (const { value: p } of await store.portals.list()) {
        if (canManagePortal(actor, p.instanceId)) names.set(p.id, p.name)
      }
      if (names.size === 0) return []
      const out: ProvisioningJobItem[] = []
      for (const { value: job } of await store.jobs.list()) {
        const portalName = names.get(job.portalId)
        if (portalName === undefined) continue
        if (filter.state !== undefined && job.state !== filter.state) continue
        out.push({ ...job, portalName })
      }
      return out
    },
  }
}
