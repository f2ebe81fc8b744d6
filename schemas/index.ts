/** Zod contracts shared by the server and the widget. Depends on zod alone. */
export {
  INTERACTION_TYPES,
  INTERACTION_FIELDS,
  MAX_BATCH_ITEMS,
  MAX_SESSION_ID_LENGTH,
  MAX_TITLE_LENGTH,
  blogPostViewed,
  forumThreadViewed,
  interactionSchema,
  isoTimestamp,
  knowledgeArticleViewed,
  portalSearch,
} from './interactions.ts'
export type {
  BlogPostViewed,
  ForumThreadViewed,
  Interaction,
  InteractionType,
  KnowledgeArticleViewed,
  PortalSearch,
} from './interactions.ts'
export { errorBodySchema, itemErrorSchema, toItemErrors } from './errors.ts'
export type { ErrorBody, ItemError } from './errors.ts'
export {
  DEFAULT_JOURNEY_WINDOW,
  MAX_JOURNEY_WINDOW,
  journeyQuerySchema,
  journeyResponseSchema,
  journeySummarySchema,
  parseDurationMs,
  profileSchema,
  viewedItemSchema,
} from './journey.ts'
export type { JourneyResponse, JourneySummary, Profile, ViewedItem } from './journey.ts'
export {
  KEY_RIGHTS,
  createHubSchema,
  createKeySchema,
  hubKeySchema,
  hubSchema,
  regenerateKeySchema,
} from './admin.ts'
export type { Hub, HubKey, KeyRight } from './admin.ts'
export {
  MAX_PFX_BYTES,
  addHostNameSchema,
  certificateViewSchema,
  customDomainCreatedSchema,
  customDomainRequestSchema,
  customDomainReviewSchema,
  customDomainViewSchema,
  hostNameSchema,
  hostNameViewSchema,
  uploadCertificateSchema,
} from './domains.ts'
export type {
  AddHostNameInput,
  CertificateView,
  CustomDomainCreated,
  CustomDomainRequest,
  CustomDomainReview,
  CustomDomainView,
  HostNameView,
  UploadCertificateInput,
} from './domains.ts'
