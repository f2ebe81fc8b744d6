import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeflectionInsights, SearchInsights } from '../../schemas/index.ts'
import { type TestHub, startTestCore, tokenFor } from '../support/test-core.ts'
import { caseReports } from '../support/generated-cases.ts'
import {
  HOUR,
  DAY,
  iso,
  events,
  cases,
  portals,
  period,
  COST,
  edges,
  generate,
  toInteraction,
  sessionsOf,
  searchOutcomes,
  expectedDeflection,
} from '../support/deflection-model.ts'

/**
 * Deflection against an independent computation: a known history (sessions with
 * and without ids, reads, helpful and unhelpful votes, searches with and without
 * results and click-throughs, cases at known offsets, two portals, repeats) goes
 * through the real ingest into the real embedded ClickHouse; every figure of
 * `insights/deflection` (and the knowledge gaps of `insights/searches`) is
 * recomputed here by brute force from the definitions in schemas/deflection.ts and
 * compared exactly. Edge cases by name: a vote after the case, two cases in one
 * window, a session across midnight UTC, a contact on two portals, a case exactly
 * a window after the read.
 */

let t: Awaited<ReturnType<typeof startTestCore>>
let hub: TestHub
const hubToken = () => tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey)

beforeAll(async () => {
  t = await startTestCore()
  hub = await t.createHub('Deflection')
  generate()
  const sent = events.map(toInteraction)
  // Every interaction once, and a seventh of them again (a portal resending).
  for (const batch of [sent.slice(0, 400), sent.slice(400), sent.filter((_, i) => i % 7 === 0)]) {
    expect((await t.sendTo(hub, batch, '?wait=stored')).status).toBe(200)
  }
  const reported = caseReports(cases)
  for (let i = 0; i < reported.length; i += 50) {
    const res = await t.reportCases(hub, reported.slice(i, i + 50))
    expect(res.status).toBe(200)
  }
  const cost = await t.admin(`/v1/admin/hubs/${hub.id}/deflection-cost`, {
    method: 'PUT',
    body: JSON.stringify({ costPerCase: COST, currency: 'EUR' }),
  })
  expect(cost.status).toBe(200)
}, 120_000)
afterAll(async () => {
  await t.close()
  t.remove()
})

const query = (extra: Record<string, string> = {}) =>
  new URLSearchParams({ from: iso(period.from), to: iso(period.to), limit: '100', ...extra }).toString()
const get = async <T>(path: string) => {
  const res = await t.app.request(path, { headers: { authorization: hubToken() } })
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as T
}
/** UUIDs as ClickHouse gives them back: lower case, as sent here. */
const sortedArticles = (a: DeflectionInsights) => a

describe.each([
  ['the hub', undefined],
  ['portal one', 0],
  ['portal two', 1],
] as const)('deflection for %s', (_label, portalIndex) => {
  const portal = portalIndex === undefined ? undefined : portals[portalIndex]
  const prefix = () => (portal ? `/v1/hubs/${hub.id}/portals/${portal}` : `/v1/hubs/${hub.id}`)

  it.each([
    ['the default window (PT24H)', undefined, DAY],
    ['a window of PT2H', 'PT2H', 2 * HOUR],
  ])('gives every figure exactly as recomputed, with %s', async (_w, window, windowMs) => {
    const answer = await get<DeflectionInsights>(
      `${prefix()}/insights/deflection?${query(window ? { window } : {})}`,
    )
    const { hubId, portalId, from, to, window: w, ...figures } = sortedArticles(answer)
    expect({ hubId, portalId, from, to, window: w }).toEqual({
      hubId: hub.id,
      portalId: portal ?? null,
      from: iso(period.from),
      to: iso(period.to),
      window: window ?? 'PT24H',
    })
    const expected = expectedDeflection(windowMs, portal)
    expect(figures).toEqual(expected)
    // The history is rich enough to tell the outcomes apart.
    expect(expected.summary.confirmed).toBeGreaterThan(0)
    expect(expected.summary.potential).toBeGreaterThan(0)
    expect(expected.summary.failed).toBeGreaterThan(0)
  })
})

describe('the edge cases, by name', () => {
  const sessionOf = (contact: string, portal = portals[0]) =>
    sessionsOf(period.from, period.to, DAY).filter((s) => s.contact === contact && s.portal === portal)

  it('a vote after the case does not confirm the session: it failed', () => {
    expect(sessionOf(edges.voteAfterCase).map((s) => [s.outcome, s.yes])).toEqual([['failed', 1]])
  })
  it('two cases in one window fail one session once', () => {
    expect(sessionOf(edges.twoCases, portals[1]).map((s) => s.outcome)).toEqual(['failed'])
  })
  it('a session across midnight UTC is one session, confirmed by its vote on the second day', () => {
    expect(sessionOf(edges.acrossMidnight).map((s) => [s.outcome, s.articles.size])).toEqual([
      ['confirmed', 2],
    ])
  })
  it('a contact on two portals has a session on each, and a case after both fails both', () => {
    expect(
      [...sessionOf(edges.twoPortals), ...sessionOf(edges.twoPortals, portals[1])].map((s) => s.outcome),
    ).toEqual(['failed', 'failed'])
  })
  it('a case exactly a window after the read fails it; a millisecond later it does not', () => {
    expect(sessionOf(edges.exactWindow).map((s) => s.outcome)).toEqual(['failed'])
    expect(sessionOf(edges.justOutside).map((s) => s.outcome)).toEqual(['confirmed'])
  })
  it('these sessions are in the API’s answer as recomputed (portal one, week by week)', async () => {
    const answer = await get<DeflectionInsights>(
      `/v1/hubs/${hub.id}/portals/${portals[0]}/insights/deflection?${query()}`,
    )
    expect(answer.weeks.map((w) => w.weekStart)).toEqual(
      expectedDeflection(DAY, portals[0]).weeks.map((w) => w.weekStart),
    )
    expect(answer.weeks.reduce((n, w) => n + w.failed, 0)).toBe(answer.summary.failed)
  })
})

