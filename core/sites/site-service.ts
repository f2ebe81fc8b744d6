import { createAccountPages } from './site-account-pages.ts'
import { type SiteDeps, type SiteRequest, createSiteContext } from './site-context.ts'
import { createSiteForms } from './site-forms.ts'
import { ADMINISTRATION_MODE_SETTING, type SitePortal, refusal, settingOn } from './site-portal.ts'
import type { SiteResponse } from './site-request.ts'
import { createSiteSignIn } from './site-sign-in.ts'

// A portal's site: serving its pages, composed with its forms
// (site-forms.ts), sign-in (site-sign-in.ts) and account pages
// (site-account-pages.ts), which share site-context.ts.

/**
 * Serves portals' sites: resolves the portal a host names, shows "Getting set
 * up" until it is provisioned, renders its records, and signs demo contacts
 * in and out (a session cookie signed with the portal's own secret).
 *
 * @example
 * const res = await sites.serve({ subdomain: 'contoso', path: '/', query: {}, session: undefined })
 */
export function createSiteService(deps: SiteDeps) {
  const site = createSiteContext(deps)
  const { readSession, render } = site
  /** The notice a portal's host answers instead of its site, naming the portal. */
  const portalNotice = (portal: SitePortal, kind: 'getting_set_up' | 'administration_mode') => ({
    ...deps.pages.notice({ language: portal.language, kind, portalName: portal.name }),
    portalId: portal.id,
  })
  return {
    /** Renders the page a request asks for (or the notice a host without a ready portal shows). */
    async serve(req: SiteRequest): Promise<SiteResponse & { portalId?: string }> {
      const portal = await deps.resolve(req.subdomain)
      if (!portal) return deps.pages.notice({ language: 'en-US', kind: 'no_portal' })
      const refused = refusal(deps.pages, portal, req.clientIp ?? null)
      if (refused) return { ...refused, portalId: portal.id }
      if (!portal.ready) {
        return portalNotice(portal, 'getting_set_up')
      }
      const site = await deps.repository.load(portal.id)
      if (settingOn(site.settings.get(ADMINISTRATION_MODE_SETTING))) {
        return portalNotice(portal, 'administration_mode')
      }
      const visitor = await readSession(portal, req.session)
      return render(portal, site, req, visitor)
    },

    ...createSiteForms(site),
    ...createSiteSignIn(site),
    account: createAccountPages(site),
  }
}

/** The site service's interface. */
export type SiteService = ReturnType<typeof createSiteService>
