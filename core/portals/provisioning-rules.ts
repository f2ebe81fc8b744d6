import type { Principal } from '../admin/principal-service.ts'
import { DomainError } from '../errors.ts'
import { canonicalLanguageTag, isPortalLanguageSupported, languageName } from '../tenancy/languages.ts'
import { hasInstanceRole } from '../tenancy/permissions.ts'
import { solutionName } from '../tenancy/solutions.ts'
import type { Instance } from '../../schemas/index.ts'
import {
  AUDIENCES,
  type AudienceId,
  PORTAL_TYPES,
  type PortalTypeId,
  solutionsRequiredBy,
} from './portal-catalogue.ts'
import type { PortalContext } from './portal-context.ts'
import type { StoredPortal } from './portal-schemas.ts'
import { displayNameOf } from './portal-views.ts'
import { checkSubdomain } from './subdomain.ts'

/** Refuses a request that sets the portal's Type: it comes from the licence. */
export const refuseType = (input: { type?: unknown }): void => {
  if (input.type !== undefined) {
    throw new DomainError(
      'invalid',
      'type_not_settable',
      'Type is set by the portal licence (Trial or Production) and cannot be set by a request; leave it out',
      'type',
    )
  }
}

/** Refuses an actor who is neither System Administrator nor System Customizer of the instance. */
export const checkInstanceRoles = (actor: Principal, instance: Instance): void => {
  if (
    !hasInstanceRole(actor, instance.id, 'system_administrator') &&
    !hasInstanceRole(actor, instance.id, 'system_customizer')
  ) {
    throw new DomainError(
      'forbidden',
      'instance_role_required',
      `To select instance ${instance.name} you need the System Administrator or System Customizer role in it.`,
      'instanceId',
    )
  }
}

/**
 * The provisioning rules that need the store, the runner or the principals:
 * a free subdomain, the values provisioning and Change Values share, and
 * whether a portal may be restarted.
 */
export function createProvisioningRules({ deps, store, runner, urlOf }: PortalContext) {
  /** Checks a subdomain's form and that no other portal has it; returns it lower-cased. */
  const checkFreeSubdomain = async (raw: string, portalId: string): Promise<string> => {
    const checked = checkSubdomain(raw)
    if (!checked.ok) throw new DomainError('invalid', checked.code, checked.message, 'subdomain')
    const claim = await store.subdomains.get(checked.subdomain)
    if (claim && claim.portalId !== portalId) {
      throw new DomainError(
        'conflict',
        'subdomain_taken',
        `the portal URL ${urlOf(checked.subdomain)} is already used by another portal; choose another subdomain`,
        'subdomain',
      )
    }
    return checked.subdomain
  }

  /** The rules on language, administrator, audience and type that provisioning and changing values share. */
  const checkValues = async (
    instance: Instance,
    v: { language: string; administratorId: string; audience: AudienceId; portalType: PortalTypeId },
  ): Promise<{ language: string }> => {
    const language = canonicalLanguageTag(v.language)
    if (!language) {
      throw new DomainError(
        'invalid',
        'invalid_language',
        `language must be a tag like en-US, got ${JSON.stringify(v.language)}`,
        'language',
      )
    }
    if (!isPortalLanguageSupported(language)) {
      throw new DomainError(
        'invalid',
        'language_not_supported',
        `${languageName(language)} (${language}) is not supported for portals: Arabic and Hebrew are not available`,
        'language',
      )
    }
    if (!instance.installedLanguages.includes(language)) {
      throw new DomainError(
        'invalid',
        'language_not_installed',
        `${languageName(language)} (${language}) is not installed on instance ${instance.name}; installed: ${instance.installedLanguages.join(', ')}`,
        'language',
      )
    }
    const admin = await deps.principals.get(v.administratorId)
    if (!admin) {
      throw new DomainError(
        'invalid',
        'administrator_not_found',
        `no user with id ${JSON.stringify(v.administratorId)}`,
        'administratorId',
      )
    }
    if (!hasInstanceRole(admin, instance.id, 'system_administrator')) {
      throw new DomainError(
        'invalid',
        'administrator_not_system_administrator',
        `${admin.name} is not a System Administrator of instance ${instance.name}; the portal administrator must be one`,
        'administratorId',
      )
    }
    const allowed: readonly PortalTypeId[] = AUDIENCES[v.audience].portalTypes
    if (!allowed.includes(v.portalType)) {
      throw new DomainError(
        'invalid',
        'portal_type_not_in_audience',
        `the ${AUDIENCES[v.audience].name} audience offers ${allowed.map((t) => PORTAL_TYPES[t]).join(', ')}; ${PORTAL_TYPES[v.portalType]} is not among them`,
        'portalType',
      )
    }
    const missing = solutionsRequiredBy(v.portalType).filter((s) => !instance.installedSolutions.includes(s))
    if (missing.length > 0) {
      throw new DomainError(
        'invalid',
        'solution_required',
        `${PORTAL_TYPES[v.portalType]} needs the ${missing.map(solutionName).join(' and ')} solution${missing.length > 1 ? 's' : ''} installed on instance ${instance.name}`,
        'portalType',
      )
    }
    return { language }
  }

  /** Refuses to restart a portal that is being provisioned or already provisioned. */
  const assertRestartable = (portal: StoredPortal): void => {
    if (portal.status === 'configuring' || runner.isRunning(portal.id)) {
      throw new DomainError(
        'conflict',
        'provisioning_in_progress',
        `${displayNameOf(portal)} is being provisioned; wait for it to finish or fail`,
      )
    }
    if (portal.status === 'provisioned') {
      throw new DomainError(
        'conflict',
        'portal_already_provisioned',
        `${portal.name} is provisioned; there is nothing to restart`,
      )
    }
  }

  return { checkFreeSubdomain, checkValues, assertRestartable }
}
