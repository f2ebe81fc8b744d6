import { LRUCache } from 'lru-cache'
import { type RecordStore, createRecordRepository } from '../store/record-repository.ts'
import {
  type BlogPost,
  type ForumThread,
  type KnowledgeArticle,
  type RecordOf,
  type SiteMarkerName,
  type SiteRecord,
  type SiteRecordKind,
  type WebPage,
  type Website,
  siteRecordSchema,
} from '../../schemas/index.ts'

/** A portal's site, its records grouped for rendering. */
export interface Site {
  website: Website | null
  templates: Map<string, RecordOf<'page_template'>>
  pages: WebPage[]
  markers: Map<SiteMarkerName, string>
  files: RecordOf<'web_file'>[]
  settings: Map<string, string>
  articles: KnowledgeArticle[]
  blogPosts: BlogPost[]
  forumThreads: ForumThread[]
  /** Every record, as stored. */
  records: SiteRecord[]
}

/** Groups a portal's records into a {@link Site}. */
export function toSite(records: readonly SiteRecord[]): Site {
  const site: Site = {
    website: null,
    templates: new Map(),
    pages: [],
    markers: new Map(),
    files: [],
    settings: new Map(),
    articles: [],
    blogPosts: [],
    forumThreads: [],
    records: [...records],
  }
  for (const r of records) {
    switch (r.kind) {
      case 'website':
        site.website = r
        break
      case 'page_template':
        site.templates.set(r.id, r)
        break
      case 'web_page':
        site.pages.push(r)
        break
      case 'site_marker':
        site.markers.set(r.name, r.pageId)
        break
      case 'web_file':
        site.files.push(r)
        break
      case 'site_setting':
        site.settings.set(r.name, r.value)
        break
      case 'knowledge_article':
        site.articles.push(r)
        break
      case 'blog_post':
        site.blogPosts.push(r)
        break
      case 'forum_thread':
        site.forumThreads.push(r)
        break
    }
  }
  site.pages.sort((a, b) => a.displayOrder - b.displayOrder || a.name.localeCompare(b.name))
  site.articles.sort((a, b) => a.articleNumber.localeCompare(b.articleNumber))
  site.blogPosts.sort((a, b) => b.postedAt.localeCompare(a.postedAt))
  return site
}

/** How long a loaded site is reused before the store is read again, in ms. */
const SITE_CACHE_MS = 1000

/**
 * The records portals' sites are made of, one table keyed
 * `{portalId}/{kind}/{id}`. Loaded sites are cached for a second; writes
 * through this repository drop the cache at once.
 *
 * @example
 * await sites.put(portalId, packageRecords('portal_base', ctx))
 * const site = await sites.load(portalId)
 */
export function createSiteRepository(deps: { db: RecordStore; clock?: () => number }) {
  const clock = deps.clock ?? Date.now
  const repo = createRecordRepository(deps.db, 'cp_site_records', siteRecordSchema)
  // Bounded: a node serving more portals than this reads the least recently served again.
  const cache = new LRUCache<string, Site>({ max: 500, ttl: SITE_CACHE_MS, perf: { now: clock } })
  const key = (portalId: string, kind: SiteRecordKind, id: string) => `${portalId}/${kind}/${id}`

  const list = async (portalId: string, kind?: SiteRecordKind): Promise<SiteRecord[]> =>
    (await repo.list(kind ? `${portalId}/${kind}/` : `${portalId}/`)).map((r) => r.value)

  return {
    list,
    /** One record, or null. */
    get: (portalId: string, kind: SiteRecordKind, id: string): Promise<SiteRecord | null> =>
      repo.get(key(portalId, kind, id)),
    /** Writes records (replacing any with the same kind and id). */
    async put(portalId: string, records: readonly SiteRecord[]): Promise<void> {
      cache.delete(portalId)
      await repo.putMany(records.map((r) => [key(portalId, r.kind, r.id), r] as const))
    },
    /** Removes one record. */
    async delete(portalId: string, kind: SiteRecordKind, id: string): Promise<void> {
      cache.delete(portalId)
      await repo.delete(key(portalId, kind, id))
    },
    /** Removes every record of a portal's site (before installing it again in another language or type). */
    async clear(portalId: string): Promise<void> {
      cache.delete(portalId)
      for (const r of await repo.list(`${portalId}/`)) await repo.delete(r.key)
    },
    /** The portal's site, grouped (cached for a second). */
    async load(portalId: string): Promise<Site> {
      const hit = cache.get(portalId)
      if (hit) return hit
      const site = toSite(await list(portalId))
      cache.set(portalId, site)
      return site
    },
  }
}

/** The site repository's interface. */
export type SiteRepository = ReturnType<typeof createSiteRepository>
