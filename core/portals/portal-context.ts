import type { Principal, PrincipalService } from '../admin/principal-service.ts'
import type { SiteRepository } from '../sites/site-repository.ts'
import type { InstanceService } from '../tenancy/instance-service.ts'
import type { LicenceService } from '../tenancy/licence-service.ts'
import { assertCanManagePortal } from '../tenancy/permissions.ts'
import { createSerialWriter } from '../store/serial-writer.ts'
import type { UserService } from '../tenancy/user-service.ts'
import type { HubBinder } from './hub-binding.ts'
import type { StoredPortal } from './portal-schemas.ts'
import type { PortalStore } from './portal-store.ts'
import { type PortalViews, createPortalViews } from './portal-views.ts'
import type { ProvisioningRunner } from './provisioning-runner.ts'

/** What the portal service is built from. */
export interface PortalServiceDeps {
  store: PortalStore
  runner: ProvisioningRunner
  binder: HubBinder
  principals: PrincipalService
  instances: InstanceService
  users: UserService
  licences: LicenceService
  sites: SiteRepository
  /** The domain portals' hosts hang under (`PORTALS_DOMAIN`). */
  portalsDomain: string
  /** The service's own URL; a portal's URL takes its scheme and port. */
  publicUrl: string
  clock?: () => number
}

/**
 * What every part of the portal service shares: its dependencies, one clock,
 * one serial writer (so provisioning and restarts never interleave), the
 * portal URL rule, the views, and the manage-permission check.
 */
export interface PortalContext extends PortalViews {
  deps: PortalServiceDeps
  store: PortalStore
  runner: ProvisioningRunner
  binder: HubBinder
  clock: () => number
  /** The clock's time as an ISO string. */
  now: () => string
  /** Runs writes that must not interleave one after another. */
  lock: ReturnType<typeof createSerialWriter>
  /** A portal's URL from its subdomain. */
  urlOf: (subdomain: string) => string
  /** The portal, if the actor may manage it (the seed's 403 otherwise). */
  managed: (actor: Principal, id: string) => Promise<StoredPortal>
}

/** Builds the context the portal service's parts share; one per service. */
export function createPortalContext(deps: PortalServiceDeps): PortalContext {
  const clock = deps.clock ?? Date.now
  const now = () => new Date(clock()).toISOString()
  const { store, runner, binder } = deps
  const lock = createSerialWriter()
  const base = new URL(deps.publicUrl)
  const urlOf = (subdomain: string) =>
    `${base.protocol}//${subdomain}.${deps.portalsDomain}${base.port ? `:${base.port}` : ''}`
  const views = createPortalViews({ store, binder, licences: deps.licences, urlOf })

  const managed = async (actor: Principal, id: string): Promise<StoredPortal> => {
    const portal = await store.getPortal(id)
    assertCanManagePortal(actor, portal.instanceId)
    return portal
  }

  return { deps, store, runner, binder, clock, now, lock, urlOf, managed, ...views }
}
