// The local benchmark runner (`npm run bench`): starts the real server on a
// temporary data dir and measures, in one run and side by side,
//   1. a bare Hono endpoint answering 204 on the same HTTP stack (the HTTP limit),
//   2. single-beacon ingest (durable 202),
//   3. batched ingest, 100 items per request,
//   4. a direct store insert of the same rows with no HTTP (the storage limit),
//   5. p50/p99 latency of single beacons at a fixed rate of half of (2),
//   6. journey reads over a generated table (10M interactions, 100K contacts),
//      right after loading and after OPTIMIZE … FINAL,
//   7. the server's peak RSS,
// prints a table with the ratios 2/1 and 3/4 and writes JSON under bench/results/.
//
//   npm run bench                      # the full run (~3.5 minutes on 2 cores)
//   npm run bench -- --quick           # 1M rows, 5 s phases (~1.5 minutes)
//   npm run bench -- --only ingest     # 1-5 and 7; or --only journey (6 and 7); or --only insights (8)
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { cpus, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { pino } from 'pino'
import {
  createSasToken,
  generateSyntheticInteractions,
  interactionTableParts,
  openClickHouse,
  openCore,
  optimizeInteractions,
} from '../core/index.ts'
import { type InsightsBenchResult, insightReportRows, runInsightsBench } from './insights-bench.ts'
import { batch, contactId, interaction } from './payloads.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef'
const METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef'

// ---------------------------------------------------------------------------
// Options

const SCENARIOS = ['bare', 'beacon', 'batch', 'direct', 'latency', 'journey', 'insights'] as const
type Scenario = (typeof SCENARIOS)[number]
const GROUPS: Record<string, Scenario[]> = {
  ingest: ['bare', 'beacon', 'batch', 'direct', 'latency'],
  journey: ['journey'],
  insights: ['insights'],
  all: [...SCENARIOS],
}

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'all' },
    duration: { type: 'string' },
    rows: { type: 'string' },
    contacts: { type: 'string' },
    connections: { type: 'string' },
    out: { type: 'string' },
  },
})

const profile = args.quick
  ? { durationS: 5, warmupS: 1, journeyS: 5, rows: 1_000_000, contacts: 10_000, chunkRows: 250_000 }
  : { durationS: 15, warmupS: 2, journeyS: 10, rows: 10_000_000, contacts: 100_000, chunkRows: 1_000_000 }
const durationS = Number(args.duration ?? profile.durationS)
const rows = Number(args.rows ?? profile.rows)
const contacts = Number(args.contacts ?? profile.contacts)
const connections = Number(args.connections ?? 64)
const selected = new Set<Scenario>(
  args.only.split(',').flatMap((name) => {
    const group = GROUPS[name] ?? (SCENARIOS.includes(name as Scenario) ? [name as Scenario] : undefined)
    if (!group)
      throw new Error(`--only takes ${[...Object.keys(GROUPS), ...SCENARIOS].join(', ')}; got ${name}`)
    return group
  }),
)
const want = (s: Scenario) => selected.has(s)
/**
 * The runner's own engine (generating the table, OPTIMIZE FINAL) is no server:
 * million-row INSERT … SELECTs get room the server's bound does not give.
 */
const LOADER_MEMORY_BYTES = 4 * 2 ** 30
/** Rows per insert in the direct-insert baseline: the server's default CASETRAIL_FLUSH_MAX_ROWS. */
const FLUSH_ROWS = 5_000

// ---------------------------------------------------------------------------
// Helpers

const say = (line: string) => process.stderr.write(`${line}\n`)
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no free port')
  return address.port
}

