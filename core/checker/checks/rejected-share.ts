import type { CheckDefinition } from '../check-types.ts'
import { say } from '../check-text.ts'

const DAY_MS = 86_400_000

/** Ingestion: the share of the portal's items refused at the edge over 24 hours stays under the threshold. */
export const rejectedShareCheck: CheckDefinition = {
  id: 'ingestion-rejected-share',
  issue: "Too many of the portal's interactions were rejected in the last 24 hours",
  category: 'Ingestion',
  reads: [
    'quarantine (last 24 h, items naming the portal)',
    'interactions (last 24 h)',
    'run threshold rejectedShare',
  ],
  mitigation:
    'Read the rejected items (GET /v1/admin/hubs/{hubId}/quarantine) and fix what the portal sends; the top codes say what is wrong.',
  async run(ctx) {
    if (!ctx.portal.hubBinding) return { result: 'not_run', reason: 'no hub is bound to the portal' }
    const stats = await ctx.ingestion(ctx.now - DAY_MS)
    const total = stats.accepted + stats.rejected
    if (total === 0) return { result: 'pass', details: 'no interaction arrived in the last 24 hours' }
    const share = stats.rejected / total
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`
    const codes = stats.topCodes.map((c) => `${c.code} ×${c.count}`).join(', ')
    if (share <= ctx.thresholds.rejectedShare)
      return {
        result: 'pass',
        details: codes
          ? say`${stats.rejected} of ${total} items rejected (${pct(share)}); top codes: ${codes}`
          : say`${stats.rejected} of ${total} items rejected (${pct(share)})`,
      }
    const threshold = pct(ctx.thresholds.rejectedShare)
    return {
      result: 'warning',
      details: codes
        ? say`${stats.rejected} of ${total} items rejected (${pct(share)}); top codes: ${codes}; threshold ${threshold}`
        : say`${stats.rejected} of ${total} items rejected (${pct(share)}); threshold ${threshold}`,
    }
  },
}
