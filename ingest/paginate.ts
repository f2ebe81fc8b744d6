import { DomainError } from '../core/index.ts'
import type { PageQuery } from '../schemas/index.ts'

/** The cursor naming a page's last key (base64url of it). */
export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url')
const encode = encodeCursor

/**
 * The key a cursor names; `invalid_cursor` (400, field `cursor`) unless it is
 * one {@link encodeCursor} made, for lists paged in the store itself.
 */
export function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!cursor || encode(key) !== cursor) {
    throw new DomainError(
      'invalid',
      'invalid_cursor',
      'cursor must be the nextCursor a previous page gave',
      'cursor',
    )
  }
  return key
}

/**
 * One page of a list in a stable order: sorted by `keyOf` (unique per item,
 * e.g. creation time then id), ascending unless `order` is `desc` (newest
 * first), the items after the cursor's key, at most `limit`. The cursor
 * names the last item's key, so an item added or removed meanwhile never
 * shifts the pages after it.
 *
 * @example
 * const { items, nextCursor } = paginate(await hubs.list(), (h) => `${h.createdAt} ${h.id}`, query)
 */
export function paginate<T>(
  all: readonly T[],
  keyOf: (item: T) => string,
  query: PageQuery,
  order: 'asc' | 'desc' = 'asc',
): { items: T[]; nextCursor: string | null } {
  const sign = order === 'asc' ? 1 : -1
  const sorted = all
    .map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => sign * (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor)
  const rest =
    after === null ? sorted : sorted.filter((e) => (order === 'asc' ? e.key > after : e.key < after))
  const page = rest.slice(0, query.limit)
  const more = rest.length > page.length
  return { items: page.map((e) => e.item), nextCursor: more ? encode(page[page.length - 1]!.key) : null }
}

/** The stable order of records that have a creation time and an id: oldest first, then by id. */
export const byCreation = (r: { createdAt: string; id: string }): string => `${r.createdAt}\u0000${r.id}`
