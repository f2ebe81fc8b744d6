// Reads first (issue 26): the flusher lets reads in flight finish before it inserts, and the
// embedded engine runs reads ahead of the flusher's inserts and its merges where the process
// may set thread priorities. Ordering and thread priorities are asserted, never durations.
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  type ClickHouseHandle,
  REP_READ_NICE,
  type ReadQuery,
  WRITE_NICE,
  createCaseRepository,
  createInteractionRepository,
} from '../../core/testing.ts'
import { searchRecords as records, useSinkStore } from '../support/sink-harness.ts'
import { type ThreadNice, maySetPriorities, threadsUntil } from '../support/thread-nices.ts'

const store = useSinkStore('casetrail-reads-first-')

/** A sink whose inserts (through the real repository) write 'insert' into `events`. */
async function openSink(events: string[], yieldMs: number) {
  const { repository, ch } = store
  const { sink } = await store.openSink(join(store.root, randomUUID()), {
    repository: {
      quarantine: (rows) => repository.quarantine(rows),
      insertEncodedRows(rows) {
        events.push('insert')
        return repository.insertEncodedRows(rows)
      },
    },
    flushIntervalMs: 1,
    readsFirst: { reads: ch.read, yieldMs },
  })
  return sink
}

/** A read that keeps the engine busy for about a second. */
const slowRead = (events: string[]) =>
  store.ch.read.text({ query: 'SELECT sleep(1)', format: 'TabSeparatedRaw' }).then(() => {
    events.push('read')
  })

describe('the flusher and reads in flight', () => {
  it('lets a read in flight finish before it inserts what was logged meanwhile', async () => {
    const events: string[] = []
    const sink = await openSink(events, 60_000)
    const read = slowRead(events)
    expect(store.ch.read.inFlight()).toBe(1)
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

/** The store's handle, with every read it is asked for written into `reads` on the way. */
function recordingReads(ch: ClickHouseHandle, reads: ReadQuery[]): ClickHouseHandle {
  const text = (q: ReadQuery) => {
    reads.push(q)
    return ch.read.text(q)
  }
  return {
    ...ch,
    read: { ...ch.read, text },
    readRows: async (q) => {
      reads.push(q)
      return ch.readRows(q)
    },
  }
}

describe("a rep's reads", () => {
  it("mark a journey's interactions, their counts and its cases as reads ahead", async () => {
    const reads: ReadQuery[] = []
    const ch = recordingReads(store.ch, reads)
    const span = { hubId: `hub-${randomUUID()}`, contactId: randomUUID(), from: 0, to: Date.now() }
    await createInteractionRepository(ch).journey(span)
    await createInteractionRepository(ch).journeyCounts(span)
    await createCaseRepository(ch).forContact(span)
    expect(reads.length).toBe(3)
    expect(reads.map((r) => r.ahead)).toEqual([true, true, true])
  })
})

describe.skipIf(!maySetPriorities)('thread priorities of the embedded engine', () => {
  it('runs reads a notch ahead of the process (nice -1)', async () => {
    const seen = await threadsUntil(
      () => store.ch.read.text({ query: 'SELECT sleep(0.5)', format: 'TabSeparatedRaw' }),
      (t) => t.nice === -1,
    )
    expect(seen.map((t) => t.nice)).toContain(-1)
  })

  it(`runs a rep's read ahead of every other thread (nice ${REP_READ_NICE})`, async () => {
    const seen = await threadsUntil(
      () => store.ch.read.text({ query: 'SELECT sleep(0.5)', format: 'TabSeparatedRaw', ahead: true }),
      (t) => t.nice === REP_READ_NICE,
    )
    expect(seen.map((t) => t.nice)).toContain(REP_READ_NICE)
  })

  it("runs the flusher's inserts behind reads (nice 10)", async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => JSON.stringify({ a: i, s: 'x'.repeat(100) }))
    // Null: the rows are parsed as an insert's are, then dropped, so tries do not add up in memory.
    await store.ch.client.command({
      query: 'CREATE TABLE IF NOT EXISTS nice_probe (a UInt64, s String) ENGINE = Null',
    })
    const body = Buffer.from(rows.join('\n'))
    // Merges' threads hold that nice for good; the insert's are the others.
    const inserting = (t: ThreadNice) => !t.name.startsWith('MergeMutate') && t.nice === WRITE_NICE
    const seen = await threadsUntil(() => store.ch.insertJsonEachRow('nice_probe', body), inserting)
    expect(seen.filter(inserting)).not.toEqual([])
  })
})
