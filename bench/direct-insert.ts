// The storage limit: the same rows the ingest path stores, inserted straight
// into an embedded ClickHouse with no HTTP, one insert at a time (as the
// flusher does). `npm run bench` runs it as a child process on its own data dir:
//   tsx bench/direct-insert.ts <dataDir> <seconds> <rowsPerInsert>
// and reads one JSON line from stdout.
import { randomUUID } from 'node:crypto'
import {
  createInteractionRepository,
  encodeInteractionRow,
  migrate,
  openClickHouse,
} from '../core/testing.ts'
import { batch } from './payloads.js'

const [dataDir, secondsArg, rowsArg] = process.argv.slice(2)
if (!dataDir) throw new Error('usage: direct-insert.ts <dataDir> <seconds> <rowsPerInsert>')
const seconds = Number(secondsArg ?? 10)
const rowsPerInsert = Number(rowsArg ?? 20_000)

const ch = await openClickHouse({ kind: 'embedded', dataDir })
await migrate(ch)
const repository = createInteractionRepository(ch)
const hubId = randomUUID()
const portalId = randomUUID()
// Rows are encoded before the clock starts, as the write-ahead log holds them:
// this measures the store, not the generator or the encoder.
const pool = Array.from({ length: 8 }, () => {
  const rows: Buffer[] = []
  while (rows.length < rowsPerInsert) {
    for (const interaction of batch(100, { portalId })) {
      rows.push(Buffer.from(encodeInteractionRow({ hubId, receivedAt: Date.now(), interaction })))
    }
  }
  return rows.slice(0, rowsPerInsert)
})
await repository.insertEncodedRows(pool[0]!)
let rows = 0
let inserts = 0
const cpu = process.cpuUsage()
const started = performance.now()
while (performance.now() - started < seconds * 1000) {
  await repository.insertEncodedRows(pool[inserts % pool.length]!)
  rows += rowsPerInsert
  inserts++
}
const elapsed = (performance.now() - started) / 1000
// All threads of the process: the engine parses and writes on its own.
const used = process.cpuUsage(cpu)
const cpuMicrosPerRow = (used.user + used.system) / rows
const rss = process.memoryUsage().rss
await ch.close()
process.stdout.write(
  `${JSON.stringify({ rows, inserts, seconds: elapsed, rowsPerSecond: rows / elapsed, cpuMicrosPerRow, rss })}\n`,
)
