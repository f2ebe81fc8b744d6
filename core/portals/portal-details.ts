import type { Principal } from '../admin/principal-service.ts'
import { DomainError } from '../errors.ts'
import { assertTenantAdministrator, canManagePortal } from '../tenancy/permissions.ts'
import type { PortalContext } from './portal-context.ts'
import type { UpdatePortalInput } from './portal-schemas.ts'
import type { PortalView } from './portal-views.ts'
import { refuseType } from './provisioning-rules.ts'

/** Listing, reading and renaming portals, and moving a portal onto another licence. */
export function createPortalDetails({ deps, store, now, managed, view }: PortalContext) {
  return {
    /** The portals the actor may manage, oldest first. */
    async list(actor: Principal): Promise<PortalView[]> {
      const all = (await store.portals.list()).map((r) => r.value)
      const mine = all
        .filter((p) => canManagePortal(actor, p.instanceId))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      return Promise.all(mine.map(view))
    },

    /** One portal. */
    get: async (actor: Principal, id: string): Promise<PortalView> => view(await managed(actor, id)),

    /**
     * Renames a portal, turns its site on or off, and sets its IP address
     * restrictions. Its URL never changes, and its Type follows its licence.
     */
    async update(actor: Principal, id: string, input: UpdatePortalInput): Promise<PortalView> {
      const portal = await managed(actor, id)
      refuseType(input)
      if (input.subdomain !== undefined && input.subdomain !== portal.subdomain) {
        throw new DomainError(
          'invalid',
          'subdomain_immutable',
          portal.status === 'failed' && portal.provisionedAt === null
            ? 'the portal URL cannot be changed here; use Change Values and Restart Provisioning while provisioning has failed'
            : 'the portal URL cannot be changed after the portal is provisioned; add a custom domain name instead',
          'subdomain',
        )
      }
      const next = await store.updatePortal(portal.id, (p) => ({
        ...p,
        name: input.name ?? p.name,
        portalState: input.portalState ?? p.portalState,
        ipRestrictions: input.ipRestrictions ?? p.ipRestrictions,
        updatedAt: now(),
      }))
      // The site is the portal's: renaming the portal renames its website (what its pages show as the site's name).
      if (input.name !== undefined && input.name !== portal.name) {
        const website = await deps.sites.get(portal.id, 'website', 'website')
        if (website?.kind === 'website') await deps.sites.put(portal.id, [{ ...website, name: next.name }])
        // The footer the packages wrote names the portal too; an admin's own footer is left as they wrote it.
        const settings = await deps.sites.list(portal.id, 'site_setting')
        const footers = settings.flatMap((r) =>
          r.kind === 'site_setting' &&
          r.name === 'Footer/Text' &&
          r.source !== 'admin' &&
          r.value.includes(portal.name)
            ? [{ ...r, value: r.value.replaceAll(portal.name, next.name) }]
            : [],
        )
        if (footers.length > 0) await deps.sites.put(portal.id, footers)
      }
      return view(next)
    },

    /** Moves a portal onto another licence (its Type follows); for tenant administrators. */
    async assignLicence(actor: Principal, licenceId: string, portalId: string): Promise<PortalView> {
      assertTenantAdministrator(actor, 'assign portal licences')
      const portal = await store.getPortal(portalId)
      await deps.licences.assign(actor, licenceId, portal.id)
      return view(portal)
    },
  }
}
