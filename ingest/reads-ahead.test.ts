import { describe, expect, it } from 'vitest'
import { createMetrics } from '../core/index.ts'
import { readsAhead } from './reads-ahead.ts'

// Ordering, not time: what went first is recorded as it happens.
const turn = () => new Promise((resolve) => setImmediate(resolve))
const LONG = 10 * 60_000

describe('readsAhead', () => {
  it('has nothing to wait for while no read is in flight', () => {
    expect(readsAhead({ maxWaitMs: LONG }).waitForReads()).toBeUndefined()
  })

  it('holds an ingest request while a read is in flight and lets it go when the read ends', async () => {
    const reads = readsAhead({ maxWaitMs: LONG })
    const events: string[] = []
    const done = reads.enter()
    const waiting = reads.waitForReads()!.then(() => events.push('ingest goes'))
    await turn()
    expect(reads.waiting).toBe(1)
    events.push('read ends')
    done()
    await waiting
    expect(events).toEqual(['read ends', 'ingest goes'])
    expect(reads.waiting).toBe(0)
  })

  it('waits until the last of several reads ends', async () => {
    const reads = readsAhead({ maxWaitMs: LONG })
    const events: string[] = []
    const [first, second] = [reads.enter(), reads.enter()]
    const waiting = reads.waitForReads()!.then(() => events.push('ingest goes'))
    first()
    first() // ending a read twice counts once
    await turn()
    events.push('second read ends')
    second()
    await waiting
    expect(events).toEqual(['second read ends', 'ingest goes'])
  })

  it('lets an ingest request go after its bound although the read is still in flight, and counts the wait', async () => {
    const metrics = createMetrics()
    const reads = readsAhead({ maxWaitMs: 1, metrics })
    reads.enter()
    await reads.waitForReads()
    expect(reads.inFlight).toBe(1)
    const counted = (await metrics.ingestReadWaitSeconds.get()).values[0]?.value ?? 0
    expect(counted).toBeGreaterThan(0)
  })

  it('never waits with a bound of 0', () => {
    const reads = readsAhead({ maxWaitMs: 0 })
    reads.enter()
    expect(reads.waitForReads()).toBeUndefined()
  })

  it('lets every waiting request go on close, and none waits after it', async () => {
    const reads = readsAhead({ maxWaitMs: LONG })
    reads.enter()
    const waiting = [reads.waitForReads(), reads.waitForReads()]
    reads.close()
    await Promise.all(waiting)
    expect(reads.waiting).toBe(0)
    expect(reads.waitForReads()).toBeUndefined()
  })
})