function progressBar(label: string) {
  const started = performance.now()
  return (done: number, total: number) => {
    const width = 30
    const filled = Math.round((done / total) * width)
    const rate = done / ((performance.now() - started) / 1000)
    const line = `  ${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round((done / total) * 100)}% ${fmt(done)}/${fmt(total)} rows, ${fmt(rate)} rows/s`
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${done >= total ? '\n' : ''}`)
    else say(line)
  }
}

/**
 * Bodies made before the clock starts and handed out in turn, so the load
 * generator (on the same 2 cores) spends its time sending, not building JSON.
 * Ids repeat once a pool is used up; the server does the same work for a
 * repeat, and the store keeps one row.
 */
function bodyPool(size: number, make: () => string): () => string {
  const pool = Array.from({ length: size }, make)
  let next = 0
  return () => pool[next++ % pool.length]!
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** Peak and current resident set of a process, from /proc (Linux), in bytes. */
function memoryOf(pid: number): { peak: number; current: number; anon: number; file: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
    return { peak: kb('VmHWM'), current: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') }
  } catch {
    return null
  }
}

/** CPU seconds (user + system) a process has used, from /proc (Linux; clock ticks of 1/100 s). */
function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return Number.NaN
  }
}

/** Runs `fn` and adds the server's CPU microseconds per answered request to its result. */
async function withCpu<T extends LoadResult>(
  pid: number | undefined,
  fn: () => Promise<T>,
): Promise<T & { serverCpuMicrosPerRequest: number }> {
  const before = cpuSecondsOf(pid)
  const result = await fn()
  const used = cpuSecondsOf(pid) - before
  return { ...result, serverCpuMicrosPerRequest: (used * 1e6) / Math.max(1, result.ok) }
}

interface Child {
  process: ChildProcess
  output: string[]
  exited: Promise<number | null>
}

function startChild(args: string[], env: Record<string, string>): Child {
  // node --import tsx rather than the tsx wrapper, so signals and /proc figures are the server's own.
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()))
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { process: child, output, exited }
}

async function waitFor(url: string, child: Child, ok: (status: number) => boolean): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.process.exitCode !== null)
      throw new Error(`child exited while starting:\n${child.output.join('')}`)
    try {
      if (ok((await fetch(url, { method: url.endsWith('/interactions') ? 'POST' : 'GET' })).status)) return
    } catch {
      // not listening yet
    }
    await sleep(50)
  }
  throw new Error(`child did not get ready:\n${child.output.join('')}`)
}

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return
  child.process.kill('SIGTERM')
  const code = await Promise.race([child.exited, sleep(30_000).then(() => 'timeout' as const)])
  if (code === 'timeout') child.process.kill('SIGKILL')
}

interface LoadResult {
  requestsPerSecond: number
  ok: number
  non2xx: number
  errors: number
  seconds: number
  latencyMs: { p50: number; p95: number; p99: number; max: number }
}

/** One autocannon run; latencies are taken from every answer at full (sub-ms) resolution. */
async function load(options: {
  url: string
  method: 'GET' | 'POST'
  headers?: Record<string, string>
  body: () => string | undefined
  path?: () => string
  connections: number
  seconds: number
  overallRate?: number
}): Promise<LoadResult> {
  const latencies: number[] = []
  let finish: (result: autocannon.Result) => void = () => {}
  let fail: (err: unknown) => void = () => {}
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve
    fail = reject
  })
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: options.seconds,
      method: options.method,
      headers: options.headers,
      overallRate: options.overallRate,
      ...(options.overallRate ? { ignoreCoordinatedOmission: true } : {}),
      requests: [
        {
          setupRequest: (req) => {
            const body = options.body()
            return {
              ...req,
              ...(body === undefined ? {} : { body }),
              ...(options.path ? { path: options.path() } : {}),
            }
          },
        },
      ],
    },
    (err, result) => (err ? fail(err) : finish(result)),
  )
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode < 300) latencies.push(responseTime)
  })
  const result = await done
  latencies.sort((a, b) => a - b)
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
    },
  }
}

async function metricsOf(base: string): Promise<Record<string, number>> {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`)
  const text = await res.text()
  const out: Record<string, number> = {}
  for (const line of text.split('\n')) {
    const m = /^(casetrail_[a-z_]+(?:_sum|_count|_total)?|casetrail_[a-z_]+) ([0-9.e+-]+)$/.exec(line)
    if (m) out[m[1]!] = Number(m[2])
  }
  return out
}

// ---------------------------------------------------------------------------
// The run

const results: Record<string, unknown> = {}
const started = Date.now()
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  kernel: release(),
  node: process.version,
}
say(
  `casetrail bench (${args.quick ? 'quick' : 'full'}): ${[...selected].join(', ')} on ${machine.cores} × ${machine.cpu}`,
)

const root = await mkdtemp(join(tmpdir(), 'casetrail-bench-'))
const dataDir = join(root, 'server')
const children: Child[] = []
let peakRss = 0
let peakAnon = 0
let fileBacked = 0
process.on('exit', () => {
  for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGKILL')
})

