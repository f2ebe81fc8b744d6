import { describe, expect, it } from 'vitest'
import { splitSummary } from './journey-split.ts'
import { sampleJourney, summarize } from './sample-journey.ts'

const HOUR = 3_600_000

describe('splitSummary', () => {
  const base = sampleJourney({ count: 80, before: '2026-11-22T12:00:00Z', windowMs: 48 * HOUR, seed: 3 })
  // The same journey with the case a day earlier: the last 24 hours are after it.
  const caseAt = Date.parse(base.to) - 24 * HOUR
  const journey = { ...base, before: new Date(caseAt).toISOString() }
  const side = (after: boolean) =>
    journey.interactions.filter((it) => Date.parse(it.portal_timestamp) >= caseAt === after)

  it('puts each view and search on its side of the case, an item seen on both in both', () => {
    const { before, after } = splitSummary(journey)
    const expectBefore = summarize(side(false))
    const expectAfter = summarize(side(true))
    const lists = (s: Omit<typeof expectBefore, 'counts'>) => ({
      articles: s.articles.map((a) => [a.id, a.views, a.lastViewedAt]).sort(),
      blogPosts: s.blogPosts.map((a) => [a.id, a.views, a.lastViewedAt]).sort(),
      forumThreads: s.forumThreads.map((a) => [a.id, a.views, a.lastViewedAt]).sort(),
      searches: s.searches.map((x) => x.at).sort(),
    })
    expect(lists(before)).toEqual(lists(expectBefore))
    expect(lists(after!)).toEqual(lists(expectAfter))
    const both = before.articles.filter((a) => after!.articles.some((b) => b.id === a.id))
    expect(both.length).toBeGreaterThan(0)
  })

  it('stays exact when the answer carries only the newest interactions', () => {
    // Everything after the case and the ten views before it: the older ones cut off.
    const newest = { ...journey, interactions: journey.interactions.slice(-(side(true).length + 10)) }
    const { before } = splitSummary(newest)
    const views = (s: typeof before) => s.articles.reduce((n, a) => n + a.views, 0)
    expect(views(before)).toBe(views(summarize(side(false))))
  })

  it('has no after side without an after window', () => {
    expect(splitSummary(base).after).toBeNull()
  })
})
