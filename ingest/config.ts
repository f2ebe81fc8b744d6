import { type LOG_LEVELS, envSchema } from './config-env.ts'

/** The service's configuration, validated. */
export interface Config {
  port: number
  host: string
  publicUrl: string
  dataDir: string
  /**
   * The shared control plane (`postgres://…`) nodes behind one load balancer
   * point at; unset, the embedded one under the data directory.
   */
  databaseUrl?: string
  /** Background jobs (provisioning) and their leases. */
  jobs: {
    /** How long a node's claim on a job lasts unrenewed; another node takes the job over after. */
    leaseMs: number
    /** How often a running job's lease is renewed and expired ones looked for. */
    heartbeatMs: number
  }
  clickhouse: {
    url: string
    username?: string
    password?: string
    database: string
    /** The cluster the event tables are replicated and sharded over; unset, one server. */
    cluster?: string
  } | null
  bootstrapToken?: string
  /** How long an admin token lives from its issue, in days (a console session: 12 hours at most). */
  adminTokenTtlDays: number
  logLevel: (typeof LOG_LEVELS)[number]
  /** `pretty`: readable lines (the default); `json`: one JSON object a line, for log collectors. */
  logFormat: 'pretty' | 'json'
  /** A line per request (`CASETRAIL_REQUEST_LOG=1`; the default with `LOG_FORMAT=json`), or failures (5xx) only. */
  requestLog: boolean
  /** The share of successful requests logged at info when `requestLog` is on (refusals and failures always are). */
  requestLogSample: number
  demo: boolean
  /** Print fresh demo tokens on this start too, not only on the first (`CASETRAIL_DEMO_TOKENS=1`). */
  demoTokens: boolean
  /** The bearer token Prometheus scrapes `/metrics` with; unset, only admin tokens may. */
  metricsToken?: string
  /** Portals' sites answer at `{subdomain}.{portalsDomain}` (`localhost` by default: no DNS needed). */
  portalsDomain: string
  /** A pause before each provisioning step and package, in ms (0: none); for drills and demos. */
  provisioningStepDelayMs: number
  /** The HTTPS listener's port (custom domains, certificate by SNI); unset, no HTTPS listener. */
  httpsPort?: number
  /** DNS servers CNAME lookups ask (`host:port`); unset, the system's. */
  dnsServers?: string[]
  /** The key secrets at rest are sealed with; unset, one generated into the data directory. */
  secretKey?: Buffer
  /** Keys the stored secrets may still be sealed with after a rotation; sealed again with `secretKey` at start. */
  previousSecretKeys: Buffer[]
  /**
   * Whether casetrail sits behind a reverse proxy whose `X-Forwarded-For`
   * names the visitor; portals' IP restrictions then read it (off by default:
   * they read the TCP peer).
   */
  trustProxy: boolean
  /** Host names the admin API and console answer on; unset, the public URL's host and the loopback names. */
  adminHosts?: string[]
  /** The store's reads and the embedded engine's memory. */
  engine: {
    /** The embedded engine's memory bound (`max_server_memory_usage`); caches are sized from it. */
    memoryBytes: number
    /** Engine sessions (embedded) or sockets (server) reads use at once; unset, one per core, 2 to 8. */
    readConnections?: number
    /** Whether the embedded engine runs reads ahead of its inserts and merges (thread priorities). */
    priorities: boolean
  }
  /** The write-ahead log in front of the store, and the flusher that empties it. */
  durability: {
    /** Bytes the log may hold not yet stored; past it ingest answers 503 with Retry-After. */
    walMaxBytes: number
    walSegmentBytes: number
    flushMaxRows: number
    flushIntervalMs: number
    /** How long the flusher waits for the reads in flight before an insert (0: not at all). */
    flushYieldMs: number
    /** How long shutdown may spend draining the log into the store. */
    shutdownDeadlineMs: number
  }
  /** Fairness of the ingest edge under hostile clients. */
  ingest: {
    /** Ingest requests in flight on this server before 429 `too_many_requests`. */
    maxInFlight: number
    /** …for one hub, before 429 `hub_too_many_requests`. */
    maxInFlightPerHub: number
    /** …for one token's resource (a portal's beacon token), before 429 `token_too_many_requests`. */
    maxInFlightPerToken: number
    /** Items a second one token's resource may send (burst ten seconds' worth), before 429 `token_rate_limited`. */
    ratePerToken: { perSecond: number; burst: number }
    /** Items a second naming one contact (burst a hundred seconds' worth), before 429 `contact_rate_limited`. */
    ratePerContact: { perSecond: number; burst: number }
    /** An ingest body must arrive within this, else 408 `body_timeout`. */
    bodyTimeoutMs: number
    /** The longest an ingest request waits for reps' reads in flight before its own work (0: never). */
    readWaitMs: number
    /** Every request's headers must arrive within this, else the connection is closed (408). */
    headersTimeoutMs: number
  }
  /** When `/ready` answers 503. */
  readiness: {
    /** Records waiting this long with nothing stored is a stalled flusher. */
    stallMs: number
    /** Share of the log's cap (0–1) above which the node is not ready. */
    highWater: number
  }
}

