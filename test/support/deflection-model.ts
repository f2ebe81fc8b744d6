import { randomUUID } from 'node:crypto'
import type { DeflectionInsights, DeflectionOutcomes, Interaction } from '../../schemas/index.ts'
import type { GeneratedCase } from './generated-cases.ts'
import { prng } from './seeded-random.ts'

/**
 * The deflection test's known history and its independent computation
 * (test/integration/deflection.test.ts): sessions with and without ids, reads,
 * votes, searches with and without results and click-throughs, cases at known
 * offsets on two portals, and every figure of `insights/deflection` recomputed
 * by brute force from the definitions in schemas/deflection.ts. No store here:
 * `generate()` fills `events` and `cases` (seeded), the test sends them through
 * the real ingest and compares the API's answers with `expectedDeflection`.
 */

const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
export const iso = (ms: number) => new Date(ms).toISOString()

type Kind = 'article' | 'blog' | 'forum' | 'search' | 'vote'
interface Event {
  id: string
  contact: string
  portal: string
  session: string | null
  at: number
  kind: Kind
  item: string
  title: string
  helpful?: boolean
  resultCount?: number
}
type Case = GeneratedCase

export const events: Event[] = []
export const cases: Case[] = []
export const portals = [randomUUID(), randomUUID()] as const
const articles = Array.from({ length: 4 }, (_, k) => ({ id: randomUUID(), title: `Article ${k}` }))
const blog = { id: randomUUID(), title: 'Release notes' }
const forum = { id: randomUUID(), title: 'Locked out' }
// Midnight-aligned, so the period's days and weeks are known: 26 days ago, 00:00 UTC.
const base = Math.floor((Date.now() - 26 * DAY) / DAY) * DAY
export const period = { from: base + 8 * DAY, to: base + 22 * DAY }
export const COST = 12.5

const event = (e: Omit<Event, 'id' | 'item' | 'title'> & Partial<Pick<Event, 'item' | 'title'>>): Event => {
  const full = { id: randomUUID(), item: '', title: '', ...e }
  events.push(full)
  return full
}
const read = (contact: string, portal: string, session: string | null, at: number, a = articles[0]!) =>
  event({ contact, portal, session, at, kind: 'article', item: a.id, title: a.title })
const vote = (
  contact: string,
  portal: string,
  session: string | null,
  at: number,
  helpful: boolean,
  a = articles[0]!,
) => event({ contact, portal, session, at, kind: 'vote', item: a.id, helpful })
const search = (
  contact: string,
  portal: string,
  session: string | null,
  at: number,
  q: string,
  resultCount?: number,
) => event({ contact, portal, session, at, kind: 'search', title: q, resultCount })
const openCase = (contact: string, at: number, portal: string | null = portals[0]) => {
  cases.push({ id: randomUUID(), contact, portal, at })
}

/** The named edge cases; each returns what the test checks about it. */
export const edges = {
  voteAfterCase: randomUUID(),
  twoCases: randomUUID(),
  acrossMidnight: randomUUID(),
  twoPortals: randomUUID(),
  exactWindow: randomUUID(),
  justOutside: randomUUID(),
}

