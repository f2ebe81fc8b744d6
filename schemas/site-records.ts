import * as z from 'zod'

/** A record's publishing state: only Published records show on the site. */
export const PUBLISHING_STATES = ['Draft', 'Published'] as const
/** One of {@link PUBLISHING_STATES}. */
export type PublishingState = (typeof PUBLISHING_STATES)[number]

/** The site markers a portal has: named pointers to the pages the site needs. */
export const SITE_MARKERS = ['Home', 'Profile', 'Page Not Found', 'Access Denied', 'Search'] as const
/** One of {@link SITE_MARKERS}. */
export type SiteMarkerName = (typeof SITE_MARKERS)[number]

/** What a page template lays out; the renderer knows each. */
export const PAGE_LAYOUTS = [
  'home',
  'content',
  'knowledge-base',
  'blogs',
  'forums',
  'search',
  'profile',
  'sign-in',
  'error',
] as const
/** One of {@link PAGE_LAYOUTS}. */
export type PageLayout = (typeof PAGE_LAYOUTS)[number]

const id = z.string().min(1).max(200)
const text = (max: number) => z.string().max(max)
const publishingState = z.enum(PUBLISHING_STATES, { error: 'publishingState must be "Draft" or "Published"' })
const partialUrl = z.string().regex(/^(|[a-z0-9][a-z0-9._-]{0,99})$/, {
  error: 'partialUrl must be empty (the home page) or lower-case letters, digits, ".", "_" and "-"',
})
/** Which package or sample data set installed a record; `admin` for records an admin wrote. */
const source = z.string().min(1).max(60)

/** The website: one per portal. */
export const websiteRecord = z.strictObject({
  kind: z.literal('website'),
  id,
  name: text(200).min(1),
  language: z.string(),
  source,
})

/** A page template: which layout pages that use it get. */
export const pageTemplateRecord = z.strictObject({
  kind: z.literal('page_template'),
  id,
  name: text(200).min(1),
  layout: z.enum(PAGE_LAYOUTS),
  source,
})

/** A web page: a path on the site, its template, its copy and whether it shows. */
export const webPageRecord = z.strictObject({
  kind: z.literal('web_page'),
  id,
  name: text(200).min(1),
  title: text(300).min(1),
  partialUrl,
  parentPageId: id.nullable(),
  templateId: id,
  publishingState,
  requiresSignIn: z.boolean(),
  showInNav: z.boolean(),
  displayOrder: z.number().int(),
  /** Plain text; blank lines separate paragraphs. */
  copy: text(20_000),
  source,
})

/** A site marker: a name the site looks up to find a page (Home, Page Not Found, …). */
export const siteMarkerRecord = z.strictObject({
  kind: z.literal('site_marker'),
  id,
  name: z.enum(SITE_MARKERS),
  pageId: id,
  source,
})

/** A web file served from the site's root (the theme's CSS). */
export const webFileRecord = z.strictObject({
  kind: z.literal('web_file'),
  id,
  name: text(200).min(1),
  partialUrl: partialUrl.refine((p) => p !== '', { error: 'a web file needs a partialUrl' }),
  contentType: z.enum(['text/css', 'text/plain', 'image/svg+xml']),
  content: text(200_000),
  publishingState,
  source,
})

/** A site setting: a name and a text value the site reads (`Search/Enabled`, …). */
export const siteSettingRecord = z.strictObject({
  kind: z.literal('site_setting'),
  id,
  name: text(200).min(1),
  value: text(2000),
  source,
})

/** A knowledge article, in the language it was written in. */
export const knowledgeArticleRecord = z.strictObject({
  kind: z.literal('knowledge_article'),
  id: z.uuid(),
  articleNumber: z.string().regex(/^KA-\d{5}$/, { error: 'articleNumber looks like KA-01001' }),
  title: text(300).min(1),
  summary: text(1000),
  body: text(50_000),
  keywords: z.array(text(100)),
  language: z.string(),
  publishingState,
  source,
})

/** A blog post. */
export const blogPostRecord = z.strictObject({
  kind: z.literal('blog_post'),
  id: z.uuid(),
  slug: partialUrl,
  title: text(300).min(1),
  author: text(200),
  postedAt: z.string(),
  summary: text(1000),
  body: text(50_000),
  language: z.string(),
  publishingState,
  source,
})

/** A forum thread and its posts. */
export const forumThreadRecord = z.strictObject({
  kind: z.literal('forum_thread'),
  id: z.uuid(),
  slug: partialUrl,
  forum: text(200),
  title: text(300).min(1),
  posts: z.array(z.strictObject({ author: text(200), body: text(20_000) })).min(1),
  language: z.string(),
  publishingState,
  source,
})

/** Any record a portal's site is made of. */
export const siteRecordSchema = z.discriminatedUnion('kind', [
  websiteRecord,
  pageTemplateRecord,
  webPageRecord,
  siteMarkerRecord,
  webFileRecord,
  siteSettingRecord,
  knowledgeArticleRecord,
  blogPostRecord,
  forumThreadRecord,
])
/** A record of a portal's site. */
export type SiteRecord = z.infer<typeof siteRecordSchema>
/** The kind of a site record. */
export type SiteRecordKind = SiteRecord['kind']
/** Every kind of site record. */
export const SITE_RECORD_KINDS: readonly SiteRecordKind[] = siteRecordSchema.options.map(
  (o) => o.shape.kind.value,
)

/** The records of one kind. */
export type RecordOf<K extends SiteRecordKind> = Extract<SiteRecord, { kind: K }>
/** The website. */
export type Website = RecordOf<'website'>
/** A web page. */
export type WebPage = RecordOf<'web_page'>
/** A knowledge article. */
export type KnowledgeArticle = RecordOf<'knowledge_article'>
/** A blog post. */
export type BlogPost = RecordOf<'blog_post'>
/** A forum thread. */
export type ForumThread = RecordOf<'forum_thread'>
