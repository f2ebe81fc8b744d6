import { join } from 'node:path'
import type { CoreLog } from '../core-log.ts'
import { type SecretBox, createSecretBox, loadOrCreateSecretKey } from '../secrets/index.ts'
import { type WalDirLock, lockWalDir } from '../wal/wal-dir-lock.ts'
import { type ClickHouseHandle, type StoreOptions, openClickHouse } from './clickhouse-client.ts'
import { type ControlPlaneDb, openControlPlane } from './control-plane-db.ts'
import { guardControlPlane } from './control-plane-errors.ts'
import { upgradeControlPlane } from './control-plane-upgrade.ts'
import { type ChangeFeed, createChangeFeed } from './change-feed.ts'
import { type JobLeases, createJobLeases } from './job-leases.ts'
import { migrate } from './migrations.ts'

/** What {@link openStores} opens the stores with (a part of `CoreOptions`). */
export interface StoreModuleOptions {
  store: StoreOptions
  log: CoreLog
  /** Where the write-ahead log and the embedded control plane live (default: the embedded store's). */
  dataDir?: string
  /** The write-ahead log's own directory (`<dataDir>/wal` by default). */
  walDir?: string
  /** Whether the write-ahead log is opened at all (a test that replaces the sink says no). */
  lockWal: boolean
  secretKey?: Buffer
  secretKeyDir?: string
  previousSecretKeys?: readonly Buffer[]
  controlPlane?: { databaseUrl?: string; template?: string }
  jobs?: { leaseMs?: number }
}

/** The stores core runs on, open, and the one way to close them. */
export interface Stores {
  /** ClickHouse: events (interactions, cases, quarantine). */
  ch: ClickHouseHandle
  /** Postgres: the control plane (embedded PGlite, or DATABASE_URL). */
  db: ControlPlaneDb
  /** Tells every node of the changes to what it caches. */
  feed: ChangeFeed
  leases: JobLeases
  /** Seals secrets at rest with the current key; opens what older keys sealed. */
  box: SecretBox
  /** The data directory of this node (the write-ahead log), when it has one. */
  dataDir: string | undefined
  /** Closes the feed, the control plane and ClickHouse, then lets go of the log's directory. */
  close(): Promise<void>
}

/**
 * Opens what every module stores in, in order, each undone if a later one
 * fails: the write-ahead log's directory lock (a second process stops here),
 * the secret key, ClickHouse with its migrations, the control plane with its
 * change feed and job leases, and the one-time move of an older release's
 * control-plane records.
 *
 * @example const stores = await openStores({ store: { kind: 'embedded', dataDir }, log, lockWal: true })
 */
export async function openStores(options: StoreModuleOptions): Promise<Stores> {
  const embeddedDir = options.store.kind === 'embedded' ? options.store.dataDir : undefined
  const dataDir = options.dataDir ?? embeddedDir
  const undo: (() => Promise<unknown>)[] = []
  const close = async () => {
    for (const step of undo.splice(0).reverse()) await step().catch(() => undefined)
  }
  try {
    // The log's directory is this process's before anything else opens (the embedded engine,
    // the control plane): a second process on it stops here, with the directory's name.
    if (options.lockWal && dataDir !== undefined) {
      const walLock: WalDirLock = await lockWalDir(options.walDir ?? join(dataDir, 'wal'))
      undo.push(() => walLock.release())
    }
    const box = createSecretBox(secretKeyOf(options, embeddedDir), options.previousSecretKeys ?? [])
    const ch = await openClickHouse(options.store)
    undo.push(() => ch.close())
    const applied = await migrate(ch)
    if (applied.length > 0) options.log.info({ applied }, 'applied store migrations')
    if (dataDir === undefined && !options.controlPlane?.databaseUrl)
      throw new Error(
        'openCore needs a dataDir for the embedded control plane when the store is a ClickHouse server',
      )
    // Unreachable, it answers control_plane_unavailable (503, Retry-After), not a socket error.
    const db = guardControlPlane(
      await openControlPlane({
        databaseUrl: options.controlPlane?.databaseUrl,
        dataDir: dataDir ?? '',
        template: options.controlPlane?.template,
        onError: (err) => options.log.warn({ err }, 'control plane: a pooled connection failed'),
      }),
    )
    undo.push(() => db.close())
    // Every node hears of the changes to what it caches (hubs, domains, translations, portals).
    const feed = createChangeFeed({ db, log: options.log })
    undo.push(() => feed.close())
    await feed.start()
    // A data dir an older release wrote keeps its control plane in ClickHouse key-value tables:
    // moved here on the first start, once.
    const moved = await upgradeControlPlane(ch, db)
    if (moved)
      options.log.info(
        { moved },
        'moved the control-plane records from the ClickHouse key-value tables to Postgres (the tables are left as they were)',
      )
    const leases = createJobLeases({ db, leaseMs: options.jobs?.leaseMs ?? 30_000 })
    return { ch, db, feed, leases, box, dataDir, close }
  } catch (err) {
    await close()
    throw err
  }
}

/** The key secrets at rest are sealed with: given, or the one in the key directory (made on first start). */
function secretKeyOf(options: StoreModuleOptions, embeddedDir: string | undefined): Buffer {
  if (options.secretKey) return options.secretKey
  const keyDir = options.secretKeyDir ?? embeddedDir
  if (!keyDir)
    throw new Error('openCore needs secretKey or secretKeyDir when the store is a ClickHouse server')
  const loaded = loadOrCreateSecretKey(keyDir)
  if (loaded.created)
    options.log.info(
      { path: loaded.path },
      'generated the secret key for secrets at rest (mode 0600); back it up with the data',
    )
  return loaded.key
}
