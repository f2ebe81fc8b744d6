import type { Interaction, JourneyResponse, JourneySummary, ViewedItem } from '../schemas/index.ts'

/** The journey's lists, before the case and after it (null without an `after` window). */
export interface SplitSummary {
  before: JourneySummary
  after: JourneySummary | null
}

type ViewedKey = 'articles' | 'blogPosts' | 'forumThreads'

const idOf = (it: Interaction): [ViewedKey, string] | null =>
  it.type === 'portal_viewknowledgearticle'
    ? ['articles', it.portal_knowledgearticleid]
    : it.type === 'portal_viewblogpost'
      ? ['blogPosts', it.portal_blogpostid]
      : it.type === 'portal_viewforumthread'
        ? ['forumThreads', it.portal_forumthreadid]
        : null

/**
 * Splits the answer's summary at the case (`before`): searches by their time,
 * each viewed item into its views before and after the case (an item seen on
 * both sides is in both lists, with the views of each side). The views after
 * the case are counted in the interactions; those before are the rest of the
 * summary's, so the split stays exact when the answer's interactions are
 * the newest part of the journey only.
 *
 * @example splitSummary(journey).after?.searches // the searches run after the case
 */
export function splitSummary(journey: JourneyResponse): SplitSummary {
  const caseMs = Date.parse(journey.before)
  const hasAfter = Date.parse(journey.to) > caseMs
  // Per item: views after the case and the time of the last view before it.
  const after = new Map<string, number>()
  const lastBefore = new Map<string, string>()
  for (const it of journey.interactions) {
    const id = idOf(it)
    if (!id) continue
    const key = id.join(':')
    if (Date.parse(it.portal_timestamp) >= caseMs) after.set(key, (after.get(key) ?? 0) + 1)
    else lastBefore.set(key, it.portal_timestamp)
  }
  const side = (when: 'before' | 'after'): JourneySummary => {
    const viewed = (group: ViewedKey) =>
      journey.summary[group].flatMap((item): ViewedItem[] => {
        const key = `${group}:${item.id}`
        const later = after.get(key) ?? 0
        const views = when === 'after' ? later : item.views - later
        if (views <= 0) return []
        const lastViewedAt = when === 'after' || later === 0 ? item.lastViewedAt : lastBefore.get(key)
        return [{ ...item, views, lastViewedAt: lastViewedAt ?? item.lastViewedAt }]
      })
    return {
      counts: journey.summary.counts,
      articles: viewed('articles'),
      blogPosts: viewed('blogPosts'),
      forumThreads: viewed('forumThreads'),
      searches: journey.summary.searches.filter((s) => Date.parse(s.at) >= caseMs === (when === 'after')),
    }
  }
  return { before: side('before'), after: hasAfter ? side('after') : null }
}
