import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCore } from '../support/test-core.ts'

// The quarantine list's cursor runs in the ClickHouse query (arrival time, then the row's id):
// this pages it on the real embedded store, not on an array.

let t: Awaited<ReturnType<typeof startTestCore>>
let hubId: string

interface Page {
  items: Array<{ message: string; receivedAt: string }>
  nextCursor: string | null
}

const page = async (query: string) => {
  const res = await t.admin(`/v1/admin/hubs/${hubId}/quarantine?${query}`)
  return {
    status: res.status,
    body: (await res.json()) as Page & { error?: { code: string; field?: string } },
  }
}

/** Every page of 2, following nextCursor until it is null. */
const walk = async () => {
  const pages: Page[] = []
  let cursor: string | null = null
  do {
    const res = await page(cursor ? `limit=2&cursor=${encodeURIComponent(cursor)}` : 'limit=2')
    expect(res.status).toBe(200)
    pages.push(res.body)
    cursor = res.body.nextCursor
  } while (cursor !== null && pages.length < 10)
  return pages
}

beforeAll(async () => {
  t = await startTestCore()
  const res = await t.admin('/v1/admin/hubs', { method: 'POST', body: JSON.stringify({ name: 'Paged' }) })
  hubId = ((await res.json()) as { id: string }).id
  const base = Date.parse('2026-11-20T10:00:00.000Z')
  // Two pairs share an arrival time, so the order inside each pair rests on the tie-breaker.
  const at = [base, base, base + 1_000, base + 1_000, base + 2_000]
  await t.core.repository.quarantine(
    at.map((receivedAt, i) => ({
      hubId,
      receivedAt,
      code: 'interaction_invalid',
      path: 'portal_contactid',
      message: `row ${i + 1}`,
      raw: `{"n":${i + 1}}`,
    })),
  )
})
afterAll(async () => {
  await t.close()
  t.remove()
})

describe('quarantine pages (limit + cursor) on the real store', () => {
  it('pages of 2 over 5 rows: 2, 2, 1, every row once, newest first, nextCursor null at the end', async () => {
    const pages = await walk()
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1])
    expect(pages.map((p) => p.nextCursor === null)).toEqual([false, false, true])
    const rows = pages.flatMap((p) => p.items)
    expect(rows.map((r) => r.message).sort()).toEqual(['row 1', 'row 2', 'row 3', 'row 4', 'row 5'])
    const times = rows.map((r) => Date.parse(r.receivedAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(rows[0]!.message).toBe('row 5')
  })

  it('keeps the same order on every walk, and one page of 5 agrees with the pages of 2', async () => {
    const first = (await walk()).flatMap((p) => p.items.map((r) => r.message))
    const second = (await walk()).flatMap((p) => p.items.map((r) => r.message))
    expect(second).toEqual(first)
    const whole = await page('limit=5')
    expect(whole.body.items.map((r) => r.message)).toEqual(first)
    expect(whole.body.nextCursor).toBeNull()
  })

  it('lists two identical rows of the same millisecond once each, in pages of 1', async () => {
    const res = await t.admin('/v1/admin/hubs', { method: 'POST', body: JSON.stringify({ name: 'Twins' }) })
    const twins = ((await res.json()) as { id: string }).id
    const row = {
      hubId: twins,
      receivedAt: Date.parse('2026-11-21T08:00:00.000Z'),
      code: 'interaction_invalid',
      path: 'portal_contactid',
      message: 'the same',
      raw: '{"same":true}',
    }
    await t.core.repository.quarantine([row, { ...row }])
    const seen: Array<{ id: string }> = []
    let cursor: string | null = null
    for (let n = 0; n < 5; n++) {
      const q = cursor ? `limit=1&cursor=${encodeURIComponent(cursor)}` : 'limit=1'
      const r = await t.admin(`/v1/admin/hubs/${twins}/quarantine?${q}`)
      expect(r.status).toBe(200)
      const body = (await r.json()) as { items: Array<{ id: string }>; nextCursor: string | null }
      seen.push(...body.items)
      cursor = body.nextCursor
      if (cursor === null) break
    }
    expect(seen).toHaveLength(2)
    expect(new Set(seen.map((r) => r.id)).size).toBe(2)
  })

  it.each([
    ['not base64 of a cursor', 'bm90LWEtY3Vyc29y'],
    ['garbage', '%%%'],
    ['a cursor with a non-numeric tie', Buffer.from('1795000000000.abc').toString('base64url')],
    ['a cursor of the old content-hash form', Buffer.from('1795000000000.1234567890').toString('base64url')],
  ])('refuses a bad cursor (%s): 400 invalid_cursor naming the field', async (_label, cursor) => {
    const res = await page(`limit=2&cursor=${encodeURIComponent(cursor)}`)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'invalid_cursor', field: 'cursor' })
  })
})
