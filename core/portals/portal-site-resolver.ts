import { LRUCache } from 'lru-cache'
import type { SitePortal } from '../sites/site-portal.ts'
import { hasFeature, packagesFor } from './portal-catalogue.ts'
import { ipAllowList } from './ip-allow-list.ts'
import type { PortalContext } from './portal-context.ts'

/** Finds the portal a site request's subdomain names, with a short cache the store's writes invalidate. */
export function createPortalSiteResolver({ store, binder, clock, urlOf }: PortalContext) {
  // Keyed by the subdomain a Host names, any string a client sends: bounded, so Hosts cannot grow it.
  const resolveCache = new LRUCache<string, { generation: number; value: SitePortal | null }>({
    max: 10_000,
    ttl: 5_000,
    perf: { now: clock },
  })

  return {
    /**
     * The portal a subdomain names, as its site needs it; null when none.
     * Cached until the next write through the portal store.
     */
    async resolveSite(subdomain: string): Promise<SitePortal | null> {
      const hit = resolveCache.get(subdomain)
      if (hit && hit.generation === store.generation()) return hit.value
      const generation = store.generation()
      const claim = await store.subdomains.get(subdomain)
      const portal = claim ? await store.portals.get(claim.portalId) : null
      let value: SitePortal | null = null
      if (claim && portal) {
        const states = await store.packageStates(portal.id)
        const installed = packagesFor(portal.portalType).every(
          (p) => states.get(p.id)?.status === 'Installed',
        )
        const binding = portal.hubBinding
        value = {
          id: portal.id,
          name: portal.name,
          language: portal.language,
          instanceId: portal.instanceId,
          ready: claim.state === 'allocated' && portal.status === 'provisioned' && installed,
          siteSecret: portal.siteSecret,
          turnedOff: portal.portalState === 'off',
          allowsIp: portal.ipRestrictions.enabled ? ipAllowList(portal.ipRestrictions.allow) : null,
          beacon: (contactId) => (binding ? binder.beaconTarget(portal.id, binding, contactId) : null),
          caseManagement: hasFeature(portal.portalType, 'Support/Case Management'),
          hubId: binding?.hubId ?? null,
          url: urlOf(portal.subdomain),
        }
      }
      resolveCache.set(subdomain, { generation, value })
      return value
    },
  }
}
