// The durable sink's own JavaScript per append of one beacon (row encoding, the append's
// promises, the gauges and the append histogram), with a log that resolves at once: CPU time,
// least of 16 alternating rounds. Two checkouts side by side:
//   npx tsx bench/sink-append-cpu.ts <checkout A> <checkout B>
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
const roots = process.argv.slice(2, 4).map((r) => resolve(r))
const { createMetrics } = await import(pathToFileURL(resolve('core/metrics.ts')).href)
const { interaction } = await import(pathToFileURL(resolve('bench/payloads.js')).href)
const sinks = await Promise.all(
  roots.map(async (r) => {
    const { createDurableSink } = await import(pathToFileURL(join(r, 'core/ingest/durable-sink.ts')).href)
    let seq = 0
    const stats = () => ({
      lastSeq: seq,
      checkpointSeq: 0,
      readSeq: seq,
      pendingBytes: 0,
      pendingRecords: 0,
      queuedBytes: 0,
      segments: 1,
      syncs: seq,
      appendedRecords: seq,
    })
    const wal = {
      recovery: { pendingRecords: 0, cuts: [] },
      stats,
      append: (p: unknown[]) => {
        seq += p.length
        return Promise.resolve(seq)
      },
      read: async () => [],
      trimThrough: async () => {},
      close: async () => {},
    }
    return createDurableSink({
      wal,
      repository: {} as never,
      log: { info() {}, warn() {}, error() {} },
      metrics: createMetrics(),
      maxBatchRows: 5000,
      flushIntervalMs: 1e9,
      retry: { minMs: 100, maxMs: 1000 },
    })
  }),
)
const rec = {
  hubId: '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
  receivedAt: Date.now(),
  interaction: interaction({ portalId: '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f' }),
}
const best = roots.map(() => Infinity)
for (let round = 0; round < 16; round++)
  for (const k of round % 2 ? [1, 0] : [0, 1]) {
    const N = 20000
    const t = process.cpuUsage()
    for (let i = 0; i < N; i += 50)
      await Promise.all(Array.from({ length: 50 }, () => sinks[k]!.append([rec])))
    const c = process.cpuUsage(t)
    best[k] = Math.min(best[k]!, (c.user + c.system) / N)
  }
for (const [k, r] of roots.entries()) console.log(r, best[k]!.toFixed(2), 'µs per append (least of 16)')
process.exit(0)
