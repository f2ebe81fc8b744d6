import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  API,
  CONTENT_TYPES,
  type ContentInsight,
  type ContentInsights,
  INTERACTION_TYPES,
  type Interaction,
  type SearchInsights,
  type VolumeInsights,
} from '../../schemas/index.ts'
import { type TestHub, startTestCore, tokenFor } from '../support/test-core.ts'
import { prng } from '../support/seeded-random.ts'
import { caseReports, type GeneratedCase } from '../support/generated-cases.ts'

/**
 * Insight figures against an independent computation: a generated data set
 * (contacts reading, searching and opening cases over 24 days, two portals,
 * repeats of interactions, reads exactly on the window's edges), sent through
 * the API, and every figure recomputed here with plain loops.
 */

const MINUTE = 60_000
const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()

let t: Awaited<ReturnType<typeof startTestCore>>
let hub: TestHub

interface Read {
  id: string
  contact: string
  portal: string
  at: number
  type: Exclude<Interaction['type'], 'portal_articlefeedback'>
  item: string
  title: string
}
type Case = GeneratedCase

const base = Math.floor((Date.now() - 26 * DAY) / MINUTE) * MINUTE
const period = { from: base + 6 * DAY, to: base + 18 * DAY }
const windowMs = 3 * DAY
const portals = [randomUUID(), randomUUID()]
const reads: Read[] = []
const cases: Case[] = []
const sent: Interaction[] = []

function generate() {
  // Seeded, so a failure reproduces.
  const next = prng(12).next
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!
  const contacts = Array.from({ length: 30 }, () => randomUUID())
  const items = CONTENT_TYPES.flatMap((type) =>
    Array.from({ length: 4 }, (_, k) => ({ type, id: randomUUID(), title: `${type.slice(7)} ${k}` })),
  )
  const searchStrings = [
    'Reset password',
    '  reset   PASSWORD ',
    'refund',
    'Two factor\tnew phone',
    'two factor new phone',
  ]
  for (let n = 0; n < 420; n++) {
    const contact = pick(contacts)
    const at = base + Math.floor((next() * 24 * DAY) / MINUTE) * MINUTE
    const portal = pick(portals)
    if (next() < 0.25) {
      reads.push({
        id: randomUUID(),
        contact,
        portal,
        at,
        type: 'portal_search',
        item: '',
        title: pick(searchStrings),
      })
    } else {
      const item = pick(items)
      reads.push({ id: randomUUID(), contact, portal, at, type: item.type, item: item.id, title: item.title })
    }
  }
  for (let n = 0; n < 40; n++) {
    cases.push({
      id: randomUUID(),
      contact: pick(contacts),
      portal: next() < 0.2 ? null : pick(portals),
      at: base + Math.floor((next() * 24 * DAY) / MINUTE) * MINUTE + 30_000,
    })
  }
  // The window's edges: a read exactly `window` before a case precedes it; one exactly at it does not.
  const edge = items[0]!
  const edgeContact = randomUUID()
  const caseAt = period.from + 2 * DAY
  cases.push({ id: randomUUID(), contact: edgeContact, portal: portals[0]!, at: caseAt })
  reads.push(
    {
      id: randomUUID(),
      contact: edgeContact,
      portal: portals[0]!,
      at: caseAt - windowMs,
      type: edge.type,
      item: edge.id,
      title: edge.title,
    },
    {
      id: randomUUID(),
      contact: edgeContact,
      portal: portals[0]!,
      at: caseAt,
      type: edge.type,
      item: items[1]!.id,
      title: items[1]!.title,
    },
  )
  for (const r of reads) {
    const common = {
      portal_interactionid: r.id,
      portal_contactid: r.contact,
      portal_portalid: r.portal,
      portal_timestamp: iso(r.at),
    }
    sent.push(
      r.type === 'portal_search'
        ? { type: r.type, ...common, portal_searchstring: r.title }
        : r.type === 'portal_viewknowledgearticle'
          ? { type: r.type, ...common, portal_knowledgearticleid: r.item, portal_knowledgetitle: r.title }
          : r.type === 'portal_viewblogpost'
            ? { type: r.type, ...common, portal_blogpostid: r.item, portal_blogtitle: r.title }
            : { type: r.type, ...common, portal_forumthreadid: r.item, portal_forumthreadtitle: r.title },
    )
  }
}

