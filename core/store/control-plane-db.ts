import { randomUUID } from 'node:crypto'
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import type { PGlite } from '@electric-sql/pglite'
import type pg from 'pg'
import { CONTROL_PLANE_MIGRATIONS, type ControlPlaneMigration } from './control-plane-migrations.ts'
import { scopeStorage } from './scope-storage.ts'
import { createKeyedSerialWriter } from './serial-writer.ts'

/** Something SQL runs on: the database, or one transaction. */
export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>
}

/**
 * The control plane's database: hubs, principals, portals, jobs… Postgres,
 * embedded (PGlite under the data dir) or shared (`DATABASE_URL`); the same
 * schema and SQL on both.
 */
export interface ControlPlaneDb extends Queryable {
  readonly kind: 'embedded' | 'postgres'
  /**
   * Runs `fn` in one transaction on one connection: committed when it
   * resolves, rolled back when it throws. Inside, use `tx`, never the db
   * (embedded, the db waits for the transaction: that would never end).
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  /** Calls `onPayload` for each NOTIFY on `channel`; resolves to the unsubscribe. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>
  notify(channel: string, payload: string): Promise<void>
  /**
   * Runs `fn` holding the lock `name` on every node: a Postgres advisory lock
   * on a session of its own (shared), behind a per-process queue per name. Embedded, the
   * database is this process's alone (its data dir is locked), so the queue is the lock.
   * `fn` uses the database as usual (not a transaction); the lock ends with it.
   */
  lock<T>(name: string, fn: () => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** Where the control plane lives and what to apply to it. */
export interface ControlPlaneOptions {
  /** `postgres://…`: a shared Postgres. Unset: PGlite in `{dataDir}/control-plane`. */
  databaseUrl?: string
  /** The data directory (the embedded database lives under it). */
  dataDir: string
  /** The migrations to apply (all of them by default). */
  migrations?: readonly ControlPlaneMigration[]
  /**
   * Embedded only: an initialised database directory to copy instead of
   * running initdb (created there on first use). Tests open hundreds of
   * fresh data dirs; initdb costs seconds each, a copy tens of ms.
   */
  template?: string
  /** Told of errors on idle pooled connections (which would otherwise crash the process). */
  onError?: (err: Error) => void
}

/** The embedded database's directory under a data dir. */
export const embeddedControlPlaneDir = (dataDir: string): string => join(dataDir, 'control-plane')

/** The advisory lock key migrations are applied under (`casetrail` as an int8). */
const MIGRATION_LOCK = 0x636173657472
/** Postgres' type id for int8 (bigint): versions and sequence values, read as numbers. */
const INT8_OID = 20

/**
 * Opens the control-plane database and applies its migrations under an
 * advisory lock (one node applies them, the others wait, then find nothing to do).
 *
 * @example
 * const db = await openControlPlane({ dataDir })
 * const { rows } = await db.query<{ n: number }>('SELECT 1 AS n')
 */
export async function openControlPlane(options: ControlPlaneOptions): Promise<ControlPlaneDb> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.onError)
    : await openEmbedded(embeddedControlPlaneDir(options.dataDir), options.template)
  try {
    await applyMigrations(db, options.migrations ?? CONTROL_PLANE_MIGRATIONS)
  } catch (err) {
    await db.db.close().catch(() => undefined)
    throw err
  }
  return db.db
}

/** The migrations recorded as applied, oldest first. */
export async function appliedControlPlaneMigrations(db: Queryable): Promise<number[]> {
  const { rows } = await db.query<{ version: number }>(
    'SELECT version FROM control_plane_migrations ORDER BY version',
  )
  return rows.map((r) => Number(r.version))
}

interface Opened {
  db: ControlPlaneDb
  /** Runs `fn` on one session (advisory locks are per session). */
  session<T>(fn: (session: Queryable) => Promise<T>): Promise<T>
}

async function applyMigrations(opened: Opened, migrations: readonly ControlPlaneMigration[]): Promise<void> {
  await opened.session(async (s) => {
    await s.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    try {
      await s.query(`CREATE TABLE IF NOT EXISTS control_plane_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`)
      const done = new Set(await appliedControlPlaneMigrations(s))
      for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
        if (done.has(m.version)) continue
        // One transaction per migration: a crash leaves it wholly applied or not at all.
        await s.query('BEGIN')
        try {
          for (const statement of m.statements) await s.query(statement)
          await s.query('INSERT INTO control_plane_migrations (version, name) VALUES ($1, $2)', [
            m.version,
            m.name,
          ])
          await s.query('COMMIT')
        } catch (err) {
          await s.query('ROLLBACK')
          throw err
        }
      }
    } finally {
      await s.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
    }
  })
}

