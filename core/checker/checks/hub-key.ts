import { isDomainError } from '../../errors.ts'
import type { CheckDefinition } from '../check-types.ts'
import { say } from '../check-text.ts'

/** Ingestion: the key the portal signs its beacon tokens with still validates against its hub. */
export const hubKeyCheck: CheckDefinition = {
  id: 'ingestion-hub-key',
  issue: 'The hub key the portal uses no longer validates',
  category: 'Ingestion',
  reads: ['portal record (hub binding key)', 'hub keys (primary and secondary)'],
  mitigation:
    'Give the portal the hub key\'s current primary or secondary key (PATCH /v1/admin/portals/{portalId}/hub-binding with { "key": … }).',
  actions: [
    {
      id: 'rebind-hub-key',
      label: "Re-bind the hub's current key",
      changes: 'hubs',
      async run(ctx) {
        const portal = await ctx.deps.store.getPortal(ctx.portal.id)
        const binding = portal.hubBinding
        if (!binding) return { changed: false, details: say`the portal sends to no hub; configure one first` }
        const ok = await ctx.deps.binder.verify(portal.id, binding).then(
          () => true,
          () => false,
        )
        if (ok) return { changed: false, details: say`key ${binding.keyName} already validates` }
        const hub = await ctx.deps.hubs.get(binding.hubId)
        const key = hub.keys.find((k) => k.keyName === binding.keyName)
        if (!key)
          return { changed: false, details: say`hub ${hub.id} has no key named ${binding.keyName} any more` }
        await ctx.deps.portals.updateHubKey(ctx.actor, portal.id, { key: key.primaryKey })
        return {
          changed: true,
          details: say`the portal signs with the current primary key of ${binding.keyName}`,
        }
      },
    },
  ],
  async run(ctx) {
    const binding = ctx.portal.hubBinding
    if (!binding) return { result: 'not_run', reason: 'no hub is bound to the portal' }
    try {
      await ctx.binder.verify(ctx.portal.id, binding)
      return { result: 'pass', details: say`key ${binding.keyName} validates against hub ${binding.hubId}` }
    } catch (err) {
      if (!isDomainError(err)) throw err
      const canRebind = err.code === 'binding_key_invalid'
      return {
        result: 'error',
        details: say`${err.code}: ${err.message}`,
        ...(canRebind ? { action: 'rebind-hub-key' } : {}),
      }
    }
  },
}
