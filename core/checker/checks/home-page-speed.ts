import type { CheckDefinition } from '../check-types.ts'
import { isMaintenanceAnswer } from './site-notice-of.ts'
import { say } from '../check-text.ts'

/** Performance: the home page answers within the run's budget (a real request to the site). */
export const homePageSpeedCheck: CheckDefinition = {
  id: 'performance-home-page',
  issue: 'The home page is slow',
  category: 'Performance',
  reads: ['GET / on the running site (timed)', 'run threshold homePageMs'],
  needsSite: true,
  mitigation:
    "Turn header and footer output caching on, unpublish content the home page does not need, and look at the store's load (GET /metrics).",
  async run(ctx) {
    const home = await ctx.fetchSite('/')
    const budget = ctx.thresholds.homePageMs
    // In administration mode the maintenance page is what visitors get: that answer is timed.
    const maintenance = isMaintenanceAnswer(home)
    if (home.status !== 200 && !maintenance)
      return { result: 'not_run', reason: say`the home page answered ${home.status}` }
    const what = maintenance ? 'GET / (the maintenance page: administration mode is on)' : 'GET /'
    if (home.ms <= budget)
      return { result: 'pass', details: say`${what} took ${home.ms.toFixed(0)} ms (budget ${budget} ms)` }
    return {
      result: 'warning',
      details: say`${what} took ${home.ms.toFixed(0)} ms, over the ${budget} ms budget`,
    }
  },
}
