import { z } from 'zod'
import { parseSecretKey } from '../core/index.ts'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** A whole number of `unit` from `min` to `max`, read from an environment string. */
const integerKey = (key: string, fallback: number, min: number, max: number, unit: string) =>
  z
    .string()
    .default(String(fallback))
    .transform((v, ctx) => {
      const n = Number(v)
      if (!/^\d+$/.test(v) || n < min || n > max) {
        ctx.addIssue({
          code: 'custom',
          message: `${key} must be an integer from ${min} to ${max} (${unit}), got ${JSON.stringify(v)}`,
        })
        return z.NEVER
      }
      return n
    })

const MIB = 1024 * 1024

/** A DNS server as node's Resolver takes it: an IPv4 or bracketed IPv6 address, with an optional port. */
const dnsServerPattern =
  /^(?:(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?|\[[0-9a-fA-F:.]+\](?::\d{1,5})?|[0-9a-fA-F:]*:[0-9a-fA-F:.]+)$/

const envSchema = z.object({
  PORT: z
    .string()
    .default('8787')
    .transform((v, ctx) => {
      const n = Number(v)
      if (!/^\d+$/.test(v) || n < 1 || n > 65535) {
        ctx.addIssue({
          code: 'custom',
          message: `PORT must be an integer from 1 to 65535, got ${JSON.stringify(v)}`,
        })
        return z.NEVER
      }
      return n
    }),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: (i) => `PUBLIC_URL must be an http(s) URL, got ${JSON.stringify(i.input)}`,
    })
    .optional(),
  CASETRAIL_DATA_DIR: z.string().min(1).default('./data'),
  CLICKHOUSE_URL: z
    .url({
      protocol: /^https?$/,
      error: (i) => `CLICKHOUSE_URL must be an http(s) URL, got ${JSON.stringify(i.input)}`,
    })
    .optional(),
  CLICKHOUSE_USER: z.string().optional(),
  CLICKHOUSE_PASSWORD: z.string().optional(),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
      error: 'CLICKHOUSE_DATABASE must be a plain identifier (letters, digits, _)',
    })
    .default('casetrail'),
  CASETRAIL_CLICKHOUSE_CLUSTER: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
      error: (i) =>
        `CASETRAIL_CLICKHOUSE_CLUSTER must be the name of a cluster in the servers' remote_servers (letters, digits, _), got ${JSON.stringify(i.input)}`,
    })
    .optional(),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined
      let url: URL | null = null
      try {
        url = new URL(v)
      } catch {
        url = null
      }
      if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || url.hostname === '') {
        // Never echo the value: it usually carries a password.
        ctx.addIssue({
          code: 'custom',
          message:
            'DATABASE_URL must be a postgres:// (or postgresql://) URL with a host, like postgres://casetrail:password@db.internal:5432/casetrail',
        })
        return z.NEVER
      }
      return v
    }),
  CASETRAIL_JOB_LEASE_MS: integerKey('CASETRAIL_JOB_LEASE_MS', 30_000, 1_000, 3_600_000, 'milliseconds'),
  CASETRAIL_JOB_HEARTBEAT_MS: integerKey(
    'CASETRAIL_JOB_HEARTBEAT_MS',
    10_000,
    100,
    1_800_000,
    'milliseconds',
  ),
  CASETRAIL_BOOTSTRAP_TOKEN: z
    .string()
    .min(24, { error: 'CASETRAIL_BOOTSTRAP_TOKEN must be at least 24 characters' })
    .optional(),
  CASETRAIL_ADMIN_TOKEN_TTL_DAYS: integerKey('CASETRAIL_ADMIN_TOKEN_TTL_DAYS', 90, 1, 3650, 'days'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  CASETRAIL_REQUEST_LOG_SAMPLE: z.coerce
    .number({ error: 'CASETRAIL_REQUEST_LOG_SAMPLE must be a number from 0 to 1' })
    .min(0, { error: 'CASETRAIL_REQUEST_LOG_SAMPLE must be a number from 0 to 1' })
    .max(1, { error: 'CASETRAIL_REQUEST_LOG_SAMPLE must be a number from 0 to 1' })
    .default(1),
  LOG_FORMAT: z
    .enum(['pretty', 'json'], { error: 'LOG_FORMAT must be pretty (readable lines) or json' })
    .default('pretty'),
  CASETRAIL_REQUEST_LOG: z
    .enum(['0', '1'], { error: 'CASETRAIL_REQUEST_LOG must be 0 (failures only) or 1 (a line per request)' })
    .optional(),
  CASETRAIL_DEMO: z.enum(['0', '1'], { error: 'CASETRAIL_DEMO must be 0 or 1' }).default('1'),
  CASETRAIL_DEMO_TOKENS: z.enum(['0', '1'], { error: 'CASETRAIL_DEMO_TOKENS must be 0 or 1' }).default('0'),
  CASETRAIL_METRICS_TOKEN: z
    .string()
    .min(24, { error: 'CASETRAIL_METRICS_TOKEN must be at least 24 characters' })
    .optional(),
  PORTALS_DOMAIN: z
    .string()
    .regex(
      /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i,
      {
        error: (i) =>
          `PORTALS_DOMAIN must be a domain name like portals.example.com (portals answer at {subdomain}.PORTALS_DOMAIN), got ${JSON.stringify(i.input)}`,
      },
    )
    .default('localhost'),
  CASETRAIL_HTTPS_PORT: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined
      const n = Number(v)
      if (!/^\d+$/.test(v) || n < 1 || n > 65535) {
        ctx.addIssue({
          code: 'custom',
          message: `CASETRAIL_HTTPS_PORT must be an integer from 1 to 65535, got ${JSON.stringify(v)}`,
        })
        return z.NEVER
      }
      return n
    }),
  CASETRAIL_DNS_SERVERS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined
      const servers = v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
      const bad = servers.filter((s) => !dnsServerPattern.test(s))
      if (servers.length === 0 || bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `CASETRAIL_DNS_SERVERS must be a comma-separated list of host:port (1.1.1.1:53, [::1]:53, or an IP without a port), got ${JSON.stringify(v)}`,
        })
        return z.NEVER
      }
      return servers
    }),
  CASETRAIL_SECRET_KEY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined
      const key = parseSecretKey(v)
      if (!key) {
        // Never echo the value: it is a secret, even when malformed.
        ctx.addIssue({
          code: 'custom',
          message: `CASETRAIL_SECRET_KEY must be 32 bytes as 64 hexadecimal characters or base64 (openssl rand -hex 32), got ${v.length} characters`,
        })
        return z.NEVER
      }
      return key
    }),
  CASETRAIL_SECRET_KEY_PREVIOUS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return []
      const parts = v.split(',').map((p) => p.trim())
      const keys = parts.map((p) => parseSecretKey(p))
      const bad = keys.flatMap((k, i) => (k ? [] : [i + 1]))
      if (bad.length > 0) {
        // Never echo the values: they are secrets, even when malformed.
        ctx.addIssue({
          code: 'custom',
          message: `CASETRAIL_SECRET_KEY_PREVIOUS must be a comma-separated list of 32-byte keys (64 hexadecimal characters or base64 each); entry ${bad.join(', ')} of ${parts.length} is not one`,
        })
        return z.NEVER
      }
      return keys as Buffer[]
    }),
  CASETRAIL_ADMIN_HOSTS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined
      const hosts = v.split(',').map((h) => h.trim().toLowerCase())
      const bad = hosts.filter((h) => !/^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)$/.test(h))
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `CASETRAIL_ADMIN_HOSTS must be a comma-separated list of host names (admin.example.com, localhost, [::1]), got ${JSON.stringify(v)}`,
        })
        return z.NEVER
      }
      return hosts
    }),
  CASETRAIL_TRUST_PROXY: z.enum(['0', '1'], { error: 'CASETRAIL_TRUST_PROXY must be 0 or 1' }).default('0'),
  CASETRAIL_WAL_MAX_BYTES: integerKey('CASETRAIL_WAL_MAX_BYTES', 1024 * MIB, MIB, 2 ** 50, 'bytes'),
  CASETRAIL_WAL_SEGMENT_BYTES: integerKey('CASETRAIL_WAL_SEGMENT_BYTES', 16 * MIB, 4096, 1024 * MIB, 'bytes'),
  CASETRAIL_FLUSH_MAX_ROWS: integerKey('CASETRAIL_FLUSH_MAX_ROWS', 5_000, 1, 1_000_000, 'rows'),
  CASETRAIL_ENGINE_MEMORY_BYTES: integerKey(
    'CASETRAIL_ENGINE_MEMORY_BYTES',
    256 * MIB,
    64 * MIB,
    2 ** 50,
    'bytes',
  ),
  CASETRAIL_READ_CONNECTIONS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 64) {
        ctx.addIssue({
          code: 'custom',
          message: `CASETRAIL_READ_CONNECTIONS must be an integer from 1 to 64 (sessions), got ${JSON.stringify(v)}`,
        })
        return z.NEVER
      }
      return Number(v)
    }),
  CASETRAIL_PROVISIONING_STEP_DELAY_MS: integerKey(
    'CASETRAIL_PROVISIONING_STEP_DELAY_MS',
    0,
    0,
    60_000,
    'milliseconds',
  ),
  // Each insert is a part the engine parses, writes and merges again: at 1 s a busy server makes
  // 5x fewer, larger inserts than at 200 ms (bench/ab-cpu.ts: ~20 % less server CPU per beacon).
  CASETRAIL_FLUSH_INTERVAL_MS: integerKey('CASETRAIL_FLUSH_INTERVAL_MS', 1_000, 1, 60_000, 'milliseconds'),
  CASETRAIL_INGEST_MAX_IN_FLIGHT: integerKey(
    'CASETRAIL_INGEST_MAX_IN_FLIGHT',
    1024,
    1,
    1_000_000,
    'requests',
  ),
  CASETRAIL_INGEST_MAX_IN_FLIGHT_PER_HUB: integerKey(
    'CASETRAIL_INGEST_MAX_IN_FLIGHT_PER_HUB',
    256,
    1,
    1_000_000,
    'requests',
  ),
  CASETRAIL_INGEST_MAX_IN_FLIGHT_PER_TOKEN: integerKey(
    'CASETRAIL_INGEST_MAX_IN_FLIGHT_PER_TOKEN',
    64,
    1,
    1_000_000,
    'requests',
  ),
  CASETRAIL_INGEST_RATE_PER_TOKEN: integerKey(
    'CASETRAIL_INGEST_RATE_PER_TOKEN',
    1000,
    1,
    10_000_000,
    'items a second',
  ),
  CASETRAIL_INGEST_RATE_PER_CONTACT: integerKey(
    'CASETRAIL_INGEST_RATE_PER_CONTACT',
    10,
    1,
    1_000_000,
    'items a second',
  ),
  CASETRAIL_INGEST_BODY_TIMEOUT_MS: integerKey(
    'CASETRAIL_INGEST_BODY_TIMEOUT_MS',
    5_000,
    100,
    600_000,
    'milliseconds',
  ),
  CASETRAIL_HEADERS_TIMEOUT_MS: integerKey(
    'CASETRAIL_HEADERS_TIMEOUT_MS',
    10_000,
    100,
    600_000,
    'milliseconds',
  ),
  CASETRAIL_READY_STALL_MS: integerKey('CASETRAIL_READY_STALL_MS', 30_000, 1_000, 3_600_000, 'milliseconds'),
  CASETRAIL_READY_LOG_HIGH_WATER: integerKey(
    'CASETRAIL_READY_LOG_HIGH_WATER',
    80,
    1,
    100,
    'percent of CASETRAIL_WAL_MAX_BYTES',
  ),
  CASETRAIL_SHUTDOWN_DEADLINE_MS: integerKey(
    'CASETRAIL_SHUTDOWN_DEADLINE_MS',
    10_000,
    0,
    600_000,
    'milliseconds',
  ),
})

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
  }
  /** The write-ahead log in front of the store, and the flusher that empties it. */
  durability: {
    /** Bytes the log may hold not yet stored; past it ingest answers 503 with Retry-After. */
    walMaxBytes: number
    walSegmentBytes: number
    flushMaxRows: number
    flushIntervalMs: number
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
    },
    durability: {
      walMaxBytes: e.CASETRAIL_WAL_MAX_BYTES,
      walSegmentBytes: e.CASETRAIL_WAL_SEGMENT_BYTES,
      flushMaxRows: e.CASETRAIL_FLUSH_MAX_ROWS,
      flushIntervalMs: e.CASETRAIL_FLUSH_INTERVAL_MS,
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
