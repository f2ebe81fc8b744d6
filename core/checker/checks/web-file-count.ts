import type { CheckDefinition } from '../check-types.ts'
import { say } from '../check-text.ts'

/** More web files than this slows every page that lists them. */
export const MAX_WEB_FILES = 500

/** Performance: the site has no more than 500 web files. */
export const webFileCountCheck: CheckDefinition = {
  id: 'performance-web-file-count',
  issue: `The site has more than ${MAX_WEB_FILES} web files`,
  category: 'Performance',
  reads: ['web files'],
  mitigation: `Delete the web files the site no longer uses (DELETE /v1/admin/portals/{portalId}/site/records/web_file/{id}) until at most ${MAX_WEB_FILES} remain; every page loads the list.`,
  async run(ctx) {
    const n = ctx.site.files.length
    if (n <= MAX_WEB_FILES) return { result: 'pass', details: say`${n} web files` }
    return { result: 'warning', details: say`${n} web files, ${n - MAX_WEB_FILES} over ${MAX_WEB_FILES}` }
  },
}