describe('knowledge gaps on insights/searches', () => {
  it('counts, per normalised search before cases, the runs with no results and with no click', async () => {
    const windowMs = 3 * DAY
    const answer = await get<SearchInsights>(
      `/v1/hubs/${hub.id}/insights/searches?${query({ window: 'P3D' })}`,
    )
    const outcomes = new Map(searchOutcomes(period.from - windowMs, period.to).map((o) => [o.s.id, o]))
    const norm = (q: string) => q.toLowerCase().replace(/\s+/g, ' ').trim()
    const rows = new Map<string, { cases: Set<string>; runs: Set<string> }>()
    for (const c of cases.filter((x) => x.at >= period.from && x.at < period.to)) {
      for (const s of events.filter(
        (e) => e.kind === 'search' && e.contact === c.contact && e.at >= c.at - windowMs && e.at < c.at,
      )) {
        const row = rows.get(norm(s.title)) ?? { cases: new Set(), runs: new Set() }
        row.cases.add(c.id)
        row.runs.add(s.id)
        rows.set(norm(s.title), row)
      }
    }
    const expected = new Map(
      [...rows].map(([q, r]) => {
        const runs = [...r.runs].map((id) => outcomes.get(id)!)
        return [
          q,
          {
            cases: r.cases.size,
            runs: r.runs.size,
            noResults: runs.filter((o) => o.noResults).length,
            noClick: runs.filter((o) => !o.noResults && !o.clicked).length,
            precededCases: r.cases.size,
          },
        ]
      }),
    )
    const { searchString: _q, ...first } = answer.searches[0]!
    expect(Object.keys(first)).toEqual(['cases', 'runs', 'noResults', 'noClick', 'precededCases'])
    expect(new Map(answer.searches.map(({ searchString, ...rest }) => [searchString, rest]))).toEqual(
      expected,
    )
    expect([...expected.values()].some((r) => r.noResults > 0)).toBe(true)
    expect([...expected.values()].some((r) => r.noClick > 0)).toBe(true)
  })
})

describe('the deflection route', () => {
  it('exports CSV: the summary, the previous period, each portal, article and week', async () => {
    const res = await t.app.request(`/v1/hubs/${hub.id}/insights/deflection?${query({ format: 'csv' })}`, {
      headers: { authorization: hubToken() },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = (await res.text()).trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      'level,key,title,sessions,confirmed,potential,failed,confirmedRate,potentialRate,failedRate,deflectionRate,helpfulVotes,unhelpfulVotes,helpfulRate',
    )
    const expected = expectedDeflection(DAY)
    expect(lines).toHaveLength(
      1 + 2 + expected.portals.length + expected.articles.length + expected.weeks.length,
    )
    expect(lines[1]).toMatch(
      new RegExp(`^summary,${iso(period.from)},${iso(period.to)},${expected.summary.sessions},`),
    )
  })

  it('refuses a bad window or period with a 400 naming the parameter, and no token with a 401', async () => {
    for (const [q, code] of [
      ['window=P1Y', 'invalid_window'],
      ['window=P91D', 'window_too_long'],
      [`from=${iso(period.to)}&to=${iso(period.from)}`, 'invalid_period'],
      ['minReaders=3', 'unknown_parameter'],
    ] as const) {
      const res = await t.app.request(`/v1/hubs/${hub.id}/insights/deflection?${q}`, {
        headers: { authorization: hubToken() },
      })
      expect(res.status, q).toBe(400)
      expect(JSON.stringify(await res.json()), q).toContain(code)
    }
    expect((await t.app.request(`/v1/hubs/${hub.id}/insights/deflection`)).status).toBe(401)
  })

  it('gives a null cost saved once the hub’s cost per case is removed', async () => {
    expect((await t.admin(`/v1/admin/hubs/${hub.id}/deflection-cost`, { method: 'DELETE' })).status).toBe(204)
    const answer = await get<DeflectionInsights>(`/v1/hubs/${hub.id}/insights/deflection?${query()}`)
    expect(answer).toMatchObject({ costPerCase: null, currency: null, summary: { costSaved: null } })
    const refused = await t.admin(`/v1/admin/hubs/${hub.id}/deflection-cost`, {
      method: 'PUT',
      body: JSON.stringify({ costPerCase: -1, currency: 'euro' }),
    })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toMatch(/costPerCase[\s\S]*currency|currency[\s\S]*costPerCase/)
    await t.admin(`/v1/admin/hubs/${hub.id}/deflection-cost`, {
      method: 'PUT',
      body: JSON.stringify({ costPerCase: COST, currency: 'EUR' }),
    })
  })

  it('refuses and quarantines article feedback with a comment over 1,000 characters', async () => {
    const item = {
      ...toInteraction({ ...events.find((e) => e.kind === 'vote')!, id: randomUUID(), at: Date.now() }),
      portal_comment: 'x'.repeat(1001),
    }
    const res = await t.sendTo(hub, [item])
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      rejected: [
        { index: 0, errors: [expect.objectContaining({ path: 'portal_comment', code: 'too_long' })] },
      ],
    })
    await t.settled()
    const listed = await t.admin(`/v1/admin/hubs/${hub.id}/quarantine`)
    expect(JSON.stringify(await listed.json())).toContain('portal_articlefeedback')
  })
})
