import type { CheckDefinition } from '../check-types.ts'
import { type Said, findings, say } from '../check-text.ts'
import { homePageId, loadSite } from '../site-fixes.ts'

/** Configuration: every web page's parent exists and is published, so the page can be reached. */
export const pageParentsCheck: CheckDefinition = {
  id: 'configuration-page-parents',
  issue: 'Web pages sit under a missing or unpublished parent page',
  category: 'Configuration',
  reads: ['web pages (parentPageId, publishingState)'],
  mitigation:
    'Publish the parent page, or move the listed pages under a published page (their parentPageId): a page under a missing parent has no address.',
  actions: [
    {
      id: 'move-orphan-pages-home',
      label: 'Move the pages under the home page',
      changes: 'portal',
      async run(ctx) {
        const site = await loadSite(ctx)
        const byId = new Map(site.pages.map((p) => [p.id, p]))
        const home = homePageId(site)
        const moved = site.pages.filter((p) => {
          if (p.parentPageId === null || p.id === home) return false
          const parent = byId.get(p.parentPageId)
          return !parent || (parent.publishingState !== 'Published' && p.publishingState === 'Published')
        })
        if (moved.length === 0)
          return { changed: false, details: say`every page already has a published parent` }
        await ctx.deps.siteRecords.put(
          ctx.portal.id,
          moved.map((p) => ({ ...p, parentPageId: home })),
        )
        return { changed: true, details: say`moved ${moved.map((p) => p.id)} under ${home}` }
      },
    },
  ],
  async run(ctx) {
    const byId = new Map(ctx.site.pages.map((p) => [p.id, p]))
    const missing: Said[] = []
    const hidden: Said[] = []
    for (const p of ctx.site.pages) {
      if (p.parentPageId === null) continue
      const parent = byId.get(p.parentPageId)
      if (!parent)
        missing.push(say`page ${p.id} names parent ${JSON.stringify(p.parentPageId)}, which does not exist`)
      else if (parent.publishingState !== 'Published' && p.publishingState === 'Published')
        hidden.push(say`page ${p.id} sits under ${parent.id}, which is ${parent.publishingState}`)
    }
    if (missing.length > 0)
      return {
        result: 'error',
        details: findings([...missing, ...hidden]),
        action: 'move-orphan-pages-home',
      }
    if (hidden.length > 0)
      return { result: 'warning', details: findings(hidden), action: 'move-orphan-pages-home' }
    return { result: 'pass', details: 'every page sits under an existing, published parent' }
  },
}
