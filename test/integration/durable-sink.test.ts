import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { pino } from 'pino'
import { describe, expect, it, vi } from 'vitest'
import { type DurableSink, openWriteAheadLog } from '../../core/testing.ts'
import { type SinkRepository, searchRecords, useSinkStore } from '../support/sink-harness.ts'

const log = pino({ level: 'silent' })
const contact = randomUUID()
const store = useSinkStore('casetrail-durable-')
const { openSink } = store

/** Rows stored for a hub, read with duplicates folded (FINAL) and raw ids. */
async function stored(hubId: string): Promise<{ rows: number; ids: number }> {
  const rs = await store.ch.client.query({
    query:
      'SELECT count() AS rows, uniqExact(interaction_id) AS ids FROM interactions FINAL WHERE hub_id = {hub:String}',
    query_params: { hub: hubId },
    format: 'JSONEachRow',
  })
  const [row] = await rs.json<{ rows: string; ids: string }>()
  return { rows: Number(row?.rows ?? 0), ids: Number(row?.ids ?? 0) }
}

/** The real repository behind a switch: while `down`, inserts fail before reaching ClickHouse. */
function flakyRepository() {
  const state = { down: false, failures: 0, calls: 0 }
  const wrapped: SinkRepository = {
    quarantine: (rows) => store.repository.quarantine(rows),
    async insertEncodedRows(rows) {
      state.calls++
      if (state.down) {
        state.failures++
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' })
      }
      return store.repository.insertEncodedRows(rows)
    },
  }
  return { state, repository: wrapped }
}

const drained = (sink: DurableSink) =>
  vi.waitFor(() => expect(sink.stats().pendingRecords).toBe(0), { timeout: 20_000, interval: 20 })

