/** The environment the service reads: one zod schema, key by key (config.ts turns it into a Config). */
import { z } from 'zod'
import { parseSecretKey } from '../core/index.ts'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

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

/**
 * Every environment key the service reads, with its default, its bounds and
 * the message a bad value gets: `loadConfig` (config.ts) parses the
 * environment with it and reports every problem at once.
 */
export const envSchema = z.object({
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
  // Reads first (issue 26): the embedded engine's writing threads at nice 10, reads at -1 (needs CAP_SYS_NICE).
  CASETRAIL_ENGINE_PRIORITIES: z
    .enum(['0', '1'], { error: 'CASETRAIL_ENGINE_PRIORITIES must be 0 or 1' })
    .default('1'),
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
  // Reads first (issue 26): the flusher lets the reads in flight finish before an insert, up to this long.
  CASETRAIL_FLUSH_YIELD_MS: integerKey('CASETRAIL_FLUSH_YIELD_MS', 200, 0, 10_000, 'milliseconds'),
  // Reads ahead (issue 26): an ingest request waits for reps' reads in flight, up to this long.
  CASETRAIL_INGEST_READ_WAIT_MS: integerKey('CASETRAIL_INGEST_READ_WAIT_MS', 25, 0, 10_000, 'milliseconds'),
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
