import { installOrder, packageOf, packagesFor } from '../../portals/portal-catalogue.ts'
import { type Said, findings, say } from '../check-text.ts'
import type { ActionDefinition, CheckDefinition } from '../check-types.ts'

/**
 * Installs every package of the portal's type that is not Installed, in
 * prerequisite order, as the solution page's retry does. Shared by the
 * package and prerequisite checks.
 */
export const retryPackagesAction: ActionDefinition = {
  id: 'retry-failed-packages',
  label: 'Retry the packages that are not installed, in prerequisite order',
  changes: 'portal',
  async run(ctx) {
    const states = await ctx.deps.store.packageStates(ctx.portal.id)
    const wanted = packagesFor(ctx.portal.portalType)
      .map((p) => p.id)
      .filter((id) => states.get(id)?.status !== 'Installed')
    if (wanted.length === 0) return { changed: false, details: say`every package is installed` }
    const done: Said[] = []
    for (const pkg of installOrder(wanted)) {
      // A package that fails again stops the action with its own error (409 and its code).
      const view = await ctx.deps.portals.retryPackage(ctx.actor, ctx.portal.id, pkg.id)
      done.push(say`${view.name} is ${view.status}`)
    }
    return { changed: true, details: findings(done) }
  },
}

/** Provisioning: no package of the portal is Install Failed. */
export const packageInstallCheck: CheckDefinition = {
  id: 'provisioning-packages',
  issue: 'A package is in the Install Failed state',
  category: 'Provisioning',
  reads: ['package states of the portal'],
  mitigation:
    'Retry each Install Failed package from the solution page (POST /v1/admin/portals/{portalId}/packages/{packageId}/retry), prerequisites first.',
  actions: [retryPackagesAction],
  async run(ctx) {
    const failed = packagesFor(ctx.portal.portalType).filter(
      (p) => ctx.packages.get(p.id)?.status === 'Install Failed',
    )
    if (failed.length === 0) return { result: 'pass', details: 'no package is Install Failed' }
    return {
      result: 'error',
      details: findings(
        failed.map((p) => {
          const name = packageOf(p.id).name
          const e = ctx.packages.get(p.id)?.error
          return e ? say`${name} is Install Failed (${e.code}: ${e.message})` : say`${name} is Install Failed`
        }),
      ),
      action: retryPackagesAction.id,
    }
  },
}