export function generate() {
  // Seeded, so a failure reproduces.
  const next = prng(28).next
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!
  const contacts = Array.from({ length: 36 }, () => randomUUID())
  const queries = ['Reset password', '  reset   PASSWORD ', 'refund', 'two factor new phone', 'zzqx']
  // Random sessions over 30 days (the previous period too), some without a session id.
  for (let n = 0; n < 260; n++) {
    const contact = pick(contacts)
    const portal = pick(portals)
    const session = next() < 0.2 ? null : `s-${n}`
    let at = base - 7 * DAY + Math.floor((next() * 30 * DAY) / MINUTE) * MINUTE
    const steps = 1 + Math.floor(next() * 5)
    for (let k = 0; k < steps; k++) {
      at += Math.floor(next() * 20 + 1) * MINUTE
      const r = next()
      if (r < 0.3) {
        const q = pick(queries)
        const counted = next()
        search(
          contact,
          portal,
          session,
          at,
          q,
          counted < 0.2 ? undefined : q === 'zzqx' ? 0 : Math.floor(next() * 4),
        )
      } else if (r < 0.65) read(contact, portal, session, at, pick(articles))
      else if (r < 0.72)
        event({ contact, portal, session, at, kind: 'blog', item: blog.id, title: blog.title })
      else if (r < 0.78)
        event({ contact, portal, session, at, kind: 'forum', item: forum.id, title: forum.title })
      else vote(contact, portal, session, at, next() < 0.6, pick(articles))
    }
  }
  for (let n = 0; n < 70; n++) {
    const r = next()
    openCase(
      pick(contacts),
      base - 7 * DAY + Math.floor((next() * 31 * DAY) / MINUTE) * MINUTE + 30_000,
      r < 0.2 ? null : pick(portals),
    )
  }

  const day = (d: number) => base + d * DAY
  // A vote after the case: read, case 30 min later, helpful vote an hour after reading -> Failed.
  read(edges.voteAfterCase, portals[0], 'va', day(10) + 9 * HOUR)
  openCase(edges.voteAfterCase, day(10) + 9 * HOUR + 30 * MINUTE)
  vote(edges.voteAfterCase, portals[0], 'va', day(10) + 10 * HOUR, true)
  // Two cases in one window: one Failed session, not two.
  read(edges.twoCases, portals[1], 'tc', day(12) + 8 * HOUR, articles[1])
  openCase(edges.twoCases, day(12) + 9 * HOUR, portals[1])
  openCase(edges.twoCases, day(12) + 20 * HOUR, null)
  // A session across midnight UTC, one id: one session, its vote on the second day -> Confirmed.
  read(edges.acrossMidnight, portals[0], 'am', day(14) - 10 * MINUTE, articles[2])
  search(edges.acrossMidnight, portals[0], 'am', day(14) - 5 * MINUTE, 'refund', 3)
  read(edges.acrossMidnight, portals[0], 'am', day(14) + 5 * MINUTE, articles[3])
  vote(edges.acrossMidnight, portals[0], 'am', day(14) + 10 * MINUTE, true, articles[3])
  // A contact on two portals: a session on each, a case (on neither) after both -> both Failed.
  read(edges.twoPortals, portals[0], 'p0', day(16) + 9 * HOUR, articles[1])
  read(edges.twoPortals, portals[1], 'p1', day(16) + 10 * HOUR, articles[1])
  vote(edges.twoPortals, portals[1], 'p1', day(16) + 10 * HOUR + MINUTE, false, articles[1])
  openCase(edges.twoPortals, day(16) + 12 * HOUR, null)
  // A case exactly a window (24 h) after the read fails it; one a millisecond later does not.
  read(edges.exactWindow, portals[0], 'ew', day(18) + 6 * HOUR)
  openCase(edges.exactWindow, day(19) + 6 * HOUR)
  read(edges.justOutside, portals[0], 'jo', day(18) + 6 * HOUR)
  vote(edges.justOutside, portals[0], 'jo', day(18) + 6 * HOUR + MINUTE, true)
  openCase(edges.justOutside, day(19) + 6 * HOUR + 1)
  // A search with no results, then a case; a search clicked through, then another not clicked.
  search(edges.justOutside, portals[1], 'jq', day(11) + 3 * HOUR, 'zzqx', 0)
  search(edges.justOutside, portals[1], 'jq', day(11) + 3 * HOUR + MINUTE, 'reset password', 2)
  read(edges.justOutside, portals[1], 'jq', day(11) + 3 * HOUR + 2 * MINUTE)
  search(edges.justOutside, portals[1], 'jq', day(11) + 3 * HOUR + 3 * MINUTE, 'refund', 1)
  openCase(edges.justOutside, day(11) + 5 * HOUR, portals[1])
  // A view at the very millisecond of a search clicks that search through, not the one before it.
  search(edges.exactWindow, portals[1], 'sv', day(13) + 2 * HOUR, 'two factor new phone', 3)
  search(edges.exactWindow, portals[1], 'sv', day(13) + 2 * HOUR + MINUTE, 'refund', 2)
  read(edges.exactWindow, portals[1], 'sv', day(13) + 2 * HOUR + MINUTE, articles[3])
}

