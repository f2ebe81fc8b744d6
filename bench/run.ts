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
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { benchOptions } from './bench-options.ts'
import { type BenchResults, report } from './bench-report.ts'
import { type BenchRun, prepareBench, runScript } from './bench-setup.ts'
import { type Child, ROOT, say, stopChild, withoutLatencies } from './bench-support.ts'
import { type DeflectionBenchResult, deflectionReportRows, runDeflectionBench } from './deflection-bench.ts'
import {
  barePhase,
  batchPhase,
  beaconPhase,
  directInsertPhase,
  latencyPhase,
  serverCounters,
} from './ingest-phases.ts'
import { type InsightsBenchResult, insightReportRows, runInsightsBench } from './insights-bench.ts'
import { directJourney, journeyRun, journeysAfterOptimize } from './journey-phases.ts'
import { journeysUnderBeacons, journeysUnderFlood } from './mixed-phases.ts'
import { watchedServer } from './server-memory.ts'

// The files beside this one hold the phases by idea: bench-setup.ts (the data dir, the hub, the
// bodies), ingest-phases.ts (1-5), journey-phases.ts (6), mixed-phases.ts (7, 7b),
// server-memory.ts (9), insights-bench.ts (8), deflection-bench.ts (10), control-plane.ts (11).
// This file runs them in their order, and reports.

const options = benchOptions()
const { want } = options
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
  `casetrail bench (${options.quick ? 'quick' : 'full'}): ${[...options.selected].join(', ')} on ${machine.cores} × ${machine.cpu}`,
)

const root = await mkdtemp(join(tmpdir(), 'casetrail-bench-'))
const children: Child[] = []
process.on('exit', () => {
  for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGKILL')
})

try {
  const bench = await prepareBench({ options, results, root, children })
  if (want('journey')) {
    say('6. journey reads right after loading')
    results.journeyDirectAfterLoad = await directJourney(bench, 'right after loading')
  }
  // 1. The bare endpoint; it stays up for the latency comparison in 5.
  const bare = want('bare') || want('beacon') ? await barePhase(bench) : null

  const server = watchedServer(bench)
  if (want('journey') || want('beacon') || want('batch') || want('latency') || want('flood')) {
    const child = await server.start()
    // 6a. Journey reads first, right after loading, before ingest adds parts or merges settle.
    server.phase = '6. journeys right after loading'
    if (want('journey'))
      results.journeyAfterLoad = await journeyRun(bench, 'right after loading', child.process.pid)
    if (want('beacon')) {
      server.phase = '2. single beacons'
      await beaconPhase(bench, child)
    }
    if (want('latency') && results.beacon) {
      server.phase = '5. beacons at half rate'
      await latencyPhase(bench, bare)
    }
    if (want('mixed') && results.beacon) {
      server.phase = '7. journeys under beacons'
      await journeysUnderBeacons(bench)
    }
    if (want('flood')) {
      server.phase = '7b. journeys under an ingest flood'
      await journeysUnderFlood(bench, child.process.pid)
    }
    if (bare) await stopChild(bare.child)
    if (want('batch')) {
      server.phase = '3. batches'
      await batchPhase(bench, child)
    }
    await serverCounters(bench)
    await server.finish(child)
    if (want('journey')) await journeysAfterOptimize(bench, server)
  }
  results.engineMemory = server.engineMemory()

  if (want('direct')) await directInsertPhase(bench)
  // 8 and 10 run in-process on the data dir while no server holds it.
  const inProcess = {
    dataDir: bench.dataDir,
    publicUrl: bench.base,
    hubId: bench.hubId,
    portalId: bench.portalId,
    contacts: options.contacts,
    now: bench.now,
    iterations: options.quick ? 10 : 5,
    say,
  }
  // 8. What preceded cases (bench/insights-bench.ts).
  if (want('insights')) results.insights = await runInsightsBench(inProcess)
  // 10. Deflection (bench/deflection-bench.ts), on 20,000 cases in the full run.
  if (want('deflection'))
    results.deflection = await runDeflectionBench({
      ...inProcess,
      interactions: options.rows,
      cases: Math.max(1, Math.round(options.contacts / 5)),
    })
  if (want('control-plane')) await controlPlanePhase(bench)
} finally {
  for (const c of children) await stopChild(c)
  await rm(root, { recursive: true, force: true })
}

/**
 * 11. The control plane (bench/control-plane.ts): admin reads and writes per second,
 * embedded beside a throwaway local Postgres, in a child process of its own.
 */
async function controlPlanePhase(bench: BenchRun): Promise<void> {
  if (!existsSync('/usr/lib/postgresql/15/bin/initdb') && !process.env.CASETRAIL_PG_BIN) {
    say('11. control plane: skipped (no Postgres binaries: apt-get install postgresql)')
    return
  }
  const { durationS } = bench.options
  say(`11. control plane: admin reads and writes, embedded and on a local Postgres, ${durationS} s rounds`)
  const cp = await runScript(bench, ['bench/control-plane.ts', String(durationS)])
  // Last of the run: a failure here is said, and the other phases' figures are still reported.
  if (cp.code === 0) results.controlPlane = JSON.parse(cp.lastLine)
  else say(`   control-plane phase failed (exit ${cp.code}):\n${cp.output}`)
}

// ---------------------------------------------------------------------------
// Report

// A baseline run's figures (its results JSON), shown beside this run's.
const baseline = options.baseline
  ? (JSON.parse(readFileSync(options.baseline, 'utf8')) as { results: BenchResults; startedAt: string })
  : undefined
const { table, ratios } = report(results, {
  rows: options.rows,
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
    )} at the end${baseline ? `; baseline: ${options.baseline} (${baseline.startedAt})` : ''}\n${table}\n`,
)
const resultsDir = join(ROOT, 'bench', 'results')
mkdirSync(resultsDir, { recursive: true })
const file =
  options.out ??
  join(
    resultsDir,
    `bench-${options.quick ? 'quick-' : ''}${new Date(started).toISOString().replace(/[:.]/g, '-')}.json`,
  )
const { durationS, rows, contacts, connections } = options
writeFileSync(
  file,
  `${JSON.stringify({ startedAt: new Date(started).toISOString(), mode: options.quick ? 'quick' : 'full', machine, loadAverage: loadavg(), baseline: options.baseline, options: { durationS, rows, contacts, connections, scenarios: [...options.selected] }, results, ratios }, withoutLatencies, 2)}\n`,
)
process.stdout.write(`results: ${file}\n`)
