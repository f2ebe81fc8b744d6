import { type RenderRequest, type Site, type SiteContent, signInPagePath } from '../core/index.ts'
import type { PageLayout, SiteMarkerName, WebPage } from '../schemas/index.ts'

/** What every part of one page render reads: the site, its words, the request and its paths. */
export type Frame = {
  site: Site
  c: SiteContent
  req: RenderRequest
  markerPath: (name: SiteMarkerName) => string | null
  paths: Map<string, WebPage>
  searchEnabled: boolean
}

/** The path of the site's sign-in page, or null. */
export const signInPath = (f: Frame): string | null => signInPagePath(f.site)

/** The path of the first page with a layout, or null. */
export const pathOfLayout = (f: Frame, layout: PageLayout): string | null => {
  for (const [path, p] of f.paths) if (f.site.templates.get(p.templateId)?.layout === layout) return path
  return null
}

/** The link to one item of a list page (by the item's number or slug), or null. */
export const itemLink = (f: Frame, layout: PageLayout, child: string | undefined): string | null => {
  if (child === undefined) return null
  const base = pathOfLayout(f, layout)
  return base ? `${base}/${encodeURIComponent(child)}` : null
}
