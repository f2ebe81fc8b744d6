/**
 * A small path router under `/admin`: the current path as state, links that
 * push history without reloading, and routes matched by pattern.
 */
import type { ComponentType } from 'preact'
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

/** What a page's chunk exports. */
export type PageModule = { Page: ComponentType<{ params: Record<string, string>; search: URLSearchParams }> }

/** A page: its path pattern, the nav entry it belongs to, who may see it, and its chunk. */
export interface Route {
  pattern: string
  nav: NavId
  load: () => Promise<PageModule>
}

/** The nav entry a page belongs to. */
export type NavId = 'applications' | 'hubs' | 'journey' | 'cases' | 'insights' | 'audit' | 'tenancy'

/**
 * Every console page: its path pattern, the nav entry it belongs to, and its
 * chunk. Tests that visit every page (translation, overflow) read this list,
 * so a page added here is covered without naming it twice.
 */
export const ROUTES: Route[] = [
  { pattern: '/portals', nav: 'applications', load: () => import('./pages/portals-page.tsx') },
  { pattern: '/portals/new', nav: 'applications', load: () => import('./pages/provision-page.tsx') },
  { pattern: '/portals/:portalId', nav: 'applications', load: () => import('./pages/manage-page.tsx') },
  {
    pattern: '/portals/:portalId/analytics',
    nav: 'applications',
    load: () => import('./pages/analytics-page.tsx'),
  },
  {
    pattern: '/portals/:portalId/checker',
    nav: 'applications',
    load: () => import('./pages/checker-page.tsx'),
  },
  {
    pattern: '/portals/:portalId/custom-domain',
    nav: 'applications',
    load: () => import('./pages/custom-domain-page.tsx'),
  },
  {
    pattern: '/portals/:portalId/sign-in',
    nav: 'applications',
    load: () => import('./pages/portal-sign-in-page.tsx'),
  },
  {
    pattern: '/portals/:portalId/translations',
    nav: 'applications',
    load: () => import('./pages/translations-page.tsx'),
  },
  { pattern: '/cases', nav: 'cases', load: () => import('./pages/cases-page.tsx') },
  { pattern: '/cases/:hubId/:caseId', nav: 'cases', load: () => import('./pages/case-page.tsx') },
  { pattern: '/insights', nav: 'insights', load: () => import('./pages/insights-page.tsx') },
  { pattern: '/hubs', nav: 'hubs', load: () => import('./pages/hubs-page.tsx') },
  { pattern: '/hubs/:hubId', nav: 'hubs', load: () => import('./pages/hub-page.tsx') },
  { pattern: '/journey', nav: 'journey', load: () => import('./pages/journey-page.tsx') },
  { pattern: '/audit', nav: 'audit', load: () => import('./pages/audit-page.tsx') },
  { pattern: '/tenancy', nav: 'tenancy', load: () => import('./pages/tenancy-page.tsx') },
]
