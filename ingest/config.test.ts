import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

describe('loadConfig', () => {
  it('has sane defaults for an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      port: 8787,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:8787',
      dataDir: './data',
      clickhouse: null,
      bootstrapToken: undefined,
      logLevel: 'info',
      demo: true,
      durability: {
        walMaxBytes: 1024 * 1024 * 1024,
        walSegmentBytes: 16 * 1024 * 1024,
        flushMaxRows: 5_000,
        flushIntervalMs: 1_000,
        flushYieldMs: 200,
        shutdownDeadlineMs: 10_000,
      },
    })
  })

  it('reads the engine memory bound and read connections, and names a bad value with what it accepts', () => {
    expect(loadConfig({}).engine).toEqual({
      memoryBytes: 256 * 2 ** 20,
      readConnections: undefined,
      priorities: true,
    })
    expect(loadConfig({ CASETRAIL_ENGINE_PRIORITIES: '0' }).engine.priorities).toBe(false)
    expect(() => loadConfig({ CASETRAIL_ENGINE_PRIORITIES: 'yes' })).toThrow(
      'CASETRAIL_ENGINE_PRIORITIES must be 0 or 1',
    )
    expect(
      loadConfig({ CASETRAIL_ENGINE_MEMORY_BYTES: String(2 ** 30), CASETRAIL_READ_CONNECTIONS: '4' }).engine,
    ).toEqual({ memoryBytes: 2 ** 30, readConnections: 4, priorities: true })
    expect(() => loadConfig({ CASETRAIL_ENGINE_MEMORY_BYTES: '1000' })).toThrow(
      'CASETRAIL_ENGINE_MEMORY_BYTES must be an integer from 67108864 to',
    )
    expect(() => loadConfig({ CASETRAIL_READ_CONNECTIONS: '0' })).toThrow(
      'CASETRAIL_READ_CONNECTIONS must be an integer from 1 to 64 (sessions), got "0"',
    )
  })

  it('trusts X-Forwarded-For only when CASETRAIL_TRUST_PROXY is 1', () => {
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({ CASETRAIL_TRUST_PROXY: '1' }).trustProxy).toBe(true)
    expect(() => loadConfig({ CASETRAIL_TRUST_PROXY: 'yes' })).toThrow('CASETRAIL_TRUST_PROXY must be 0 or 1')
  })

  it('reads the provisioning step pause (0 by default), refusing one past a minute', () => {
    expect(loadConfig({}).provisioningStepDelayMs).toBe(0)
    expect(loadConfig({ CASETRAIL_PROVISIONING_STEP_DELAY_MS: '5000' }).provisioningStepDelayMs).toBe(5000)
    expect(() => loadConfig({ CASETRAIL_PROVISIONING_STEP_DELAY_MS: '60001' })).toThrow(
      'CASETRAIL_PROVISIONING_STEP_DELAY_MS must be an integer from 0 to 60000 (milliseconds), got "60001"',
    )
  })

  it('reads the write-ahead log and flusher keys, and names each bad one with what it accepts', () => {
    const c = loadConfig({
      CASETRAIL_WAL_MAX_BYTES: '67108864',
      CASETRAIL_FLUSH_INTERVAL_MS: '20',
      CASETRAIL_FLUSH_YIELD_MS: '0',
    })
    expect(c.durability).toMatchObject({
      walMaxBytes: 64 * 1024 * 1024,
      flushIntervalMs: 20,
      flushYieldMs: 0,
    })
    expect(() => loadConfig({ CASETRAIL_FLUSH_YIELD_MS: '10001' })).toThrow(
      'CASETRAIL_FLUSH_YIELD_MS must be an integer from 0 to 10000 (milliseconds), got "10001"',
    )
    let error: unknown
    try {
      loadConfig({
        CASETRAIL_WAL_MAX_BYTES: '1GB',
        CASETRAIL_FLUSH_MAX_ROWS: '0',
        CASETRAIL_SHUTDOWN_DEADLINE_MS: '-1',
      })
    } catch (err) {
      error = err
    }
    expect((error as ConfigError).problems).toEqual([
      'CASETRAIL_WAL_MAX_BYTES must be an integer from 1048576 to 1125899906842624 (bytes), got "1GB"',
      'CASETRAIL_FLUSH_MAX_ROWS must be an integer from 1 to 1000000 (rows), got "0"',
      'CASETRAIL_SHUTDOWN_DEADLINE_MS must be an integer from 0 to 600000 (milliseconds), got "-1"',
    ])
  })

  it('reads how long an ingest request waits for reads in flight (25 ms by default, 0: never), refusing one past 10 s', () => {
    expect(loadConfig({}).ingest.readWaitMs).toBe(25)
    expect(loadConfig({ CASETRAIL_INGEST_READ_WAIT_MS: '0' }).ingest.readWaitMs).toBe(0)
    expect(() => loadConfig({ CASETRAIL_INGEST_READ_WAIT_MS: '10001' })).toThrow(
      'CASETRAIL_INGEST_READ_WAIT_MS must be an integer from 0 to 10000 (milliseconds), got "10001"',
    )
  })

  it('reports every bad key at once, naming the value and what is accepted', () => {
    let error: unknown
    try {
      loadConfig({
        PORT: '80a',
        LOG_LEVEL: 'loud',
        CLICKHOUSE_URL: 'ftp://x',
        CASETRAIL_DEMO: 'yes',
        CASETRAIL_BOOTSTRAP_TOKEN: 'short',
      })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems
    expect(problems).toHaveLength(5)
    expect(problems).toContain('PORT must be an integer from 1 to 65535, got "80a"')
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of fatal, error, warn, info/)
    expect(problems.join('\n')).toMatch(/CLICKHOUSE_URL must be an http\(s\) URL, got "ftp:\/\/x"/)
  })

  it('uses a ClickHouse server when CLICKHOUSE_URL is set, and strips a trailing slash from PUBLIC_URL', () => {
    const c = loadConfig({
      CLICKHOUSE_URL: 'http://ch:8123',
      CLICKHOUSE_USER: 'u',
      PUBLIC_URL: 'https://ct.example.com/',
      PORT: '9000',
    })
    expect(c.clickhouse).toEqual({
      url: 'http://ch:8123',
      username: 'u',
      password: undefined,
      database: 'casetrail',
    })
    expect(c.publicUrl).toBe('https://ct.example.com')
    expect(c.port).toBe(9000)
  })

  it('reads CASETRAIL_CLICKHOUSE_CLUSTER beside CLICKHOUSE_URL, and refuses it alone or with a name no DDL can carry', () => {
    const c = loadConfig({ CLICKHOUSE_URL: 'http://ch:8123', CASETRAIL_CLICKHOUSE_CLUSTER: 'casetrail' })
    expect(c.clickhouse).toMatchObject({ url: 'http://ch:8123', cluster: 'casetrail' })
    expect(loadConfig({ CLICKHOUSE_URL: 'http://ch:8123' }).clickhouse).not.toHaveProperty('cluster')
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env)
      } catch (err) {
        return (err as ConfigError).problems.join('\n')
      }
      return ''
    }
    expect(problems({ CASETRAIL_CLICKHOUSE_CLUSTER: 'casetrail' })).toContain(
      'CASETRAIL_CLICKHOUSE_CLUSTER is set but CLICKHOUSE_URL is not',
    )
    expect(
      problems({ CLICKHOUSE_URL: 'http://ch:8123', CASETRAIL_CLICKHOUSE_CLUSTER: "c' ON CLUSTER x --" }),
    ).toContain('CASETRAIL_CLICKHOUSE_CLUSTER must be the name of a cluster')
  })

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', CLICKHOUSE_URL: '' }).clickhouse).toBeNull()
  })
  it('reads the HTTPS port, DNS servers and secret key, and reports bad ones without echoing the key', () => {
    const key = 'ab'.repeat(32)
    const c = loadConfig({
      CASETRAIL_HTTPS_PORT: '8443',
      CASETRAIL_DNS_SERVERS: '127.0.0.1:5353, [::1]:53,1.1.1.1',
      CASETRAIL_SECRET_KEY: key,
    })
    expect(c.httpsPort).toBe(8443)
    expect(c.dnsServers).toEqual(['127.0.0.1:5353', '[::1]:53', '1.1.1.1'])
    expect(c.secretKey?.toString('hex')).toBe(key)
    expect(loadConfig({}).httpsPort).toBeUndefined()
    let error: unknown
    try {
      loadConfig({
        CASETRAIL_HTTPS_PORT: '0',
        CASETRAIL_DNS_SERVERS: 'dns.example:53',
        CASETRAIL_SECRET_KEY: 'hunter2-secret',
      })
    } catch (err) {
      error = err
    }
    const problems = (error as ConfigError).problems.join('\n')
    expect(problems).toContain('CASETRAIL_HTTPS_PORT must be an integer from 1 to 65535, got "0"')
    expect(problems).toContain('CASETRAIL_DNS_SERVERS must be a comma-separated list of host:port')
    expect(problems).toContain('CASETRAIL_SECRET_KEY must be 32 bytes')
    expect(problems).not.toContain('hunter2')
  })
  it('reads previous secret keys for a rotation, and names a bad entry by position, never by value', () => {
    const oldA = 'cd'.repeat(32)
    const oldB = Buffer.alloc(32, 7).toString('base64')
    const c = loadConfig({ CASETRAIL_SECRET_KEY_PREVIOUS: ` ${oldA}, ${oldB} ` })
    expect(c.previousSecretKeys.map((k) => k.toString('hex'))).toEqual([oldA, '07'.repeat(32)])
    expect(loadConfig({}).previousSecretKeys).toEqual([])
    let error: unknown
    try {
      loadConfig({ CASETRAIL_SECRET_KEY_PREVIOUS: `${oldA},hunter2-old-key` })
    } catch (err) {
      error = err
    }
    const problems = (error as ConfigError).problems.join('\n')
    expect(problems).toContain('CASETRAIL_SECRET_KEY_PREVIOUS must be a comma-separated list of 32-byte keys')
    expect(problems).toContain('entry 2 of 2')
    expect(problems).not.toContain('hunter2')
    expect(problems).not.toContain(oldA)
  })

  it('reads DATABASE_URL, and refuses to start without CASETRAIL_SECRET_KEY beside it, saying how to set one', () => {
    const key = 'ab'.repeat(32)
    const url = 'postgres://casetrail:s3cret-pw@db.internal:5432/casetrail'
    expect(loadConfig({}).databaseUrl).toBeUndefined()
    expect(loadConfig({ DATABASE_URL: url, CASETRAIL_SECRET_KEY: key }).databaseUrl).toBe(url)
    let error: unknown
    try {
      loadConfig({ DATABASE_URL: url, PORT: '80a' })
    } catch (err) {
      error = err
    }
    // Reported with every other problem at once.
    const problems = (error as ConfigError).problems.join('\n')
    expect(problems).toContain('CASETRAIL_SECRET_KEY is required when DATABASE_URL is set')
    expect(problems).toContain('openssl rand -hex 32')
    expect(problems).toContain('PORT must be an integer')
    expect(problems).not.toContain('s3cret-pw')
  })

  it('names a DATABASE_URL that is no postgres URL without echoing it', () => {
    let error: unknown
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:s3cret-pw@db/x', CASETRAIL_SECRET_KEY: 'ab'.repeat(32) })
    } catch (err) {
      error = err
    }
    const problems = (error as ConfigError).problems.join('\n')
    expect(problems).toContain('DATABASE_URL must be a postgres:// (or postgresql://) URL')
    expect(problems).not.toContain('s3cret-pw')
  })

  it('reads the job lease and its heartbeat (30 s renewed every 10 s), refusing a heartbeat over half the lease', () => {
    expect(loadConfig({}).jobs).toEqual({ leaseMs: 30_000, heartbeatMs: 10_000 })
    expect(loadConfig({ CASETRAIL_JOB_LEASE_MS: '4000', CASETRAIL_JOB_HEARTBEAT_MS: '1000' }).jobs).toEqual({
      leaseMs: 4_000,
      heartbeatMs: 1_000,
    })
    expect(() => loadConfig({ CASETRAIL_JOB_LEASE_MS: '10000' })).toThrow(
      'CASETRAIL_JOB_HEARTBEAT_MS must be at most half of CASETRAIL_JOB_LEASE_MS',
    )
    expect(() => loadConfig({ CASETRAIL_JOB_LEASE_MS: '500' })).toThrow(
      'CASETRAIL_JOB_LEASE_MS must be an integer from 1000 to 3600000 (milliseconds), got "500"',
    )
  })
})
