import type { CheckDefinition } from '../check-types.ts'
import { say } from '../check-text.ts'

/** Ingestion: the portal sends its visitors' interactions to a hub that exists. */
export const hubBoundCheck: CheckDefinition = {
  id: 'ingestion-hub-bound',
  issue: 'The portal sends its interactions to no hub',
  category: 'Ingestion',
  reads: ['portal record (hub binding)', 'hub record'],
  mitigation:
    'Configure the hub the portal sends to, with a key that holds the send right (PUT /v1/admin/portals/{portalId}/hub-binding).',
  async run(ctx) {
    const binding = ctx.portal.hubBinding
    if (!binding)
      return {
        result: 'error',
        details: ctx.portal.requestedHub
          ? say`hub ${ctx.portal.requestedHub.hubId} was asked for at provisioning but is not bound yet`
          : "no hub is bound: visitors' pages send no beacons and case forms show no journey",
      }
    if (!ctx.hub)
      return { result: 'error', details: say`the bound hub ${binding.hubId} does not exist any more` }
    return {
      result: 'pass',
      details: say`sends to hub ${ctx.hub.name} (${ctx.hub.id}) with key ${binding.keyName}`,
    }
  },
}