async function openPostgres(databaseUrl: string, onError?: (err: Error) => void): Promise<Opened> {
  // Loaded only here: the embedded default never uses it (2-5 MiB of heap and code in the process).
  const { default: pg } = await import('pg')
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  }
  // A connection attempt gives up after 5 s: with Postgres unreachable, an admin request answers
  // 503 control_plane_unavailable instead of waiting for ever (pg's default).
  const pool = new pg.Pool({ connectionString: databaseUrl, types, max: 10, connectionTimeoutMillis: 5_000 })
  pool.on('error', (err) => onError?.(err))
  // Lock sessions have a pool of their own: a holder's work takes connections from the main
  // pool, so holders and waiters can never take all of them and wait on each other.
  const lockPool = new pg.Pool({
    connectionString: databaseUrl,
    types,
    max: 10,
    connectionTimeoutMillis: 5_000,
  })
  lockPool.on('error', (err) => onError?.(err))
  const queue = createKeyedSerialWriter()
  // LISTEN holds a session: one client of its own, opened on the first listen, and opened
  // again (LISTENing on every channel that has handlers) on the next listen after it died.
  let listener: pg.Client | null = null
  const handlers = new Map<string, Set<(payload: string) => void>>()
  const session = async <T>(fn: (s: Queryable) => Promise<T>): Promise<T> => {
    const client = await pool.connect()
    try {
      return await fn(pgQueryable(client))
    } finally {
      client.release()
    }
  }
  const db: ControlPlaneDb = {
    kind: 'postgres',
    query: pgQueryable(pool).query,
    transaction: (fn) =>
      session(async (client) => {
        await client.query('BEGIN')
        try {
          const result = await fn(client)
          await client.query('COMMIT')
          return result
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined)
          throw err
        }
      }),
    async listen(channel, onPayload) {
      if (!listener) {
        const client = new pg.Client({ connectionString: databaseUrl, types, connectionTimeoutMillis: 5_000 })
        const drop = () => {
          if (listener === client) listener = null
        }
        client.on('error', (err) => {
          onError?.(err)
          drop()
        })
        client.on('end', drop)
        client.on('notification', (n) => {
          for (const h of handlers.get(n.channel) ?? []) h(n.payload ?? '')
        })
        await client.connect()
        for (const known of handlers.keys()) await client.query(`LISTEN ${quoteIdent(known)}`)
        listener = client
      }
      let set = handlers.get(channel)
      if (!set) {
        set = new Set()
        handlers.set(channel, set)
        await listener.query(`LISTEN ${quoteIdent(channel)}`)
      }
      set.add(onPayload)
      return async () => {
        set.delete(onPayload)
        if (set.size === 0 && handlers.get(channel) === set) {
          handlers.delete(channel)
          // A dead session listens to nothing already.
          await listener?.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => undefined)
        }
      }
    },
    async notify(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload])
    },
    lock: (name, fn) =>
      queue(name, async () => {
        const client = await lockPool.connect()
        let held = false
        try {
          await client.query('SELECT pg_advisory_lock(hashtext($1))', [name])
          held = true
          return await fn()
        } finally {
          // A failed unlock (connection lost) ends the session, and the lock with it.
          if (held)
            await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined)
          client.release()
        }
      }),
    async close() {
      const l = listener
      listener = null
      await l?.end().catch(() => undefined)
      await lockPool.end()
      await pool.end()
    },
  }
  return { db, session }
}

/**
 * PGlite's start parameters: its defaults without `-F` (fsync off), so a
 * committed change survives a power cut as on any Postgres, and with less of
 * Postgres' shared memory: PGlite allocates it inside its WebAssembly memory
 * and fills it at start, so every byte of it is resident for good. 4 MB of
 * shared buffers (512 pages) rather than 128 (Postgres' default) or 16: the
 * control plane's tables and catalogues are a few MB, and a page that is not in
 * them is read from the file system's cache. `max_connections=4` (the least
 * Postgres accepts beside its 3 reserved ones) rather than 100: PGlite is one
 * session, and the process and lock tables are sized for every connection.
 * Resident WebAssembly memory after open + 300 upserts + 3,000 reads by key:
 * 32 MiB with 16 MB / 100, 20 with 4 MB, 14 with 4 MB / 4 connections
 * (bench/README.md, "Memory of the embedded control plane").
 */
const embeddedStartParams = (pgliteDefaults: readonly string[]): string[] => [
  ...pgliteDefaults.filter((p) => p !== '-F'),
  '-c',
  'shared_buffers=4MB',
  '-c',
  'max_connections=4',
]

