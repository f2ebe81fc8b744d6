-- migration record
CREATE TABLE IF NOT EXISTS schema_migrations ON CLUSTER casetrail
(
    `version` UInt32,
    `name` String,
    `applied_at` DateTime64(3, 'UTC')
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/{database}/{table}', '{replica}')
ORDER BY version;

-- migration 1
CREATE TABLE IF NOT EXISTS interactions_local ON CLUSTER casetrail
(
    `hub_id` LowCardinality(String),
    `contact_id` UUID,
    `ts` DateTime64(3, 'UTC'),
    `interaction_id` UUID,
    `type` LowCardinality(String),
    `portal_id` UUID,
    `session_id` String,
    `item_id` String,
    `title` String,
    `language` LowCardinality(String),
    `raw` String CODEC(ZSTD(3)),
    `received_at` DateTime64(3, 'UTC')
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(ts)
ORDER BY (hub_id, contact_id, ts, interaction_id)
SETTINGS index_granularity = 256;

-- migration 1
CREATE TABLE IF NOT EXISTS interactions ON CLUSTER casetrail AS interactions_local
ENGINE = Distributed(casetrail, currentDatabase(), interactions_local, cityHash64(hub_id, contact_id));

-- migration 1
CREATE TABLE IF NOT EXISTS quarantine_local ON CLUSTER casetrail
(
    `hub_id` LowCardinality(String),
    `received_at` DateTime64(3, 'UTC'),
    `code` LowCardinality(String),
    `path` String,
    `message` String,
    `raw` String CODEC(ZSTD(3))
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMMDD(received_at)
ORDER BY (hub_id, received_at)
TTL toDateTime(received_at) + toIntervalDay(30);

-- migration 1
CREATE TABLE IF NOT EXISTS quarantine ON CLUSTER casetrail AS quarantine_local
ENGINE = Distributed(casetrail, currentDatabase(), quarantine_local, cityHash64(hub_id));

-- migration 8
ALTER TABLE quarantine_local ON CLUSTER casetrail
    (ADD COLUMN IF NOT EXISTS `stage` LowCardinality(String) DEFAULT 'edge' AFTER received_at);

-- migration 8
ALTER TABLE quarantine ON CLUSTER casetrail
    (ADD COLUMN IF NOT EXISTS `stage` LowCardinality(String) DEFAULT 'edge' AFTER received_at);

-- migration 12
CREATE TABLE IF NOT EXISTS cases_local ON CLUSTER casetrail
(
    `hub_id` LowCardinality(String),
    `contact_id` UUID,
    `created_at` DateTime64(3, 'UTC'),
    `case_id` UUID,
    `case_number` Nullable(String),
    `portal_id` Nullable(UUID),
    `title` Nullable(String),
    `status` Nullable(String),
    `category` Nullable(String),
    `description` Nullable(String) CODEC(ZSTD(3)),
    `source` LowCardinality(String),
    `reported_at` DateTime64(3, 'UTC'),
    INDEX case_id_bloom case_id TYPE bloom_filter GRANULARITY 1,
    INDEX created_at_minmax created_at TYPE minmax GRANULARITY 1
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', reported_at)
PARTITION BY toYYYYMM(created_at)
ORDER BY (hub_id, contact_id, created_at, case_id)
SETTINGS index_granularity = 1024;

-- migration 12
CREATE TABLE IF NOT EXISTS cases ON CLUSTER casetrail AS cases_local
ENGINE = Distributed(casetrail, currentDatabase(), cases_local, cityHash64(hub_id, contact_id));

-- migration 16
ALTER TABLE quarantine_local ON CLUSTER casetrail
    (ADD COLUMN IF NOT EXISTS `id` UUID DEFAULT generateUUIDv4() FIRST );

-- migration 16
ALTER TABLE quarantine ON CLUSTER casetrail
    (ADD COLUMN IF NOT EXISTS `id` UUID DEFAULT generateUUIDv4() FIRST );

-- migration 16
ALTER TABLE quarantine_local ON CLUSTER casetrail
    (MATERIALIZE COLUMN id)
SETTINGS mutations_sync = 2;

-- migration 17
ALTER TABLE interactions_local ON CLUSTER casetrail
    (MODIFY SETTING max_compress_block_size = 262144, min_compress_block_size = 16384);

-- migration 18
ALTER TABLE interactions_local ON CLUSTER casetrail
    (ADD COLUMN IF NOT EXISTS `helpful` Nullable(Bool) AFTER language),
    (ADD COLUMN IF NOT EXISTS `result_count` Nullable(UInt64) AFTER helpful);

-- migration 18
ALTER TABLE interactions ON CLUSTER casetrail
    (ADD COLUMN IF NOT EXISTS `helpful` Nullable(Bool) AFTER language),
    (ADD COLUMN IF NOT EXISTS `result_count` Nullable(UInt64) AFTER helpful);

-- migration 19
ALTER TABLE interactions_local ON CLUSTER casetrail
    (ADD COLUMN IF NOT EXISTS `retention_days` UInt16 DEFAULT 395);

-- migration 19
ALTER TABLE interactions ON CLUSTER casetrail
    (ADD COLUMN IF NOT EXISTS `retention_days` UInt16 DEFAULT 395);

-- migration 19
ALTER TABLE interactions_local ON CLUSTER casetrail
    (MODIFY TTL toDateTime(ts) + toIntervalDay(retention_days))
SETTINGS materialize_ttl_after_modify = 0;

-- migration 19
ALTER TABLE interactions_local ON CLUSTER casetrail
    (MODIFY SETTING materialize_ttl_recalculate_only = 1);

-- migration 19
ALTER TABLE cases_local ON CLUSTER casetrail
    (ADD COLUMN IF NOT EXISTS `retention_days` UInt16 DEFAULT 395);

-- migration 19
ALTER TABLE cases ON CLUSTER casetrail
    (ADD COLUMN IF NOT EXISTS `retention_days` UInt16 DEFAULT 395);

-- migration 19
ALTER TABLE cases_local ON CLUSTER casetrail
    (MODIFY TTL toDateTime(created_at) + toIntervalDay(retention_days))
SETTINGS materialize_ttl_after_modify = 0;

-- migration 19
ALTER TABLE cases_local ON CLUSTER casetrail
    (MODIFY SETTING materialize_ttl_recalculate_only = 1);

-- merge interactions
OPTIMIZE TABLE interactions_local ON CLUSTER casetrail FINAL;

-- delete from interactions
DELETE FROM interactions_local ON CLUSTER casetrail WHERE (hub_id = {hub:String}) AND (contact_id = {contact:UUID});

-- merge cases
OPTIMIZE TABLE cases_local ON CLUSTER casetrail FINAL;

-- delete from cases
DELETE FROM cases_local ON CLUSTER casetrail WHERE (hub_id = {hub:String}) AND (contact_id = {contact:UUID});

-- merge quarantine
OPTIMIZE TABLE quarantine_local ON CLUSTER casetrail FINAL;

-- delete from quarantine
DELETE FROM quarantine_local ON CLUSTER casetrail WHERE (hub_id = {hub:String}) AND (contact_id = {contact:UUID});