beforeAll(async () => {
  t = await startTestCore()
  hub = await t.createHub('Insights')
  generate()
  // Every interaction once, and a tenth of them twice more (a portal resending).
  const repeats = sent.filter((_, i) => i % 10 === 0)
  for (const batch of [sent.slice(0, 250), sent.slice(250), repeats]) {
    expect((await t.sendTo(hub, batch, '?wait=stored')).status).toBe(200)
  }
  const reported = caseReports(cases)
  for (const body of [reported, reported.slice(0, 5)]) {
    const res = await t.reportCases(hub, body)
    expect(res.status).toBe(200)
  }
})
afterAll(async () => {
  await t.close()
  t.remove()
})

// ---- the independent computation ----
const inPeriod = (ms: number) => ms >= period.from && ms < period.to
const precedes = (r: Read, c: Case) => r.contact === c.contact && r.at >= c.at - windowMs && r.at < c.at
const scoped = (portal?: string) => ({
  reads: reads.filter((r) => !portal || r.portal === portal),
  cases: cases.filter((c) => !portal || c.portal === portal || c.portal === null),
})

function expectedContent(portal?: string): Map<string, Omit<ContentInsight, 'type' | 'title'>> {
  const s = scoped(portal)
  const out = new Map<string, Omit<ContentInsight, 'type' | 'title'>>()
  const itemIds = new Set(s.reads.filter((r) => r.type !== 'portal_search').map((r) => r.item))
  for (const item of itemIds) {
    const itemReads = s.reads.filter((r) => r.item === item)
    const periodReads = itemReads.filter((r) => inPeriod(r.at))
    const readers = new Set(periodReads.map((r) => r.contact))
    const casesPreceded = s.cases.filter(
      (c) => inPeriod(c.at) && itemReads.some((r) => precedes(r, c)),
    ).length
    const readersWithCase = [...readers].filter((contact) =>
      periodReads.some(
        (r) =>
          r.contact === contact &&
          s.cases.some((c) => c.contact === contact && c.at > r.at && c.at <= r.at + windowMs),
      ),
    ).length
    // Items read only before the period, preceding no case of it, rank nowhere.
    if (readers.size === 0 && casesPreceded === 0) continue
    out.set(item, {
      itemId: item,
      views: periodReads.length,
      readers: readers.size,
      casesPreceded,
      readersWithCase,
      caseRate: readers.size === 0 ? null : readersWithCase / readers.size,
    })
  }
  return out
}

function expectedSearches(portal?: string) {
  const s = scoped(portal)
  const norm = (q: string) => q.toLowerCase().replace(/\s+/g, ' ').trim()
  const out = new Map<string, { cases: Set<string>; runs: Set<string> }>()
  for (const c of s.cases.filter((x) => inPeriod(x.at))) {
    for (const r of s.reads.filter((x) => x.type === 'portal_search' && precedes(x, c))) {
      const entry = out.get(norm(r.title)) ?? { cases: new Set(), runs: new Set() }
      entry.cases.add(c.id)
      entry.runs.add(r.id)
      out.set(norm(r.title), entry)
    }
  }
  return new Map([...out].map(([q, e]) => [q, { cases: e.cases.size, runs: e.runs.size }]))
}

// ---- the API ----
const query = (extra: Record<string, string> = {}) =>
  new URLSearchParams({ from: iso(period.from), to: iso(period.to), window: 'P3D', ...extra }).toString()
const get = async <T>(path: string, token = tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey)) => {
  const res = await t.app.request(path, { headers: { authorization: token } })
  expect(res.status).toBe(200)
  return (await res.json()) as T
}

