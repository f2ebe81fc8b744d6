// Reads first (issue 26): the flusher lets reads in flight finish before it inserts, and the
// embedded engine runs reads ahead of the flusher's inserts and its merges where the process
// may set thread priorities. Ordering and thread priorities are asserted, never durations.
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  type ClickHouseHandle,
  createDurableSink,
  createInteractionRepository,
  type DurableSink,
  type InteractionRecord,
  type InteractionRepository,
  migrate,
  openClickHouse,
  openWriteAheadLog,
  WRITE_NICE,
} from '../../core/testing.ts'
import { type ThreadNice, maySetPriorities, threadsUntil } from '../support/thread-nices.ts'

const log = pino({ level: 'silent' })
let root: string
let ch: ClickHouseHandle
let repository: InteractionRepository
const sinks: DurableSink[] = []

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'casetrail-reads-first-'))
  ch = await openClickHouse({ kind: 'embedded', dataDir: join(root, 'store') })
  await migrate(ch)
  repository = createInteractionRepository(ch)
})

afterEach(async () => {
  for (const sink of sinks.splice(0)) await sink.close(0)
})

afterAll(async () => {
  await ch.close()
  await rm(root, { recursive: true, force: true })
})

const records = (hubId: string, n: number): InteractionRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    hubId,
    receivedAt: Date.now(),
    interaction: {
      type: 'portal_search',
      portal_interactionid: randomUUID(),
      portal_contactid: randomUUID(),
      portal_timestamp: new Date(Date.now() - i * 1000).toISOString(),
      portal_portalid: randomUUID(),
      portal_searchstring: `search ${i}`,
    },
  }))

/** A sink whose inserts (through the real repository) write 'insert' into `events`. */
async function openSink(events: string[], yieldMs: number) {
  const wal = await openWriteAheadLog({ dir: join(root, randomUUID()), log })
  const sink = createDurableSink({
    wal,
    repository: {
      quarantine: (rows) => repository.quarantine(rows),
      insertEncodedRows(rows) {
        events.push('insert')
        return repository.insertEncodedRows(rows)
      },
    },
    log,
    maxBatchRows: 500,
    flushIntervalMs: 1,
    retry: { minMs: 10, maxMs: 50 },
    readsFirst: { reads: ch.read, yieldMs },
  })
  sinks.push(sink)
  return sink
}

/** A read that keeps the engine busy for about a second. */
const slowRead = (events: string[]) =>
  ch.read.text({ query: 'SELECT sleep(1)', format: 'TabSeparatedRaw' }).then(() => {
    events.push('read')
  })

describe('the flusher and reads in flight', () => {
  it('lets a read in flight finish before it inserts what was logged meanwhile', async () => {
    const events: string[] = []
    const sink = await openSink(events, 60_000)
    const read = slowRead(events)
    expect(ch.read.inFlight()).toBe(1)
    expect(await sink.append(records(`hub-${randomUUID()}`, 10))).toEqual({ ack: 'logged' })
    await read
    await sink.settled()
    expect(events).toEqual(['read', 'insert'])
  })

  it('inserts at once, read or not, for a request that waits for its records to be stored', async () => {
    const events: string[] = []
    const sink = await openSink(events, 60_000)
    const read = slowRead(events)
    expect(await sink.append(records(`hub-${randomUUID()}`, 10), { wait: 'stored' })).toEqual({
      ack: 'stored',
    })
    await read
    expect(events).toEqual(['insert', 'read'])
  })

  it('waits for reads no longer than it was given', async () => {
    const events: string[] = []
    const sink = await openSink(events, 1)
    const read = slowRead(events)
    await sink.append(records(`hub-${randomUUID()}`, 10))
    // Not `settled()`: a waiter for `stored` would hurry the flusher past the reads anyway.
    await expect.poll(() => sink.stats().pendingRecords, { timeout: 30_000 }).toBe(0)
    await read
    expect(events).toEqual(['insert', 'read'])
  })
})

describe.skipIf(!maySetPriorities)('thread priorities of the embedded engine', () => {
  it('runs reads a notch ahead of the process (nice -1)', async () => {
    const seen = await threadsUntil(
      () => ch.read.text({ query: 'SELECT sleep(0.5)', format: 'TabSeparatedRaw' }),
      (t) => t.nice === -1,
    )
    expect(seen.map((t) => t.nice)).toContain(-1)
  })

  it("runs the flusher's inserts behind reads (nice 10)", async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => JSON.stringify({ a: i, s: 'x'.repeat(100) }))
    // Null: the rows are parsed as an insert's are, then dropped, so tries do not add up in memory.
    await ch.client.command({
      query: 'CREATE TABLE IF NOT EXISTS nice_probe (a UInt64, s String) ENGINE = Null',
    })
    const body = Buffer.from(rows.join('\n'))
    // Merges' threads hold that nice for good; the insert's are the others.
    const inserting = (t: ThreadNice) => !t.name.startsWith('MergeMutate') && t.nice === WRITE_NICE
    const seen = await threadsUntil(() => ch.insertJsonEachRow('nice_probe', body), inserting)
    expect(seen.filter(inserting)).not.toEqual([])
  })
})
