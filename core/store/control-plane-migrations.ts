/** One change to the control plane's schema: statements run in one transaction. */
export interface ControlPlaneMigration {
  version: number
  name: string
  statements: readonly string[]
}

/**
 * The control-plane tables: one per record kind, each a document per key with
 * a version that every write increments (If-Match compares it).
 */
export const CONTROL_PLANE_TABLES = [
  'cp_principals',
  'cp_principal_tokens',
  'cp_hubs',
  'cp_profiles',
  'cp_settings',
  'cp_instances',
  'cp_licences',
  'cp_contacts',
  'cp_portals',
  'cp_portal_subdomains',
  'cp_provisioning_jobs',
  'cp_portal_packages',
  'cp_site_records',
  'cp_certificates',
  'cp_host_names',
  'cp_metadata_translations',
  'cp_cases',
  'cp_checker_runs',
  'cp_checker_actions',
  'cp_portal_ideas',
] as const

/** A control-plane record table's name. */
export type ControlPlaneTable = (typeof CONTROL_PLANE_TABLES)[number]

// `COLLATE "C"`: keys order by their bytes, as they did in ClickHouse, so a page read
// (`key > $after ORDER BY key`) and a prefix match (`LIKE 'p%'`, on the index) agree.
// `json`, not `jsonb`: jsonb refuses the NUL character (`\u0000`), which a contact may
// type into a case or an idea; json keeps the text as it came, and nothing queries inside it.
const recordTable = (table: string): string =>
  `CREATE TABLE ${table} (
    key text COLLATE "C" PRIMARY KEY,
    doc json NOT NULL,
    version bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`

/**
 * Every control-plane schema change, oldest first. Append only: never edit
 * one that has been released.
 */
export const CONTROL_PLANE_MIGRATIONS: readonly ControlPlaneMigration[] = [
  {
    version: 1,
    name: 'record tables, case number counters',
    statements: [
      ...CONTROL_PLANE_TABLES.map(recordTable),
      // One counter per instance: `UPDATE … RETURNING` takes the row lock, so numbers are
      // handed out in order, once each, and a rolled-back case leaves a gap, never a repeat.
      `CREATE TABLE case_number_counters (
        scope text COLLATE "C" PRIMARY KEY,
        last bigint NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'change feed, job leases',
    statements: [
      // One counter per cached kind of record, bumped (and NOTIFYed) by every write of that
      // kind: a node that missed a notification sees the counter ahead of what it heard.
      `CREATE TABLE control_plane_changes (
        topic text COLLATE "C" PRIMARY KEY,
        seq bigint NOT NULL
      )`,
      // Who runs a background job, until when: claimed by one node at a time, renewed by its
      // heartbeat, taken over by another node once it expires (database time, not the nodes').
      `CREATE TABLE job_leases (
        job text COLLATE "C" PRIMARY KEY,
        holder text NOT NULL,
        token uuid NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`,
      'CREATE INDEX job_leases_expiry ON job_leases (expires_at)',
    ],
  },
  {
    version: 3,
    name: 'imports from older stores',
    statements: [
      // One row per store a data dir's records were moved from (the ClickHouse key-value
      // tables of releases before this one), written in the move's transaction: it runs once.
      `CREATE TABLE control_plane_imports (
        source text COLLATE "C" PRIMARY KEY,
        records integer NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    version: 4,
    name: 'audit log',
    statements: [
      // One row per admin write request: the entry's head (its parts, migration 5; `core/store/audit-log.ts`).
      // `seq` orders and pages the log; the columns beside the entry are what the filters read.
      `CREATE TABLE audit_log (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        at timestamptz NOT NULL,
        actor_id text COLLATE "C" NOT NULL,
        operation text COLLATE "C" NOT NULL,
        target_type text COLLATE "C" NOT NULL,
        target_id text COLLATE "C",
        instance_id text COLLATE "C",
        entry json NOT NULL
      )`,
      'CREATE INDEX audit_log_target ON audit_log (target_type, target_id, seq)',
      'CREATE INDEX audit_log_at ON audit_log (at)',
      // Append-only: no route edits or deletes an entry, and the database refuses it too.
      // Removing entries is an operator's act in the database (TRUNCATE, which this does not fire on).
      `CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
        END
      $$`,
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    ],
  },
  {
    version: 5,
    name: 'audit entries in the transaction of the change',
    statements: [
      // An entry's parts: each control-plane write of the request appends its changes here in
      // its own transaction (the entry's head in audit_log too, once), and the request's end
      // appends the outcome (with the id a create answered). The entry is its head and its parts.
      `CREATE TABLE audit_log_parts (
        seq bigserial PRIMARY KEY,
        entry_id uuid NOT NULL,
        at timestamptz NOT NULL,
        changes json NOT NULL,
        unlisted integer NOT NULL DEFAULT 0,
        outcome json,
        target_id text COLLATE "C",
        instance_id text COLLATE "C"
      )`,
      'CREATE INDEX audit_log_parts_entry ON audit_log_parts (entry_id, seq)',
      'CREATE INDEX audit_log_parts_target ON audit_log_parts (target_id) WHERE target_id IS NOT NULL',
      `CREATE TRIGGER audit_log_parts_append_only BEFORE UPDATE OR DELETE ON audit_log_parts
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    ],
  },
]
