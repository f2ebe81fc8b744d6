import type { Interaction } from '../../schemas/index.ts'
import type { Contact } from '../tenancy/tenancy-schemas.ts'
import type { IdeasState } from './ideas-panel.tsx'
import type { SiteUiLabels } from './sample-content.ts'
import type { SupportState } from './support-panel.tsx'

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** What a page beacons: an interaction without the id and time the browser adds. */
export type BeaconItem = DistributiveOmit<Interaction, 'portal_interactionid' | 'portal_timestamp'>

/** A signed-in contact browsing the site. */
export interface SiteVisitor {
  contact: Contact
  sessionId: string
}

/** Where a page's beacon goes, and the short-lived token it carries (never a key). */
export interface BeaconTarget {
  endpoint: string
  token: string
  portalId: string
}

/** One request to a portal's site, with what the renderer needs beyond the records. */
export interface RenderRequest {
  /** The decoded path, starting with `/`. */
  path: string
  query: Readonly<Record<string, string | undefined>>
  visitor: SiteVisitor | null
  /** Null when the portal sends to no hub (or no one is signed in). */
  beacon: BeaconTarget | null
  /** The contacts one may sign in as with the demo's one click (read only by the sign-in page, only with `signIn.demo`). */
  contacts: () => Promise<Contact[]>
  /** How the sign-in page signs visitors in: local accounts, registration, the demo's one click, and a notice. */
  signIn?: {
    local: boolean
    registration: 'open' | 'invitation'
    demo: boolean
    /** The OpenID providers the portal trusts: a "Sign in with …" button each. */
    providers?: ReadonlyArray<{ id: string; name: string }>
    notice?: string
    email?: string
  }
  /** The Support page's case panel (null state: no one signed in); absent without case management. */
  support?: () => Promise<SupportState | null>
  /** The Ideas page's list and form; absent where ideas are not stored. */
  ideas?: () => Promise<IdeasState>
  now: number
  /** The Content-Security-Policy nonce the page's script carries. */
  nonce?: string
  /** The site's UI words from the installed metadata labels, in the site's language (null: the built-in ones). */
  labels?: SiteUiLabels | null
}

/** A rendered answer: status, type and body, and the interaction the page beacons (if any). */
export interface SiteResponse {
  status: number
  contentType: string
  body: string
  headers?: Record<string, string>
  beaconItem?: BeaconItem
}

/** The content type of every page the site renders. */
export const HTML = 'text/html; charset=utf-8'
