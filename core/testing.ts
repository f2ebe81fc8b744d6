/** What test/ and bench/ open of core beyond its face (index.ts): its internals, for suites and benchmarks only; no module imports this file (test/architecture.test.ts). */
export { createPrincipalService, hashToken } from './admin/principal-service.ts'
export { createPortalCases } from './cases/portal-cases.ts'
export { createCheckerStore, timeOrderedId } from './checker/checker-store.ts'
export { hubSecretFields } from './hubs/hub-record.ts'
export { createBatchingSink } from './ingest/batching-sink.ts'
export { createDurableSink } from './ingest/durable-sink.ts'
export type { DurableSink } from './ingest/durable-sink.ts'
export type { InteractionSink } from './ingest/interaction-sink.ts'
export { createPortalStore } from './portals/portal-store.ts'
export { FILE_TRACKING_SETTING, PAGE_TRACKING_SETTING } from './sites/site-tracking.ts'
export { createContactRights, erasureRecordSchema } from './rights/contact-rights.ts'
export { createErasureTombstones, erasureSubject } from './rights/erasure-tombstones.ts'
export { createSecretBox, createSecretSealer, loadOrCreateSecretKey, secretKeyId } from './secrets/index.ts'
export type { AuditEntry } from './store/audit-log.ts'
export { createCaseRepository } from './store/case-repository.ts'
export type { CaseRecord } from './store/case-repository.ts'
export { createChangeFeed } from './store/change-feed.ts'
export { openClickHouse } from './store/clickhouse-client.ts'
export type { ClickHouseHandle } from './store/clickhouse-client.ts'
export { createClickHouseRecordRepository } from './store/clickhouse-record-repository.ts'
export { openControlPlane } from './store/control-plane-db.ts'
export type { ControlPlaneDb } from './store/control-plane-db.ts'
export type { ReadQuery } from './store/read-pool.ts'
export { createDeflectionQueries } from './store/deflection-queries.ts'
export { DEFAULT_ENGINE_ALLOCATOR_CONF } from './store/engine-allocator.ts'
export { REP_READ_NICE, WRITE_NICE } from './store/engine-settings.ts'
export { createInteractionRepository } from './store/interaction-repository.ts'
export type { InteractionRepository } from './store/interaction-repository.ts'
export { encodeInteractionRow, toInteractionRow } from './store/interaction-rows.ts'
export type { InteractionRecord } from './store/interaction-rows.ts'
export {
  MIGRATIONS,
  createLegacyControlPlaneTables,
  migrate,
  migrationStatements,
  schemaMigrationsTable,
} from './store/migrations.ts'
export { createRecordRepository } from './store/record-repository.ts'
export type { RecordCodec } from './store/record-repository.ts'
export { classifyStoreError } from './store/store-errors.ts'
export { generateSyntheticCases, scanPeriodBaseline } from './store/synthetic-cases.ts'
export {
  generateSyntheticInteractions,
  interactionTableParts,
  optimizeInteractions,
} from './store/synthetic-interactions.ts'
export { tableDdl } from './store/table-ddl.ts'
export type { TableShape } from './store/table-ddl.ts'
export { openWriteAheadLog } from './wal/write-ahead-log.ts'
export type {
  WalFileHandle,
  WalFileSystem,
  WriteAheadLog,
  WriteAheadLogOptions,
} from './wal/write-ahead-log.ts'
export { CHECKS } from './checker/check-registry.ts'
export { SKIPPED_CHECKS_NOTE } from './checker/check-runner.ts'
export { said, say, sentenceOf } from './checker/check-text.ts'
export { oidcIdentitySchema } from './sites/oidc-records.ts'
export type { PackageId } from './portals/portal-catalogue.ts'
export { packageRecords, sampleRecords } from './sites/site-packages.ts'
export { toSite } from './sites/site-repository.ts'
