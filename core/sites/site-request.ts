import type { Contact, Interaction } from '../../schemas/index.ts'
import type { IdeaView } from './portal-ideas.ts'
import type { SiteUiLabels } from './sample-content.ts'

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
  /** The form token every form the page posts carries (issue 20 item 7); none without a form cookie. */
  formToken?: string
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

/** A case as "My cases" lists it. */
export interface SupportCase {
  caseNumber: string
  title: string
  status: string
  category: string | null
  createdAt: string
}

/** What the Support page shows below its copy (nothing for a visitor who is not signed in). */
export interface SupportState {
  /** The signed-in contact's cases, newest first. */
  cases: SupportCase[]
  /** The number of the case just opened (after the form's redirect). */
  opened?: string
  /** The form as sent, and what was wrong with it, when it was refused. */
  form?: { values: Record<string, string>; errors: Array<{ path: string; message: string }> }
}

/** What the Ideas page shows below its copy. */
export interface IdeasState {
  ideas: IdeaView[]
  /** Whether a contact is signed in (only they submit and vote). */
  signedIn: boolean
  /** The idea just submitted (after the form's redirect). */
  submitted?: string
  /** The form as sent, and what was wrong with it, when it was refused. */
  form?: { values: Record<string, string>; errors: Array<{ path: string; message: string }> }
}
