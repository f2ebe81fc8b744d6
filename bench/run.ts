// The local benchmark runner (`npm run bench`): starts the real server on a
// temporary data dir and measures, in one run and side by side,
//   1. a bare Hono endpoint answering 204 on the same HTTP stack (the HTTP limit),
//   2. single-beacon ingest (durable 202),
//   3. batched ingest, 100 items per request,
//   4. a direct store insert of the same rows with no HTTP (the storage limit),
//   5. latency of single beacons at a fixed rate of half of (2), beside the bare
//      endpoint at the same rate,
//   6. journey reads over a generated table (10M interactions, 100K contacts),
//      right after loading and after OPTIMIZE … FINAL, beside a direct store query
//      of the same contacts and windows; one at a time and eight at once,
//   7. journey reads while beacons arrive at half the maximum rate, beside idle,
//  7b. journey reads under an ingest flood (4 senders posting 50-item batches as fast as they
//      are answered), beside the same reads idle and the same flood without reads,
//   8. the insight queries (bench/insights-bench.ts) beside a direct scan of the same period,
//  10. (only with --only deflection) every deflection query (bench/deflection-bench.ts) on the
//      table in its deflection mix and 20,000 cases, each beside a direct scan of the same question,
//   9. the server's peak RSS, its anonymous part, and the engine's own memory figures,
//  11. admin reads and writes per second, embedded control plane beside a local Postgres
//      (bench/control-plane.ts; skipped when no Postgres binaries are installed),
// prints a table with the ratios against the targets (issues 14, 21 and 26), each met or
// missed, beside the same figures of a baseline run (--baseline <results JSON>, e.g. one
// made in an older checkout just before), and writes JSON under bench/results/.
//
//   npm run bench                      # the full run (~6 minutes on 2 cores)
//   npm run bench -- --quick           # 1M rows, 5 s phases (~2.5 minutes)
//   npm run bench -- --quick --baseline bench/results/<older run>.json  # side by side with it
//   npm run bench -- --only ingest     # 1-5 and 9; or --only journey (6 and 9), --only mixed (2, 7, 7b, 9);
//                                      # or --only insights (8); --only deflection (10, not in "all":
//                                      # its table mixes in article feedback and sessions)
import { createSitePages } from '../portal-sites/index.ts'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { pino } from 'pino'
import { createSasToken, openCore } from '../core/index.ts'
import {
  generateSyntheticInteractions,
  interactionTableParts,
  openClickHouse,
  optimizeInteractions,
} from '../core/testing.ts'
import {
  type Child,
  type LoadResult,
  ROOT,
  alternate,
  bodyPool,
  combine,
  contactSequence,
  cpuSecondsOf,
  fmt,
  freePort,
  load,
  memoryOf,
  metricsOf,
  progressBar,
  say,
  serverEnv,
  startChild,
  spawnServer,
  stopChild,
  waitFor,
  withCpu,
  withoutLatencies,
} from './bench-support.ts'
import { type BenchResults, report } from './bench-report.ts'
import { type InsightsBenchResult, insightReportRows, runInsightsBench } from './insights-bench.ts'
import { type DeflectionBenchResult, deflectionReportRows, runDeflectionBench } from './deflection-bench.ts'
import { batch, contactId, interaction } from './payloads.js'

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef'

// ---------------------------------------------------------------------------
// Options

const SCENARIOS = [
  'bare',
  'beacon',
  'batch',
  'direct',
  'latency',
  'journey',
  'mixed',
  'flood',
  'insights',
  'control-plane',
  'deflection',
] as const
type Scenario = (typeof SCENARIOS)[number]
const GROUPS: Record<string, Scenario[]> = {
  ingest: ['bare', 'beacon', 'batch', 'direct', 'latency'],
  journey: ['journey'],
  mixed: ['mixed', 'flood'],
  insights: ['insights'],
  deflection: ['deflection'],
  all: SCENARIOS.filter((s) => s !== 'deflection'),
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
    baseline: { type: 'string' },
  },
})

const profile = args.quick
  ? { durationS: 5, warmupS: 1, journeyS: 6, rows: 1_000_000, contacts: 10_000, chunkRows: 250_000 }
  : { durationS: 15, warmupS: 2, journeyS: 12, rows: 10_000_000, contacts: 100_000, chunkRows: 1_000_000 }
