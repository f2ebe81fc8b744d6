import type { LaneStyle } from './lane-styles.ts'

/**
 * Expands the `portal-link` template of the element for one item: `{kind}`
 * becomes `article`, `blogpost`, `forumthread` or `search`, `{id}` the item's id
 * (the search string for a search), both URL-encoded. Only `http:` and `https:`
 * links come out; anything else (no template, a `javascript:` template, an
 * unparsable result) gives `null`, and the item shows as plain text.
 *
 * @example
 * portalLink('https://portal.example.com/go/{kind}/{id}', 'article', 'c0ffee…')
 * // 'https://portal.example.com/go/article/c0ffee…'
 */
export function portalLink(
  template: string | null | undefined,
  kind: LaneStyle['kind'],
  id: string,
): string | null {
  if (!template) return null
  const expanded = template
    .replaceAll('{kind}', encodeURIComponent(kind))
    .replaceAll('{id}', encodeURIComponent(id))
  try {
    const url = new URL(expanded)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null
  } catch {
    return null
  }
}
