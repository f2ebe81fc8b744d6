import type { Principal } from '../admin/principal-service.ts'
import { isPortalLanguageSupported, languageName } from '../tenancy/languages.ts'
import { portalTypeLabel } from '../tenancy/licence-service.ts'
import { hasInstanceRole } from '../tenancy/permissions.ts'
import { solutionName } from '../tenancy/solutions.ts'
import type { Instance } from '../../schemas/index.ts'
import {
  AUDIENCES,
  AUDIENCE_IDS,
  FEATURE_MATRIX,
  type FeatureColumn,
  PORTAL_TYPES,
  PORTAL_TYPE_IDS,
  featuresOf,
  packagesFor,
  solutionsRequiredBy,
} from './portal-catalogue.ts'
import type { PortalContext } from './portal-context.ts'
import { checkInstanceRoles } from './provisioning-rules.ts'
import { checkSubdomain } from './subdomain.ts'

/** The names the feature table's columns carry in the seed. */
const COLUMN_NAMES: Readonly<Record<FeatureColumn, string>> = {
  customer_self_service: 'Customer Self-Service Portal',
  partner: 'Partner Portal',
  employee_self_service: 'Employee Self-Service Portal',
  community: 'Community Portal',
  custom: 'Custom Portal',
}

/** The provisioning form's choices: instances, languages, administrators, audiences, types and features. */
export function createProvisioningOptions({ deps, store }: PortalContext) {
  /** With a subdomain to check: whether another portal already claimed it (its form is checked elsewhere). */
  const taken = async (subdomain: string | undefined) => {
    if (subdomain === undefined) return {}
    const checked = checkSubdomain(subdomain)
    return { subdomainTaken: checked.ok ? Boolean(await store.subdomains.get(checked.subdomain)) : false }
  }
  return {
    /**
     * What the provisioning form offers the actor. Without an instance: the
     * instances they may pick (System Administrator or System Customizer
     * there). With one: its languages (minus Arabic and Hebrew), its System
     * Administrators (the possible portal administrators), the audiences and
     * their portal types, the feature table, and the Type the licence gives.
     */
    async options(actor: Principal, instanceId?: string, subdomain?: string) {
      const audiences = (instance: Instance | null) =>
        AUDIENCE_IDS.map((id) => ({
          id,
          name: AUDIENCES[id].name,
          portalTypes: AUDIENCES[id].portalTypes.map((t) => {
            const missing = instance
              ? solutionsRequiredBy(t).filter((s) => !instance.installedSolutions.includes(s))
              : []
            return {
              id: t,
              name: PORTAL_TYPES[t],
              available: missing.length === 0,
              requiresSolutions: solutionsRequiredBy(t).map((s) => ({ id: s, name: solutionName(s) })),
              missingSolutions: missing.map((s) => ({ id: s, name: solutionName(s) })),
            }
          }),
        }))
      const featureMatrix = {
        columns: (Object.keys(COLUMN_NAMES) as FeatureColumn[]).map((id) => ({ id, name: COLUMN_NAMES[id] })),
        rows: FEATURE_MATRIX.map((r) => ({
          feature: r.feature,
          included: Object.fromEntries(
            (Object.keys(COLUMN_NAMES) as FeatureColumn[]).map((c) => [c, r.in.includes(c)]),
          ),
        })),
      }
      const portalTypes = PORTAL_TYPE_IDS.map((t) => ({
        id: t,
        name: PORTAL_TYPES[t],
        features: featuresOf(t),
        packages: packagesFor(t).map((p) => p.name),
      }))
      const selectable = (await deps.instances.all()).filter(
        (i) =>
          hasInstanceRole(actor, i.id, 'system_administrator') ||
          hasInstanceRole(actor, i.id, 'system_customizer'),
      )
      if (!instanceId) {
        return {
          instances: selectable.map((i) => ({
            id: i.id,
            name: i.name,
            canProvision: hasInstanceRole(actor, i.id, 'system_administrator'),
          })),
          audiences: audiences(null),
          portalTypes,
          featureMatrix,
          ...(await taken(subdomain)),
        }
      }
      const instance = await deps.instances.get(instanceId)
      checkInstanceRoles(actor, instance)
      const licence = await deps.licences.peek()
      return {
        instance: { id: instance.id, name: instance.name, baseLanguage: instance.baseLanguage },
        canProvision: hasInstanceRole(actor, instance.id, 'system_administrator'),
        type: licence ? portalTypeLabel(licence.type) : null,
        languages: instance.installedLanguages
          .filter(isPortalLanguageSupported)
          .map((code) => ({ code, name: languageName(code) })),
        administrators: (await deps.users.systemAdministratorsOf(instance.id)).map((u) => ({
          id: u.id,
          name: u.name,
          ...(u.email ? { email: u.email } : {}),
        })),
        audiences: audiences(instance),
        portalTypes,
        featureMatrix,
        ...(await taken(subdomain)),
      }
    },
  }
}
