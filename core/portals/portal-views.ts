import type { HubBindingView, PackageView, PortalStatusLabel, PortalView } from '../../schemas/index.ts'
import { languageName } from '../tenancy/languages.ts'
import { type LicenceService, portalTypeLabel } from '../tenancy/licence-service.ts'
import { solutionName } from '../tenancy/solutions.ts'
import type { HubBinder } from './hub-binding.ts'
import { PORTAL_TYPES, featuresOf, packageOf, packagesFor } from './portal-catalogue.ts'
import type { StoredPortal } from './portal-schemas.ts'
import type { PortalStore } from './portal-store.ts'

export type { HubBindingView, PackageView, PortalStatusLabel, PortalView }

/** `Name-Configuring` while provisioning runs, `Name-Provisioning Failed` after a failure, else the name. */
export const displayNameOf = (p: StoredPortal): string =>
  p.status === 'configuring'
    ? `${p.name}-Configuring`
    : p.status === 'failed'
      ? `${p.name}-Provisioning Failed`
      : p.name

/** A stored portal's status in the admin centre's words. */
export const statusLabel = (p: StoredPortal): PortalStatusLabel =>
  p.status === 'configuring' ? 'Configuring' : p.status === 'failed' ? 'Provisioning Failed' : 'Provisioned'

/** What the portal views are built from. */
export interface PortalViewsDeps {
  store: PortalStore
  binder: HubBinder
  licences: LicenceService
  /** A portal's URL from its subdomain. */
  urlOf: (subdomain: string) => string
}

/**
 * Builds what the admin API shows of a portal, its hub and its packages from
 * the stored records (never the hub key or the site secret).
 */
export function createPortalViews({ store, binder, licences, urlOf }: PortalViewsDeps) {
  const hubView = (p: StoredPortal): HubBindingView | null =>
    p.hubBinding
      ? {
          hubId: p.hubBinding.hubId,
          hubUri: binder.hubUri(p.hubBinding.hubId),
          keyName: p.hubBinding.keyName,
          configuredAt: p.hubBinding.configuredAt,
          configuredBy: p.hubBinding.configuredBy,
        }
      : null

  async function view(p: StoredPortal): Promise<PortalView> {
    const [licence, job] = await Promise.all([licences.ofPortal(p.id), store.jobs.get(p.jobKey)])
    const current = job?.steps.find((s) => s.status === 'running' || s.status === 'failed') ?? null
    return {
      id: p.id,
      name: p.name,
      displayName: displayNameOf(p),
      status: statusLabel(p),
      type: licence ? portalTypeLabel(licence.type) : null,
      licenceId: licence?.id ?? null,
      subdomain: p.subdomain,
      url: urlOf(p.subdomain),
      instanceId: p.instanceId,
      language: p.language,
      languageName: languageName(p.language),
      administratorId: p.administratorId,
      audience: p.audience,
      portalType: p.portalType,
      portalTypeName: PORTAL_TYPES[p.portalType],
      features: featuresOf(p.portalType),
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      provisionedAt: p.provisionedAt,
      hub: hubView(p),
      portalState: p.portalState,
      ipRestrictions: { enabled: p.ipRestrictions.enabled, allow: [...p.ipRestrictions.allow] },
      provisioning: {
        attempt: job?.attempt ?? 0,
        state: job?.state ?? 'running',
        step: current?.id ?? null,
        resumes: job?.resumes ?? 0,
      },
    }
  }

  const packageViews = async (portal: StoredPortal): Promise<PackageView[]> => {
    const states = await store.packageStates(portal.id)
    return packagesFor(portal.portalType).map((pkg) => {
      const s = states.get(pkg.id)
      return {
        id: pkg.id,
        name: pkg.name,
        status: s?.status ?? 'Not Installed',
        prerequisites: pkg.prerequisites.map((p) => packageOf(p).name),
        requiresSolutions: pkg.requiresSolutions.map(solutionName),
        attempts: s?.attempts ?? 0,
        installedAt: s?.installedAt ?? null,
        error: s?.error ?? null,
      }
    })
  }

  return { hubView, view, packageViews }
}

/** The portal views' interface. */
export type PortalViews = ReturnType<typeof createPortalViews>
