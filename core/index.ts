/** The domain: hubs and keys, ingest, journeys, admin principals, and the store behind them. */
export {
  DomainError,
  checkBatchSize,
  isDomainError,
  nestingTooDeep,
  parseJsonText,
  tooManyFields,
} from './errors.ts'
export { MAX_JSON_DEPTH, jsonShapeProblem } from './json-depth.ts'
export { openCore } from './open-core.ts'
export type { Core } from './open-core.ts'
export { createSasToken, parseSasToken } from './sas/sas-token.ts'
export { toHubView } from './hubs/hub-record.ts'
export type { HubService } from './hubs/hub-service.ts'
export type { SasPrincipal } from './hubs/sas-verifier.ts'
export { ADMIN_SESSION_TTL_MS, DEFAULT_ADMIN_TOKEN_TTL_MS, isTenantAdmin } from './admin/principal-service.ts'
export type { Bearer, Principal, PrincipalService, Role } from './admin/principal-service.ts'
export type { IngestPipeline } from './ingest/ingest-pipeline.ts'
export type { JourneyService } from './journey/journey-service.ts'
export { createRecordRepository } from './store/record-repository.ts'
export { AuditContext, auditScope, createAuditLog } from './store/audit-log.ts'
export type { AuditEntry, AuditLog, AuditQuery } from './store/audit-log.ts'
export { openControlPlane } from './store/control-plane-db.ts'
export type { ControlPlaneDb } from './store/control-plane-db.ts'
export type { CaseReporting } from './cases/case-reporting.ts'
export type { CaseQueries } from './cases/case-queries.ts'
export type { InsightService } from './insights/insight-service.ts'
export type { DeflectionService } from './insights/deflection-service.ts'
export type { CaseRecord } from './store/case-repository.ts'
export type { KeyRight } from '../schemas/index.ts'
export { INTERACTION_CATALOGUE } from './hubs/interaction-catalogue.ts'
export { toQuarantineView } from './hubs/quarantine-view.ts'
export { parseProfileImport } from './profiles/profile-import.ts'
export type { DurabilityOptions } from './ingest/durability.ts'
export type { ReadinessOptions } from './readiness.ts'
export { createMetrics, ingestMetricsObserver } from './metrics.ts'
export type { Metrics } from './metrics.ts'
export {
  MANAGE_PORTAL_DENIED_MESSAGE,
  assertCanManageHubs,
  isTenantAdministrator,
} from './tenancy/permissions.ts'
export { canonicalLanguageTag } from './tenancy/languages.ts'
export { toUserView } from './tenancy/user-service.ts'
export { createKeyedSerialWriter } from './store/serial-writer.ts'
export { packagesFor } from './portals/portal-catalogue.ts'
export type { FaultPoint } from './portals/provisioning-runner.ts'
export type { PortalModuleOptions } from './portals/portal-module.ts'
// What portal-sites/ draws pages from: the site's records, its paths and words, and the request.
export type {
  ConsentPageOptions,
  NoticeKind,
  NoticeOptions,
  OidcRefusalOptions,
  SitePages,
} from './sites/site-pages.ts'
export { ACCOUNT_PATHS, accountWordsFor } from './sites/account-words.ts'
export type { AccountField, AccountNotice, AccountPageOptions, AccountWords } from './sites/account-words.ts'
export { HTML } from './sites/site-request.ts'
export type {
  BeaconItem,
  IdeasState,
  RenderRequest,
  SiteResponse,
  SupportState,
} from './sites/site-request.ts'
export {
  IDEAS_PAGE_ID,
  SUPPORT_PAGE_ID,
  decodeSegment,
  normalisePath,
  pagePaths,
  published,
  settingOn,
  signInPagePath,
} from './sites/site-paths.ts'
export type { Site } from './sites/site-repository.ts'
export { fill, withLabels } from './sites/sample-content.ts'
export type { SiteContent } from './sites/sample-content.ts'
export { safeNext } from './sites/safe-next.ts'
export { OIDC_PATHS } from './sites/oidc-providers.ts'
export type { OidcRefusal } from './sites/oidc-records.ts'
export { MAX_IDEA_DESCRIPTION_LENGTH, MAX_IDEA_TITLE_LENGTH } from './sites/portal-ideas.ts'
export { primaryLanguage } from './tenancy/languages.ts'
export type { OpenCaseOutcome } from './sites/site-context.ts'
export type { SiteService } from './sites/site-service.ts'
export { FORM_COOKIE, newFormCookie } from './sites/form-token.ts'
export { OIDC_COOKIE } from './sites/oidc-site.ts'
export type { OidcSite, OidcSiteOutcome } from './sites/oidc-site.ts'
export { sampleContacts } from './sites/site-packages.ts'
export { siteContentFor } from './sites/sample-content.ts'
export { deterministicUuid } from './sites/deterministic-id.ts'
export { uploadFromJson } from './domains/index.ts'
export type { CertificateUpload, DomainModuleOptions } from './domains/index.ts'
export { parseSecretKey } from './secrets/index.ts'
export { SHIPPED_CATALOGUE, UPDATE_QUESTION } from './translations/index.ts'
export type { TranslationCatalogue } from './translations/index.ts'
