/** Site records are part of the admin API's contract, so they live in schemas/; core uses them from here. */
export {
  PAGE_LAYOUTS,
  PUBLISHING_STATES,
  SITE_MARKERS,
  SITE_RECORD_KINDS,
  siteRecordSchema,
} from '../../schemas/index.ts'
export type {
  BlogPost,
  ForumThread,
  KnowledgeArticle,
  PageLayout,
  PublishingState,
  RecordOf,
  SiteMarkerName,
  SiteRecord,
  SiteRecordKind,
  WebPage,
  Website,
} from '../../schemas/index.ts'
