import type { SitePages } from '../core/index.ts'
import { renderAccountPage } from './account-pages.tsx'
import { renderConsentPage, renderOidcRefusal } from './oidc-pages.tsx'
import { renderNotice } from './site-notice.tsx'
import { renderSite } from './site-renderer.tsx'

/**
 * The pages of portals' sites, for core's site service to answer with: the site's pages from
 * its records, notices, the account pages and OpenID's consent and refusal. Every page is a
 * hono/jsx component, so every value it shows is escaped; the only unescaped writes are the
 * named ones of trusted-html.tsx.
 *
 * @example
 * const core = await openCore({ ..., sitePages: createSitePages() })
 */
export function createSitePages(): SitePages {
  return {
    site: renderSite,
    notice: renderNotice,
    account: renderAccountPage,
    consent: renderConsentPage,
    oidcRefusal: renderOidcRefusal,
  }
}

export { renderNotice }
