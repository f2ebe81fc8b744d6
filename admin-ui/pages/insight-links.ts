import type { ContentInsight, PortalView } from '../../schemas/index.ts'

/** The portal site's word for each content type in `/go/{kind}/{id}` links. */
export const GO_KIND: Record<ContentInsight['type'], string> = {
  portal_viewknowledgearticle: 'article',
  portal_viewblogpost: 'blogpost',
  portal_viewforumthread: 'forumthread',
}

/**
 * Where the page's items open: the portal picked, else the one portal bound to
 * the hub (item ids are a portal's own: another portal would not know them).
 * Null when that is not one portal: items are then not links.
 */
export function linkPortal(portals: readonly PortalView[], hubId: string, portalId: string): string | null {
  const candidates = portalId
    ? portals.filter((p) => p.id === portalId)
    : portals.filter((p) => p.hub?.hubId === hubId)
  const portal = candidates.length === 1 ? candidates[0]! : null
  return portal ? (portal.customDomain?.url ?? portal.url).replace(/\/$/, '') : null
}

/** A link to an item on the portal's site (it resolves `/go/{kind}/{id}` to the page), or null. */
export const itemHref = (base: string | null, i: ContentInsight) =>
  base ? `${base}/go/${GO_KIND[i.type]}/${encodeURIComponent(i.itemId)}` : null
/** A link that runs a search on the portal's site, or null. */
export const searchHref = (base: string | null, searchString: string) =>
  base ? `${base}/go/search/${encodeURIComponent(searchString)}` : null
