import type { SiteMarkerName, SiteRecord } from '../../../schemas/index.ts'
import type { CheckDefinition } from '../check-types.ts'
import { CHECKER_SOURCE, defaultRecord, loadSite } from '../site-fixes.ts'
import { say } from '../check-text.ts'

const slug = (name: SiteMarkerName) => name.toLowerCase().replaceAll(' ', '-')

/**
 * Configuration: a site marker (Home, Profile, Page Not Found, Access
 * Denied, Search) exists, points at a page, and that page is published. One
 * module, instantiated once per marker: the five checks differ only in the
 * marker's name.
 */
export function siteMarkerCheck(name: SiteMarkerName): CheckDefinition {
  const id = slug(name)
  return {
    id: `configuration-marker-${id}`,
    issue: `The ${name} site marker is missing, points at no page, or at an unpublished page`,
    category: 'Configuration',
    reads: [`site record site_marker/${id}`, 'web pages (publishing state)'],
    mitigation: `Point the ${name} site marker at a published page (PUT /v1/admin/portals/{portalId}/site/records/site_marker/${id}), or publish the page it names.`,
    actions: [
      {
        id: `restore-marker-${id}`,
        label: `Restore the ${name} site marker to its default page`,
        changes: 'portal',
        async run(ctx) {
          const site = await loadSite(ctx)
          const marker = defaultRecord(ctx.portal, 'site_marker', id)
          if (!marker)
            return { changed: false, details: say`no package of this portal installs a ${name} marker` }
          const page = defaultRecord(ctx.portal, 'web_page', marker.pageId)
          const writes: SiteRecord[] = []
          const current = site.pages.find((p) => p.id === marker.pageId)
          if (!current && page) writes.push(page)
          else if (current && current.publishingState !== 'Published')
            writes.push({ ...current, publishingState: 'Published' })
          if (site.markers.get(name) !== marker.pageId) writes.push({ ...marker, source: CHECKER_SOURCE })
          if (writes.length === 0)
            return { changed: false, details: say`${name} already points at ${marker.pageId}` }
          await ctx.deps.siteRecords.put(ctx.portal.id, writes)
          return { changed: true, details: say`${name} points at the published page ${marker.pageId}` }
        },
      },
      {
        id: `publish-marker-page-${id}`,
        label: `Publish the page the ${name} site marker points at`,
        changes: 'portal',
        async run(ctx) {
          const site = await loadSite(ctx)
          const pageId = site.markers.get(name)
          const page = pageId ? site.pages.find((p) => p.id === pageId) : undefined
          if (!page)
            return { changed: false, details: say`the ${name} marker points at no page; restore it instead` }
          if (page.publishingState === 'Published')
            return { changed: false, details: say`page ${page.id} is already published` }
          await ctx.deps.siteRecords.put(ctx.portal.id, [{ ...page, publishingState: 'Published' }])
          return { changed: true, details: say`published page ${page.id}` }
        },
      },
    ],
    async run(ctx) {
      const pageId = ctx.site.markers.get(name)
      if (pageId === undefined)
        return {
          result: 'error',
          details: say`the site has no ${name} site marker`,
          action: `restore-marker-${id}`,
        }
      const page = ctx.site.pages.find((p) => p.id === pageId)
      if (!page)
        return {
          result: 'error',
          details: say`the ${name} site marker points at page ${JSON.stringify(pageId)}, which does not exist`,
          action: `restore-marker-${id}`,
        }
      if (page.publishingState !== 'Published')
        return {
          result: 'error',
          details: say`the ${name} site marker points at page ${page.id} ("${page.title}"), which is ${page.publishingState}`,
          action: `publish-marker-page-${id}`,
        }
      return { result: 'pass', details: say`${name} points at the published page ${page.id}` }
    },
  }
}