const durationS = Number(args.duration ?? profile.durationS)
const rows = Number(args.rows ?? profile.rows)
const contacts = Number(args.contacts ?? profile.contacts)
const connections = Number(args.connections ?? 64)
/** One-at-a-time and eight-at-once journey runs alternate this many times each. */
const ROUNDS = 4
const selected = new Set<Scenario>(
  args.only.split(',').flatMap((name) => {
    const group = GROUPS[name] ?? (SCENARIOS.includes(name as Scenario) ? [name as Scenario] : undefined)
    if (!group)
      throw new Error(`--only takes ${[...Object.keys(GROUPS), ...SCENARIOS].join(', ')}; got ${name}`)
    return group
  }),
)
// Journeys under ingest send beacons at half the measured maximum, so they need it measured.
if (selected.has('mixed')) selected.add('beacon')
const want = (s: Scenario) => selected.has(s)
/**
 * The runner's own engine (generating the table, OPTIMIZE FINAL) is no server:
 * million-row INSERT … SELECTs get room the server's bound does not give.
 */
const LOADER_MEMORY_BYTES = 4 * 2 ** 30
/** The ingest flood of phase 7b (issue 26's measurement): senders, each posting batches of this many. */
const FLOOD_SENDERS = 4
const FLOOD_BATCH = 50
/** Rows per insert in the direct-insert baseline: the server's default CASETRAIL_FLUSH_MAX_ROWS. */
const FLUSH_ROWS = 5_000

// ---------------------------------------------------------------------------
// The run

