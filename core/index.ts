/** The domain: hubs and keys, ingest, journeys, admin principals, and the store behind them. */
export { DomainError, isDomainError, nestingTooDeep, parseJsonText, tooManyFields } from './errors.ts'
export { MAX_JSON_DEPTH, jsonShapeProblem } from './json-depth.ts'
export type { ErrorKind } from './errors.ts'
export { openCore } from './open-core.ts'
export type { Core, CoreLog } from './open-core.ts'
export { createSasToken, parseSasToken, signatureMatches } from './sas/sas-token.ts'
export { normaliseResource, resourceCovers } from './sas/resource-uri.ts'
export { CLOCK_SKEW_SECONDS, createHubService, holdsRight, toHubView } from './hubs/hub-service.ts'
export type { HubService, SasPrincipal, StoredHub } from './hubs/hub-service.ts'
export {
  createPrincipalService,
  generateAdminToken,
  hashToken,
  isTenantAdmin,
  roleSchema,
} from './admin/principal-service.ts'
export type { Principal, PrincipalService, Role } from './admin/principal-service.ts'
export {
  MAX_AGE_MS,
  MAX_FUTURE_MS,
  checkInteraction,
  createIngestPipeline,
} from './ingest/ingest-pipeline.ts'
export type { IngestObserver, IngestPipeline, IngestResult, RejectedItem } from './ingest/ingest-pipeline.ts'
export { createBatchingSink } from './ingest/batching-sink.ts'
export type { AckLevel, InteractionSink } from './ingest/interaction-sink.ts'
export { createJourneyService, summariseJourney } from './journey/journey-service.ts'
export type { JourneyService } from './journey/journey-service.ts'
export { createProfileRepository } from './profiles/profile-repository.ts'
export type { ProfileRepository } from './profiles/profile-repository.ts'
export { openClickHouse } from './store/clickhouse-client.ts'
export type { ClickHouseHandle, StoreOptions } from './store/clickhouse-client.ts'
export { MIGRATIONS, LATEST_MIGRATION, keyValueTable, migrate } from './store/migrations.ts'
export type { Migration } from './store/migrations.ts'
export { createRecordRepository } from './store/record-repository.ts'
export type { RecordRepository } from './store/record-repository.ts'
export {
  createInteractionRepository,
  encodeInteractionRow,
  toClickHouseTime,
  toInteractionRow,
} from './store/interaction-repository.ts'
export type {
  InteractionRecord,
  InteractionRepository,
  QuarantineRecord,
} from './store/interaction-repository.ts'
export { createCaseReporting } from './cases/case-reporting.ts'
export type { CaseReporting } from './cases/case-reporting.ts'
export { ensureDemoCase } from './cases/demo-case.ts'
export type { PortalCase } from './cases/portal-cases.ts'
export { createCaseQueries } from './cases/case-queries.ts'
export type { CaseQueries } from './cases/case-queries.ts'
export { createInsightService, rankDeflecting, rankPreceded } from './insights/insight-service.ts'
export type { InsightRequest, InsightService } from './insights/insight-service.ts'
export { createInsightQueries } from './store/insight-queries.ts'
export { generateSyntheticCases, scanPeriodBaseline } from './store/synthetic-cases.ts'
export type { SyntheticCasesOptions } from './store/synthetic-cases.ts'
export type { ContentFigures, InsightQueries, InsightSpan } from './store/insight-queries.ts'
export { createCaseRepository } from './store/case-repository.ts'
export type { CaseRecord, CaseRepository } from './store/case-repository.ts'
export { seedDemo } from './demo/seed-demo.ts'
export type { DemoState } from './demo/seed-demo.ts'
export type { KeyRight } from '../schemas/index.ts'
export { INTERACTION_CATALOGUE } from './hubs/interaction-catalogue.ts'
export { toQuarantineView } from './hubs/quarantine-view.ts'
export type { CatalogueEntry } from './hubs/interaction-catalogue.ts'
export { profileConfigSchema } from './hubs/hub-service.ts'
export type { ProfileConfig } from './hubs/hub-service.ts'
export {
  MAX_PROFILES_PER_IMPORT,
  parseProfileImport,
  profileImportSchema,
} from './profiles/profile-import.ts'
export type { ProfileImport } from './profiles/profile-import.ts'
export { createDurableSink } from './ingest/durable-sink.ts'
export type { DurabilityOptions } from './ingest/durability.ts'
export type { NotReadyReason, Readiness, ReadinessOptions } from './readiness.ts'
export type {
  DurableSink,
  DurableSinkLog,
  DurableSinkOptions,
  DurableSinkStats,
} from './ingest/durable-sink.ts'
export { RECORD_HEADER_BYTES, openWriteAheadLog } from './wal/write-ahead-log.ts'
export type {
  WalCut,
  WalRecovery,
  WalStats,
  WriteAheadLog,
  WriteAheadLogOptions,
} from './wal/write-ahead-log.ts'
export { createMetrics, ingestMetricsObserver } from './metrics.ts'
export type { Metrics } from './metrics.ts'
export {
  generateSyntheticInteractions,
  interactionTableParts,
  optimizeInteractions,
} from './store/synthetic-interactions.ts'
export type { SyntheticInteractionsOptions } from './store/synthetic-interactions.ts'
export {
  MANAGE_PORTAL_DENIED_MESSAGE,
  canGrantRole,
  canManagePortal,
  hasInstanceRole,
  isTenantAdministrator,
} from './tenancy/permissions.ts'
export {
  UNSUPPORTED_PORTAL_LANGUAGES,
  canonicalLanguageTag,
  isPortalLanguageSupported,
  languageName,
} from './tenancy/languages.ts'
export { SOLUTIONS, SOLUTION_IDS } from './tenancy/solutions.ts'
export type { SolutionId } from './tenancy/solutions.ts'
export {
  LICENCE_TYPES,
  assignLicenceSchema,
  contactSchema,
  createInstanceSchema,
  createLicenceSchema,
  createUserSchema,
  setRolesSchema,
  updateInstanceSchema,
  upsertContactsSchema,
} from './tenancy/tenancy-schemas.ts'
export type { Contact, Instance, Licence, LicenceType } from './tenancy/tenancy-schemas.ts'
export { TRIAL_DAYS } from './tenancy/licence-service.ts'
export { toUserView } from './tenancy/user-service.ts'
export type { UserView } from './tenancy/user-service.ts'
export {
  AUDIENCES,
  BASE_PACKAGES,
  FEATURE_MATRIX,
  PACKAGES,
  PORTAL_TYPES,
  featuresOf,
  installOrder,
  missingPrerequisites,
  packagesFor,
} from './portals/portal-catalogue.ts'
export type { AudienceId, PackageId, PortalTypeId } from './portals/portal-catalogue.ts'
export { RESERVED_SUBDOMAINS, checkSubdomain } from './portals/subdomain.ts'
export {
  STEP_IDS,
  changeValuesSchema,
  configureHubSchema,
  provisionSchema,
  updateHubKeySchema,
  updatePortalSchema,
} from './portals/portal-schemas.ts'
export type { ProvisioningJob, StepId } from './portals/portal-schemas.ts'
export { BEACON_TOKEN_TTL_SECONDS } from './portals/hub-binding.ts'
export type { FaultPoint, ProvisioningFaults } from './portals/provisioning-runner.ts'
export type { PortalModuleOptions } from './portals/portal-module.ts'
export type { PackageView, PortalService, PortalView } from './portals/portal-service.ts'
export { seedDemoPortal } from './portals/demo-portal.ts'
export type { DemoPortal } from './portals/demo-portal.ts'
export { SITE_MARKERS, SITE_RECORD_KINDS, siteRecordSchema } from './sites/site-records.ts'
export type { SiteRecord, SiteRecordKind } from './sites/site-records.ts'
export { renderNotice } from './sites/site-renderer.ts'
export type { BeaconItem, SiteResponse } from './sites/site-renderer.ts'
export { SESSION_TTL_SECONDS } from './sites/site-service.ts'
export type { SiteService } from './sites/site-service.ts'
export { sampleContacts } from './sites/site-packages.ts'
export { deterministicUuid } from './sites/deterministic-id.ts'
export { uploadFromJson } from './domains/index.ts'
export type { CertificateUpload, CustomDomainFacts, DomainModuleOptions } from './domains/index.ts'
export { parseSecretKey } from './secrets/index.ts'
export type { CheckerService, SiteFetcher } from './checker/index.ts'
export { SHIPPED_CATALOGUE, UPDATE_QUESTION } from './translations/index.ts'
export type { TranslationCatalogue, TranslationService } from './translations/index.ts'
export type { DomainModule } from './domains/index.ts'
