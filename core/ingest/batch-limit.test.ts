import { describe, expect, it } from 'vitest'
import { GROW_AFTER, createBatchLimit } from './batch-limit.ts'

describe('createBatchLimit', () => {
  it('halves rows and bytes when an insert runs out of memory, down to a floor', () => {
    const limit = createBatchLimit({ maxRows: 4_000, maxBytes: 16 * 2 ** 20, minRows: 500 })
    expect([limit.rows, limit.bytes]).toEqual([4_000, 16 * 2 ** 20])
    limit.shrink(4_000)
    expect([limit.rows, limit.bytes]).toEqual([2_000, 8 * 2 ** 20])
    limit.shrink(2_000)
    limit.shrink(1_000)
    limit.shrink(500)
    expect(limit.rows).toBe(500)
  })

  it('never grows from a failure of a batch smaller than the limit', () => {
    const limit = createBatchLimit({ maxRows: 4_000, maxBytes: 2 ** 20 })
    limit.shrink(4_000)
    limit.shrink(3_000)
    expect(limit.rows).toBe(1_500)
  })

  it('doubles back after a run of clean inserts, up to the configured maximum', () => {
    const limit = createBatchLimit({ maxRows: 4_000, maxBytes: 2 ** 20 })
    limit.shrink(4_000)
    for (let i = 0; i < GROW_AFTER - 1; i++) limit.stored()
    expect(limit.rows).toBe(2_000)
    limit.stored()
    expect(limit.rows).toBe(4_000)
    for (let i = 0; i < 3 * GROW_AFTER; i++) limit.stored()
    expect(limit.rows).toBe(4_000)
  })
})