try {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const portalId = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'

  // The hub, created in this process before the server takes the data dir,
  // so that the generated journey table can carry its id.
  say('preparing the data dir')
  const silent = pino({ level: 'silent' })
  const core = await openCore({
    store: { kind: 'embedded', dataDir, engine: { memoryBytes: LOADER_MEMORY_BYTES } },
    publicUrl: base,
    log: silent,
  })
  const hub = await core.hubs.create('bench')
  await core.principals.ensureBootstrapAdmin(ADMIN_TOKEN)
  const now = Date.now()
  if (want('journey') || want('insights')) {
    say(`generating ${fmt(rows)} interactions over ${fmt(contacts)} contacts, 30 days`)
    const t0 = performance.now()
    await generateSyntheticInteractions(core.ch, {
      hubId: hub.id,
      portalId,
      rows,
      contacts,
      from: now - 30 * 86_400_000,
      to: now,
      chunkRows: profile.chunkRows,
      onProgress: progressBar('generate'),
    })
    const seconds = (performance.now() - t0) / 1000
    results.generate = {
      rows,
      contacts,
      seconds,
      rowsPerSecond: rows / seconds,
      parts: (await interactionTableParts(core.ch)).parts,
    }
  }
  await core.close()

  const key = hub.keys[0]!
  const sendToken = createSasToken({
    resourceUri: `${base}/v1/hubs/${hub.id}`,
    keyName: key.keyName,
    key: key.primaryKey,
    ttlSeconds: 7200,
  })
  const ingestUrl = `${base}/v1/hubs/${hub.id}/interactions`
  const beaconBody = bodyPool(args.quick ? 20_000 : 100_000, () => JSON.stringify(interaction({ portalId })))
  const batchBody = bodyPool(args.quick ? 500 : 2_000, () => JSON.stringify(batch(100, { portalId })))
  const jsonHeaders = { 'content-type': 'application/json', authorization: sendToken }

  // 1. The bare endpoint.
  if (want('bare') || want('beacon')) {
    const barePort = await freePort()
    const bare = startChild(['bench/bare-server.ts', String(barePort)], {})
    children.push(bare)
    const bareUrl = `http://127.0.0.1:${barePort}/v1/hubs/${hub.id}/interactions`
    await waitFor(bareUrl, bare, (s) => s === 204)
    const run = (seconds: number) =>
      load({
        url: bareUrl,
        method: 'POST',
        headers: jsonHeaders,
        body: beaconBody,
        connections,
        seconds,
      })
    say(`1. bare Hono 204, ${connections} connections, ${durationS} s`)
    await run(profile.warmupS)
    results.bare = await withCpu(bare.process.pid, () => run(durationS))
    await stopChild(bare)
  }

  const serverEnv = {
    CASETRAIL_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    CASETRAIL_DEMO: '0',
    CASETRAIL_BOOTSTRAP_TOKEN: ADMIN_TOKEN,
    CASETRAIL_METRICS_TOKEN: METRICS_TOKEN,
    LOG_LEVEL: 'warn',
    CASETRAIL_FLUSH_MAX_ROWS: String(FLUSH_ROWS),
  }
  // VmHWM gives the peak resident set; its anonymous part (the process's own
  // memory, without libchdb's code pages mapped from disk) is sampled.
  const samplers = new Map<Child, NodeJS.Timeout>()
  const startServer = async () => {
    const server = startChild(['ingest/main.ts'], serverEnv)
    children.push(server)
    const pid = server.process.pid
    if (pid !== undefined) {
      const sample = () => {
        const m = memoryOf(pid)
        if (m) {
          peakAnon = Math.max(peakAnon, m.anon)
          fileBacked = Math.max(fileBacked, m.file)
        }
      }
      samplers.set(server, setInterval(sample, 250))
    }
    await waitFor(`${base}/ready`, server, (s) => s === 200)
    return server
  }
  const finishServer = async (server: Child) => {
    const pid = server.process.pid
    const memory = pid === undefined ? null : memoryOf(pid)
    if (memory) peakRss = Math.max(peakRss, memory.peak)
    clearInterval(samplers.get(server))
    await stopChild(server)
  }

  /** Journey reads of random contacts: latency one at a time (the target), then throughput with 8 at once. */
  const journeyRun = async (label: string) => {
    const before = encodeURIComponent(new Date(now).toISOString())
    const run = (conns: number) =>
      load({
        url: base,
        method: 'GET',
        headers: { authorization: sendToken },
        body: () => undefined,
        path: () =>
          `/v1/hubs/${hub.id}/contacts/${contactId(Math.floor(Math.random() * contacts))}/journey?before=${before}&window=P7D`,
        connections: conns,
        seconds: profile.journeyS,
      })
    const single = await run(1)
    const concurrent = await run(8)
    say(
      `   ${label}: one at a time p50 ${fmt(single.latencyMs.p50, 2)} ms, p95 ${fmt(single.latencyMs.p95, 2)} ms; ` +
        `8 at once ${fmt(concurrent.requestsPerSecond)} req/s, p95 ${fmt(concurrent.latencyMs.p95, 2)} ms`,
    )
    return { ...single, concurrent }
  }

  if (want('journey') || want('beacon') || want('batch') || want('latency')) {
    let server = await startServer()
    // 6a. Journey reads first, right after loading, before ingest adds parts or merges settle.
    if (want('journey')) {
      say(`6. journey reads, ${fmt(rows)} rows, window P7D, 1 then 8 connections, ${profile.journeyS} s each`)
      results.journeyAfterLoad = await journeyRun('right after loading')
    }
    // 2. Single beacons.
    if (want('beacon') || want('latency')) {
      const run = (seconds: number, overallRate?: number, conns = connections) =>
        load({
          url: ingestUrl,
          method: 'POST',
          headers: jsonHeaders,
          body: beaconBody,
          connections: conns,
          seconds,
          overallRate,
        })
      say(`2. single-beacon ingest (durable 202), ${connections} connections, ${durationS} s`)
      await run(profile.warmupS)
      const m0 = await metricsOf(base)
      const beacon = await withCpu(server.process.pid, () => run(durationS))
      const m1 = await metricsOf(base)
      const syncs = (m1.casetrail_wal_syncs_total ?? 0) - (m0.casetrail_wal_syncs_total ?? 0)
      results.beacon = { ...beacon, requestsPerSync: syncs > 0 ? beacon.ok / syncs : null }
      say(`   ${fmt(beacon.requestsPerSecond)} req/s, ${fmt(syncs)} syncs`)
      // 5. Latency at half of the measured maximum.
      if (want('latency')) {
        const rate = Math.max(1, Math.round(beacon.requestsPerSecond / 2))
        say(`5. single beacons at a fixed ${fmt(rate)} req/s (half of the maximum), ${durationS} s`)
        results.latency = { rate, ...(await run(durationS, rate, 32)) }
      }
    }
    // 3. Batches of 100.
    if (want('batch')) {
      say(`3. batched ingest, 100 per request, 16 connections, ${durationS} s`)
      const run = (seconds: number) =>
        load({
          url: ingestUrl,
          method: 'POST',
          headers: jsonHeaders,
          body: batchBody,
          connections: 16,
          seconds,
        })
      await run(profile.warmupS)
      const m0 = await metricsOf(base)
      const r = await withCpu(server.process.pid, () => run(durationS))
      const m1 = await metricsOf(base)
      // Accepted is what got a durable 202; stored is what the flusher moved into ClickHouse meanwhile.
      const stored = (m1.casetrail_flush_batch_rows_sum ?? 0) - (m0.casetrail_flush_batch_rows_sum ?? 0)
      results.batch = {
        ...r,
        eventsPerSecond: r.requestsPerSecond * 100,
        storedEventsPerSecond: stored / r.seconds,
        logBacklogAfter: m1.casetrail_wal_pending_records,
      }
      say(`   ${fmt(r.requestsPerSecond * 100)} events/s accepted, ${fmt(stored / r.seconds)} stored`)
    }
    const m = await metricsOf(base)
    results.serverMetrics = {
      walPendingRecords: m.casetrail_wal_pending_records,
      walSyncs: m.casetrail_wal_syncs_total,
      flushes: m.casetrail_flush_batch_rows_count,
      meanFlushRows:
        (m.casetrail_flush_batch_rows_sum ?? 0) / Math.max(1, m.casetrail_flush_batch_rows_count ?? 0),
      meanFlushMs:
        ((m.casetrail_flush_duration_seconds_sum ?? 0) /
          Math.max(1, m.casetrail_flush_duration_seconds_count ?? 0)) *
        1000,
      storeErrors: m.casetrail_store_errors_total,
    }
    await finishServer(server)

    // 6b. The same reads after OPTIMIZE … FINAL (done here while the server is down).
    if (want('journey')) {
      const ch = await openClickHouse({
        kind: 'embedded',
        dataDir,
        engine: { memoryBytes: LOADER_MEMORY_BYTES },
      })
      const partsBefore = await interactionTableParts(ch)
      const t0 = performance.now()
      say(`   OPTIMIZE TABLE interactions FINAL (${partsBefore.parts} parts)`)
      await optimizeInteractions(ch)
      const optimizeSeconds = (performance.now() - t0) / 1000
      const partsAfter = await interactionTableParts(ch)
      await ch.close()
      results.optimize = { seconds: optimizeSeconds, partsBefore, partsAfter }
      server = await startServer()
      results.journeyAfterOptimize = await journeyRun('after OPTIMIZE FINAL')
      await finishServer(server)
    }
  }

  // 4. The direct insert, in a process of its own on its own data dir.
  if (want('direct')) {
    say(`4. direct store insert, ${fmt(FLUSH_ROWS)} rows per insert, ${durationS} s`)
    const direct = startChild(
      ['bench/direct-insert.ts', join(root, 'direct'), String(durationS), String(FLUSH_ROWS)],
      {},
    )
    children.push(direct)
    const code = await direct.exited
    const line = direct.output.join('').trim().split('\n').at(-1) ?? ''
    if (code !== 0) throw new Error(`direct insert failed:\n${direct.output.join('')}`)
    results.direct = JSON.parse(line)
  }
  // 8. What preceded cases (bench/insights-bench.ts), in-process while no server holds the data dir.
  if (want('insights'))
    results.insights = await runInsightsBench({
      dataDir,
      publicUrl: base,
      hubId: hub.id,
      portalId,
      contacts,
      now,
      iterations: args.quick ? 10 : 20,
      say,
    })
  results.peakRssBytes = peakRss
  results.peakAnonymousBytes = peakAnon
  results.fileBackedBytes = fileBacked
} finally {
  for (const c of children) await stopChild(c)
  await rm(root, { recursive: true, force: true })
}

