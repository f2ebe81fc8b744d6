import { createSitePages } from '../../portal-sites/index.ts'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Writable } from 'node:stream'
import {
  type Core,
  type DurabilityOptions,
  type ReadinessOptions,
  createMetrics,
  createSasToken,
  ingestMetricsObserver,
  openCore,
} from '../../core/index.ts'
import type { InteractionRepository } from '../../core/testing.ts'
import type { InteractionSink } from '../../core/testing.ts'
import { type WidgetRouteOptions, createApp } from '../../ingest/index.ts'
import { createLogger } from '../../ingest/testing.ts'
import { openForFile } from './file-fixture.ts'

/** A hub as the admin API answers it. */
export interface TestHub {
  id: string
  name: string
  keys: Array<{ keyName: string; rights: string[]; primaryKey: string; secondaryKey: string }>
}

/**
 * The write-ahead log's settings in tests: the production path with 1 MiB
 * segments, so that each core a test opens zero-fills 2 MiB (a segment and
 * its spare) rather than 32 MiB on a disk the whole suite shares.
 */
export const TEST_DURABILITY = { walSegmentBytes: 1024 * 1024 } as const

const pgliteVersion = (): string => {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite')
  return (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string })
    .version
}

/**
 * The control plane in tests: the embedded database, copied from one
 * initialised once per machine and PGlite version (initdb takes seconds;
 * a copy tens of milliseconds), then migrated as on any first start.
 */
export const TEST_CONTROL_PLANE = {
  template: join(tmpdir(), `casetrail-control-plane-template-pglite-${pgliteVersion()}`),
} as const

/** The public URL tests run under. */
export const PUBLIC_URL = 'http://casetrail.test'

/** A logger whose every line is kept, so tests can read what was logged. */
export function memoryLogger(level = 'debug') {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk))
      done()
    },
  })
  return { log: createLogger({ level, destination }), lines }
}

/** A fresh temporary data directory. */
export const tempDataDir = (): string => mkdtempSync(join(tmpdir(), 'casetrail-test-'))

/**
 * Opens core on a real embedded ClickHouse in `dataDir` and builds the app
 * around it, with a bootstrap admin whose token is returned.
 */
export async function startTestCore(
  options: {
    dataDir?: string
    clock?: () => number
    /**
     * Replaces the durable sink core opens; only where a test says why.
     * Everything else runs the production path: write-ahead log + flusher.
     */
    sink?: (repository: InteractionRepository) => InteractionSink
    /** The log and flusher's settings (flushes every 5 ms unless told otherwise), and store faults to inject. */
    durability?: DurabilityOptions
    readiness?: ReadinessOptions
    maxInFlightIngest?: number
    /** Per-hub and per-token in-flight limits and the ingest body timeout. */
    ingest?: NonNullable<Parameters<typeof createApp>[0]['ingest']>
    /** Serve `/metrics` from a fresh registry, with this scrape token. */
    metricsToken?: string
    /**
     * A ClickHouse server to store events in (the `CLICKHOUSE_URL` path); the
     * write-ahead log and the secret key stay under the data directory.
     */
    server?: { url: string; database: string; cluster?: string }
    /** The widget's files and demo case page. */
    widget?: WidgetRouteOptions
    /** Time bound of one insight read, in seconds. */
    insightMaxSeconds?: number
    /** A shared control plane (`DATABASE_URL`) instead of the embedded one, with the key every node seals with. */
    controlPlane?: { databaseUrl: string; secretKey: Buffer }
  } = {},
) {
  const dataDir = options.dataDir ?? tempDataDir()
  const { log, lines } = memoryLogger()
  const metrics = options.metricsToken ? createMetrics() : undefined
  const core: Core = await openCore({
    sitePages: createSitePages(),
    store: options.server ? { kind: 'server', ...options.server } : { kind: 'embedded', dataDir },
    ...(options.server ? { dataDir, secretKeyDir: dataDir } : {}),
    publicUrl: PUBLIC_URL,
    log,
    clock: options.clock,
    sink: options.sink,
    durability: {
      ...TEST_DURABILITY,
      flushIntervalMs: 5,
      retry: { minMs: 10, maxMs: 100 },
      ...options.durability,
    },
    readiness: options.readiness,
    insightMaxSeconds: options.insightMaxSeconds,
    observer: metrics ? ingestMetricsObserver(metrics) : undefined,
    controlPlane: options.controlPlane
      ? { databaseUrl: options.controlPlane.databaseUrl }
      : TEST_CONTROL_PLANE,
    ...(options.controlPlane ? { secretKey: options.controlPlane.secretKey } : {}),
  })
  metrics?.observeEngine(async () => ({ ...(await core.engineMemory()) }))
  const adminToken = 'test-admin-token-0123456789abcdef'
  await core.principals.ensureBootstrapAdmin(adminToken)
  const app = createApp({
    core,
    log,
    maxInFlightIngest: options.maxInFlightIngest,
    widget: options.widget,
    ingest: options.ingest,
    ...(metrics ? { metrics, metricsToken: options.metricsToken } : {}),
  })
  const admin = (path: string, init: RequestInit = {}) =>
    app.request(path, {
      ...init,
      headers: {
        authorization: `Bearer ${adminToken}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    })
  return {
    core,
    app,
    dataDir,
    logLines: lines,
    adminToken,
    admin,
    /** Creates a hub through the admin API, as an admin would. */
    async createHub(name = 'Test hub'): Promise<TestHub> {
      const res = await admin('/v1/admin/hubs', { method: 'POST', body: JSON.stringify({ name }) })
      if (res.status !== 201) throw new Error(`creating a hub answered ${res.status}: ${await res.text()}`)
      return (await res.json()) as TestHub
    },
    /** Posts interactions to a hub with a hub-wide token made from its default key. */
    sendTo: (hub: TestHub, body: unknown, query = '') =>
      app.request(`/v1/hubs/${hub.id}/interactions${query}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey),
        },
        body: JSON.stringify(body),
      }),
    /** Posts a case (or an array of them) to a hub's case route, as a CRM does, with a hub-wide token made from its default key. */
    reportCases: (hub: TestHub, body: unknown) =>
      app.request(`/v1/hubs/${hub.id}/cases`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey),
        },
        body: JSON.stringify(body),
      }),
    /** Waits until everything acknowledged so far, and every refused item, is in ClickHouse (a 202 means logged, not stored). */
    settled: async () => {
      await core.sink.settled()
      await core.quarantine.flush()
    },
    close: () => core.close(),
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  }
}

/** Mints a token for a path under the test PUBLIC_URL. */
export function tokenFor(
  path: string,
  key: string,
  options: { keyName?: string; ttlSeconds?: number; now?: number } = {},
) {
  return createSasToken({
    resourceUri: `${PUBLIC_URL}${path}`,
    keyName: options.keyName ?? 'default',
    key,
    ttlSeconds: options.ttlSeconds ?? 600,
    now: options.now,
  })
}

/**
 * A test core for a whole test file: started before its tests, closed and its
 * data directory removed after them (see {@link openForFile}).
 *
 * @example
 * const t = useTestCore()
 */
export const useTestCore = (options?: Parameters<typeof startTestCore>[0]) =>
  openForFile(
    () => startTestCore(options),
    async (core) => {
      await core.close()
      core.remove()
    },
  )
