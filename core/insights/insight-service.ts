import {
  type ContentInsight,
  type ContentInsights,
  DEFAULT_INSIGHT_PERIOD_DAYS,
  INTERACTION_TYPES,
  type InteractionType,
  MAX_INSIGHT_PERIOD_DAYS,
  MAX_JOURNEY_WINDOW,
  type SearchInsights,
  type VolumeInsights,
  parseDurationMs,
} from '../../schemas/index.ts'
import { DomainError } from '../errors.ts'
import type { HubService } from '../hubs/hub-service.ts'
import type { ContentFigures, InsightQueries, InsightSpan } from '../store/insight-queries.ts'

const DAY_MS = 86_400_000
const MAX_WINDOW_MS = parseDurationMs(MAX_JOURNEY_WINDOW)!

/** What an insight request asks for, as the route parsed it. */
export interface InsightRequest {
  hubId: string
  portalId?: string
  from?: string
  to?: string
  window: string
}

const withRate = (f: ContentFigures): ContentInsight => ({
  ...f,
  caseRate: f.readers === 0 ? null : f.readersWithCase / f.readers,
})

/** Most cases preceded first; then the higher case rate, more readers, the title. */
export function rankPreceded(items: readonly ContentFigures[], limit: number): ContentInsight[] {
  return items
    .filter((f) => f.casesPreceded > 0)
    .map(withRate)
    .sort(
      (a, b) =>
        b.casesPreceded - a.casesPreceded ||
        (b.caseRate ?? 0) - (a.caseRate ?? 0) ||
        b.readers - a.readers ||
        a.title.localeCompare(b.title) ||
        a.itemId.localeCompare(b.itemId),
    )
    .slice(0, limit)
}

/** Read by at least `minReaders`; the lowest case rate first, then more readers, the title. */
export function rankDeflecting(
  items: readonly ContentFigures[],
  limit: number,
  minReaders: number,
): ContentInsight[] {
  return items
    .filter((f) => f.readers >= minReaders)
    .map(withRate)
    .sort(
      (a, b) =>
        (a.caseRate ?? 0) - (b.caseRate ?? 0) ||
        b.readers - a.readers ||
        a.title.localeCompare(b.title) ||
        a.itemId.localeCompare(b.itemId),
    )
    .slice(0, limit)
}

/**
 * The span an insight request asks for, checked: the hub exists, the window is a
 * positive ISO 8601 duration of at most P90D, `from` before `to`, at most 366 days.
 */
export async function resolveInsightSpan(
  hubs: Pick<HubService, 'getCached'>,
  clock: () => number,
  request: InsightRequest,
): Promise<InsightSpan & { window: string }> {
  await hubs.getCached(request.hubId)
  const windowMs = parseDurationMs(request.window)
  if (windowMs === null || windowMs <= 0) {
    throw new DomainError(
      'invalid',
      'invalid_window',
      `window must be an ISO 8601 duration like P7D, got ${JSON.stringify(request.window)}`,
      'window',
    )
  }
  if (windowMs > MAX_WINDOW_MS) {
    throw new DomainError(
      'invalid',
      'window_too_long',
      `window may be at most ${MAX_JOURNEY_WINDOW}, got ${request.window}`,
      'window',
    )
  }
  const to = request.to === undefined ? clock() : Date.parse(request.to)
  const from =
    request.from === undefined ? to - DEFAULT_INSIGHT_PERIOD_DAYS * DAY_MS : Date.parse(request.from)
  if (!(from < to)) {
    throw new DomainError(
      'invalid',
      'invalid_period',
      `from must be before to, got from ${new Date(from).toISOString()} and to ${new Date(to).toISOString()}`,
      'from',
    )
  }
  if (to - from > MAX_INSIGHT_PERIOD_DAYS * DAY_MS) {
    throw new DomainError(
      'invalid',
      'period_too_long',
      `the period from ${new Date(from).toISOString()} to ${new Date(to).toISOString()} is longer than ${MAX_INSIGHT_PERIOD_DAYS} days`,
      'from',
    )
  }
  return {
    hubId: request.hubId,
    portalId: request.portalId?.toLowerCase(),
    from,
    to,
    windowMs,
    window: request.window,
  }
}

/** The span as every insight answer starts. */
export const insightHead = (span: InsightSpan & { window: string }) => ({
  hubId: span.hubId,
  portalId: span.portalId ?? null,
  from: new Date(span.from).toISOString(),
  to: new Date(span.to).toISOString(),
  window: span.window,
})

/**
 * What preceded cases, per hub or portal: content read before cases with
 * its case rate, the content that deflects, searches before cases, and
 * volume per day. Checks the span (period at most 366 days, window at most
 * P90D) and lets ClickHouse do the counting.
 *
 * @example
 * await insights.content({ hubId, window: 'P7D' }, { limit: 20, minReaders: 3 })
 */
export function createInsightService(deps: {
  hubs: Pick<HubService, 'getCached'>
  queries: InsightQueries
  clock?: () => number
}) {
  const clock = deps.clock ?? Date.now

  const spanOf = (request: InsightRequest) => resolveInsightSpan(deps.hubs, clock, request)

  return {
    async content(
      request: InsightRequest,
      options: { limit: number; minReaders: number },
    ): Promise<ContentInsights> {
      const span = await spanOf(request)
      const [cases, figures] = await Promise.all([deps.queries.caseCount(span), deps.queries.content(span)])
      return {
        ...insightHead(span),
        cases,
        minReaders: options.minReaders,
        precededCases: rankPreceded(figures, options.limit),
        deflecting: rankDeflecting(figures, options.limit, options.minReaders),
      }
    },

    async searches(request: InsightRequest, options: { limit: number }): Promise<SearchInsights> {
      const span = await spanOf(request)
      const [cases, searches] = await Promise.all([
        deps.queries.caseCount(span),
        deps.queries.searches(span, options.limit),
      ])
      return {
        ...insightHead(span),
        cases,
        searches: searches.map((s) => ({ ...s, precededCases: s.cases })),
      }
    },

    async volume(request: InsightRequest): Promise<VolumeInsights> {
      const span = await spanOf(request)
      const found = await deps.queries.volume(span)
      const zero = () =>
        Object.fromEntries(INTERACTION_TYPES.map((t) => [t, 0])) as Record<InteractionType, number>
      const days = new Map<string, VolumeInsights['days'][number]>()
      // Every UTC day the period touches, so a chart's time axis has no gaps.
      for (let d = Math.floor(span.from / DAY_MS) * DAY_MS; d < span.to; d += DAY_MS) {
        const day = new Date(d).toISOString().slice(0, 10)
        days.set(day, { day, counts: zero(), cases: 0 })
      }
      for (const r of found.interactions) {
        const day = days.get(r.day)
        if (day) day.counts[r.type] = r.n
      }
      for (const r of found.cases) {
        const day = days.get(r.day)
        if (day) day.cases = r.n
      }
      return { ...insightHead(span), days: [...days.values()] }
    },
  }
}

/** The insight service's interface. */
export type InsightService = ReturnType<typeof createInsightService>
