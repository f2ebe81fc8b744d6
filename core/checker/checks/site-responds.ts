import type { CheckDefinition } from '../check-types.ts'
import { siteNoticeOf } from './site-notice-of.ts'
import { say } from '../check-text.ts'

/** Startup: the running site answers its home page. */
export const siteRespondsCheck: CheckDefinition = {
  id: 'startup-site-responds',
  issue: 'The site does not answer its home page',
  category: 'Startup',
  reads: ['GET / on the running site'],
  needsSite: true,
  mitigation:
    'Open the portal address in a browser. "Getting set up" means provisioning has not finished (see the Provisioning checks); "Down for maintenance" means administration mode is on.',
  async run(ctx) {
    const home = await ctx.fetchSite('/')
    if (home.status === 200)
      return { result: 'pass', details: say`GET ${ctx.url}/ answered 200 in ${home.ms.toFixed(0)} ms` }
    const notice = siteNoticeOf(home.body)
    return {
      result: 'error',
      details: notice
        ? say`GET ${ctx.url}/ answered ${home.status} (${notice.replaceAll('_', ' ')} page)`
        : say`GET ${ctx.url}/ answered ${home.status}`,
    }
  },
}
