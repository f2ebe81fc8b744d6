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
export { errorBodySchema, itemErrorSchema, toErrorDetail, toItemErrors } from './errors.ts'
export type { ErrorBody, ErrorDetail, IssueSubject, ItemError } from './errors.ts'
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
  MAX_PROFILES_PER_IMPORT,
  catalogueEntrySchema,
  createHubSchema,
  createKeySchema,
  hubKeySchema,
  hubSchema,
  hubViewSchema,
  profileConfigSchema,
  profileImportBodySchema,
  profileImportResultSchema,
  profileImportSchema,
  quarantineItemSchema,
  regenerateKeySchema,
} from './admin.ts'
export type { Hub, HubKey, HubView, KeyRight, ProfileConfig, QuarantineItem } from './admin.ts'
export {
  LICENCE_TYPES,
  SOLUTION_IDS,
  assignLicenceSchema,
  contactSchema,
  createInstanceSchema,
  createLicenceSchema,
  createUserSchema,
  createdUserSchema,
  instanceSchema,
  languageTagSchema,
  licenceSchema,
  roleSchema,
  rotatedTokenSchema,
  setRolesSchema,
  updateInstanceSchema,
  upsertContactsSchema,
  upsertedContactsSchema,
  userViewSchema,
} from './tenancy.ts'
export type {
  Contact,
  CreateInstanceInput,
  CreateLicenceInput,
  CreateUserInput,
  Instance,
  Licence,
  LicenceType,
  Role,
  SolutionId,
  UpdateInstanceInput,
  UserView,
} from './tenancy.ts'
export {
  AUDIENCE_IDS,
  PACKAGE_IDS,
  PACKAGE_STATUSES,
  PORTAL_STATUSES,
  PORTAL_STATUS_LABELS,
  PORTAL_TYPE_IDS,
  STEP_IDS,
  STEP_NAMES,
  changeValuesSchema,
  configureHubSchema,
  hubBindingViewSchema,
  jobSchema,
  jobStepSchema,
  packageViewSchema,
  portalJobSchema,
  portalViewSchema,
  provisionSchema,
  provisioningOptionsSchema,
  provisioningViewSchema,
  updateHubKeySchema,
  updatePortalSchema,
} from './portals.ts'
export type {
  AudienceId,
  ChangeValuesInput,
  ConfigureHubInput,
  HubBindingView,
  JobStep,
  PackageId,
  PackageStatus,
  PackageView,
  PortalStatus,
  PortalStatusLabel,
  PortalTypeId,
  PortalView,
  ProvisionInput,
  ProvisioningJob,
  StepId,
  UpdateHubKeyInput,
  UpdatePortalInput,
} from './portals.ts'
export {
  PAGE_LAYOUTS,
  PUBLISHING_STATES,
  SITE_MARKERS,
  SITE_RECORD_KINDS,
  siteRecordSchema,
} from './site-records.ts'
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
} from './site-records.ts'
export { EXAMPLE_IDS, defineRoute, toHonoPath } from './route-registry.ts'
export type {
  HttpMethod,
  RouteBody,
  RouteDef,
  RouteError,
  RouteExample,
  RouteInput,
  RouteOutput,
  RouteRequest,
  RouteResponse,
  RouteSecurity,
} from './route-registry.ts'
export { buildOpenApiDocument, jsonSchemaOf } from './openapi-document.ts'
export type { OpenApiOptions } from './openapi-document.ts'
export { API, API_ROUTES } from './api-routes.ts'
export type { ApiById, ApiRoute } from './api-routes.ts'
export { ingestResultSchema } from './ingest-api.ts'
export type { IngestResult } from './ingest-api.ts'
export {
  ADMIN_AUTH_ERRORS,
  BODY_ERRORS,
  PAGE_ERRORS,
  SAS_ERRORS,
  TENANT_ADMIN_ERRORS,
  mergeErrors,
} from './api-errors.ts'
