import type { CheckDefinition } from '../check-types.ts'
import { say } from '../check-text.ts'

/** Startup: the instance the portal links to still exists and has the portal's language. */
export const instanceReachableCheck: CheckDefinition = {
  id: 'startup-instance',
  issue: 'The instance the portal is linked to cannot be reached',
  category: 'Startup',
  reads: ['portal record (instanceId, language)', 'instance record'],
  mitigation:
    'The portal reads its contacts and languages from its instance. Restore the instance, or provision the portal again on an instance that exists.',
  async run(ctx) {
    const instance = ctx.instance
    if (!instance)
      return { result: 'error', details: say`instance ${ctx.portal.instanceId} does not exist any more` }
    if (!instance.installedLanguages.includes(ctx.portal.language))
      return {
        result: 'error',
        details: say`instance ${instance.name} no longer has the portal's language ${ctx.portal.language} installed`,
        mitigation: say`Install ${ctx.portal.language} on instance ${instance.name} again (PATCH /v1/admin/instances/${instance.id}).`,
      }
    return { result: 'pass', details: say`instance ${instance.name} (${instance.id}) is there` }
  },
}
