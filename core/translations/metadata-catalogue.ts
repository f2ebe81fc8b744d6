import type { PackageId } from '../portals/portal-catalogue.ts'
import type { SiteUiLabels } from '../sites/sample-content.ts'
import { METADATA_LANGUAGES, type TermId, termIn } from './metadata-terms.ts'

/**
 * A label's key: what kind of metadata it names and which one:
 * `entity:adx_webpage`, `field:adx_webpage.adx_name`, `form:adx_signin.main`,
 * `view:adx_webpage.active`.
 */
export type LabelKey = `${'entity' | 'field' | 'form' | 'view'}:${string}`

/** One version of a package's metadata: the labels it has, each a term. */
interface PackageVersion {
  version: string
  labels: ReadonlyArray<readonly [LabelKey, TermId]>
}

/**
 * Where the translation resources come from: the shipped ones by default; a
 * test or a drill may hand in another (a package with a newer version).
 */
export interface TranslationCatalogue {
  /** Languages the resources ship in. */
  languages(): readonly string[]
  /** A package's versions, oldest first. */
  versions(packageId: PackageId): readonly string[]
  /** A package's latest version. */
  latest(packageId: PackageId): string
  /** A package version's labels in a language, or null when that language is not shipped for it. */
  labels(packageId: PackageId, version: string, language: string): Readonly<Record<LabelKey, string>> | null
}

const v = (version: string, labels: PackageVersion['labels']): PackageVersion => ({ version, labels })

/** The portal site's own labels, in Portal Base: what a visitor reads around the content. */
const SITE_LABELS = [
  ['field:adx_sitesearch.adx_search', 'search'],
  ['field:adx_sitesearch.adx_query', 'searchPlaceholder'],
  ['field:adx_sitesearch.adx_all', 'all'],
  ['view:adx_sitesearch.noresults', 'noResults'],
  ['form:adx_signin.main', 'signIn'],
  ['form:adx_signout.main', 'signOut'],
] as const

const PORTAL_BASE_9_2 = [
  ['entity:adx_website', 'website'],
  ['entity:adx_webpage', 'webPage'],
  ['field:adx_webpage.adx_name', 'name'],
  ['field:adx_webpage.adx_partialurl', 'partialUrl'],
  ['form:adx_webpage.main', 'webPage'],
  ['view:adx_webpage.active', 'activeWebPages'],
  ...SITE_LABELS,
] as const

/**
 * The shipped resources: every package the portals install, per version,
 * with labels (entity, field, form and view names) in every language of
 * {@link METADATA_LANGUAGES}. Portal Base and Knowledge Management ship two
 * versions; a newer version adds labels.
 */
