import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../core/index.ts'
import type { JourneyResponse } from '../../schemas/index.ts'
import { search } from '../support/interactions.ts'
import { type TestHub, useTestCore, tokenFor } from '../support/test-core.ts'

const t = useTestCore()
let hub: TestHub
beforeAll(async () => {
  hub = await t.createHub('Around cases')
})

const iso = (ms: number) => new Date(ms).toISOString()
const HOUR = 3_600_000
const DAY = 24 * HOUR

const ingest = async (items: unknown[]) => {
  const res = await t.sendTo(hub, items, '?wait=stored')
  expect(res.status).toBe(200)
}
const storeCase = (overrides: Partial<CaseRecord> & Pick<CaseRecord, 'contactId' | 'createdAt'>) => {
  const record: CaseRecord = {
    hubId: hub.id,
    caseId: randomUUID(),
    caseNumber: null,
    portalId: null,
    title: null,
    status: null,
    category: null,
    description: null,
    source: 'crm',
    reportedAt: Date.now(),
    ...overrides,
  }
  return t.core.caseRepository.insert([record]).then(() => record)
}
const journey = async (contactId: string, query: Record<string, string>) => {
  const res = await t.app.request(
    `/v1/hubs/${hub.id}/contacts/${contactId}/journey?${new URLSearchParams(query)}`,
    {
      headers: {
        authorization: tokenFor(`/v1/hubs/${hub.id}/contacts/${contactId}`, hub.keys[0]!.primaryKey),
      },
    },
  )
  return res
}
const ok = async (contactId: string, query: Record<string, string>) => {
  const res = await journey(contactId, query)
  expect(res.status).toBe(200)
  return (await res.json()) as JourneyResponse
}

describe('the journey with an after window', () => {
  const before = Date.now() - 2 * DAY

  it('covers before - window <= t < before + after, and answers before and to', async () => {
    const contactId = randomUUID()
    const from = before - 7 * DAY
    const to = before + DAY
    const at = (ms: number) => search({ portal_contactid: contactId, portal_timestamp: iso(ms) })
    const [atFrom, beforeFrom, atBefore, justBeforeTo, atTo] = [
      at(from),
      at(from - 1),
      at(before),
      at(to - 1),
      at(to),
    ]
    await ingest([atFrom, beforeFrom, atBefore, justBeforeTo, atTo])
    const body = await ok(contactId, { before: iso(before), window: 'P7D', after: 'P1D' })
    expect(body).toMatchObject({ from: iso(from), before: iso(before), to: iso(to) })
    expect(body.interactions.map((i) => i.portal_interactionid)).toEqual([
      atFrom.portal_interactionid,
      atBefore.portal_interactionid,
      justBeforeTo.portal_interactionid,
    ])
    expect(body.summary.counts.portal_search).toBe(3)
  })

  it('ends at before when after is absent or zero', async () => {
    const contactId = randomUUID()
    const atBefore = search({ portal_contactid: contactId, portal_timestamp: iso(before) })
    const justBefore = search({ portal_contactid: contactId, portal_timestamp: iso(before - 1) })
    await ingest([atBefore, justBefore])
    const queries: Array<Record<string, string>> = [
      { before: iso(before) },
      { before: iso(before), after: 'PT0S' },
    ]
    for (const query of queries) {
      const body = await ok(contactId, query)
      expect(body.to).toBe(iso(before))
      expect(body.before).toBe(iso(before))
      expect(body.interactions.map((i) => i.portal_interactionid)).toEqual([justBefore.portal_interactionid])
    }
  })

  it.each([
    ['a bad after', { after: '1 day' }, 'invalid_after'],
    ['an after over P90D', { after: 'P91D' }, 'after_too_long'],
  ])('answers 400 for %s', async (_label, query, code) => {
    const res = await journey(randomUUID(), { before: iso(before), ...query })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code, field: 'after' } })
  })
})

describe('cases in the journey', () => {
  const before = Date.parse('2026-11-20T12:00:00.000Z')

  it("lists the contact's cases with from <= createdAt < to, oldest first, each once", async () => {
    const contactId = randomUUID()
    const from = before - 3 * DAY
    const to = before + 12 * HOUR
    const atFrom = await storeCase({ contactId, createdAt: from, title: 'first', caseNumber: 'CAS-1' })
    await storeCase({ contactId, createdAt: from - 1, title: 'too early' })
    const atBefore = await storeCase({ contactId, createdAt: before, title: 'the case', status: 'active' })
    const lastIn = await storeCase({ contactId, createdAt: to - 1, title: 'after it' })
    await storeCase({ contactId, createdAt: to, title: 'too late' })
    await storeCase({ contactId: randomUUID(), createdAt: before - HOUR, title: 'someone else' })
    // A repeat report of one case: stored once, the latest report wins.
    await storeCase({ ...atBefore, status: 'resolved', reportedAt: atBefore.reportedAt + 1000 })

    const body = await ok(contactId, { before: iso(before), window: 'P3D', after: 'PT12H' })
    expect(body.cases).toEqual([
      {
        caseId: atFrom.caseId,
        caseNumber: 'CAS-1',
        title: 'first',
        status: null,
        createdAt: iso(from),
        portalId: null,
      },
      {
        caseId: atBefore.caseId,
        caseNumber: null,
        title: 'the case',
        status: 'resolved',
        createdAt: iso(before),
        portalId: null,
      },
      {
        caseId: lastIn.caseId,
        caseNumber: null,
        title: 'after it',
        status: null,
        createdAt: iso(to - 1),
        portalId: null,
      },
    ])

    // Without after, the span ends at before: the case created at before is outside it.
    const beforeOnly = await ok(contactId, { before: iso(before), window: 'P3D' })
    expect(beforeOnly.cases.map((c) => c.caseId)).toEqual([atFrom.caseId])
  })

  it("does not show another hub's cases", async () => {
    const contactId = randomUUID()
    const other = await t.createHub('Other')
    await storeCase({ contactId, createdAt: before - HOUR, hubId: other.id })
    const body = await ok(contactId, { before: iso(before) })
    expect(body.cases).toEqual([])
  })
})