describe('durable sink on an embedded ClickHouse', () => {
  it('acknowledges logged records at once and stored records once ClickHouse has them', async () => {
    const hubId = `hub-${randomUUID()}`
    const { sink } = await openSink(join(store.root, randomUUID()))
    expect(await sink.append(searchRecords(hubId, 10))).toEqual({ ack: 'logged' })
    expect(await sink.append(searchRecords(hubId, 5), { wait: 'stored' })).toEqual({ ack: 'stored' })
    // Log order: the stored batch came after the logged one, so both are in.
    expect(await stored(hubId)).toEqual({ rows: 15, ids: 15 })
  })

  it('stores each interaction exactly as it was sent, readable through the journey', async () => {
    const hubId = `hub-${randomUUID()}`
    const { sink } = await openSink(join(store.root, randomUUID()))
    const sent = searchRecords(hubId, 3).map((r) => ({
      ...r,
      interaction: { ...r.interaction, portal_contactid: contact },
    }))
    await sink.append(sent, { wait: 'stored' })
    const journey = await store.repository.journey({
      hubId,
      contactId: contact,
      from: Date.now() - 3_600_000,
      to: Date.now() + 1000,
    })
    expect(journey).toEqual(sent.map((r) => r.interaction).reverse())
  })

  it('replays log records written in the earlier record format', async () => {
    const hubId = `hub-${randomUUID()}`
    const walDir = join(store.root, randomUUID())
    const legacy = searchRecords(hubId, 5)
    const wal = await openWriteAheadLog({ dir: walDir, log })
    await wal.append(legacy.map((r) => JSON.stringify(r)))
    await wal.close()
    const { sink } = await openSink(walDir)
    await drained(sink)
    expect(await stored(hubId)).toEqual({ rows: 5, ids: 5 })
  })

  it('answers wait=stored only after the insert went through', async () => {
    const hubId = `hub-${randomUUID()}`
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    let insertCalls = 0
    const gated: SinkRepository = {
      quarantine: (rows) => store.repository.quarantine(rows),
      async insertEncodedRows(rows) {
        insertCalls++
        await gate
        return store.repository.insertEncodedRows(rows)
      },
    }
    const { sink } = await openSink(join(store.root, randomUUID()), { repository: gated })
    let settled = false
    const answer = sink.append(searchRecords(hubId, 3), { wait: 'stored' }).then((a) => {
      settled = true
      return a
    })
    await vi.waitFor(() => expect(insertCalls).toBe(1), { timeout: 10_000, interval: 10 })
    expect(settled).toBe(false)
    expect(await stored(hubId)).toEqual({ rows: 0, ids: 0 })
    release()
    expect(await answer).toEqual({ ack: 'stored' })
    expect(await stored(hubId)).toEqual({ rows: 3, ids: 3 })
  })

  it('replays records that were logged but not stored when it is opened again', async () => {
    const hubId = `hub-${randomUUID()}`
    const walDir = join(store.root, randomUUID())
    const flaky = flakyRepository()
    flaky.state.down = true
    const first = await openSink(walDir, { repository: flaky.repository })
    for (let i = 0; i < 4; i++) await first.sink.append(searchRecords(hubId, 25))
    await first.sink.close(0)
    expect(await stored(hubId)).toEqual({ rows: 0, ids: 0 })

    const second = await openSink(walDir)
    expect(second.wal.recovery.pendingRecords).toBe(100)
    await drained(second.sink)
    expect(await stored(hubId)).toEqual({ rows: 100, ids: 100 })
  })

  it('stores each record once when a replay repeats an insert whose confirmation was lost', async () => {
    const hubId = `hub-${randomUUID()}`
    const walDir = join(store.root, randomUUID())
    // The insert lands, but the answer never comes back (the process dies before trimming).
    const lostAck: SinkRepository = {
      quarantine: (rows) => store.repository.quarantine(rows),
      async insertEncodedRows(rows) {
        await store.repository.insertEncodedRows(rows)
        throw new Error('socket hang up')
      },
    }
    const first = await openSink(walDir, { repository: lostAck })
    await first.sink.append(searchRecords(hubId, 40))
    await vi.waitFor(() => expect(first.sink.stats().consecutiveFailures).toBeGreaterThan(0), {
      timeout: 10_000,
    })
    await first.sink.close(0)

    const second = await openSink(walDir)
    expect(second.wal.recovery.pendingRecords).toBe(40)
    await drained(second.sink)
    expect(await stored(hubId)).toEqual({ rows: 40, ids: 40 })
    expect(await store.repository.count(hubId)).toBe(40)
  })

  it('keeps acknowledging during a store outage and stores every record once after it', async () => {
    const hubId = `hub-${randomUUID()}`
    const flaky = flakyRepository()
    const { sink } = await openSink(join(store.root, randomUUID()), {
      repository: flaky.repository,
      storedWaitMs: 50,
    })
    await sink.append(searchRecords(hubId, 20), { wait: 'stored' })

    flaky.state.down = true
    const acks = []
    for (let i = 0; i < 10; i++) acks.push((await sink.append(searchRecords(hubId, 30))).ack)
    expect(acks).toEqual(Array(10).fill('logged'))
    // Asking for `stored` while the store is down settles for `logged` after storedWaitMs.
    expect(await sink.append(searchRecords(hubId, 5), { wait: 'stored' })).toEqual({ ack: 'logged' })
    await vi.waitFor(() => expect(flaky.state.failures).toBeGreaterThanOrEqual(3), { timeout: 10_000 })
    expect(sink.stats().consecutiveFailures).toBeGreaterThan(0)
    expect(sink.stats().pendingRecords).toBe(305)

    flaky.state.down = false
    await drained(sink)
    expect(sink.stats().consecutiveFailures).toBe(0)
    expect(await stored(hubId)).toEqual({ rows: 325, ids: 325 })
  })

  it('refuses with log_full and a retry-after past the cap, and takes records again once drained', async () => {
    const hubId = `hub-${randomUUID()}`
    const flaky = flakyRepository()
    flaky.state.down = true
    const { sink } = await openSink(join(store.root, randomUUID()), {
      repository: flaky.repository,
      wal: { capBytes: 64 * 1024, retryAfterSeconds: 3 },
    })
    let accepted = 0
    let refusal: unknown
    for (let i = 0; i < 100 && refusal === undefined; i++) {
      try {
        await sink.append(searchRecords(hubId, 20))
        accepted += 20
      } catch (err) {
        refusal = err
      }
    }
    expect(refusal).toMatchObject({ kind: 'unavailable', code: 'log_full', retryAfterSeconds: 3 })
    expect(accepted).toBeGreaterThan(0)

    flaky.state.down = false
    await drained(sink)
    expect(await sink.append(searchRecords(hubId, 20), { wait: 'stored' })).toEqual({ ack: 'stored' })
    expect(await stored(hubId)).toEqual({ rows: accepted + 20, ids: accepted + 20 })
  })

  it('drains into the store on close and refuses appends after', async () => {
    const hubId = `hub-${randomUUID()}`
    const walDir = join(store.root, randomUUID())
    const { sink } = await openSink(walDir)
    await Promise.all(Array.from({ length: 20 }, () => sink.append(searchRecords(hubId, 10))))
    await sink.close(10_000)
    expect(await stored(hubId)).toEqual({ rows: 200, ids: 200 })
    await expect(sink.append(searchRecords(hubId, 1))).rejects.toMatchObject({ code: 'shutting_down' })

    const again = await openSink(walDir)
    expect(again.wal.recovery.pendingRecords).toBe(0)
  })
})