// ---------------------------------------------------------------------------
// Report

type Load = LoadResult & {
  eventsPerSecond?: number
  storedEventsPerSecond?: number
  rate?: number
  serverCpuMicrosPerRequest?: number
  concurrent?: LoadResult
}
const cpu = (l?: Load) =>
  l?.serverCpuMicrosPerRequest === undefined ? '' : ` (server CPU ${fmt(l.serverCpuMicrosPerRequest)} us/req)`
const r = results as {
  bare?: Load
  beacon?: Load
  batch?: Load
  latency?: Load
  direct?: { rowsPerSecond: number }
  journeyAfterLoad?: Load
  journeyAfterOptimize?: Load
  generate?: { rows: number; seconds: number; rowsPerSecond: number; parts: number }
  optimize?: { seconds: number; partsBefore: { parts: number }; partsAfter: { parts: number } }
  peakRssBytes: number
  peakAnonymousBytes: number
  fileBackedBytes: number
}
const ratio = (a?: number, b?: number) => (a && b ? a / b : undefined)
const ratios = {
  beaconOverBare: ratio(r.beacon?.requestsPerSecond, r.bare?.requestsPerSecond),
  batchOverDirect: ratio(r.batch?.eventsPerSecond, r.direct?.rowsPerSecond),
}
const verdict = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'met' : 'MISSED')
const rowsOut: Array<[string, string, string, string]> = []
const add = (name: string, value: string, target: string, ok?: boolean) =>
  rowsOut.push([name, value, target, verdict(ok)])
