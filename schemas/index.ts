/** Zod contracts shared by the server and the widget. Depends on zod alone. */
export {
  INTERACTION_TYPES,
  INTERACTION_FIELDS,
  INVALID_UNICODE,
  MAX_BATCH_ITEMS,
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
  BlogPostViewed,
  ForumThreadViewed,
  Interaction,
  InteractionType,
  KnowledgeArticleViewed,
  PortalSearch,
} from './interactions.ts'
export {
  MAX_ERRORS_PER_ITEM,
  MAX_REJECTED_LISTED,
  errorBodySchema,
  ingestAnswerSchema,
  itemErrorSchema,
  rejectedItemSchema,
  toCappedItemErrors,
  toItemErrors,
} from './errors.ts'
export type { ErrorBody, IngestAnswer, ItemError, RejectedItemAnswer } from './errors.ts'
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
