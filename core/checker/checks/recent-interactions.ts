import type { CheckDefinition } from '../check-types.ts'
import { isMaintenanceAnswer } from './site-notice-of.ts'
import { say } from '../check-text.ts'

const DAY_MS = 86_400_000

/** Ingestion: a site that is up has sent at least one interaction in the last 24 hours. */
export const recentInteractionsCheck: CheckDefinition = {
  id: 'ingestion-recent-interactions',
  issue: 'No interaction was received in the last 24 hours while the site is up',
  category: 'Ingestion',
  reads: ['GET / on the running site', "the portal's latest stored interaction"],
  needsSite: true,
  mitigation:
    "Sign in on the portal and read an article: its page should send a beacon. If none arrives, check the hub binding and the hub's interaction types (the other Ingestion checks).",
  async run(ctx) {
    if (!ctx.portal.hubBinding) return { result: 'not_run', reason: 'no hub is bound to the portal' }
    const home = await ctx.fetchSite('/')
    const maintenance = isMaintenanceAnswer(home)
    if (home.status !== 200 && !maintenance)
      return { result: 'not_run', reason: say`the site is not up (GET / answered ${home.status})` }
    const stats = await ctx.ingestion(ctx.now - DAY_MS)
    const last = stats.lastReceivedAt
    if (maintenance) {
      // Visitors get the maintenance page, which sends no beacon: silence is expected, not a fault.
      return {
        result: 'pass',
        details:
          last === null
            ? 'administration mode is on, so visitors send no interactions; none was ever received'
            : say`administration mode is on, so visitors send no interactions; the latest arrived ${new Date(last).toISOString()}`,
      }
    }
    if (last !== null && last >= ctx.now - DAY_MS)
      return { result: 'pass', details: say`latest interaction received ${new Date(last).toISOString()}` }
    return {
      result: 'warning',
      details:
        last === null
          ? 'the site is up but no interaction from it was ever received'
          : say`the site is up but the latest interaction arrived ${new Date(last).toISOString()}`,
    }
  },
}