const results: BenchResults = { peakRssBytes: 0, peakAnonymousBytes: 0, fileBackedBytes: 0 }
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
    sitePages: createSitePages(),
    store: { kind: 'embedded', dataDir, engine: { memoryBytes: LOADER_MEMORY_BYTES } },
    publicUrl: base,
    log: silent,
  })
  const hub = await core.hubs.create('bench')
  await core.principals.ensureBootstrapAdmin(ADMIN_TOKEN)
  const now = Date.now()
  const journeyTable =
    want('journey') || want('mixed') || want('flood') || want('insights') || want('deflection')
  if (journeyTable) {
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
      outcomes: want('deflection'),
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

  /** The direct store query of the same contacts and windows, in a process of its own on the data dir. */
  const directJourney = async (label: string) => {
    say(`   direct store query (${label}), 1 and 8 at a time, ${profile.journeyS} s each`)
    const child = startChild(
      [
        'bench/direct-journey.ts',
        dataDir,
        hub.id,
        String(contacts),
        String(now),
        String(profile.journeyS),
        String(ROUNDS),
      ],
      {},
    )
    children.push(child)
    const code = await child.exited
    if (code !== 0) throw new Error(`direct journey failed:\n${child.output.join('')}`)
    const r = JSON.parse(child.output.join('').trim().split('\n').at(-1) ?? '') as {
      single: LoadResult
      concurrent: LoadResult
      cpuMicrosPerRequest: number
    }
    say(
      `   direct: one at a time p50 ${fmt(r.single.latencyMs.p50, 2)} ms, p95 ${fmt(r.single.latencyMs.p95, 2)} ms, ${fmt(r.single.requestsPerSecond)}/s; 8 at once ${fmt(r.concurrent.requestsPerSecond)}/s`,
    )
    return r
  }
  if (want('journey')) {
    say('6. journey reads right after loading')
    results.journeyDirectAfterLoad = await directJourney('right after loading')
  }

  // 1. The bare endpoint; it stays up for the latency comparison in 5.
  let bare: Child | null = null
  let bareUrl = ''
  const bareRun = (seconds: number, overallRate?: number, conns = connections) =>
    load({
      url: bareUrl,
      method: 'POST',
      headers: jsonHeaders,
      body: beaconBody,
      connections: conns,
      seconds,
      overallRate,
    })
  if (want('bare') || want('beacon')) {
    const barePort = await freePort()
    bare = startChild(['bench/bare-server.ts', String(barePort)], {})
    children.push(bare)
    bareUrl = `http://127.0.0.1:${barePort}/v1/hubs/${hub.id}/interactions`
    await waitFor(bareUrl, bare, (s) => s === 204)
    say(`1. bare Hono 204, ${connections} connections, ${durationS} s`)
    await bareRun(profile.warmupS)
    results.bare = await withCpu(bare.process.pid, () => bareRun(durationS))
  }

  const env = serverEnv(dataDir, port, {
    CASETRAIL_BOOTSTRAP_TOKEN: ADMIN_TOKEN,
    CASETRAIL_FLUSH_MAX_ROWS: String(FLUSH_ROWS),
  })
  // VmHWM gives the peak resident set; its anonymous part (the process's own
  // memory, without libchdb's code pages mapped from disk) and the engine's
  // own figures (from /metrics) are sampled.
  const samplers = new Map<Child, NodeJS.Timeout>()
  const engine = { peakTrackedBytes: 0, last: {} as Record<string, number> }
  /** The phase running now, and the server's last Node figures: where the anonymous peak falls. */
  let phase = 'start'
  let node = { heapBytes: 0, externalBytes: 0 }
  const startServer = async () => {
    const server = await spawnServer(env)
    children.push(server)
    const pid = server.process.pid
    await waitFor(`${base}/ready`, server, (s) => s === 200)
    let ticks = 0
    const sample = () => {
      const m = pid === undefined ? null : memoryOf(pid)
      if (m) {
        if (m.anon > results.peakAnonymousBytes)
          results.peakAnonymousAt = { phase, ...node, engineTrackedBytes: engine.last.tracked ?? 0 }
        results.peakAnonymousBytes = Math.max(results.peakAnonymousBytes, m.anon)
        results.fileBackedBytes = Math.max(results.fileBackedBytes, m.file)
      }
      // The engine's figures once a second: a scrape is a query on the server.
      if (ticks++ % 4 === 0)
        metricsOf(base, true)
          .then((figures) => {
            const parts = Object.fromEntries(
              Object.entries(figures)
                .filter(([k]) => k.startsWith('casetrail_engine_memory_bytes{'))
                .map(([k, v]) => [/part="([^"]+)"/.exec(k)?.[1] ?? k, v]),
            )
            node = {
              heapBytes: figures.nodejs_heap_size_total_bytes ?? 0,
              externalBytes: figures.nodejs_external_memory_bytes ?? 0,
            }
            if (parts.tracked !== undefined) {
              engine.peakTrackedBytes = Math.max(engine.peakTrackedBytes, parts.tracked)
              engine.last = parts
            }
          })
          .catch(() => {})
    }
    samplers.set(server, setInterval(sample, 250))
    return server
  }
  const finishServer = async (server: Child) => {
    const pid = server.process.pid
    const memory = pid === undefined ? null : memoryOf(pid)
    if (memory) results.peakRssBytes = Math.max(results.peakRssBytes, memory.peak)
    clearInterval(samplers.get(server))
    await stopChild(server)
  }

  const before = encodeURIComponent(new Date(now).toISOString())
  /** Journey reads through the API, of the contacts the direct query reads, in the same order. */
  const journeyLoad = () => {
    const next = contactSequence(contacts)
    return (conns: number, seconds: number) =>
      load({
        url: base,
        method: 'GET',
        headers: { authorization: sendToken },
        body: () => undefined,
        path: () => `/v1/hubs/${hub.id}/contacts/${contactId(next())}/journey?before=${before}&window=P7D`,
        connections: conns,
        seconds,
      })
  }
  /** One at a time (latency) and eight at once (throughput), alternating. */
  const journeyRun = async (label: string, pid: number | undefined) => {
    const run = journeyLoad()
    await run(1, 0.5)
    const cpu0 = cpuSecondsOf(pid)
    const pair = await alternate(ROUNDS, profile.journeyS, run)
    const cpuMicrosPerRequest = ((cpuSecondsOf(pid) - cpu0) * 1e6) / (pair.single.ok + pair.concurrent.ok)
    const r = { ...pair, cpuMicrosPerRequest }
    say(
      `   API (${label}): one at a time p50 ${fmt(r.single.latencyMs.p50, 2)} ms, p95 ${fmt(r.single.latencyMs.p95, 2)} ms, ${fmt(r.single.requestsPerSecond)}/s; ` +
        `8 at once ${fmt(r.concurrent.requestsPerSecond)}/s, p95 ${fmt(r.concurrent.latencyMs.p95, 2)} ms`,
    )
    return r
  }

  if (want('journey') || want('beacon') || want('batch') || want('latency') || want('flood')) {
    let server = await startServer()
    // 6a. Journey reads first, right after loading, before ingest adds parts or merges settle.
    phase = '6. journeys right after loading'
    if (want('journey'))
      results.journeyAfterLoad = await journeyRun('right after loading', server.process.pid)
    // 2. Single beacons.
    const beaconRun = (seconds: number, overallRate?: number, conns = connections) =>
      load({
        url: ingestUrl,
        method: 'POST',
        headers: jsonHeaders,
        body: beaconBody,
        connections: conns,
        seconds,
        overallRate,
      })
    if (want('beacon')) {
      phase = '2. single beacons'
      say(`2. single-beacon ingest (durable 202), ${connections} connections, ${durationS} s`)
      await beaconRun(profile.warmupS)
      const m0 = await metricsOf(base)
      const beacon = await withCpu(server.process.pid, () => beaconRun(durationS))
      const m1 = await metricsOf(base)
      const syncs = (m1.casetrail_wal_syncs_total ?? 0) - (m0.casetrail_wal_syncs_total ?? 0)
      results.beacon = { ...beacon, requestsPerSync: syncs > 0 ? beacon.ok / syncs : null }
      say(`   ${fmt(beacon.requestsPerSecond)} req/s, ${fmt(syncs)} syncs`)
    }
    const halfRate = Math.max(1, Math.round((results.beacon?.requestsPerSecond ?? 0) / 2))
    // 5. Latency at half of the measured maximum, beside the bare endpoint at the same rate.
    if (want('latency') && results.beacon) {
      phase = '5. beacons at half rate'
      say(
        `5. single beacons at a fixed ${fmt(halfRate)} req/s (half of the maximum), ${durationS} s; then bare`,
      )
      results.latency = { rate: halfRate, ...(await beaconRun(durationS, halfRate, 32)) }
      if (bare) results.bareLatency = { rate: halfRate, ...(await bareRun(durationS, halfRate, 32)) }
    }
    // 7. Journey reads while beacons arrive at half the maximum rate, beside the same reads idle.
    if (want('mixed') && results.beacon) {
      phase = '7. journeys under beacons'
      say(
        `7. journeys one at a time, idle and then while beacons arrive at ${fmt(halfRate)} req/s, ${profile.journeyS} s each`,
      )
      const idle = await journeyLoad()(1, profile.journeyS)
      const [loaded, beacons] = await Promise.all([
        journeyLoad()(1, profile.journeyS),
        beaconRun(profile.journeyS, halfRate, 32),
      ])
      results.journeyUnderIngest = { rate: halfRate, idle, loaded, beacons }
      say(
        `   idle p95 ${fmt(idle.latencyMs.p95, 2)} ms; under ingest p95 ${fmt(loaded.latencyMs.p95, 2)} ms (${fmt(beacons.requestsPerSecond)} beacons/s)`,
      )
    }
    // 7b. Journey reads under an ingest flood: 4 senders posting 50-item batches as fast as
    // they are answered. Rounds of the flood alone, the reads alone and both at once, so drift
    // falls on all three alike. Targets (issue 26): the reads' p95 under the flood at most 1.5x
    // idle; the flood keeps at least 80 % of its own throughput while the reads run.
    if (want('flood')) {
      phase = '7b. journeys under an ingest flood'
      const floodBodies = bodyPool(args.quick ? 500 : 2_000, () =>
        JSON.stringify(batch(FLOOD_BATCH, { portalId })),
      )
      const flood = (seconds: number) =>
        load({
          url: ingestUrl,
          method: 'POST',
          headers: jsonHeaders,
          body: floodBodies,
          connections: FLOOD_SENDERS,
          seconds,
        })
      const seconds = Math.max(2, profile.journeyS / 2)
      say(
        `7b. journeys one at a time under ${FLOOD_SENDERS} senders of ${FLOOD_BATCH}-item batches; 3 rounds of flood alone, reads alone, both (${fmt(seconds)} s each)`,
      )
      await flood(profile.warmupS)
      const alone: LoadResult[] = []
      const idle: LoadResult[] = []
      const reads: LoadResult[] = []
      const ingest: LoadResult[] = []
      for (let round = 0; round < 3; round++) {
        alone.push(await flood(seconds))
        idle.push(await journeyLoad()(1, seconds))
        const [r, i] = await Promise.all([journeyLoad()(1, seconds), flood(seconds)])
        reads.push(r)
        ingest.push(i)
      }
      results.journeyUnderFlood = {
        batch: FLOOD_BATCH,
        senders: FLOOD_SENDERS,
        floodAlone: combine(alone),
        idle: combine(idle),
        loaded: combine(reads),
        floodUnderReads: combine(ingest),
      }
      const f = results.journeyUnderFlood
      say(
        `   flood alone ${fmt(f.floodAlone.requestsPerSecond * FLOOD_BATCH)} events/s, under reads ${fmt(f.floodUnderReads.requestsPerSecond * FLOOD_BATCH)}; journey p95 idle ${fmt(f.idle.latencyMs.p95, 2)} ms, under the flood ${fmt(f.loaded.latencyMs.p95, 2)} ms`,
      )
    }
    if (bare) await stopChild(bare)
    // 3. Batches of 100.
    if (want('batch')) {
      phase = '3. batches'
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
      results.journeyDirectAfterOptimize = await directJourney('after OPTIMIZE FINAL')
      phase = '6. journeys after OPTIMIZE FINAL'
      server = await startServer()
      results.journeyAfterOptimize = await journeyRun('after OPTIMIZE FINAL', server.process.pid)
      await finishServer(server)
    }
  }
  results.engineMemory = { peakTrackedBytes: engine.peakTrackedBytes, lastBytes: engine.last }

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
      iterations: args.quick ? 10 : 5,
      say,
    })
  // 10. Deflection (bench/deflection-bench.ts), in-process like 8.
  if (want('deflection'))
    results.deflection = await runDeflectionBench({
      dataDir,
      publicUrl: base,
      hubId: hub.id,
      portalId,
      interactions: rows,
      contacts,
      cases: Math.max(1, Math.round(contacts / 5)),
      now,
      iterations: args.quick ? 10 : 5,
      say,
    })
  // 11. The control plane (bench/control-plane.ts): admin reads and writes per second,
  // embedded beside a throwaway local Postgres, in a child process of its own.
  if (want('control-plane')) {
    if (!existsSync('/usr/lib/postgresql/15/bin/initdb') && !process.env.CASETRAIL_PG_BIN) {
      say('11. control plane: skipped (no Postgres binaries: apt-get install postgresql)')
    } else {
      say(
        `11. control plane: admin reads and writes, embedded and on a local Postgres, ${durationS} s rounds`,
      )
      const cp = startChild(['bench/control-plane.ts', String(durationS)], {})
      children.push(cp)
      const code = await cp.exited
      // Last of the run: a failure here is said, and the other phases' figures are still reported.
      if (code === 0) results.controlPlane = JSON.parse(cp.output.join('').trim().split('\n').at(-1) ?? '')
      else say(`   control-plane phase failed (exit ${code}):\n${cp.output.join('')}`)
    }
  }
} finally {
  for (const c of children) await stopChild(c)
  await rm(root, { recursive: true, force: true })
}

// ---------------------------------------------------------------------------
// Report

// A baseline run's figures (its results JSON), shown beside this run's.
const baseline = args.baseline
  ? (JSON.parse(readFileSync(args.baseline, 'utf8')) as { results: BenchResults; startedAt: string })
  : undefined
const { table, ratios } = report(results, {
  rows,
  baseline: baseline?.results,
  extraRows: [
    ...insightReportRows(results.insights as InsightsBenchResult | undefined),
    ...deflectionReportRows(results.deflection as DeflectionBenchResult | undefined),
  ],
})
process.stdout.write(
  `\ncasetrail bench, ${new Date(started).toISOString()}, ${machine.cores} × ${machine.cpu}, Node ${machine.node}, load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(
      ' ',
    )} at the end${baseline ? `; baseline: ${args.baseline} (${baseline.startedAt})` : ''}\n${table}\n`,
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
  `${JSON.stringify({ startedAt: new Date(started).toISOString(), mode: args.quick ? 'quick' : 'full', machine, loadAverage: loadavg(), baseline: args.baseline, options: { durationS, rows, contacts, connections, scenarios: [...selected] }, results, ratios }, withoutLatencies, 2)}\n`,
)
process.stdout.write(`results: ${file}\n`)
