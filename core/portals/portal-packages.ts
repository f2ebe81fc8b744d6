import type { Principal } from '../admin/principal-service.ts'
import { DomainError } from '../errors.ts'
import { PACKAGE_IDS, PORTAL_TYPES, type PackageId, packageOf, packagesFor } from './portal-catalogue.ts'
import type { PortalContext } from './portal-context.ts'
import { type PackageView, displayNameOf } from './portal-views.ts'

/** A portal's packages as the solution management page shows them, and retrying one. */
export function createPortalPackages({ store, runner, managed, packageViews }: PortalContext) {
  return {
    /** The portal's packages and their states, in install order. */
    packages: async (actor: Principal, id: string): Promise<PackageView[]> =>
      packageViews(await managed(actor, id)),

    /**
     * Retries one package's installation (as from the solution page). Fails,
     * with the package left Install Failed, when its prerequisites are missing.
     */
    async retryPackage(actor: Principal, id: string, packageId: string): Promise<PackageView> {
      const portal = await managed(actor, id)
      if (!(PACKAGE_IDS as readonly string[]).includes(packageId)) {
        throw new DomainError(
          'not_found',
          'package_not_found',
          `no package with id ${JSON.stringify(packageId)}`,
          'packageId',
        )
      }
      const pkg = packageOf(packageId as PackageId)
      if (!packagesFor(portal.portalType).some((p) => p.id === pkg.id)) {
        throw new DomainError(
          'invalid',
          'package_not_used',
          `${pkg.name} is not one of the packages a ${PORTAL_TYPES[portal.portalType]} installs`,
          'packageId',
        )
      }
      if (portal.status === 'configuring' || runner.isRunning(portal.id)) {
        throw new DomainError(
          'conflict',
          'provisioning_in_progress',
          `${displayNameOf(portal)} is being provisioned; wait for it to finish or fail`,
        )
      }
      const state = (await store.packageStates(portal.id)).get(pkg.id)
      if (state?.status === 'Installed') {
        throw new DomainError('conflict', 'package_already_installed', `${pkg.name} is already installed`)
      }
      const job = await store.jobs.get(portal.jobKey)
      // One node at a time: the same retry sent to two nodes installs the package once.
      await runner.underLease(
        `package/${portal.id}/${pkg.id}`,
        () =>
          new DomainError(
            'conflict',
            'package_install_in_progress',
            `${pkg.name} is being installed by another request; wait for it to finish`,
          ),
        () =>
          runner.installPackage(portal, pkg, {
            portalId: portal.id,
            jobKey: portal.jobKey,
            attempt: job?.attempt ?? 0,
          }),
      )
      return (await packageViews(portal)).find((p) => p.id === pkg.id)!
    },
  }
}
