import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { ClickHouseError } from '@clickhouse/client'
import { pino } from 'pino'
import { describe, expect, it, vi } from 'vitest'
import { createMetrics } from '../../core/index.ts'
import {
  type DurableSink,
  encodeInteractionRow,
  type InteractionRepository,
  openWriteAheadLog,
} from '../../core/testing.ts'
import { type SinkRepository, searchRecord, useSinkStore } from '../support/sink-harness.ts'

// Defence in depth behind the edge: a row the store refuses for its data (the
// edge cannot know every value ClickHouse refuses) is found by bisection, set
// aside in the quarantine with the store's code, trimmed from the log, and
// never stops the rows around it. Records here go straight to the sink, past
// the edge's validation, as a value the edge did not foresee would.

const log = pino({ level: 'silent' })
const store = useSinkStore('casetrail-poison-')

const record = (hubId: string, searchString = 'reset password') =>
  searchRecord(hubId, { portal_searchstring: searchString })
/** A search whose text ClickHouse refuses (`CANNOT_PARSE_ESCAPE_SEQUENCE`). */
const poison = (hubId: string) => record(hubId, 'x\ud800')

/** The real repository, counting the rows of each insert. */
function counting(inner: SinkRepository = store.repository) {
  const inserts: number[] = []
  return {
    inserts,
    repository: {
      quarantine: (rows: Parameters<InteractionRepository['quarantine']>[0]) => inner.quarantine(rows),
      insertEncodedRows: (rows: ReadonlyArray<Uint8Array>) => {
        inserts.push(rows.length)
        return inner.insertEncodedRows(rows)
      },
    },
  }
}

/** A sink on the log in `walDir`, in batches of up to 5,000 rows. */
const openSink = (walDir: string, repository?: SinkRepository, metrics?: ReturnType<typeof createMetrics>) =>
  store.openSink(walDir, { repository, metrics, maxBatchRows: 5_000, retry: { minMs: 5, maxMs: 20 } })

const drained = (sink: DurableSink) =>
  vi.waitFor(() => expect(sink.stats().pendingRecords).toBe(0), { timeout: 30_000, interval: 20 })

describe('a row the store refuses', () => {
  it('in the middle of a 5,000-row batch: the other 4,999 stored, it quarantined with the store’s code, the log trimmed', async () => {
    const hubId = `hub-${randomUUID()}`
    const walDir = join(store.root, randomUUID())
    const metrics = createMetrics({ processMetrics: false })
    const spy = counting()
    const { sink } = await openSink(walDir, spy.repository, metrics)
    const batch = Array.from({ length: 5_000 }, () => record(hubId))
    const bad = poison(hubId)
    batch[2_500] = bad
    expect(await sink.append(batch, { wait: 'stored' })).toEqual({ ack: 'stored' })

    expect(spy.inserts[0]).toBe(5_000)
    expect(await store.repository.count(hubId)).toBe(4_999)
    const [kept, ...others] = await store.repository.listQuarantine(hubId, 10)
    expect(others).toEqual([])
    expect(kept).toMatchObject({ stage: 'store', code: 'CANNOT_PARSE_ESCAPE_SEQUENCE', hubId })
    expect(kept!.raw).toContain(bad.interaction.portal_interactionid)
    expect(kept!.message).toMatch(/surrogate/)
    expect(sink.stats()).toMatchObject({ pendingRecords: 0, quarantinedRows: 1 })
    expect(
      await metrics.registry.getSingleMetricAsString('casetrail_flush_quarantined_rows_total'),
    ).toContain('code="CANNOT_PARSE_ESCAPE_SEQUENCE"} 1')

    // Ingest goes on, and a restart replays nothing.
    expect(await sink.append([record(hubId)], { wait: 'stored' })).toEqual({ ack: 'stored' })
    await sink.close(5_000)
    const again = await openSink(walDir)
    expect(again.wal.recovery.pendingRecords).toBe(0)
    expect(await store.repository.count(hubId)).toBe(5_000)
  })

  it('already in the log at start: the replay quarantines it and moves on', async () => {
    const hubId = `hub-${randomUUID()}`
    const walDir = join(store.root, randomUUID())
    const wal = await openWriteAheadLog({ dir: walDir, log })
    const rows = [record(hubId), poison(hubId), record(hubId), poison(hubId), record(hubId)]
    await wal.append(rows.map(encodeInteractionRow))
    await wal.close()

    const { sink } = await openSink(walDir)
    await drained(sink)
    expect(await store.repository.count(hubId)).toBe(3)
    const kept = await store.repository.listQuarantine(hubId, 10)
    expect(kept.map((k) => k.code)).toEqual(['CANNOT_PARSE_ESCAPE_SEQUENCE', 'CANNOT_PARSE_ESCAPE_SEQUENCE'])
    await sink.close(5_000)
    const again = await openSink(walDir)
    expect(again.wal.recovery.pendingRecords).toBe(0)
    expect(await store.repository.listQuarantine(hubId, 10)).toHaveLength(2)
  })

  it('still retries transient errors (too many parts, timeouts, a dropped connection) without setting rows aside', async () => {
    const hubId = `hub-${randomUUID()}`
    const faults = [
      new ClickHouseError({ message: 'Too many parts', code: '252', type: 'TOO_MANY_PARTS' }),
      new ClickHouseError({ message: 'Timeout exceeded', code: '159', type: 'TIMEOUT_EXCEEDED' }),
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    ]
    let calls = 0
    // The real repository, wrapped: the first inserts fail as a busy or unreachable store does.
    const flaky = {
      quarantine: (rows: Parameters<InteractionRepository['quarantine']>[0]) =>
        store.repository.quarantine(rows),
      insertEncodedRows: (rows: ReadonlyArray<Uint8Array>) => {
        const fault = faults[calls++]
        return fault ? Promise.reject(fault) : store.repository.insertEncodedRows(rows)
      },
    }
    const { sink } = await openSink(join(store.root, randomUUID()), flaky)
    expect(await sink.append([record(hubId), record(hubId)], { wait: 'stored' })).toEqual({ ack: 'stored' })
    expect(calls).toBe(4)
    expect(await store.repository.count(hubId)).toBe(2)
    expect(await store.repository.listQuarantine(hubId, 10)).toEqual([])
    expect(sink.stats()).toMatchObject({ consecutiveFailures: 0, quarantinedRows: 0 })
  })
})
