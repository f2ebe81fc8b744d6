import { describe, expect, it } from 'vitest'
import type { ContentFigures } from '../store/insight-queries.ts'
import { rankDeflecting, rankPreceded } from './insight-service.ts'

const item = (itemId: string, f: Partial<ContentFigures>): ContentFigures => ({
  type: 'portal_viewknowledgearticle',
  itemId,
  title: itemId,
  views: 1,
  readers: 1,
  casesPreceded: 0,
  readersWithCase: 0,
  ...f,
})

describe('ranking content before cases', () => {
  const items = [
    item('a', { casesPreceded: 2, readers: 10, readersWithCase: 1 }),
    item('b', { casesPreceded: 5, readers: 6, readersWithCase: 3 }),
    item('c', { casesPreceded: 2, readers: 4, readersWithCase: 2 }),
    item('d', { casesPreceded: 0, readers: 20, readersWithCase: 0 }),
    item('e', { casesPreceded: 1, readers: 0, readersWithCase: 0 }),
  ]

  it('puts the most cases preceded first, then the higher case rate, and leaves out what preceded none', () => {
    expect(rankPreceded(items, 10).map((i) => i.itemId)).toEqual(['b', 'c', 'a', 'e'])
    expect(rankPreceded(items, 2).map((i) => i.itemId)).toEqual(['b', 'c'])
  })

  it('gives the case rate as readers with a case over readers, null without readers', () => {
    const ranked = rankPreceded(items, 10)
    expect(ranked.find((i) => i.itemId === 'b')?.caseRate).toBe(0.5)
    expect(ranked.find((i) => i.itemId === 'e')?.caseRate).toBeNull()
  })

  it('lists content that deflects: enough readers, lowest case rate first, then more readers', () => {
    expect(rankDeflecting(items, 10, 4).map((i) => i.itemId)).toEqual(['d', 'a', 'b', 'c'])
    expect(rankDeflecting(items, 10, 7).map((i) => i.itemId)).toEqual(['d', 'a'])
  })
})
