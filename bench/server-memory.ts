// Phase 9 of the runner, memory: the server, started and stopped around the phases that load
// it, watched all along. VmHWM gives its peak resident set at each stop; its anonymous part (the
// process's own memory, without libchdb's code pages mapped from disk) is sampled every 250 ms,
// and the engine's own figures (from /metrics) once a second, with the phase in which the
// anonymous peak fell, the server's figures just before it and its resident set by mapping
// then (bench/resident-memory.ts).
import { ADMIN_TOKEN, type BenchRun, FLUSH_ROWS } from './bench-setup.ts'
import {
  type Child,
  memoryOf,
  metricsOf,
  serverEnv,
  spawnServer,
  stopChild,
  waitFor,
} from './bench-support.ts'
import { type ResidentBreakdown, breakdownOf } from './resident-memory.ts'

/** The server of the run's phases, and what its memory did. */
export interface WatchedServer {
  /** Starts the server on the run's data dir and port; resolves once it is ready. */
  start(): Promise<Child>
  /** Reads the server's peak resident set, then stops it. */
  finish(server: Child): Promise<void>
  /** The phase running now: named where the anonymous peak falls. */
  phase: string
  /** The peak of what the engine's memory tracker counted, and its last figures by part. */
  engineMemory(): { peakTrackedBytes: number; lastBytes: Record<string, number> }
}

export function watchedServer(bench: BenchRun): WatchedServer {
  const { results, base } = bench
  const env = serverEnv(bench.dataDir, bench.port, {
    CASETRAIL_BOOTSTRAP_TOKEN: ADMIN_TOKEN,
    CASETRAIL_FLUSH_MAX_ROWS: String(FLUSH_ROWS),
  })
  const samplers = new Map<Child, NodeJS.Timeout>()
  const engine = { peakTrackedBytes: 0, last: {} as Record<string, number> }
  /** The server's last Node figures: where the anonymous peak falls. */
  let node = { heapBytes: 0, externalBytes: 0 }
  const watched: WatchedServer = {
    phase: 'start',
    async start() {
      const server = await spawnServer(env)
      bench.children.push(server)
      const pid = server.process.pid
      await waitFor(`${base}/ready`, server, (s) => s === 200)
      let ticks = 0
      const sample = () => {
        const m = pid === undefined ? null : memoryOf(pid)
        if (m) {
          if (m.anon > results.peakAnonymousBytes && pid !== undefined) {
            let resident: ResidentBreakdown | undefined
            try {
              resident = breakdownOf(pid)
            } catch {
              // exited meanwhile
            }
            results.peakAnonymousAt = {
              phase: watched.phase,
              ...node,
              engineTrackedBytes: engine.last.tracked ?? 0,
              allocatorResidentBytes: engine.last.allocatorResident ?? 0,
              resident,
            }
          }
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
    },
    async finish(server) {
      const pid = server.process.pid
      const memory = pid === undefined ? null : memoryOf(pid)
      if (memory) results.peakRssBytes = Math.max(results.peakRssBytes, memory.peak)
      clearInterval(samplers.get(server))
      await stopChild(server)
    },
    engineMemory: () => ({ peakTrackedBytes: engine.peakTrackedBytes, lastBytes: engine.last }),
  }
  return watched
}
