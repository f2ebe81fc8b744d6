import { describe, expect, it } from 'vitest'
import { FLUSH_GAP_PER_INSERT_TIME, MAX_FLUSH_GAP_MS, flushGapMs } from './flush-pacing.ts'

describe('flushGapMs', () => {
  it('waits the configured interval while inserts are quick', () => {
    expect(flushGapMs(200, 0)).toBe(200)
    expect(flushGapMs(200, 50)).toBe(200)
  })
  it('waits longer as inserts slow down, so partial inserts use a bounded share of the time', () => {
    expect(flushGapMs(200, 100)).toBe(100 * FLUSH_GAP_PER_INSERT_TIME)
  })
  it('never waits longer than the cap', () => {
    expect(flushGapMs(200, 60_000)).toBe(MAX_FLUSH_GAP_MS)
    expect(flushGapMs(5, 60_000)).toBe(MAX_FLUSH_GAP_MS)
  })
  it('leaves a configured interval of 1 s or more as it is', () => {
    expect(flushGapMs(1_000, 600)).toBe(1_000)
    expect(flushGapMs(3_000, 60_000)).toBe(3_000)
  })
})
