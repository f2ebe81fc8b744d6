import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDurableSink, type DurableSink, openWriteAheadLog } from '../../core/index.ts'
import { search } from '../support/interactions.ts'
import { startTestCore, tempDataDir } from '../support/test-core.ts'

// The HTTP edge over the durable sink, with the store behind a switch: the
// real repository, wrapped, failing while `outage` is set.

const silent = pino({ level: 'silent' })
let t: Awaited<ReturnType<typeof startTestCore>>
let sink: DurableSink
let outage = false

beforeAll(async () => {
  const dataDir = tempDataDir()
  const wal = await openWriteAheadLog({
    dir: join(dataDir, 'wal'),
    capBytes: 256 * 1024,
    segmentBytes: 64 * 1024,
    retryAfterSeconds: 4,
    log: silent,
  })
  t = await startTestCore({
    dataDir,
    sink: (repository) => {
      sink = createDurableSink({
        wal,
        repository: {
          quarantine: (rows) => repository.quarantine(rows),
          insertEncodedRows: (rows) =>
            outage ? Promise.reject(new Error('injected outage')) : repository.insertEncodedRows(rows),
        },
        log: silent,
        maxBatchRows: 500,
        flushIntervalMs: 10,
        retry: { minMs: 10, maxMs: 50 },
        storedWaitMs: 200,
      })
      return sink
    },
  })
})

afterAll(async () => {
  await t.close()
  t.remove()
})

describe('durable ingest over HTTP', () => {
  it('answers 202 with Casetrail-Ack: logged, and 200 stored with ?wait=stored', async () => {
    const hub = await t.createHub()
    const logged = await t.sendTo(hub, [search(), search()])
    expect(logged.status).toBe(202)
    expect(logged.headers.get('casetrail-ack')).toBe('logged')
    const stored = await t.sendTo(hub, [search()], '?wait=stored')
    expect(stored.status).toBe(200)
    expect(stored.headers.get('casetrail-ack')).toBe('stored')
    expect(await t.core.repository.count(hub.id)).toBe(3)
  })

  it('keeps answering 202 through a store outage, 503 log_full with Retry-After past the cap, and stores everything once after', async () => {
    const hub = await t.createHub()
    const contact = randomUUID()
    const accepted = new Set<string>()
    const send = async (query = '') => {
      const items = Array.from({ length: 20 }, () => search({ portal_contactid: contact }))
      const res = await t.sendTo(hub, items, query)
      if (res.status === 202 || res.status === 200)
        for (const i of items) accepted.add(i.portal_interactionid)
      return res
    }
    outage = true
    for (let i = 0; i < 5; i++) {
      const res = await send()
      expect(res.status).toBe(202)
      expect(res.headers.get('casetrail-ack')).toBe('logged')
    }
    // Asking for `stored` while the store is down settles for a durable 202.
    const waited = await send('?wait=stored')
    expect(waited.status).toBe(202)
    expect(waited.headers.get('casetrail-ack')).toBe('logged')
    await vi.waitFor(() => expect(sink.stats().consecutiveFailures).toBeGreaterThan(1), { timeout: 10_000 })

    let refused: Response | undefined
    for (let i = 0; i < 200 && !refused; i++) {
      const res = await send()
      if (res.status !== 202) refused = res
    }
    expect(refused?.status).toBe(503)
    expect(refused?.headers.get('retry-after')).toBe('4')
    expect(await refused?.json()).toMatchObject({ error: { code: 'log_full' } })

    outage = false
    // The log drains by itself; then it takes requests again.
    await vi.waitFor(() => expect(sink.stats().pendingRecords).toBe(0), { timeout: 20_000 })
    const after = await send('?wait=stored')
    expect(after.status).toBe(200)
    expect(await t.core.repository.count(hub.id)).toBe(accepted.size)
    const journey = await t.core.repository.journey({
      hubId: hub.id,
      contactId: contact,
      from: Date.now() - 3_600_000,
      to: Date.now() + 60_000,
    })
    expect(journey.map((i) => i.portal_interactionid).sort()).toEqual([...accepted].sort())
  })
})