export const toInteraction = (e: Event): Interaction => {
  const common = {
    portal_interactionid: e.id,
    portal_contactid: e.contact,
    portal_portalid: e.portal,
    portal_timestamp: iso(e.at),
    ...(e.session ? { portal_sessionid: e.session } : {}),
  }
  switch (e.kind) {
    case 'article':
      return {
        type: 'portal_viewknowledgearticle',
        ...common,
        portal_knowledgearticleid: e.item,
        portal_knowledgetitle: e.title,
      }
    case 'blog':
      return { type: 'portal_viewblogpost', ...common, portal_blogpostid: e.item, portal_blogtitle: e.title }
    case 'forum':
      return {
        type: 'portal_viewforumthread',
        ...common,
        portal_forumthreadid: e.item,
        portal_forumthreadtitle: e.title,
      }
    case 'search':
      return {
        type: 'portal_search',
        ...common,
        portal_searchstring: e.title,
        ...(e.resultCount === undefined ? {} : { portal_searchresultcount: e.resultCount }),
      }
    case 'vote':
      return {
        type: 'portal_articlefeedback',
        ...common,
        portal_knowledgearticleid: e.item,
        portal_helpful: e.helpful!,
      }
  }
}

// ---- the independent computation (schemas/deflection.ts, written again as loops) ----

const READS: readonly Kind[] = ['article', 'blog', 'forum', 'vote']
const VIEWS: readonly Kind[] = ['article', 'blog', 'forum']
const dayOf = (ms: number) => iso(ms).slice(0, 10)
const sessionKey = (e: Event) => `${e.portal}|${e.contact}|${e.session ?? `day:${dayOf(e.at)}`}`
const mondayOf = (ms: number) => {
  const d = new Date(Math.floor(ms / DAY) * DAY)
  return dayOf(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY)
}
const rate = (n: number, d: number) => (d === 0 ? null : n / d)
const counts = () => ({
  sessions: 0,
  confirmed: 0,
  potential: 0,
  failed: 0,
  helpfulVotes: 0,
  unhelpfulVotes: 0,
})
type Counts = ReturnType<typeof counts>
const rates = (c: Counts): DeflectionOutcomes => ({
  ...c,
  confirmedRate: rate(c.confirmed, c.sessions),
  potentialRate: rate(c.potential, c.sessions),
  failedRate: rate(c.failed, c.sessions),
  deflectionRate: rate(c.confirmed + c.potential, c.sessions),
  helpfulRate: rate(c.helpfulVotes, c.helpfulVotes + c.unhelpfulVotes),
})
const marker = (a: number | null, b: number | null) =>
  a === null || b === null ? null : a > b ? 'up' : a < b ? 'down' : 'same'
const RATES = ['confirmedRate', 'potentialRate', 'failedRate', 'deflectionRate', 'helpfulRate'] as const
const markers = (now: DeflectionOutcomes, before: DeflectionOutcomes) =>
  Object.fromEntries(RATES.map((r) => [r, marker(now[r], before[r])]))

interface Session {
  key: string
  portal: string
  contact: string
  first: number
  yes: number
  no: number
  articles: Set<string>
  outcome: 'confirmed' | 'potential' | 'failed'
}

export function sessionsOf(from: number, to: number, windowMs: number, portal?: string): Session[] {
  const byKey = new Map<string, Event[]>()
  for (const e of events) {
    if (e.at < from || e.at >= to || !READS.includes(e.kind) || (portal && e.portal !== portal)) continue
    byKey.set(sessionKey(e), [...(byKey.get(sessionKey(e)) ?? []), e])
  }
  return [...byKey].map(([key, es]) => {
    const first = Math.min(...es.map((e) => e.at))
    const contact = es[0]!.contact
    const yes = es.filter((e) => e.kind === 'vote' && e.helpful).length
    const failed = cases.some((c) => c.contact === contact && c.at > first && c.at <= first + windowMs)
    return {
      key,
      portal: es[0]!.portal,
      contact,
      first,
      yes,
      no: es.filter((e) => e.kind === 'vote' && !e.helpful).length,
      articles: new Set(es.filter((e) => e.kind === 'article' || e.kind === 'vote').map((e) => e.item)),
      outcome: failed ? 'failed' : yes > 0 ? 'confirmed' : 'potential',
    }
  })
}

const tally = (sessions: readonly Session[]): Counts => {
  const c = counts()
  for (const s of sessions) {
    c.sessions++
    c[s.outcome]++
    c.helpfulVotes += s.yes
    c.unhelpfulVotes += s.no
  }
  return c
}

