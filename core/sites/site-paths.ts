import type { Site } from './site-repository.ts'
import type { WebPage } from '../../schemas/index.ts'

/** The items whose publishing state is Published (the only ones a site shows). */
export const published = <T extends { publishingState: string }>(items: readonly T[]): T[] =>
  items.filter((i) => i.publishingState === 'Published')

/** Paths of the site's published pages (a page's path is its parents' partial URLs joined). */
export function pagePaths(site: Site): Map<string, WebPage> {
  const byId = new Map(site.pages.map((p) => [p.id, p]))
  const out = new Map<string, WebPage>()
  const pathOf = (p: WebPage, depth = 0): string | null => {
    if (depth > 20) return null
    if (p.parentPageId === null) return p.partialUrl === '' ? '/' : `/${p.partialUrl}`
    const parent = byId.get(p.parentPageId)
    if (!parent) return null
    const base = pathOf(parent, depth + 1)
    if (base === null) return null
    return base === '/' ? `/${p.partialUrl}` : `${base}/${p.partialUrl}`
  }
  for (const p of published(site.pages)) {
    const path = pathOf(p)
    if (path !== null && !out.has(path)) out.set(path, p)
  }
  return out
}

/** Whether a site setting holds "true" (settings are text). */
export const settingOn = (site: Site, name: string, fallback: boolean): boolean => {
  const v = site.settings.get(name)
  return v === undefined ? fallback : v.trim().toLowerCase() === 'true'
}

/** A request path without trailing slashes, in lower case (`/` for the root). */
export function normalisePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  return trimmed === '' ? '/' : trimmed.toLowerCase()
}

/** A path segment URL-decoded, or as it came when it is not valid percent-encoding. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** The id of the page Case Management installs: the Support page, where contacts open cases. */
export const SUPPORT_PAGE_ID = 'support'

/** The id of the page the Ideas package installs (Community portals): contacts suggest ideas and vote. */
export const IDEAS_PAGE_ID = 'ideas'

/** The path of the site's (published) Ideas page, or null. */
export function ideasPagePath(site: Site): string | null {
  for (const [path, p] of pagePaths(site)) if (p.id === IDEAS_PAGE_ID) return path
  return null
}

/** The path of the site's (published) Support page, or null. */
export function supportPagePath(site: Site): string | null {
  for (const [path, p] of pagePaths(site)) if (p.id === SUPPORT_PAGE_ID) return path
  return null
}

/** The path of the site's (published) sign-in page, or null. */
export function signInPagePath(site: Site): string | null {
  for (const [path, p] of pagePaths(site))
    if (site.templates.get(p.templateId)?.layout === 'sign-in') return path
  return null
}