if (r.bare) add('1 bare Hono 204', `${fmt(r.bare.requestsPerSecond)} req/s${cpu(r.bare)}`, '')
if (r.beacon) {
  add('2 single beacon, durable 202', `${fmt(r.beacon.requestsPerSecond)} req/s${cpu(r.beacon)}`, '')
  if (ratios.beaconOverBare !== undefined)
    add('  ratio 2/1', fmt(ratios.beaconOverBare, 2), '>= 0.6', ratios.beaconOverBare >= 0.6)
}
if (r.batch) {
  add('3 batch of 100', `${fmt(r.batch.eventsPerSecond ?? 0)} events/s accepted${cpu(r.batch)}`, '')
  add(
    '  stored meanwhile',
    `${fmt(r.batch.storedEventsPerSecond ?? 0)} events/s (the log holds the rest)`,
    '',
  )
}
if (r.direct) add('4 direct store insert', `${fmt(r.direct.rowsPerSecond)} rows/s`, '')
if (ratios.batchOverDirect !== undefined)
  add('  ratio 3/4', fmt(ratios.batchOverDirect, 2), '>= 0.5', ratios.batchOverDirect >= 0.5)
if (r.latency)
  add(
    `5 latency at ${fmt(r.latency.rate ?? 0)} req/s`,
    `p50 ${fmt(r.latency.latencyMs.p50, 2)} ms, p99 ${fmt(r.latency.latencyMs.p99, 2)} ms`,
    'p99 <= 10 ms',
    r.latency.latencyMs.p99 <= 10,
  )