/** Each search of [from, to) with its outcome, sessions built from the events of [from, to). */
export function searchOutcomes(from: number, to: number, portal?: string) {
  const inSpan = events.filter((e) => e.at >= from && e.at < to && (!portal || e.portal === portal))
  return inSpan
    .filter((e) => e.kind === 'search')
    .map((s) => {
      const same = inSpan.filter((e) => sessionKey(e) === sessionKey(s))
      const nextSearch = Math.min(...same.filter((e) => e.kind === 'search' && e.at > s.at).map((e) => e.at))
      const clicked = same.some((e) => VIEWS.includes(e.kind) && e.at >= s.at && e.at < nextSearch)
      return { s, noResults: s.resultCount === 0, clicked: s.resultCount !== 0 && clicked }
    })
}

export function expectedDeflection(
  windowMs: number,
  portal?: string,
): Omit<DeflectionInsights, 'hubId' | 'from' | 'to' | 'window' | 'portalId'> {
  const sessions = sessionsOf(period.from, period.to, windowMs, portal)
  const length = period.to - period.from
  const summary = rates(tally(sessions))
  const previous = rates(tally(sessionsOf(period.from - length, period.from, windowMs, portal)))
  const weekStarts: string[] = []
  for (let d = period.from; d < period.to; d += DAY)
    if (!weekStarts.includes(mondayOf(d))) weekStarts.push(mondayOf(d))
  let last = rates(counts())
  const weeks = weekStarts.map((weekStart) => {
    const now = rates(tally(sessions.filter((s) => mondayOf(s.first) === weekStart)))
    const row = { weekStart, ...now, changedSinceLastWeek: markers(now, last) }
    last = now
    return row
  })
  const portalIds = [...new Set(sessions.map((s) => s.portal))]
  const articleIds = [...new Set(sessions.flatMap((s) => [...s.articles]))]
  const titleOf = (id: string) =>
    events
      .filter(
        (e) =>
          e.kind === 'article' &&
          e.item === id &&
          e.at >= period.from &&
          e.at < period.to &&
          (!portal || e.portal === portal),
      )
      .sort((a, b) => a.at - b.at)
      .at(-1)?.title ?? ''
  const searches = searchOutcomes(period.from, period.to, portal)
  const usersWithCase = new Set(
    cases
      .filter(
        (c) =>
          c.at >= period.from && c.at < period.to && (!portal || c.portal === portal || c.portal === null),
      )
      .map((c) => c.contact),
  ).size
  const portalUsers = new Set(
    events
      .filter((e) => e.at >= period.from && e.at < period.to && (!portal || e.portal === portal))
      .map((e) => e.contact),
  ).size
  const withResults = searches.filter((x) => !x.noResults).length
  return {
    costPerCase: COST,
    currency: 'EUR',
    summary: { ...summary, costSaved: (summary.confirmed + summary.potential) * COST },
    previous,
    changedSinceLastPeriod: markers(summary, previous) as DeflectionInsights['changedSinceLastPeriod'],
    selfService: {
      portalUsers,
      usersWithCase,
      score: usersWithCase === 0 ? null : portalUsers / usersWithCase,
    },
    search: {
      searches: searches.length,
      noResults: searches.filter((x) => x.noResults).length,
      clickThroughs: searches.filter((x) => x.clicked).length,
      noClick: searches.filter((x) => !x.noResults && !x.clicked).length,
      followedByCase: searches.filter((x) =>
        cases.some((c) => c.contact === x.s.contact && c.at > x.s.at && c.at <= x.s.at + windowMs),
      ).length,
      clickThroughRate: rate(searches.filter((x) => x.clicked).length, withResults),
      noResultRate: rate(searches.filter((x) => x.noResults).length, searches.length),
    },
    portals: portalIds
      .map((p) => ({ portalId: p, ...rates(tally(sessions.filter((s) => s.portal === p))) }))
      .sort((a, b) => b.sessions - a.sessions || a.portalId.localeCompare(b.portalId)),
    articles: articleIds
      .map((a) => ({
        articleId: a,
        title: titleOf(a),
        ...rates(tally(sessions.filter((s) => s.articles.has(a)))),
      }))
      .sort((a, b) => b.sessions - a.sessions || a.articleId.localeCompare(b.articleId)),
    weeks: weeks as DeflectionInsights['weeks'],
  }
}

// ---- the API ----