/** Every problem with the environment at once, one line each. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  constructor(readonly problems: string[]) {
    super(`casetrail cannot start; fix the environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/**
 * Reads the configuration from an environment (`process.env` at the entry
 * point) and reports every bad key at once. Nothing else reads the environment.
 *
 * @example
 * const config = loadConfig(process.env) // throws ConfigError listing each problem
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as unset, as shells and .env files often leave them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = envSchema.safeParse(cleaned)
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? '')
        return i.message.includes(key) ? i.message : `${key}: ${i.message}`
      })
  problems.push(...acrossKeys(cleaned))
  if (parsed.success && parsed.data.CASETRAIL_JOB_HEARTBEAT_MS * 2 > parsed.data.CASETRAIL_JOB_LEASE_MS) {
    problems.push(
      `CASETRAIL_JOB_HEARTBEAT_MS must be at most half of CASETRAIL_JOB_LEASE_MS (a lease renewed less often expires under a live job), got ${parsed.data.CASETRAIL_JOB_HEARTBEAT_MS} and ${parsed.data.CASETRAIL_JOB_LEASE_MS}`,
    )
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems)
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    dataDir: e.CASETRAIL_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    jobs: { leaseMs: e.CASETRAIL_JOB_LEASE_MS, heartbeatMs: e.CASETRAIL_JOB_HEARTBEAT_MS },
    clickhouse: e.CLICKHOUSE_URL
      ? {
          url: e.CLICKHOUSE_URL,
          username: e.CLICKHOUSE_USER,
          password: e.CLICKHOUSE_PASSWORD,
          database: e.CLICKHOUSE_DATABASE,
          ...(e.CASETRAIL_CLICKHOUSE_CLUSTER ? { cluster: e.CASETRAIL_CLICKHOUSE_CLUSTER } : {}),
        }
      : null,
    bootstrapToken: e.CASETRAIL_BOOTSTRAP_TOKEN,
    adminTokenTtlDays: e.CASETRAIL_ADMIN_TOKEN_TTL_DAYS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    requestLog: (e.CASETRAIL_REQUEST_LOG ?? (e.LOG_FORMAT === 'json' ? '1' : '0')) === '1',
    requestLogSample: e.CASETRAIL_REQUEST_LOG_SAMPLE,
    demo: e.CASETRAIL_DEMO === '1',
    demoTokens: e.CASETRAIL_DEMO_TOKENS === '1',
    metricsToken: e.CASETRAIL_METRICS_TOKEN,
    portalsDomain: e.PORTALS_DOMAIN.toLowerCase().replace(/\.$/, ''),
    provisioningStepDelayMs: e.CASETRAIL_PROVISIONING_STEP_DELAY_MS,
    httpsPort: e.CASETRAIL_HTTPS_PORT,
    dnsServers: e.CASETRAIL_DNS_SERVERS,
    secretKey: e.CASETRAIL_SECRET_KEY,
    previousSecretKeys: e.CASETRAIL_SECRET_KEY_PREVIOUS,
    trustProxy: e.CASETRAIL_TRUST_PROXY === '1',
    adminHosts: e.CASETRAIL_ADMIN_HOSTS,
    engine: {
      memoryBytes: e.CASETRAIL_ENGINE_MEMORY_BYTES,
      readConnections: e.CASETRAIL_READ_CONNECTIONS,
      priorities: e.CASETRAIL_ENGINE_PRIORITIES === '1',
    },
    durability: {
      walMaxBytes: e.CASETRAIL_WAL_MAX_BYTES,
      walSegmentBytes: e.CASETRAIL_WAL_SEGMENT_BYTES,
      flushMaxRows: e.CASETRAIL_FLUSH_MAX_ROWS,
      flushIntervalMs: e.CASETRAIL_FLUSH_INTERVAL_MS,
      flushYieldMs: e.CASETRAIL_FLUSH_YIELD_MS,
      shutdownDeadlineMs: e.CASETRAIL_SHUTDOWN_DEADLINE_MS,
    },
    ingest: {
      maxInFlight: e.CASETRAIL_INGEST_MAX_IN_FLIGHT,
      maxInFlightPerHub: e.CASETRAIL_INGEST_MAX_IN_FLIGHT_PER_HUB,
      maxInFlightPerToken: e.CASETRAIL_INGEST_MAX_IN_FLIGHT_PER_TOKEN,
      // Bursts of ten seconds' worth per token, a hundred seconds' worth per contact.
      ratePerToken: {
        perSecond: e.CASETRAIL_INGEST_RATE_PER_TOKEN,
        burst: 10 * e.CASETRAIL_INGEST_RATE_PER_TOKEN,
      },
      ratePerContact: {
        perSecond: e.CASETRAIL_INGEST_RATE_PER_CONTACT,
        burst: 100 * e.CASETRAIL_INGEST_RATE_PER_CONTACT,
      },
      bodyTimeoutMs: e.CASETRAIL_INGEST_BODY_TIMEOUT_MS,
      readWaitMs: e.CASETRAIL_INGEST_READ_WAIT_MS,
      headersTimeoutMs: e.CASETRAIL_HEADERS_TIMEOUT_MS,
    },
    readiness: {
      stallMs: e.CASETRAIL_READY_STALL_MS,
      highWater: e.CASETRAIL_READY_LOG_HIGH_WATER / 100,
    },
  }
}

/**
 * Problems no single key has: a shared control plane needs the one secret
 * key every node seals with.
 */
function acrossKeys(env: Record<string, string | undefined>): string[] {
  const problems: string[] = []
  if (env.CASETRAIL_CLICKHOUSE_CLUSTER !== undefined && env.CLICKHOUSE_URL === undefined) {
    problems.push(
      'CASETRAIL_CLICKHOUSE_CLUSTER is set but CLICKHOUSE_URL is not: cluster mode needs a ClickHouse server of that cluster to talk to (the embedded engine is one node). Set CLICKHOUSE_URL to one of its servers or to the load balancer in front of them, or unset CASETRAIL_CLICKHOUSE_CLUSTER',
    )
  }
  if (env.DATABASE_URL !== undefined && env.CASETRAIL_SECRET_KEY === undefined) {
    problems.push(
      'CASETRAIL_SECRET_KEY is required when DATABASE_URL is set: every node sharing the control plane must seal and open secrets with the same key, or one node cannot read what another stored. Generate one once (openssl rand -hex 32), keep it in your secret store, and set CASETRAIL_SECRET_KEY to it on every node',
    )
  }
  return problems
}