describe.each([
  ['the hub', undefined],
  ['one portal', 0],
])('insights for %s', (_label, portalIndex) => {
  const portal = portalIndex === undefined ? undefined : portals[portalIndex]!
  const prefix = () => (portal ? `/v1/hubs/${hub.id}/portals/${portal}` : `/v1/hubs/${hub.id}`)

  it('counts content read before cases, with case rates, exactly as recomputed', async () => {
    const answer = await get<ContentInsights>(
      `${prefix()}/insights/content?${query({ limit: '100', minReaders: '1' })}`,
    )
    const expected = expectedContent(portal)
    const s = scoped(portal)
    expect(answer.cases).toBe(s.cases.filter((c) => inPeriod(c.at)).length)
    const preceded = [...expected.values()].filter((e) => e.casesPreceded > 0)
    expect(preceded.length).toBeGreaterThan(3)
    const strip = ({ type: _t, title: _x, ...rest }: ContentInsight) => rest
    const byId = (a: { itemId: string }, b: { itemId: string }) => a.itemId.localeCompare(b.itemId)
    expect(answer.precededCases.map(strip).sort(byId)).toEqual(preceded.sort(byId))
    const counts = answer.precededCases.map((i) => i.casesPreceded)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))

    expect(answer.minReaders).toBe(1)
    const read = [...expected.values()].filter((e) => e.readers >= 1)
    expect(answer.deflecting.map(strip).sort(byId)).toEqual(read.sort(byId))
    const rates = answer.deflecting.map((i) => i.caseRate ?? 0)
    expect(rates).toEqual([...rates].sort((a, b) => a - b))
  })

  it('counts normalised searches before cases exactly as recomputed', async () => {
    const answer = await get<SearchInsights>(`${prefix()}/insights/searches?${query({ limit: '100' })}`)
    const expected = expectedSearches(portal)
    expect(new Map(answer.searches.map((s) => [s.searchString, { cases: s.cases, runs: s.runs }]))).toEqual(
      expected,
    )
    expect(answer.searches.every((s) => s.searchString === s.searchString.toLowerCase().trim())).toBe(true)
  })

  it('counts interactions by day and type, each once, and cases per day', async () => {
    const answer = await get<VolumeInsights>(`${prefix()}/insights/volume?${query()}`)
    const s = scoped(portal)
    const firstDay = Math.floor(period.from / DAY) * DAY
    expect(answer.days.map((d) => d.day)).toEqual(
      Array.from({ length: Math.ceil((period.to - firstDay) / DAY) }, (_, i) =>
        iso(firstDay + i * DAY).slice(0, 10),
      ),
    )
    for (const day of answer.days) {
      const start = Date.parse(`${day.day}T00:00:00Z`)
      const inDay = (ms: number) =>
        ms >= Math.max(start, period.from) && ms < Math.min(start + DAY, period.to)
      const counts = Object.fromEntries(
        INTERACTION_TYPES.map((type) => [type, s.reads.filter((r) => r.type === type && inDay(r.at)).length]),
      )
      expect({ day: day.day, counts: day.counts, cases: day.cases }).toEqual({
        day: day.day,
        counts,
        cases: s.cases.filter((c) => inDay(c.at)).length,
      })
    }
  })
})

describe('the look-back window', () => {
  it('counts a read exactly window before a case, and not one at the case time', async () => {
    const answer = await get<ContentInsights>(
      `/v1/hubs/${hub.id}/insights/content?${query({ limit: '100', minReaders: '1' })}`,
    )
    const expected = expectedContent()
    const edgeCase = cases.at(-1)!
    const [atStart, atCase] = reads.slice(-2)
    expect(precedes(atStart!, edgeCase)).toBe(true)
    expect(precedes(atCase!, edgeCase)).toBe(false)
    const figure = answer.precededCases.find((i) => i.itemId === atStart!.item)
    expect(figure?.casesPreceded).toBe(expected.get(atStart!.item)!.casesPreceded)
  })

  it('defaults the window to seven days and the period to the 30 days before now', async () => {
    const answer = await get<SearchInsights>(`/v1/hubs/${hub.id}/insights/searches`)
    expect(answer.window).toBe('P7D')
    expect(Date.parse(answer.to) - Date.parse(answer.from)).toBe(30 * DAY)
  })
})

