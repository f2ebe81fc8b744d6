import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { payload, walBench } from '../../test/support/wal-bench.ts'
import type { WalBatch, WriteAheadLog } from './write-ahead-log.ts'

// The flusher holds a read batch while the store inserts it. A view and a record object
// per row held that long outlived the scavenges and piled up in V8's old space (most of
// what survived a scavenge under the bench's ingest flood), so a batch keeps its records
// in typed arrays and makes a row's view only when asked.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const w = walBench()
const RECORDS = 50_000
const limits = { maxRecords: RECORDS, maxBytes: 64 * 1024 * 1024 }

const filled = async (): Promise<WriteAheadLog> => {
  const wal = await w.openLog({ segmentBytes: 64 * 1024 * 1024 })
  for (let i = 0; i < RECORDS; i += 1_000)
    await wal.append(Array.from({ length: 1_000 }, (_, k) => payload(i + k + 1)))
  return wal
}

/** V8 heap bytes still in use after a full collection, while `hold` is held. */
const heldBy = async <T>(read: () => Promise<T>): Promise<{ bytes: number; held: T }> => {
  gc()
  const before = process.memoryUsage().heapUsed
  const held = await read()
  gc()
  return { bytes: process.memoryUsage().heapUsed - before, held }
}

describe('a batch read from the log', () => {
  it('hands every record in order, by index, with its sequence number', async () => {
    const wal = await filled()
    const batch: WalBatch = await wal.readBatch({ maxRecords: 10, maxBytes: 1024 })
    expect(batch.length).toBe(10)
    expect(Array.from({ length: 10 }, (_, i) => batch.seq(i))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(batch.at(0)!.toString()).toBe(payload(1))
    expect(batch.at(-1)!.toString()).toBe(payload(10))
    expect(batch.at(10)).toBeUndefined()
    expect(batch.slice(8).map((b) => b.toString())).toEqual([payload(9), payload(10)])
    // The next read goes on where this one ended.
    const next = await wal.readBatch({ maxRecords: 2 })
    expect([next.seq(0), next.at(1)!.toString()]).toEqual([11, payload(12)])
  })

  it('holds 50,000 records without a heap object per record', async () => {
    const wal = await filled()
    const { bytes, held } = await heldBy(() => wal.readBatch(limits))
    expect(held.length).toBe(RECORDS)
    expect(held.at(RECORDS - 1)!.toString()).toBe(payload(RECORDS))
    // An object and a view per record: about 120 bytes each, 6 MB in all.
    expect(bytes).toBeLessThan(1024 * 1024)
  })
})
