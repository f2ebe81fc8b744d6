import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSyntheticCases, generateSyntheticInteractions } from '../../core/testing.ts'
import { INTERACTION_TYPES, MAX_JOURNEY_INTERACTIONS } from '../../schemas/index.ts'
import { type TestHub, startTestCore, tokenFor } from '../support/test-core.ts'

/**
 * No read answers 500 for the size of the data (issue 20 item 4): one contact
 * with 100,000 interactions in 90 days (loaded with the synthetic generator,
 * as a hostile portal token could send them in seconds) made the P90D
 * journey and the year's content insights fail on the engine's memory bound.
 */

const ROWS = 100_000
const DAY = 86_400_000
/** Contact 0 of the synthetic generators. */
const CONTACT = '00000000-0000-4000-8000-000000000000'
let t: Awaited<ReturnType<typeof startTestCore>>
let hub: TestHub
const now = Date.now()

beforeAll(async () => {
  // Insight reads bounded at 2 s here (20 s by default), so the bound is what stops the content read.
  t = await startTestCore({ insightMaxSeconds: 2 })
  hub = await t.createHub('Busy contact')
  const portalId = randomUUID()
  await generateSyntheticInteractions(t.core.ch, {
    hubId: hub.id,
    portalId,
    rows: ROWS,
    contacts: 1,
    from: now - 89 * DAY,
    to: now - 60_000,
    // Every read a different article, as a hostile sender makes them.
    items: ROWS,
    // Inserts of 20,000 rows stay within one query's share of the engine's memory.
    chunkRows: 20_000,
  })
  await generateSyntheticCases(t.core.ch, {
    hubId: hub.id,
    portalId,
    cases: 500,
    contacts: 1,
    from: now - 365 * DAY,
    to: now - 60_000,
  })
}, 180_000)

afterAll(async () => {
  await t?.close()
  t?.remove()
})

const read = (path: string) =>
  t.app.request(path, { headers: { authorization: tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey) } })

describe('a contact with 100,000 interactions', () => {
  it('answers the P90D journey: the newest interactions up to the limit, exact counts, truncated', async () => {
    const before = new Date(now).toISOString()
    const res = await read(
      `/v1/hubs/${hub.id}/contacts/${CONTACT}/journey?before=${encodeURIComponent(before)}&window=P90D`,
    )
    expect(
      res.status,
      await res
        .clone()
        .text()
        .then((s) => s.slice(0, 300)),
    ).toBe(200)
    const body = (await res.json()) as {
      truncated: boolean
      interactions: Array<{ portal_timestamp: string }>
      summary: { counts: Record<string, number> }
    }
    expect(body.truncated).toBe(true)
    expect(body.interactions).toHaveLength(MAX_JOURNEY_INTERACTIONS)
    const counts = Object.values(body.summary.counts).reduce((a, b) => a + b, 0)
    expect(counts).toBe(ROWS)
    expect(Object.keys(body.summary.counts).sort()).toEqual([...INTERACTION_TYPES].sort())
    // Oldest first, and the newest of the window: the last is the contact's latest interaction.
    const times = body.interactions.map((i) => Date.parse(i.portal_timestamp))
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    const [latest] = await t.core.ch.readRows<{ ms: string }>({
      query: `SELECT toUnixTimestamp64Milli(max(ts)) AS ms FROM interactions WHERE hub_id = {hub:String}`,
      params: { hub: hub.id },
    })
    expect(times.at(-1)).toBe(Number(latest!.ms))
  })

  it('answers a short window in full, not truncated', async () => {
    const before = new Date(now).toISOString()
    const res = await read(
      `/v1/hubs/${hub.id}/contacts/${CONTACT}/journey?before=${encodeURIComponent(before)}&window=PT2H`,
    )
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      truncated: boolean
      interactions: unknown[]
      summary: { counts: Record<string, number> }
    }
    expect(body.truncated).toBe(false)
    expect(Object.values(body.summary.counts).reduce((a, b) => a + b, 0)).toBe(body.interactions.length)
  })

  it("answers the year's insights with a 90-day window: 200, or 503 read_too_large at the time bound", async () => {
    const query = new URLSearchParams({
      from: new Date(now - 365 * DAY).toISOString(),
      to: new Date(now).toISOString(),
      window: 'P90D',
    })
    const get = (table: string) => read(`/v1/hubs/${hub.id}/insights/${table}?${query}`)
    for (const table of ['searches', 'volume', 'deflection']) {
      const res = await get(table)
      if (res.status !== 200) {
        expect(res.status, table).toBe(503)
        expect(await res.json()).toMatchObject({ error: { code: 'read_too_large' } })
      }
    }
    // 100,000 reads of distinct articles by one contact with 500 cases: each read meets each
    // case (tens of seconds of work); the engine stops it at the bound, and the API says why.
    const content = await get('content')
    expect(content.status).toBe(503)
    expect(content.headers.get('retry-after')).toBe('30')
    expect(await content.json()).toMatchObject({
      error: { code: 'read_too_large', message: expect.stringContaining('shorter period') },
    })
  })
})