describe('insight routes', () => {
  it('export each table as CSV', async () => {
    const res = await t.app.request(`/v1/hubs/${hub.id}/insights/volume?${query({ format: 'csv' })}`, {
      headers: { authorization: tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey) },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = (await res.text()).trimEnd().split('\r\n')
    expect(lines[0]).toBe(`day,${INTERACTION_TYPES.join(',')},cases`)
    expect(lines).toHaveLength(1 + Math.ceil((period.to - Math.floor(period.from / DAY) * DAY) / DAY))
    const content = await t.app.request(`/v1/hubs/${hub.id}/insights/content?${query({ format: 'csv' })}`, {
      headers: { authorization: tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey) },
    })
    expect((await content.text()).split('\r\n')[0]).toBe(
      'list,type,itemId,title,views,readers,casesPreceded,readersWithCase,caseRate',
    )
  })

  it.each([
    [
      'a period that ends before it starts',
      { from: iso(period.to), to: iso(period.from) },
      'invalid_period',
      'from',
    ],
    [
      'a period over 366 days',
      { from: iso(Date.now() - 400 * DAY), to: iso(Date.now()) },
      'period_too_long',
      'from',
    ],
    ['a window over P90D', { window: 'P91D' }, 'window_too_long', 'window'],
    ['a bad window', { window: 'a week' }, 'invalid_window', 'window'],
    ['a bad from', { from: 'yesterday' }, 'invalid_from', 'from'],
    ['a bad limit', { limit: '1000' }, 'invalid_limit', 'limit'],
    ['a bad format', { format: 'xlsx' }, 'invalid_format', 'format'],
    ['an unknown parameter', { sort: 'asc' }, 'unknown_parameter', 'sort'],
  ])(
    'answer 400 for %s, on every insight route, with a code the route documents',
    async (_label, params, code, field) => {
      // The hub's and the portal's routes of each kind: one validation path (the registry's schemas), one answer.
      const routes = [
        [`/v1/hubs/${hub.id}/insights/content`, API.getContentInsights],
        [`/v1/hubs/${hub.id}/insights/searches`, API.getSearchInsights],
        [`/v1/hubs/${hub.id}/insights/volume`, API.getVolumeInsights],
        [`/v1/hubs/${hub.id}/portals/${randomUUID()}/insights/content`, API.getPortalContentInsights],
        [`/v1/hubs/${hub.id}/portals/${randomUUID()}/insights/searches`, API.getPortalSearchInsights],
        [`/v1/hubs/${hub.id}/portals/${randomUUID()}/insights/volume`, API.getPortalVolumeInsights],
      ] as const
      for (const [path, route] of routes) {
        const res = await t.app.request(`${path}?${query(params)}`, {
          headers: { authorization: tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey) },
        })
        expect(res.status, path).toBe(400)
        expect(await res.json(), path).toMatchObject({ error: { code, field } })
        expect(route.errors.find((e) => e.status === 400)?.codes, path).toContain(code)
      }
    },
  )

  it('deny without a token, without the read right, and beyond the token’s scope', async () => {
    const path = `/v1/hubs/${hub.id}/insights/content`
    expect((await t.app.request(path)).status).toBe(401)
    const created = await t.admin(`/v1/admin/hubs/${hub.id}/keys`, {
      method: 'POST',
      body: JSON.stringify({ keyName: 'sender', rights: ['send'] }),
    })
    const sender = (await created.json()) as { primaryKey: string }
    const sendOnly = tokenFor(`/v1/hubs/${hub.id}`, sender.primaryKey, { keyName: 'sender' })
    expect((await t.app.request(path, { headers: { authorization: sendOnly } })).status).toBe(403)
    // A per-contact token (what a case form holds) reads that contact's journey, not the hub's insights.
    const contactToken = tokenFor(`/v1/hubs/${hub.id}/contacts/${randomUUID()}`, hub.keys[0]!.primaryKey)
    expect((await t.app.request(path, { headers: { authorization: contactToken } })).status).toBe(403)
    // A portal's token reads that portal's insights, not the hub's nor another portal's.
    const portalToken = tokenFor(`/v1/hubs/${hub.id}/portals/${portals[0]}`, hub.keys[0]!.primaryKey)
    expect((await t.app.request(path, { headers: { authorization: portalToken } })).status).toBe(403)
    await get(`/v1/hubs/${hub.id}/portals/${portals[0]}/insights/volume`, portalToken)
    const other = await t.app.request(`/v1/hubs/${hub.id}/portals/${portals[1]}/insights/volume`, {
      headers: { authorization: portalToken },
    })
    expect(other.status).toBe(403)
  })

  it('answer 404 for an unknown hub', async () => {
    const id = randomUUID()
    const res = await t.app.request(`/v1/hubs/${id}/insights/volume`, {
      headers: { authorization: tokenFor(`/v1/hubs/${id}`, 'x') },
    })
    expect(res.status).toBe(404)
  })
})
