/** Zod contracts shared by the server and the widget. Depends on zod alone. */
export {
  INTERACTION_TYPES,
  INTERACTION_FIELDS,
  INVALID_UNICODE,
  articleFeedback,
  MAX_BATCH_ITEMS,
  MAX_COMMENT_LENGTH,
  blogPostViewed,
  forumThreadViewed,
  interactionSchema,
  isoTimestamp,
  knowledgeArticleViewed,
  portalSearch,
} from './interactions.ts'
export type { Interaction, InteractionType } from './interactions.ts'
export { ERROR_CODES, ERROR_CODE_TABLES, ERROR_KIND_STATUS, isErrorCode, statusesOf } from './error-codes.ts'
export type { CustomDomainErrorCode, ErrorCode, ErrorKind, IngestErrorCode, KindOf } from './error-codes.ts'
export {
  MAX_ERRORS_PER_ITEM,
  MAX_REJECTED_LISTED,
  errorBodySchema,
  toCappedItemErrors,
  toErrorDetail,
  toItemErrors,
} from './errors.ts'
export type { IssueSubject, ItemError } from './errors.ts'
export {
  MAX_JOURNEY_INTERACTIONS,
  MAX_JOURNEY_WINDOW,
  journeyResponseJsonSchema,
  journeyResponseSchema,
  parseDurationMs,
  profileSchema,
} from './journey.ts'
export type { JourneyResponse, JourneySummary, Profile, ViewedItem } from './journey.ts'
export {
  DEFAULT_RETENTION_DAYS,
  KEY_RIGHTS,
  MAX_PROFILES_PER_IMPORT,
  MAX_RETENTION_DAYS,
  profileConfigSchema,
  profileImportSchema,
} from './admin.ts'
export type {
  Hub,
  HubKey,
  KeyRight,
  ProfileConfig,
  QuarantineItem,
  RetentionApplied,
  UpdateHubInput,
} from './admin.ts'
export {
  SOLUTION_IDS,
  contactSchema,
  instanceSchema,
  licenceSchema,
  roleSchema,
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
  PORTAL_STATES,
  PORTAL_STATUSES,
  PORTAL_TYPE_IDS,
  STEP_IDS,
  STEP_NAMES,
  changeValuesSchema,
  configureHubSchema,
  ipRestrictionsSchema,
  jobSchema,
  jobStepSchema,
  provisionSchema,
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
  SITE_MARKERS,
  SITE_RECORD_KINDS,
  siteRecordSchema,
} from './site-records.ts'
export type {
  BlogPost,
  ForumThread,
  KnowledgeArticle,
  PageLayout,
  RecordOf,
  SiteMarkerName,
  SiteRecord,
  SiteRecordKind,
  WebPage,
  Website,
} from './site-records.ts'
export { EXAMPLE_IDS, defineRoute } from './route-registry.ts'
export type { RouteDef, RouteInput } from './route-registry.ts'
export { buildOpenApiDocument } from './openapi-document.ts'
export { API, API_ROUTES } from './api-routes.ts'
export {
  MAX_PFX_BYTES,
  MAX_PFX_ITERATIONS,
  certificateViewSchema,
  hostNameViewSchema,
  uploadCertificateSchema,
} from './domains.ts'
export type {
  CertificateView,
  CustomDomainCreated,
  CustomDomainRequest,
  CustomDomainReview,
  CustomDomainView,
  HostNameView,
  UploadCertificateInput,
} from './domains.ts'
export {
  MAX_CASE_BATCH_ITEMS,
  PORTAL_CASE_CATEGORIES,
  PORTAL_CASE_STATUSES,
  caseReportSchema,
  openCaseSchema,
} from './cases.ts'
export type {
  CaseDetails,
  CaseList,
  CaseListQuery,
  CaseReport,
  CaseSource,
  CaseView,
  JourneyCase,
  PortalCaseCategory,
} from './cases.ts'
export {
  CHECK_CATEGORIES,
  checkerActionRecordSchema,
  checkerRunSchema,
  checkerThresholdsSchema,
} from './checker.ts'
export type {
  CheckCategory,
  CheckDefinitionView,
  CheckFeedback,
  CheckResult,
  CheckResultValue,
  CheckSentence,
  CheckerActionRecord,
  CheckerRun,
  CheckerRunSummary,
  CheckerThresholds,
  FeedbackInput,
  PortalBeacons,
  ResultSortQuery,
  RunActionInput,
  StartRunInput,
} from './checker.ts'
export { CONTENT_TYPES, DEFAULT_INSIGHT_PERIOD_DAYS, MAX_INSIGHT_PERIOD_DAYS } from './insights.ts'
export type {
  ContentInsight,
  ContentInsights,
  ContentType,
  InsightQuery,
  SearchInsights,
  VolumeInsights,
} from './insights.ts'
export { TREND_RATES, deflectionCostSchema } from './deflection.ts'
export type {
  DeflectionCost,
  DeflectionInsights,
  DeflectionOutcomes,
  DeflectionQuery,
  TrendRate,
} from './deflection.ts'
export type {
  LabelView,
  ModifyLabelsInput,
  PackageVersionView,
  TranslationNotice,
  TranslationUpdatePreview,
  TranslationUpdateResult,
  TranslationsView,
} from './translations.ts'
export { RESERVED_SUBDOMAINS, checkSubdomain } from './portal-url.ts'
export type { SubdomainResult } from './portal-url.ts'
export type { MintedToken } from './tokens.ts'
export { ApiError, createApiClient } from './api-client.ts'
export { API_OPERATIONS } from './api-operations.ts'
export { createLiteApiClient } from './api-client-lite.ts'
export type { LiteCall, OperationOutput, OperationRequest } from './api-client-lite.ts'
export type { PageQuery } from './pagination.ts'
