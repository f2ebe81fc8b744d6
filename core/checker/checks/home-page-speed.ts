import type { CheckDefinition } from '../check-types.ts'

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
    if (home.status !== 200) return { result: 'not_run', reason: `the home page answered ${home.status}` }
    if (home.ms <= budget)
      return { result: 'pass', details: `GET / took ${home.ms.toFixed(0)} ms (budget ${budget} ms)` }
    return { result: 'warning', details: `GET / took ${home.ms.toFixed(0)} ms, over the ${budget} ms budget` }
  },
}
