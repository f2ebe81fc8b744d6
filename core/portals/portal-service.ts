import { type PortalServiceDeps, createPortalContext } from './portal-context.ts'
import { createPortalDetails } from './portal-details.ts'
import { createPortalHubBinding } from './portal-hub-binding.ts'
import { createPortalPackages } from './portal-packages.ts'
import { createPortalProvisioning } from './portal-provisioning.ts'
import { createPortalSiteRecords } from './portal-site-records.ts'
import { createPortalSiteResolver } from './portal-site-resolver.ts'
import { createProvisioningJobs } from './provisioning-jobs.ts'
import { createProvisioningOptions } from './provisioning-options.ts'

export type { PortalServiceDeps } from './portal-context.ts'
export type { HubBindingView, PackageView, PortalStatusLabel, PortalView } from './portal-views.ts'

/**
 * The portal admin centre: provisioning options and provisioning (with every
 * rule the seed states), the provisioning job's progress, Restart
 * Provisioning and Change Values and Restart Provisioning, package states and
 * retries, the hub a portal sends to and its key, and the site's records.
 * Every action on an existing portal needs {@link canManagePortal}.
 *
 * The parts share one context (clock, serial writer, views, permission
 * check); each lives in its own file.
 */
export function createPortalService(deps: PortalServiceDeps) {
  const ctx = createPortalContext(deps)
  const provisioning = createPortalProvisioning(ctx)
  const details = createPortalDetails(ctx)
  return {
    view: ctx.view,
    /** A portal's URL from its subdomain. */
    urlOf: ctx.urlOf,
    ...createProvisioningOptions(ctx),
    provision: provisioning.provision,
    list: details.list,
    get: details.get,
    update: details.update,
    provisioning: provisioning.provisioning,
    restart: provisioning.restart,
    changeValuesAndRestart: provisioning.changeValuesAndRestart,
    ...createProvisioningJobs(ctx),
    ...createPortalPackages(ctx),
    ...createPortalHubBinding(ctx),
    ...createPortalSiteRecords(ctx),
    assignLicence: details.assignLicence,
    ...createPortalSiteResolver(ctx),

    /** Resolves when no provisioning job runs in this process (tests, the demo). */
    settled: (): Promise<void> => ctx.runner.idle(),

    /** Picks up jobs a stopped or killed process left mid-way (done on open unless `resume: false`). */
    resumeInterrupted: (): Promise<string[]> => ctx.runner.resumeInterrupted(),
  }
}

/** The portal service's interface. */
export type PortalService = ReturnType<typeof createPortalService>
