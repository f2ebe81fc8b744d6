import { DomainError } from '../core/index.ts'
import type { PageQuery } from '../schemas/index.ts'

const encode = (key: string) => Buffer.from(key, 'utf8').toString('base64url')

function decode(cursor: string): string {
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
 * e.g. creation time then id), the items after the cursor's key, at most
 * `limit`. The cursor names the last item's key, so an item added or removed
 * meanwhile never shifts the pages after it.
 *
 * @example
 * const { items, nextCursor } = paginate(await hubs.list(), (h) => `${h.createdAt} ${h.id}`, query)
 */
export function paginate<T>(
  all: readonly T[],
  keyOf: (item: T) => string,
  query: PageQuery,
): { items: T[]; nextCursor: string | null } {
  const sorted = all
    .map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const after = query.cursor === undefined ? null : decode(query.cursor)
  const rest = after === null ? sorted : sorted.filter((e) => e.key > after)
  const page = rest.slice(0, query.limit)
  const more = rest.length > page.length
  return { items: page.map((e) => e.item), nextCursor: more ? encode(page[page.length - 1]!.key) : null }
}

/** The stable order of records that have a creation time and an id: oldest first, then by id. */
export const byCreation = (r: { createdAt: string; id: string }): string => `${r.createdAt}\u0000${r.id}`