if (r.journeyAfterLoad)
  add(
    `6 journey, ${fmt(rows)} rows, after load (1 at a time)`,
    `p50 ${fmt(r.journeyAfterLoad.latencyMs.p50, 2)} ms, p95 ${fmt(r.journeyAfterLoad.latencyMs.p95, 2)} ms`,
    'p95 <= 15 ms',
    r.journeyAfterLoad.latencyMs.p95 <= 15,
  )
if (r.journeyAfterOptimize)
  add(
    '  journey, after OPTIMIZE FINAL (1 at a time)',
    `p50 ${fmt(r.journeyAfterOptimize.latencyMs.p50, 2)} ms, p95 ${fmt(r.journeyAfterOptimize.latencyMs.p95, 2)} ms`,
    'p95 <= 15 ms',
    r.journeyAfterOptimize.latencyMs.p95 <= 15,
  )
for (const [label, j] of [
  ['after load', r.journeyAfterLoad],
  ['after OPTIMIZE', r.journeyAfterOptimize],
] as const) {
  if (j?.concurrent)
    add(
      `  journey ${label}, 8 at once`,
      `${fmt(j.concurrent.requestsPerSecond)} req/s, p95 ${fmt(j.concurrent.latencyMs.p95, 2)} ms`,
      '',
    )
}
for (const row of insightReportRows(results.insights as InsightsBenchResult | undefined)) add(...row)
if (r.peakRssBytes)
  add(
    '7 peak RSS (server)',
    `${fmt(r.peakRssBytes / 2 ** 20)} MiB`,
    '<= 512 MiB',
    r.peakRssBytes <= 512 * 2 ** 20,
  )
if (r.peakAnonymousBytes)
  add(
    '  of which anonymous (sampled)',
    `${fmt(r.peakAnonymousBytes / 2 ** 20)} MiB (+ ${fmt(r.fileBackedBytes / 2 ** 20)} MiB mapped from libchdb and other files)`,
    '',
  )

const widths = [0, 1, 2, 3].map((i) => Math.max(...rowsOut.map((row) => row[i]!.length), 6))
const lines = rowsOut.map((row) =>
  row
    .map((cell, i) => cell.padEnd(widths[i]!))
    .join('  ')
    .trimEnd(),
)
process.stdout.write(
  `\ncasetrail bench, ${new Date(started).toISOString()}, ${machine.cores} × ${machine.cpu}, Node ${machine.node}\n${lines.join('\n')}\n`,
)
if (r.generate)
  process.stdout.write(
    `(generated ${fmt(r.generate.rows)} rows in ${fmt(r.generate.seconds, 1)} s, ${fmt(r.generate.rowsPerSecond)} rows/s, ${r.generate.parts} parts` +
      `${r.optimize ? `; OPTIMIZE FINAL ${fmt(r.optimize.seconds, 1)} s, ${r.optimize.partsBefore.parts} -> ${r.optimize.partsAfter.parts} parts` : ''})\n`,
  )

const resultsDir = join(ROOT, 'bench', 'results')
mkdirSync(resultsDir, { recursive: true })
const file =
  args.out ??
  join(
    resultsDir,
    `bench-${args.quick ? 'quick-' : ''}${new Date(started).toISOString().replace(/[:.]/g, '-')}.json`,
  )
writeFileSync(
  file,
  `${JSON.stringify({ startedAt: new Date(started).toISOString(), mode: args.quick ? 'quick' : 'full', machine, options: { durationS, rows, contacts, connections, scenarios: [...selected] }, results, ratios }, null, 2)}\n`,
)
process.stdout.write(`results: ${file}\n`)
