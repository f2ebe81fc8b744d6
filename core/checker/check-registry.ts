import { SITE_MARKERS } from '../../schemas/index.ts'
import type { ActionDefinition, CheckDefinition } from './check-types.ts'
import { administrationModeCheck } from './checks/administration-mode.ts'
import { certificateExpiryCheck } from './checks/certificate-expiry.ts'
import { certificateHostCheck } from './checks/certificate-host.ts'
import { cssWebFileCheck } from './checks/css-web-file.ts'
import { domainCnameCheck } from './checks/domain-cname.ts'
import { homePageSpeedCheck } from './checks/home-page-speed.ts'
import { hubBoundCheck } from './checks/hub-bound.ts'
import { hubKeyCheck } from './checks/hub-key.ts'
import { instanceReachableCheck } from './checks/instance-reachable.ts'
import { interactionTypesCheck } from './checks/interaction-types.ts'
import { loginTrackingCheck } from './checks/login-tracking.ts'
import { metadataTranslationsCheck } from './checks/metadata-translations.ts'
import { outputCacheCheck } from './checks/output-cache.ts'
import { packageInstallCheck } from './checks/package-install.ts'
import { packagePrerequisitesCheck } from './checks/package-prerequisites.ts'
import { pageParentsCheck } from './checks/page-parents.ts'
import { pageTemplatesCheck } from './checks/page-templates.ts'
import { pageTrackingCheck } from './checks/page-tracking.ts'
import { pageTreeCycleCheck } from './checks/page-tree-cycle.ts'
import { provisioningStatusCheck } from './checks/provisioning-status.ts'
import { recentInteractionsCheck } from './checks/recent-interactions.ts'
import { rejectedShareCheck } from './checks/rejected-share.ts'
import { siteMarkerCheck } from './checks/site-marker.ts'
import { siteRespondsCheck } from './checks/site-responds.ts'
import { storeRefusedCheck } from './checks/store-refused.ts'
import { webFileCountCheck } from './checks/web-file-count.ts'
import { websiteBindingCheck } from './checks/website-binding.ts'

/** Every check the portal checker runs, by category. */
export const CHECKS: readonly CheckDefinition[] = [
  websiteBindingCheck,
  instanceReachableCheck,
  administrationModeCheck,
  siteRespondsCheck,
  ...SITE_MARKERS.map(siteMarkerCheck),
  pageTemplatesCheck,
  pageParentsCheck,
  pageTreeCycleCheck,
  cssWebFileCheck,
  outputCacheCheck,
  webFileCountCheck,
  loginTrackingCheck,
  pageTrackingCheck,
  homePageSpeedCheck,
  provisioningStatusCheck,
  packageInstallCheck,
  packagePrerequisitesCheck,
  hubBoundCheck,
  hubKeyCheck,
  interactionTypesCheck,
  rejectedShareCheck,
  recentInteractionsCheck,
  storeRefusedCheck,
  domainCnameCheck,
  certificateExpiryCheck,
  certificateHostCheck,
  metadataTranslationsCheck,
]

/** Every action the checks offer, by id, with the check that offers it (first one, when shared). */
export function actionsOf(
  checks: readonly CheckDefinition[],
): Map<string, { check: CheckDefinition; action: ActionDefinition }> {
  const out = new Map<string, { check: CheckDefinition; action: ActionDefinition }>()
  for (const check of checks)
    for (const action of check.actions ?? []) if (!out.has(action.id)) out.set(action.id, { check, action })
  return out
}
