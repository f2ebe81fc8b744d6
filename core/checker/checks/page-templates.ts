import type { SiteRecord, WebPage } from '../../../schemas/index.ts'
import type { CheckDefinition } from '../check-types.ts'
import { defaultRecord, loadSite } from '../site-fixes.ts'
import { type Said, findings, say } from '../check-text.ts'

const FALLBACK_TEMPLATE = 'full-page'

/** Configuration: every web page names a page template that exists. */
export const pageTemplatesCheck: CheckDefinition = {
  id: 'configuration-page-templates',
  issue: 'Web pages use a page template that is missing',
  category: 'Configuration',
  reads: ['web pages (templateId)', 'page templates'],
  mitigation:
    "Set each listed page's templateId to an existing page template, or restore the template (GET /v1/admin/portals/{portalId}/site/records?kind=page_template lists them).",
  actions: [
    {
      id: 'repair-page-templates',
      label: 'Repair broken page template links',
      changes: 'portal',
      async run(ctx) {
        const site = await loadSite(ctx)
        const writes: SiteRecord[] = []
        const restored = new Set<string>()
        const ensure = (templateId: string): boolean => {
          if (site.templates.has(templateId) || restored.has(templateId)) return true
          const template = defaultRecord(ctx.portal, 'page_template', templateId)
          if (!template) return false
          writes.push(template)
          restored.add(templateId)
          return true
        }
        const fixed: Said[] = []
        for (const page of site.pages.filter((p) => !site.templates.has(p.templateId))) {
          const wanted = defaultRecord(ctx.portal, 'web_page', page.id)?.templateId
          if (wanted === page.templateId && ensure(wanted)) {
            fixed.push(say`${page.id} (restored template ${wanted})`)
            continue
          }
          const templateId = wanted && ensure(wanted) ? wanted : FALLBACK_TEMPLATE
          if (!ensure(templateId)) continue
          writes.push({ ...page, templateId })
          fixed.push(say`${page.id} -> ${templateId}`)
        }
        if (writes.length === 0) return { changed: false, details: say`every page already has its template` }
        await ctx.deps.siteRecords.put(ctx.portal.id, writes)
        return { changed: true, details: say`repaired ${fixed}` }
      },
    },
  ],
  async run(ctx) {
    const broken: WebPage[] = ctx.site.pages.filter((p) => !ctx.site.templates.has(p.templateId))
    if (broken.length === 0)
      return { result: 'pass', details: say`all ${ctx.site.pages.length} web pages have their template` }
    return {
      result: 'error',
      details: findings(
        broken.map(
          (p) => say`page ${p.id} names template ${JSON.stringify(p.templateId)}, which does not exist`,
        ),
      ),
      action: 'repair-page-templates',
    }
  },
}
