import type { CheckDefinition } from '../check-types.ts'
import { say } from '../check-text.ts'

/** Provisioning: the portal's provisioning job did not fail. */
export const provisioningStatusCheck: CheckDefinition = {
  id: 'provisioning-status',
  issue: 'Provisioning the portal failed',
  category: 'Provisioning',
  reads: ['portal record (status)', 'latest provisioning job'],
  mitigation:
    'Fix what the failed step says, then Restart Provisioning (POST /v1/admin/portals/{portalId}/provisioning/restart), or Change Values and Restart Provisioning.',
  actions: [
    {
      id: 'restart-provisioning',
      label: 'Restart provisioning',
      changes: 'portal',
      async run(ctx) {
        const portal = await ctx.deps.store.getPortal(ctx.portal.id)
        if (portal.status !== 'failed')
          return { changed: false, details: say`provisioning is ${portal.status}; nothing to restart` }
        const { job } = await ctx.deps.portals.restart(ctx.actor, portal.id)
        await ctx.deps.portals.settled()
        const done = await ctx.deps.store.jobs.get(job.key)
        return { changed: true, details: say`attempt ${job.attempt} ${done?.state ?? job.state}` }
      },
    },
  ],
  async run(ctx) {
    const { portal } = ctx
    if (portal.status === 'provisioned')
      return { result: 'pass', details: say`provisioned at ${String(portal.provisionedAt)}` }
    const job = ctx.job
    if (portal.status === 'configuring')
      return { result: 'warning', details: say`provisioning is still running (attempt ${job?.attempt ?? 1})` }
    const error = job?.error
    return {
      result: 'error',
      details: error
        ? `attempt ${job!.attempt} failed at "${error.step}": ${error.code}: ${error.message}`
        : 'provisioning failed',
      action: 'restart-provisioning',
    }
  },
}
