import {
  INTERACTION_TYPES,
  type Interaction,
  MAX_JOURNEY_INTERACTIONS,
  type InteractionType,
  type JourneyResponse,
  type JourneySummary,
  MAX_JOURNEY_WINDOW,
  type Profile,
  type ViewedItem,
  parseDurationMs,
} from '../../schemas/index.ts'
import { DomainError } from '../errors.ts'
import type { CaseRepository } from '../store/case-repository.ts'
import type { InteractionRepository } from '../store/interaction-repository.ts'
import { readRefusedForSize } from '../store/store-errors.ts'

const MAX_WINDOW_MS = parseDurationMs(MAX_JOURNEY_WINDOW)!

/**
 * Summarises interactions (oldest first): counts by type, the articles, blog
 * posts and forum threads viewed (most recently viewed first), and the
 * searches (newest first).
 */
export function summariseJourney(interactions: readonly Interaction[]): JourneySummary {
  const counts = Object.fromEntries(INTERACTION_TYPES.map((t) => [t, 0])) as Record<InteractionType, number>
  const articles = new Map<string, ViewedItem>()
  const blogPosts = new Map<string, ViewedItem>()
  const forumThreads = new Map<string, ViewedItem>()
  const searches: JourneySummary['searches'] = []
  const view = (into: Map<string, ViewedItem>, id: string, title: string, at: string) => {
    const seen = into.get(id)
    into.set(id, { id, title, views: (seen?.views ?? 0) + 1, lastViewedAt: at })
  }
  for (const i of interactions) {
    counts[i.type]++
    switch (i.type) {
      case 'portal_viewknowledgearticle':
        view(articles, i.portal_knowledgearticleid, i.portal_knowledgetitle, i.portal_timestamp)
        break
      case 'portal_viewblogpost':
        view(blogPosts, i.portal_blogpostid, i.portal_blogtitle, i.portal_timestamp)
        break
      case 'portal_viewforumthread':
        view(forumThreads, i.portal_forumthreadid, i.portal_forumthreadtitle, i.portal_timestamp)
        break
      case 'portal_search':
        searches.push({ searchString: i.portal_searchstring, at: i.portal_timestamp })
        break
    }
  }
  const newestFirst = (m: Map<string, ViewedItem>) =>
    [...m.values()].sort((a, b) => Date.parse(b.lastViewedAt) - Date.parse(a.lastViewedAt))
  return {
    counts,
    articles: newestFirst(articles),
    blogPosts: newestFirst(blogPosts),
    forumThreads: newestFirst(forumThreads),
    searches: searches.reverse(),
  }
}

/** A duration of the journey query in milliseconds, or the 400 that names it. */
function durationMs(field: 'window' | 'after', value: string, allowZero: boolean): number {
  const ms = parseDurationMs(value)
  if (ms === null || ms < 0 || (ms === 0 && !allowZero)) {
    throw new DomainError(
      'invalid',
      `invalid_${field}`,
      `${field} must be an ISO 8601 duration like ${field === 'window' ? 'P7D' : 'P1D'}, got ${JSON.stringify(value)}`,
      field,
    )
  }
  if (ms > MAX_WINDOW_MS) {
    throw new DomainError(
      'invalid',
      `${field}_too_long`,
      `${field} may be at most ${MAX_JOURNEY_WINDOW}, got ${value}`,
      field,
    )
  }
  return ms
}

/**
 * Reads a contact's journey around a case at `before`: the interactions with
 * `from <= time < to` where `from = before - window` and `to = before + after`
 * (`after` defaults to none, so `to = before`), the contact's cases created in
 * the same span, the linked profile, and a summary. At most
 * {@link MAX_JOURNEY_INTERACTIONS} interactions, the newest, with
 * `truncated` set when the window held more; `summary.counts` counts them all.
 *
 * @example
 * const journey = createJourneyService({ repository, cases, profiles })
 * await journey.read({ hubId, contactId, before: '2026-11-02T10:00:00Z', window: 'P7D', after: 'P1D' })
 */
export function createJourneyService(deps: {
  repository: Pick<InteractionRepository, 'journey' | 'journeyCounts'>
  cases: Pick<CaseRepository, 'forContact'>
  profiles: { get(hubId: string, contactId: string): Promise<Profile | null> }
}) {
  return {
    async read(query: {
      hubId: string
      contactId: string
      before: string
      window: string
      after?: string
    }): Promise<JourneyResponse> {
      const windowMs = durationMs('window', query.window, false)
      const afterMs = query.after === undefined ? 0 : durationMs('after', query.after, true)
      const before = Date.parse(query.before)
      if (Number.isNaN(before)) {
        throw new DomainError(
          'invalid',
          'invalid_timestamp',
          `before must be an ISO 8601 date-time, got ${JSON.stringify(query.before)}`,
          'before',
        )
      }
      const from = before - windowMs
      const to = before + afterMs
      const contactId = query.contactId.toLowerCase()
      const span = { hubId: query.hubId, contactId, from, to }
      // One more than the answer holds: a window that has it is truncated, and only then is
      // it counted in the store (a count of every window was a third query on each read:
      // 15.5 vs 10.8 ms CPU a read, bench/journey-read-cpu.ts).
      const [newest, cases, profile] = await Promise.all([
        deps.repository.journey({ ...span, limit: MAX_JOURNEY_INTERACTIONS + 1 }),
        deps.cases.forContact(span),
        deps.profiles.get(query.hubId, contactId),
      ]).catch((err: unknown) => {
        throw readRefusedForSize(err, 'the journey', 'a shorter window')
      })
      const truncated = newest.length > MAX_JOURNEY_INTERACTIONS
      const interactions = truncated ? newest.slice(1) : newest
      const summary = summariseJourney(interactions)
      if (truncated) {
        // Counted in the store over the whole window: exact when the answer is truncated.
        const counts = await deps.repository.journeyCounts(span).catch((err: unknown) => {
          throw readRefusedForSize(err, 'the journey', 'a shorter window')
        })
        for (const type of INTERACTION_TYPES)
          summary.counts[type] = Math.max(counts[type] ?? 0, summary.counts[type])
      }
      return {
        hubId: query.hubId,
        contactId,
        from: new Date(from).toISOString(),
        before: new Date(before).toISOString(),
        to: new Date(to).toISOString(),
        profile,
        interactions,
        truncated,
        summary,
        cases,
      }
    },
  }
}

/** The journey service's interface. */
export type JourneyService = ReturnType<typeof createJourneyService>
