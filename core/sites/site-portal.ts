import type { SitePages } from './site-pages.ts'
import type { BeaconTarget, SiteResponse } from './site-request.ts'

// The portal a host names, as its site sees it, and when the site turns a
// visitor away instead of serving it.

/** What the site needs to know about the portal a host names. */
export interface SitePortal {
  id: string
  name: string
  language: string
  instanceId: string
  /** Provisioned: every package installed and the job done. */
  ready: boolean
  /** Signs visitors' sessions; never leaves the server. */
  siteSecret: string
  /** The portal is turned off: the site answers an "offline" page. */
  turnedOff: boolean
  /** With IP address restrictions on, whether an address may see the site; null when they are off. */
  allowsIp: ((ip: string | null) => boolean) | null
  /** Mints the page's beacon target (a short-lived token for this contact alone, send-only), or null when the portal sends to no hub. */
  beacon: (contactId: string) => BeaconTarget | null
  /** The portal's type has Support/Case Management: signed-in contacts open cases on its Support page. */
  caseManagement: boolean
  /** The hub the portal sends to, or null. */
  hubId: string | null
  /** The portal's own URL (links mailed to visitors use it, never the request's Host). */
  url: string
}

/** The site setting that puts a site in administration mode (visitors see a maintenance page). */
export const ADMINISTRATION_MODE_SETTING = 'AdministrationMode/Enabled'

/** Whether a site setting's value turns it on (`true`, any case). */
export const settingOn = (value: string | undefined): boolean => value?.trim().toLowerCase() === 'true'

/** What a turned-off portal, or one whose IP restrictions keep the visitor out, answers instead of its site. */
export function refusal(pages: SitePages, portal: SitePortal, clientIp: string | null): SiteResponse | null {
  if (portal.turnedOff)
    return pages.notice({ language: portal.language, kind: 'offline', portalName: portal.name })
  if (portal.allowsIp && !portal.allowsIp(clientIp))
    return pages.notice({ language: portal.language, kind: 'ip_restricted' })
  return null
}
