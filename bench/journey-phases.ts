// The runner's journey phases (6): journey reads through the API over the generated table,
// right after loading and after OPTIMIZE … FINAL, each beside the direct store query of the
// same contacts and windows in a process of its own; one at a time and eight at once.
import { interactionTableParts, openClickHouse, optimizeInteractions } from '../core/testing.ts'
import { type BenchRun, LOADER_MEMORY_BYTES, runScript } from './bench-setup.ts'
import { type LoadResult, alternate, contactSequence, cpuSecondsOf, fmt, load, say } from './bench-support.ts'
import { contactId } from './payloads.js'
import type { WatchedServer } from './server-memory.ts'

/** One-at-a-time and eight-at-once journey runs alternate this many times each. */
const ROUNDS = 4

/** Journeys one at a time and eight at once, pooled over the rounds, with the CPU per read. */
export type JourneyPair = { single: LoadResult; concurrent: LoadResult; cpuMicrosPerRequest: number }

const pairLine = (r: JourneyPair) =>
  `one at a time p50 ${fmt(r.single.latencyMs.p50, 2)} ms, p95 ${fmt(r.single.latencyMs.p95, 2)} ms, ${fmt(r.single.requestsPerSecond)}/s; 8 at once ${fmt(r.concurrent.requestsPerSecond)}/s`

/** The direct store query of the same contacts and windows, in a process of its own on the data dir. */
export async function directJourney(bench: BenchRun, label: string): Promise<JourneyPair> {
  const { options } = bench
  say(`   direct store query (${label}), 1 and 8 at a time, ${options.journeyS} s each`)
  const child = await runScript(bench, [
    'bench/direct-journey.ts',
    bench.dataDir,
    bench.hubId,
    String(options.contacts),
    String(bench.now),
    String(options.journeyS),
    String(ROUNDS),
  ])
  if (child.code !== 0) throw new Error(`direct journey failed:\n${child.output}`)
  const r = JSON.parse(child.lastLine) as JourneyPair
  say(`   direct: ${pairLine(r)}`)
  return r
}

/**
 * Journey reads through the API, of the contacts the direct query reads, in the same
 * order: each load made by the returned function starts that order again.
 */
export function journeyLoad(bench: BenchRun): (connections: number, seconds: number) => Promise<LoadResult> {
  const next = contactSequence(bench.options.contacts)
  const before = encodeURIComponent(new Date(bench.now).toISOString())
  return (conns, seconds) =>
    load({
      url: bench.base,
      method: 'GET',
      headers: { authorization: bench.sendToken },
      body: () => undefined,
      path: () => `/v1/hubs/${bench.hubId}/contacts/${contactId(next())}/journey?before=${before}&window=P7D`,
      connections: conns,
      seconds,
    })
}

/** Journeys through the API one at a time (latency) and eight at once (throughput), alternating. */
export async function journeyRun(
  bench: BenchRun,
  label: string,
  pid: number | undefined,
): Promise<JourneyPair> {
  const run = journeyLoad(bench)
  await run(1, 0.5)
  const cpu0 = cpuSecondsOf(pid)
  const pair = await alternate(ROUNDS, bench.options.journeyS, run)
  const cpuMicrosPerRequest = ((cpuSecondsOf(pid) - cpu0) * 1e6) / (pair.single.ok + pair.concurrent.ok)
  const r = { ...pair, cpuMicrosPerRequest }
  say(`   API (${label}): ${pairLine(r)}, p95 ${fmt(r.concurrent.latencyMs.p95, 2)} ms`)
  return r
}

/**
 * 6b. The same reads after OPTIMIZE … FINAL, done while the server is down: the direct
 * query first, then the API on the server started again.
 */
export async function journeysAfterOptimize(bench: BenchRun, server: WatchedServer): Promise<void> {
  const { results } = bench
  const ch = await openClickHouse({
    kind: 'embedded',
    dataDir: bench.dataDir,
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
  results.journeyDirectAfterOptimize = await directJourney(bench, 'after OPTIMIZE FINAL')
  server.phase = '6. journeys after OPTIMIZE FINAL'
  const child = await server.start()
  results.journeyAfterOptimize = await journeyRun(bench, 'after OPTIMIZE FINAL', child.process.pid)
  await server.finish(child)
}
