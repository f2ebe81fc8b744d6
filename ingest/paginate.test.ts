import { describe, expect, it } from 'vitest'
import { byCreation, paginate } from './paginate.ts'

const items = Array.from({ length: 7 }, (_, i) => ({
  id: `id-${i}`,
  createdAt: `2026-11-0${(i % 3) + 1}T00:00:00.000Z`,
}))

describe('paginate', () => {
  it('walks every item once, in a stable order, page by page', () => {
    const seen: string[] = []
    let cursor: string | undefined
    for (let pages = 0; pages < 10; pages++) {
      const page = paginate(items, byCreation, { limit: 3, cursor })
      seen.push(...page.items.map((i) => i.id))
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    expect(seen).toHaveLength(items.length)
    expect(new Set(seen).size).toBe(items.length)
    expect(seen).toEqual([...items].sort((a, b) => (byCreation(a) < byCreation(b) ? -1 : 1)).map((i) => i.id))
  })

  it('does not shift later pages when an earlier item goes away', () => {
    const first = paginate(items, byCreation, { limit: 3 })
    const fewer = items.filter((i) => i.id !== first.items[0]!.id)
    const second = paginate(fewer, byCreation, { limit: 3, cursor: first.nextCursor! })
    expect(second.items.map((i) => i.id)).toEqual(
      paginate(items, byCreation, { limit: 3, cursor: first.nextCursor! }).items.map((i) => i.id),
    )
  })

  it('refuses a cursor it did not make', () => {
    expect(() => paginate(items, byCreation, { limit: 3, cursor: '!!' })).toThrow(
      expect.objectContaining({ code: 'invalid_cursor' }),
    )
  })

  it('walks newest first with order desc, every item once, ties broken by the rest of the key', () => {
    const seen: string[] = []
    let cursor: string | undefined
    for (let pages = 0; pages < 10; pages++) {
      const page = paginate(items, byCreation, { limit: 2, cursor }, 'desc')
      seen.push(...page.items.map((i) => i.id))
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    expect(seen).toEqual([...items].sort((a, b) => (byCreation(a) < byCreation(b) ? 1 : -1)).map((i) => i.id))
  })
})
