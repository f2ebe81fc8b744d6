/** Zod contracts shared by the server and the widget. Depends on zod alone. */
export {
  INTERACTION_TYPES,
  INTERACTION_FIELDS,
  INVALID_UNICODE,
  articleFeedback,
  MAX_BATCH_ITEMS,
  MAX_COMMENT_LENGTH,
  MAX_SESSION_ID_LENGTH,
  MAX_TITLE_LENGTH,
  blogPostViewed,
  forumThreadViewed,
  hasLoneSurrogate,
  interactionSchema,
  isoTimestamp,
  knowledgeArticleViewed,
  portalSearch,
} from './interactions.ts'
export type {
  ArticleFeedback,
  BlogPostViewed,
  ForumThreadViewed,
  Interaction,
  InteractionType,
  KnowledgeArticleViewed,
  PortalSearch,
} from './interactions.ts'
export {
  ERROR_CODES,
  ERROR_CODE_TABLES,
  ERROR_KIND_STATUS,
  isErrorCode,
  statusesOf,
} from './error-codes.ts'
export type {
  CustomDomainErrorCode,
  ErrorCode,
  ErrorKind,
  ErrorStatus,
  IngestErrorCode,
  KindOf,
} from './error-codes.ts'
export {
  MAX_ERRORS_PER_ITEM,
  MAX_REJECTED_LISTED,
  errorBodySchema,
  ingestAnswerSchema,
  itemErrorSchema,
  rejectedItemSchema,
  toCappedItemErrors,
  toErrorDetail,
  toItemErrors,
} from './errors.ts'
export type {
  ErrorBody,
  ErrorDetail,
  IngestAnswer,
  IssueSubject,
  ItemError,
  RejectedItemAnswer,
} from './errors.ts'
export {
  DEFAULT_JOURNEY_WINDOW,
  MAX_JOURNEY_INTERACTIONS,
  MAX_JOURNEY_WINDOW,
  journeyQuerySchema,
  journeyResponseJsonSchema,
  journeyResponseSchema,
  journeySummarySchema,
  parseDurationMs,
  profileSchema,
  viewedItemSchema,
} from './journey.ts'
export type { JourneyResponse, JourneySummary, Profile, ViewedItem } from './journey.ts'
export {
  DEFAULT_RETENTION_DAYS,
  KEY_RIGHTS,
  MAX_PROFILES_PER_IMPORT,
  MAX_RETENTION_DAYS,
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
  retentionAppliedSchema,
  updateHubSchema,
} from './admin.ts'
export type {
  Hub,
  HubKey,
  HubView,
  KeyRight,
  ProfileConfig,
  QuarantineItem,
  RetentionApplied,
  UpdateHubInput,
} from './admin.ts'
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
  tokenRecordSchema,
  adminSessionSchema,
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
  TokenRecord,
} from './tenancy.ts'
export {
  AUDIENCE_IDS,
  PACKAGE_IDS,
  PACKAGE_STATUSES,
  PORTAL_STATES,
  PORTAL_STATUSES,
  PORTAL_STATUS_LABELS,
  PORTAL_TYPE_IDS,
  STEP_IDS,
  STEP_NAMES,
  changeValuesSchema,
  configureHubSchema,
  hubBindingViewSchema,
  ipRestrictionsSchema,
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
  IpRestrictions,
  JobStep,
  PackageId,
  PackageStatus,
  PackageView,
  PortalState,
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
export {
  MAX_PFX_BYTES,
  MAX_PFX_ITERATIONS,
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
export {
  CASE_SOURCES,
  MAX_CASE_BATCH_ITEMS,
  MAX_CASE_CATEGORY_LENGTH,
  MAX_CASE_DESCRIPTION_LENGTH,
  MAX_CASE_NUMBER_LENGTH,
  MAX_CASE_PAGE,
  MAX_CASE_STATUS_LENGTH,
  MAX_CASE_TITLE_LENGTH,
  PORTAL_CASE_CATEGORIES,
  PORTAL_CASE_STATUSES,
  caseDetailsSchema,
  caseListQuerySchema,
  caseListSchema,
  caseReportResultSchema,
  caseReportSchema,
  caseViewSchema,
  journeyCaseSchema,
  openCaseSchema,
} from './cases.ts'
export type {
  CaseDetails,
  CaseList,
  CaseListQuery,
  CaseReport,
  CaseReportResult,
  CaseSource,
  CaseView,
  JourneyCase,
  OpenCase,
  PortalCaseCategory,
  PortalCaseStatus,
} from './cases.ts'
export {
  CHECK_CATEGORIES,
  CHECK_RESULTS,
  RESULT_SORT_KEYS,
  checkActionSchema,
  checkCountsSchema,
  checkDefinitionSchema,
  checkFeedbackSchema,
  checkResultSchema,
  checkerActionRecordSchema,
  checkerRunSchema,
  checkerRunSummarySchema,
  checkerThresholdsSchema,
  feedbackInputSchema,
  resultSortQuerySchema,
  runActionInputSchema,
  startRunSchema,
} from './checker.ts'
export type {
  CheckAction,
  CheckCategory,
  CheckDefinitionView,
  CheckFeedback,
  CheckResult,
  CheckResultValue,
  CheckerActionRecord,
  CheckerRun,
  CheckerRunSummary,
  CheckerThresholds,
  FeedbackInput,
  ResultSortQuery,
  RunActionInput,
  StartRunInput,
} from './checker.ts'
export {
  CONTENT_TYPES,
  DEFAULT_INSIGHT_PERIOD_DAYS,
  DEFAULT_INSIGHT_WINDOW,
  MAX_INSIGHT_LIMIT,
  MAX_INSIGHT_PERIOD_DAYS,
  contentInsightSchema,
  contentInsightsSchema,
  insightQuerySchema,
  insightSpanSchema,
  searchInsightsSchema,
  volumeInsightsSchema,
} from './insights.ts'
export type {
  ContentInsight,
  ContentInsights,
  ContentType,
  InsightQuery,
  SearchInsights,
  VolumeInsights,
} from './insights.ts'
export {
  DEFAULT_DEFLECTION_WINDOW,
  TREND_RATES,
  deflectionCostSchema,
  deflectionInsightsSchema,
  deflectionOutcomesSchema,
  deflectionQuerySchema,
} from './deflection.ts'
export type {
  DeflectionCost,
  DeflectionInsights,
  DeflectionOutcomes,
  DeflectionQuery,
  TrendRate,
} from './deflection.ts'
export {
  labelViewSchema,
  modifyLabelsSchema,
  packageVersionViewSchema,
  translationLanguageViewSchema,
  translationNoticeSchema,
  translationUpdatePreviewSchema,
  translationUpdateResultSchema,
  translationsViewSchema,
  updateTranslationsSchema,
} from './translations.ts'
export type {
  LabelView,
  ModifyLabelsInput,
  PackageVersionView,
  TranslationLanguageView,
  TranslationNotice,
  TranslationUpdatePreview,
  TranslationUpdateResult,
  TranslationsView,
  UpdateTranslationsInput,
} from './translations.ts'
export { RESERVED_SUBDOMAINS, checkSubdomain } from './portal-url.ts'
export type { SubdomainResult } from './portal-url.ts'
export { TOKEN_TTL_RANGE, mintTokenSchema, mintedTokenSchema } from './tokens.ts'
export type { MintTokenInput, MintedToken } from './tokens.ts'
export { ApiError, createApiClient } from './api-client.ts'
export { API_OPERATIONS } from './api-operations.ts'
export { createLiteApiClient, resolveCall } from './api-client-lite.ts'
export type {
  ApiOperationId,
  LiteCall,
  OperationArgs,
  OperationOutput,
  OperationRequest,
  ResolvedCall,
} from './api-client-lite.ts'
export type { ApiClient, ApiClientOptions, CallOptions } from './api-client.ts'
export {
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  nextCursorSchema,
  pageQuerySchema,
} from './pagination.ts'
export type { PageQuery } from './pagination.ts'
