import type { AccountNotice, AccountPageOptions } from './account-words.ts'
import type { OidcRefusal } from './oidc-records.ts'
import type { Site } from './site-repository.ts'
import type { RenderRequest, SiteResponse } from './site-request.ts'

/** Why a portal host shows a notice instead of its site. */
export type NoticeKind =
  | 'getting_set_up'
  | 'no_portal'
  | 'offline'
  | 'ip_restricted'
  | 'administration_mode'
  | 'form_too_large'
  | 'form_expired'
  | 'too_many_requests'

/** What a notice page says and for whom (see {@link SitePages.notice}). */
export interface NoticeOptions {
  language: string
  kind: NoticeKind
  portalName?: string
  /** The byte limit a `form_too_large` notice names. */
  limitBytes?: number
  /** The wait a `too_many_requests` notice names (and sends as `Retry-After`). */
  retryAfterSeconds?: number
}

/** The seed's consent page on a first OpenID sign-in (see {@link SitePages.consent}). */
export interface ConsentPageOptions {
  language: string
  portalName: string
  providerName: string
  pendingId: string
  name: string | null
  email: string | null
  /** The form token the Accept/Decline form carries. */
  formToken?: string
}

/** Why nobody was signed in by an OpenID provider (see {@link SitePages.oidcRefusal}). */
export interface OidcRefusalOptions {
  language: string
  code: OidcRefusal
  providerName?: string
  signInPath: string
}

export type { AccountNotice, AccountPageOptions }

/**
 * How a portal's site becomes pages: the presentation core is handed (portal-sites/ builds it),
 * so the site's records and rules stay here and the HTML there. Each answer is a whole response.
 *
 * @example
 * const sites = createSiteService({ pages: createSitePages(), repository, resolve, … })
 */
export interface SitePages {
  /** The page a request asks for, from the site's records (pages, markers, files, settings). */
  site(site: Site, req: RenderRequest): Promise<SiteResponse>
  /** A plain page instead of the site: getting set up, offline, restricted, a refused form. */
  notice(options: NoticeOptions): SiteResponse
  /** A page of the account flow (register, confirm, forgot, reset, a message). */
  account(options: AccountPageOptions): SiteResponse
  /** The consent page of a first OpenID sign-in. */
  consent(options: ConsentPageOptions): SiteResponse
  /** Nobody signed in by an OpenID provider, and why. */
  oidcRefusal(options: OidcRefusalOptions): SiteResponse
}
