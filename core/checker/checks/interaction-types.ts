import { INTERACTION_TYPES } from '../../../schemas/index.ts'
import type { CheckDefinition } from '../check-types.ts'
import { say } from '../check-text.ts'

/** Ingestion: the hub still captures the interaction types portals send. */
export const interactionTypesCheck: CheckDefinition = {
  id: 'ingestion-interaction-types',
  issue: "The hub's interaction types were deleted",
  category: 'Ingestion',
  reads: ["hub's captured interaction types"],
  mitigation:
    "Add the interaction types back to the hub's catalogue (PUT /v1/admin/hubs/{hubId}/interaction-types/{type}); beacons of a type the hub does not capture are refused.",
  actions: [
    {
      id: 'restore-interaction-types',
      label: 'Restore the deleted interaction types',
      changes: 'hubs',
      async run(ctx) {
        const binding = ctx.portal.hubBinding
        if (!binding) return { changed: false, details: say`the portal sends to no hub` }
        const hub = await ctx.deps.hubs.get(binding.hubId)
        const missing = INTERACTION_TYPES.filter((t) => !hub.capturedTypes.includes(t))
        if (missing.length === 0)
          return { changed: false, details: say`the hub captures every interaction type` }
        await ctx.deps.hubs.setCapturedTypes(hub.id, [...INTERACTION_TYPES])
        return { changed: true, details: say`restored ${missing}` }
      },
    },
  ],
  async run(ctx) {
    if (!ctx.hub) return { result: 'not_run', reason: 'no hub is bound to the portal' }
    const missing = INTERACTION_TYPES.filter((t) => !ctx.hub!.capturedTypes.includes(t))
    if (missing.length === 0)
      return { result: 'pass', details: 'the hub captures all four interaction types' }
    return {
      result: missing.length === INTERACTION_TYPES.length ? 'error' : 'warning',
      details:
        missing.length === INTERACTION_TYPES.length
          ? say`hub ${ctx.hub.id} captures no interaction type: every beacon is refused (type_not_captured)`
          : say`hub ${ctx.hub.id} no longer captures ${missing.join(', ')}`,
      action: 'restore-interaction-types',
    }
  },
}