const SHIPPED: Readonly<Record<PackageId, readonly PackageVersion[]>> = {
  portal_base: [
    v('9.2.2209.1', PORTAL_BASE_9_2),
    v('9.3.2311.4', [...PORTAL_BASE_9_2, ['field:adx_website.adx_name', 'name']]),
  ],
  portal_workflows: [
    v('9.3.2311.4', [
      ['entity:workflow', 'process'],
      ['field:workflow.name', 'name'],
    ]),
  ],
  web_notifications: [
    v('9.3.2311.4', [
      ['entity:adx_webnotificationentity', 'webNotification'],
      ['field:adx_webnotificationentity.adx_name', 'name'],
    ]),
  ],
  identity: [
    v('9.3.2311.4', [
      ['entity:contact', 'contact'],
      ['field:contact.emailaddress1', 'email'],
      ['form:contact.profile', 'profile'],
      ['entity:adx_externalidentity', 'externalIdentity'],
    ]),
  ],
  identity_workflows: [
    v('9.3.2311.4', [
      ['entity:adx_invitation', 'invitation'],
      ['field:adx_invitation.adx_name', 'name'],
    ]),
  ],
  web_forms: [
    v('9.3.2311.4', [
      ['entity:adx_webform', 'webForm'],
      ['field:adx_webform.adx_name', 'name'],
    ]),
  ],
  feedback: [
    v('9.3.2311.4', [
      ['entity:feedback', 'feedback'],
      ['field:feedback.rating', 'rating'],
      ['field:feedback.comments', 'comment'],
    ]),
  ],
  knowledge_management: [
    v('9.2.2209.1', [
      ['entity:knowledgearticle', 'knowledgeArticle'],
      ['field:knowledgearticle.title', 'title'],
    ]),
    v('9.3.2311.4', [
      ['entity:knowledgearticle', 'knowledgeArticle'],
      ['field:knowledgearticle.title', 'title'],
      ['view:knowledgearticle.published', 'knowledgeArticles'],
    ]),
  ],
  case_management: [
    v('9.3.2311.4', [
      ['entity:incident', 'case'],
      ['field:incident.title', 'title'],
      ['view:incident.myactive', 'activeCases'],
    ]),
  ],
  forums: [
    v('9.3.2311.4', [
      ['entity:adx_communityforumthread', 'forumThread'],
      ['field:adx_communityforumthread.adx_name', 'title'],
      ['view:adx_communityforumthread.active', 'forumThreads'],
    ]),
  ],
  blogs: [
    v('9.3.2311.4', [
      ['entity:adx_blogpost', 'blogPost'],
      ['field:adx_blogpost.adx_author', 'author'],
      ['view:adx_blogpost.published', 'blogPosts'],
    ]),
  ],
  ideas: [
    v('9.3.2311.4', [
      ['entity:adx_idea', 'idea'],
      ['field:adx_idea.adx_name', 'title'],
    ]),
  ],
  azure_ad_authentication: [v('9.3.2311.4', [['entity:adx_externalidentity', 'externalIdentity']])],
  partner_portal: [
    v('9.3.2311.4', [
      ['entity:account', 'partner'],
      ['entity:opportunity', 'opportunity'],
    ]),
  ],
  partner_project_service: [
    v('9.3.2311.4', [
      ['entity:msdyn_project', 'project'],
      ['field:msdyn_project.msdyn_subject', 'name'],
    ]),
  ],
  partner_field_service: [
    v('9.3.2311.4', [
      ['entity:msdyn_workorder', 'workOrder'],
      ['field:msdyn_workorder.msdyn_name', 'name'],
    ]),
  ],
}

/** Builds a catalogue over versioned package label lists (the shipped ones by default). */
export function createTranslationCatalogue(
  packages: Readonly<Record<PackageId, readonly PackageVersion[]>> = SHIPPED,
): TranslationCatalogue {
  return {
    languages: () => METADATA_LANGUAGES,
    versions: (id) => (packages[id] ?? []).map((p) => p.version),
    latest: (id) => packages[id]!.at(-1)!.version,
    labels(id, version, language) {
      const found = (packages[id] ?? []).find((p) => p.version === version)
      if (!found || termIn('name', language) === null) return null
      return Object.fromEntries(found.labels.map(([key, term]) => [key, termIn(term, language)!])) as Record<
        LabelKey,
        string
      >
    },
  }
}

/** The shipped translation resources. */
export const SHIPPED_CATALOGUE: TranslationCatalogue = createTranslationCatalogue()

/** A package version's labels (for a catalogue a test builds on the shipped terms). */
export type { PackageVersion }

/**
 * Which of the portal site's own UI labels each installed label provides:
 * the site reads these from the installed metadata in its language.
 */
export const SITE_LABEL_KEYS = {
  searchButton: 'field:adx_sitesearch.adx_search',
  searchPlaceholder: 'field:adx_sitesearch.adx_query',
  allResults: 'field:adx_sitesearch.adx_all',
  noResults: 'view:adx_sitesearch.noresults',
  signIn: 'form:adx_signin.main',
  signOut: 'form:adx_signout.main',
  profile: 'form:contact.profile',
  articles: 'view:knowledgearticle.published',
  blogPosts: 'view:adx_blogpost.published',
  forumThreads: 'view:adx_communityforumthread.active',
} as const satisfies Record<keyof SiteUiLabels, LabelKey>

/** The site UI labels installed metadata can provide. */
export type SiteLabels = SiteUiLabels