async function openEmbedded(dir: string, template?: string): Promise<Opened> {
  if (!existsSync(join(dir, 'PG_VERSION'))) await initEmbedded(dir, template)
  // PGlite's WebAssembly compiled by V8's baseline compiler only (Liftoff). Optimising the
  // hot functions again (TurboFan, V8's default) held 56-77 MiB more at its peak and about
  // 35 MiB more afterwards for the same queries, at no steady speed we could measure
  // (3,000 reads by key: 2.7-4.2 s either way at load 22; docs/scale-out.md). It is a flag of
  // the process: the only other WebAssembly in it is Node's own HTTP client parser (fetch).
  setFlagsFromString('--liftoff-only')
  // Loaded only here: a node on DATABASE_URL never runs it.
  const { PGlite } = await import('@electric-sql/pglite')
  const lite = await PGlite.create({
    dataDir: dir,
    startParams: embeddedStartParams(PGlite.defaultStartParams),
    parsers: { [INT8_OID]: (v: string) => Number(v) },
  })
  // PGlite is one session: a query made on the db inside a transaction would wait for
  // the transaction, which waits for it. Refused with a message instead of a hang.
  const inTransaction = scopeStorage<boolean>()
  const outside = (what: string) => {
    if (inTransaction.getStore())
      throw new Error(`control plane: ${what} on the database inside a transaction; use the transaction's tx`)
  }
  const asQueryable = (q: Pick<PGlite, 'query'>): Queryable => ({
    query: async (text, params) => {
      const r = await q.query(text, params as unknown[])
      return { rows: r.rows as never[] }
    },
  })
  const plain = asQueryable(lite)
  const db: ControlPlaneDb = {
    kind: 'embedded',
    query(text, params) {
      outside('a query')
      return plain.query(text, params)
    },
    transaction(fn) {
      outside('a transaction')
      return lite.transaction((tx) => inTransaction.run(true, () => fn(asQueryable(tx))))
    },
    async listen(channel, onPayload) {
      const stop = await lite.listen(channel, onPayload)
      return () => stop()
    },
    async notify(channel, payload) {
      await db.query('SELECT pg_notify($1, $2)', [channel, payload])
    },
    // The embedded database is this process's alone (its data dir is locked): the queue is the lock.
    lock: createKeyedSerialWriter(),
    close: () => lite.close(),
  }
  return { db, session: (fn) => fn(db) }
}

/** Creations under way in this process, by directory: two opens of one template share one initdb. */
const creating = new Map<string, Promise<void>>()

/**
 * Creates the embedded database in `dir`: copied from `template`, or made by
 * initdb in a child process. initdb runs a second Postgres in the process and
 * peaked at 711-816 MiB RSS (against 199-343 MiB for a later open); in a child,
 * that peak leaves with it. Built aside and renamed, so a crash half-way leaves
 * nothing that looks like a database.
 */
function initEmbedded(dir: string, template?: string): Promise<void> {
  let pending = creating.get(dir)
  if (!pending) {
    pending = createEmbedded(dir, template).finally(() => creating.delete(dir))
    creating.set(dir, pending)
  }
  return pending
}

async function createEmbedded(dir: string, template?: string): Promise<void> {
  if (existsSync(join(dir, 'PG_VERSION'))) return
  const aside = `${dir}.init-${process.pid}-${randomUUID()}`
  mkdirSync(dirname(dir), { recursive: true })
  try {
    if (template) {
      if (!existsSync(join(template, 'PG_VERSION'))) await initEmbedded(template)
      cpSync(template, aside, { recursive: true })
    } else {
      await runInitdb(aside)
    }
    renameSync(aside, dir)
  } catch (err) {
    rmSync(aside, { recursive: true, force: true })
    // Another process made it first (a shared template): theirs is as good.
    if (!existsSync(join(dir, 'PG_VERSION'))) throw err
  }
}

const INITDB_SCRIPT = `
const [url, dir] = process.argv.slice(1)
const { PGlite } = await import(url)
const db = await PGlite.create({ dataDir: dir })
await db.close()
`

async function runInitdb(dir: string): Promise<void> {
  try {
    await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', INITDB_SCRIPT, import.meta.resolve('@electric-sql/pglite'), dir],
      { timeout: 120_000 },
    )
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(
      `control plane: could not create the embedded database in ${dir}: ${(err as Error).message}`,
    )
  }
}

const pgQueryable = (on: pg.Pool | pg.PoolClient): Queryable => ({
  query: async (text, params) => ({ rows: (await on.query(text, params as unknown[])).rows as never[] }),
})

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`
