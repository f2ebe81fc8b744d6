import {
  type DeflectionInsights,
  type DeflectionOutcomes,
  TREND_RATES,
  type TrendRate,
} from '../../schemas/index.ts'
import type { HubService } from '../hubs/hub-service.ts'
import type { DeflectionQueries, OutcomeRow } from '../store/deflection-queries.ts'
import { type InsightRequest, insightHead, resolveInsightSpan } from './insight-service.ts'

const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS

/** Counts before rates: what adds up across portals and weeks. */
interface Counts {
  sessions: number
  confirmed: number
  potential: number
  failed: number
  helpfulVotes: number
  unhelpfulVotes: number
}

const zero = (): Counts => ({
  sessions: 0,
  confirmed: 0,
  potential: 0,
  failed: 0,
  helpfulVotes: 0,
  unhelpfulVotes: 0,
})

const countsOf = (r: OutcomeRow): Counts => ({
  sessions: Number(r.sessions),
  confirmed: Number(r.confirmed),
  potential: Number(r.potential),
  failed: Number(r.failed),
  helpfulVotes: Number(r.helpful_votes),
  unhelpfulVotes: Number(r.unhelpful_votes),
})

const add = (a: Counts, b: Counts): Counts => ({
  sessions: a.sessions + b.sessions,
  confirmed: a.confirmed + b.confirmed,
  potential: a.potential + b.potential,
  failed: a.failed + b.failed,
  helpfulVotes: a.helpfulVotes + b.helpfulVotes,
  unhelpfulVotes: a.unhelpfulVotes + b.unhelpfulVotes,
})

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d)

/** The counts with their rates (null without sessions, or without votes for the helpful rate). */
export function withRates(c: Counts): DeflectionOutcomes {
  return {
    ...c,
    confirmedRate: ratio(c.confirmed, c.sessions),
    potentialRate: ratio(c.potential, c.sessions),
    failedRate: ratio(c.failed, c.sessions),
    deflectionRate: ratio(c.confirmed + c.potential, c.sessions),
    helpfulRate: ratio(c.helpfulVotes, c.helpfulVotes + c.unhelpfulVotes),
  }
}

/**
 * Each rate now against before: `up`, `down` or `same` (compared exactly: both
 * are ratios of the same integers the answer shows), null where either is null.
 */
export function changes(now: DeflectionOutcomes, before: DeflectionOutcomes) {
  return Object.fromEntries(
    TREND_RATES.map((rate) => {
      const a = now[rate]
      const b = before[rate]
      return [rate, a === null || b === null ? null : a > b ? 'up' : a < b ? 'down' : 'same']
    }),
  ) as Record<TrendRate, 'up' | 'down' | 'same' | null>
}

/** The Monday (UTC) starting the week of a time, as `YYYY-MM-DD`. */
export const weekStartOf = (ms: number): string => {
  const day = Math.floor(ms / DAY_MS) * DAY_MS
  // 1970-01-01 was a Thursday: days since a Monday are (days + 3) mod 7.
  const sinceMonday = (((day / DAY_MS + 3) % 7) + 7) % 7
  return new Date(day - sinceMonday * DAY_MS).toISOString().slice(0, 10)
}

/**
 * Deflection per hub or portal (definitions: schemas/deflection.ts): session
 * outcomes with their rates, per portal, per article and per week (each week
 * against the one before), the previous period of the same length, the
 * self-service score, the search dashboard and the cost saved at the hub's cost
 * per case. ClickHouse does the counting; this adds up and divides.
 *
 * @example
 * await deflection.insights({ hubId, window: 'PT24H' }, { limit: 20 })
 */
export function createDeflectionService(deps: {
  hubs: Pick<HubService, 'getCached'>
  queries: DeflectionQueries
  clock?: () => number
}) {
  const clock = deps.clock ?? Date.now

  return {
    async insights(request: InsightRequest, options: { limit: number }): Promise<DeflectionInsights> {
      const span = await resolveInsightSpan(deps.hubs, clock, request)
      const hub = await deps.hubs.getCached(request.hubId)
      const length = span.to - span.from
      const previousSpan = { ...span, from: span.from - length, to: span.from }
      const [outcomes, before, articles, search, selfService] = await Promise.all([
        deps.queries.outcomes(span),
        deps.queries.outcomes(previousSpan),
        deps.queries.articles(span, options.limit),
        deps.queries.searches(span),
        deps.queries.selfService(span),
      ])

      let total = zero()
      const portals = new Map<string, Counts>()
      const weeks = new Map<string, Counts>()
      // Every week the period touches, so a trend has no gaps.
      for (let at = span.from; at < span.to + WEEK_MS; at += WEEK_MS) {
        const week = weekStartOf(Math.min(at, span.to - 1))
        weeks.set(week, weeks.get(week) ?? zero())
      }
      for (const row of outcomes) {
        const c = countsOf(row)
        total = add(total, c)
        portals.set(row.portal_id, add(portals.get(row.portal_id) ?? zero(), c))
        weeks.set(row.week, add(weeks.get(row.week) ?? zero(), c))
      }
      const previous = withRates(before.map(countsOf).reduce(add, zero()))
      const summary = withRates(total)
      const cost = hub.deflectionCost
      let lastWeek: DeflectionOutcomes | null = null
      const weekRows = [...weeks.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([weekStart, c]) => {
          const rates = withRates(c)
          const row = {
            weekStart,
            ...rates,
            changedSinceLastWeek: changes(rates, lastWeek ?? withRates(zero())),
          }
          lastWeek = rates
          return row
        })
      return {
        ...insightHead(span),
        costPerCase: cost?.costPerCase ?? null,
        currency: cost?.currency ?? null,
        summary: {
          ...summary,
          costSaved: cost ? (total.confirmed + total.potential) * cost.costPerCase : null,
        },
        previous,
        changedSinceLastPeriod: changes(summary, previous),
        selfService: {
          ...selfService,
          score: selfService.usersWithCase === 0 ? null : selfService.portalUsers / selfService.usersWithCase,
        },
        search: {
          ...search,
          clickThroughRate: ratio(search.clickThroughs, search.searches - search.noResults),
          noResultRate: ratio(search.noResults, search.searches),
        },
        portals: [...portals.entries()]
          .sort(([a, x], [b, y]) => y.sessions - x.sessions || a.localeCompare(b))
          .map(([portalId, c]) => ({ portalId, ...withRates(c) })),
        articles: articles.map((r) => ({
          articleId: r.article_id,
          title: r.title,
          ...withRates(countsOf(r)),
        })),
        weeks: weekRows,
      }
    },
  }
}

/** The deflection service's interface. */
export type DeflectionService = ReturnType<typeof createDeflectionService>
