import { useState } from 'preact/hooks'
import { type Resource, useResource } from './use-resource.ts'

/** A list read a page at a time: the first page as a resource, then "Load more". */
export interface PagedList<T> {
  /** The first page (loading, failed, or loaded), read again when the keys change. */
  first: Resource<T[]>
  /** Every row read so far: the first page, then each page "Load more" brought. */
  rows: T[]
  /** Whether another page follows. */
  hasMore: boolean
  /** Reads the next page; a failure lands in `moreError`, the rows read so far stay. */
  next(): Promise<void>
  moreError: unknown
}

/**
 * Reads a paged list (`limit` + `cursor`, `nextCursor` in the answer):
 * `page(cursor)` asks for one page and returns its items and the next cursor.
 *
 * @example
 * const list = usePagedList(async (cursor) => {
 *   const a = await api.call('listProfiles', { params, query: { limit: 50, ...(cursor ? { cursor } : {}) } })
 *   return { items: a.profiles, nextCursor: a.nextCursor }
 * }, [hubId])
 */
export function usePagedList<T>(
  page: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>,
  keys: unknown[],
): PagedList<T> {
  const [more, setMore] = useState<{ items: T[]; cursor: string | null }>({ items: [], cursor: null })
  const [moreError, setMoreError] = useState<unknown>(null)
  const first = useResource(async () => {
    const answer = await page()
    setMore({ items: [], cursor: answer.nextCursor })
    setMoreError(null)
    return answer.items
  }, keys)
  const next = async () => {
    if (!more.cursor) return
    setMoreError(null)
    try {
      const answer = await page(more.cursor)
      setMore((m) => ({ items: [...m.items, ...answer.items], cursor: answer.nextCursor }))
    } catch (error) {
      setMoreError(error)
    }
  }
  return {
    first,
    rows: [...(first.data ?? []), ...more.items],
    hasMore: more.cursor !== null,
    next,
    moreError,
  }
}
