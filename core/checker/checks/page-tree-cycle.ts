import { say } from '../check-text.ts'
import type { WebPage } from '../../../schemas/index.ts'
import type { CheckDefinition } from '../check-types.ts'
import { homePageId, loadSite } from '../site-fixes.ts'

/** The cycles in a page tree, each as the ids of its pages in parent order. */
export function pageCycles(pages: readonly WebPage[]): string[][] {
  const parent = new Map(pages.map((p) => [p.id, p.parentPageId]))
  const seen = new Set<string>()
  const cycles: string[][] = []
  for (const start of pages) {
    const path: string[] = []
    const onPath = new Map<string, number>()
    let at: string | null | undefined = start.id
    while (at && !seen.has(at) && !onPath.has(at)) {
      onPath.set(at, path.length)
      path.push(at)
      at = parent.get(at)
    }
    if (at && onPath.has(at)) cycles.push(path.slice(onPath.get(at)))
    for (const id of path) seen.add(id)
  }
  return cycles
}

/** Configuration: the page tree has no cycle (a page that is its own ancestor has no address). */
export const pageTreeCycleCheck: CheckDefinition = {
  id: 'configuration-page-tree-cycle',
  issue: 'The web page tree has a cycle',
  category: 'Configuration',
  reads: ['web pages (parentPageId)'],
  mitigation:
    'Change the parentPageId of one page in each cycle so that its chain of parents ends at the home page.',
  actions: [
    {
      id: 'break-page-tree-cycles',
      label: 'Break the cycles at the home page',
      changes: 'portal',
      async run(ctx) {
        const site = await loadSite(ctx)
        const cycles = pageCycles(site.pages)
        if (cycles.length === 0) return { changed: false, details: say`the page tree has no cycle` }
        const home = homePageId(site)
        const byId = new Map(site.pages.map((p) => [p.id, p]))
        const writes = cycles.map((cycle) => {
          // The home page is the root; otherwise the cycle's first page hangs under it.
          const page = byId.get(cycle.includes(home) ? home : cycle[0]!)!
          return { ...page, parentPageId: page.id === home ? null : home }
        })
        await ctx.deps.siteRecords.put(ctx.portal.id, writes)
        return { changed: true, details: say`re-parented ${writes.map((p) => p.id)}` }
      },
    },
  ],
  async run(ctx) {
    const cycles = pageCycles(ctx.site.pages)
    if (cycles.length === 0) return { result: 'pass', details: say`the page tree has no cycle` }
    return {
      result: 'error',
      details: cycles.map((c) => `${[...c, c[0]].join(' -> ')}`).join('; '),
      action: 'break-page-tree-cycles',
    }
  },
}
