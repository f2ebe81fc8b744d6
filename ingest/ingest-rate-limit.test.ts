import { describe, expect, it } from 'vitest'
import { ingestRateLimits, rateLimiter } from './ingest-rate-limit.ts'

describe('rateLimiter', () => {
  it('spends a burst, refuses past it with the seconds to wait, and refills at its rate', () => {
    let now = 0
    const limiter = rateLimiter({ perSecond: 10, burst: 20 }, () => now)
    expect(limiter.take('a', 20)).toBe(0)
    expect(limiter.take('a', 5)).toBe(1)
    now = 1000
    expect(limiter.take('a', 10)).toBe(0)
    expect(limiter.take('a', 1)).toBe(1)
    expect(limiter.take('b', 20)).toBe(0)
  })

  it('forgets buckets that have filled up again: a stream of new keys holds a few, not one each', () => {
    let now = 0
    const limiter = rateLimiter({ perSecond: 10, burst: 1000 }, () => now)
    // One item for each of 10,000 contacts, a millisecond apart: each bucket is full again 100 ms later.
    let refused = 0
    for (let i = 0; i < 10_000; i++) {
      now = i
      if (limiter.take(`contact-${i}`, 1) > 0) refused++
    }
    expect(refused).toBe(0)
    expect(limiter.size).toBeLessThan(1200)
    // A full bucket's slot goes to the next key: the table never had to grow.
    expect(limiter.slots).toBe(4096)
  })

  it('grows its table while buckets are still being spent, up to a bound, then forgets the one spent longest ago', () => {
    let now = 0
    const limiter = rateLimiter({ perSecond: 1, burst: 10 }, () => now)
    // 200,000 contacts spend one item each within 200 ms: none is full again before the end.
    let refused = 0
    for (let i = 0; i < 200_000; i++) {
      now = Math.floor(i / 1000)
      if (limiter.take(`contact-${i}`, 1) > 0) refused++
    }
    expect(refused).toBe(0)
    expect(limiter.slots).toBe(131_072)
    expect(limiter.size).toBeGreaterThan(100_000)
    expect(limiter.size).toBeLessThanOrEqual(131_072)
    // The newest are remembered: the last contact has 9 of its 10 items left.
    expect(limiter.take('contact-199999', 10)).toBe(1)
  })

  it('keeps one bucket per key and scope', () => {
    const limiter = rateLimiter({ perSecond: 1, burst: 2 }, () => 0)
    expect(limiter.take('c1', 2, 'hub-a')).toBe(0)
    expect(limiter.take('c1', 1, 'hub-a')).toBe(1)
    expect(limiter.take('c1', 2, 'hub-b')).toBe(0)
    expect(limiter.take('c1', 2)).toBe(0)
    // 'hub-a' + 'c1' is not 'hub-' + 'ac1': the scope ends where it ends.
    expect(limiter.take('ac1', 2, 'hub-')).toBe(0)
  })

  it('keeps a bucket that is still spent, however many others come and go', () => {
    let now = 0
    const limiter = rateLimiter({ perSecond: 1, burst: 10 }, () => now)
    expect(limiter.take('busy', 10)).toBe(0)
    for (let i = 0; i < 1000; i++) {
      now = i
      limiter.take(`other-${i}`, 1)
    }
    // 1 s later the busy bucket holds 1 item of its 10, not a fresh burst.
    now = 1000
    expect(limiter.take('busy', 2)).toBeGreaterThan(0)
    expect(limiter.take('busy', 1)).toBe(0)
  })
})

describe('ingestRateLimits', () => {
  it('counts one beacon and a batch against their contacts alike', () => {
    const limits = ingestRateLimits({
      perToken: { perSecond: 1000, burst: 1000 },
      perContact: { perSecond: 1, burst: 3 },
      clock: () => 0,
    })
    const item = { portal_contactid: 'C1' }
    limits.take('token', 'hub', [item])
    limits.take('token', 'hub', [{ portal_contactid: 'c1' }, { portal_contactid: 'c2' }])
    limits.take('token', 'hub', [item])
    expect(() => limits.take('token', 'hub', [item])).toThrow(
      expect.objectContaining({ code: 'contact_rate_limited' }),
    )
    expect(() => limits.take('token', 'hub', [{ portal_contactid: 'c2' }, item])).toThrow(
      expect.objectContaining({ code: 'contact_rate_limited' }),
    )
  })
})
