import { DEFAULT_THEME_CSS } from '../../sites/site-packages.ts'
import type { RecordOf } from '../../../schemas/index.ts'
import type { CheckDefinition } from '../check-types.ts'
import { defaultRecord, loadSite } from '../site-fixes.ts'
import { type Said, findings, say } from '../check-text.ts'

const CSS_ID = 'theme-css'

/** Configuration: the out-of-box CSS web file is published, not empty, and served as text/css. */
export const cssWebFileCheck: CheckDefinition = {
  id: 'configuration-css-web-file',
  issue: 'The theme CSS web file is inactive, empty, or served with the wrong MIME type',
  category: 'Configuration',
  reads: [`site record web_file/${CSS_ID}`, 'GET /theme.css on the running site'],
  needsSite: true,
  mitigation: `Publish the web file ${CSS_ID} with contentType text/css and its stylesheet as content (PUT /v1/admin/portals/{portalId}/site/records/web_file/${CSS_ID}).`,
  actions: [
    {
      id: 'reenable-css-web-file',
      label: 'Re-enable the CSS web file',
      changes: 'portal',
      async run(ctx) {
        const site = await loadSite(ctx)
        const current = site.files.find((f) => f.id === CSS_ID)
        const fallback = defaultRecord(ctx.portal, 'web_file', CSS_ID)
        const base = current ?? fallback
        if (!base) return { changed: false, details: say`no package of this portal installs ${CSS_ID}` }
        const next: RecordOf<'web_file'> = {
          ...base,
          publishingState: 'Published',
          contentType: 'text/css',
          content: base.content.trim() === '' ? (fallback?.content ?? DEFAULT_THEME_CSS) : base.content,
        }
        if (current && JSON.stringify(current) === JSON.stringify(next))
          return { changed: false, details: say`${CSS_ID} is already published as text/css` }
        await ctx.deps.siteRecords.put(ctx.portal.id, [next])
        return {
          changed: true,
          details: say`${CSS_ID} is published as text/css with ${next.content.length} characters`,
        }
      },
    },
  ],
  async run(ctx) {
    const file = ctx.site.files.find((f) => f.id === CSS_ID)
    const problems: Said[] = []
    if (!file) problems.push(say`the site has no web file ${CSS_ID}`)
    else {
      if (file.publishingState !== 'Published')
        problems.push(say`${file.partialUrl} is ${file.publishingState}`)
      if (file.content.trim() === '') problems.push(say`${file.partialUrl} is empty`)
      if (file.contentType !== 'text/css')
        problems.push(say`${file.partialUrl} has MIME type ${file.contentType}`)
    }
    const path = `/${file?.partialUrl ?? 'theme.css'}`
    const served = await ctx.fetchSite(path)
    const type = served.contentType.split(';')[0]!.trim()
    if (served.status !== 200) problems.push(say`GET ${path} answered ${served.status}`)
    else {
      if (type !== 'text/css')
        problems.push(type ? say`GET ${path} is served as ${type}` : say`GET ${path} is served as (no type)`)
      if (served.body.trim() === '') problems.push(say`GET ${path} is empty`)
    }
    if (problems.length === 0)
      return {
        result: 'pass',
        details: say`GET ${path} answered 200 text/css, ${served.body.length} characters`,
      }
    return { result: 'error', details: findings(problems), action: 'reenable-css-web-file' }
  },
}
