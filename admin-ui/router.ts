/**
 * A small path router under `/admin`: the current path as state, links that
 * push history without reloading, and routes matched by pattern.
 */
import { useEffect, useState } from 'preact/hooks'

/** Where the console is mounted. */
export const BASE = '/admin'

/** The console path of the current location (`/portals/…`), without the base. */
export const currentPath = (): string => {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname
  return path === '' ? '/' : path
}

/** Goes to a console path without reloading. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = `${BASE}${path}`
  if (options.replace) history.replaceState(null, '', url)
  else history.pushState(null, '', url)
  dispatchEvent(new PopStateEvent('popstate'))
}

/** The current console path (and search), re-rendering on navigation. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const [state, setState] = useState(() => ({
    path: currentPath(),
    search: new URLSearchParams(location.search),
  }))
  useEffect(() => {
    const update = () => setState({ path: currentPath(), search: new URLSearchParams(location.search) })
    addEventListener('popstate', update)
    return () => removeEventListener('popstate', update)
  }, [])
  return state
}

/**
 * Matches `/portals/:id` against a path; returns the parameters or null.
 *
 * @example match('/portals/:id', '/portals/42') // { id: '42' }
 */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean)
  const got = path.split('/').filter(Boolean)
  if (want.length !== got.length) return null
  const params: Record<string, string> = {}
  for (const [i, part] of want.entries()) {
    const value = got[i]!
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value)
    else if (part !== value) return null
  }
  return params
}

/** Follows a same-origin console link without a reload (plain clicks only). */
export function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return
  const anchor = (event.target as Element | null)?.closest?.('a')
  const href = anchor?.getAttribute('href')
  if (!anchor || !href || anchor.target || (!href.startsWith(`${BASE}/`) && href !== BASE)) return
  event.preventDefault()
  const url = new URL(href, location.href)
  // The hash is kept: a page may scroll to the part it names (Manage's #provisioning).
  history.pushState(null, '', url.pathname + url.search + url.hash)
  dispatchEvent(new PopStateEvent('popstate'))
}
