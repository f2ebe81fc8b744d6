import type {
  Interaction,
  InteractionType,
  JourneyResponse,
  JourneySummary,
  ViewedItem,
} from '../schemas/index.ts'

const ARTICLES = [
  'Reset your password',
  'Set up two-factor sign-in',
  'Why was my card declined?',
  'Change the delivery address of an order',
  'Return a damaged item',
  'Track a parcel',
  'Update the firmware of your router',
  'Export your invoices as PDF',
]
const BLOG_POSTS = [
  'What is new in the spring release',
  'Five tips for a faster checkout',
  'Our new returns policy',
]
const THREADS = [
  'Router keeps dropping Wi-Fi at night',
  'Refund still pending after 10 days',
  'Invoice shows the wrong VAT',
]
const SEARCHES = [
  'refund',
  'router wifi drops',
  'invoice vat',
  'change address',
  'password reset not working',
  'return label',
]
const LANGUAGES = ['en-US', 'fr-FR', 'de-DE']

// Small, seeded PRNG (mulberry32): the same options always give the same journey.
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function uuidFrom(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16))
  hex[12] = '4'
  hex[16] = '89ab'[Math.floor(next() * 4)]!
  const s = hex.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

/** Options of {@link sampleJourney}. */
export interface SampleJourneyOptions {
  /** How many interactions. */
  count: number
  /** The case's creation time (the window's end). */
  before?: string
  windowMs?: number
  seed?: number
  profile?: boolean
  /** More interactions packed into the end of the window: `count` in its last `windowMs`. */
  bursts?: readonly { count: number; windowMs: number }[]
}

/**
 * A made-up but valid journey answer (it passes `journeyResponseSchema`), for
 * component tests and the budget bench: `count` interactions spread over the
 * window, a few items viewed several times, and a summary that matches them.
 *
 * @example sampleJourney({ count: 50 }).interactions.length // 50
 */
export function sampleJourney(options: SampleJourneyOptions): JourneyResponse {
  const next = random(options.seed ?? 7)
  const toMs = Date.parse(options.before ?? '2026-11-02T09:30:00.000Z')
  const windowMs = options.windowMs ?? 7 * 86_400_000
  const fromMs = toMs - windowMs
  const contactId = uuidFrom(next)
  const portalId = uuidFrom(next)
  const ids = {
    articles: ARTICLES.map(() => uuidFrom(next)),
    blogs: BLOG_POSTS.map(() => uuidFrom(next)),
    threads: THREADS.map(() => uuidFrom(next)),
  }
  const pick = <T>(list: readonly T[]) => Math.floor(next() * list.length)
  const spread = (count: number, span: number) =>
    Array.from({ length: count }, () => toMs - span + Math.floor(next() * span))
  const times = [
    ...spread(options.count, windowMs),
    ...(options.bursts ?? []).flatMap((burst) => spread(burst.count, burst.windowMs)),
  ].sort((a, b) => a - b)
  const interactions: Interaction[] = times.map((ms) => {
    const common = {
      portal_interactionid: uuidFrom(next),
      portal_contactid: contactId,
      portal_timestamp: new Date(ms).toISOString(),
      portal_portalid: portalId,
      portal_sessionid: `s-${Math.floor(ms / 3_600_000)}`,
    }
    const roll = next()
    if (roll < 0.45) {
      const i = pick(ARTICLES)
      return {
        type: 'portal_viewknowledgearticle',
        ...common,
        portal_knowledgearticleid: ids.articles[i]!,
        portal_knowledgetitle: ARTICLES[i]!,
        portal_language: LANGUAGES[pick(LANGUAGES)]!,
      }
    }
    if (roll < 0.6) {
      const i = pick(BLOG_POSTS)
      return {
        type: 'portal_viewblogpost',
        ...common,
        portal_blogpostid: ids.blogs[i]!,
        portal_blogtitle: BLOG_POSTS[i]!,
      }
    }
    if (roll < 0.75) {
      const i = pick(THREADS)
      return {
        type: 'portal_viewforumthread',
        ...common,
        portal_forumthreadid: ids.threads[i]!,
        portal_forumthreadtitle: THREADS[i]!,
      }
    }
    return { type: 'portal_search', ...common, portal_searchstring: SEARCHES[pick(SEARCHES)]! }
  })
  return {
    hubId: 'hub-sample',
    contactId,
    from: new Date(fromMs).toISOString(),
    before: new Date(toMs).toISOString(),
    to: new Date(toMs).toISOString(),
    profile:
      options.profile === false
        ? null
        : { crmrecordid: 'CASE-CONTACT-0042', name: 'Jay Patel', email: 'jay@example.com' },
    interactions,
    truncated: false,
    summary: summarize(interactions),
    cases: [],
  }
}

/** The crowded case: the other cases' times, from the case (negative: before it). */
export const CROWDED_CASES = [
  {
    caseNumber: 'CAS-00871',
    title: 'Router drops Wi-Fi at night',
    status: 'resolved',
    fromCaseMs: -4 * 86_400_000,
  },
  { caseNumber: 'CAS-00930', title: 'Refund still pending', status: 'resolved', fromCaseMs: -26 * 3_600_000 },
  { caseNumber: 'CAS-00998', title: 'Cannot sign in', status: 'cancelled', fromCaseMs: -40 * 60_000 },
] as const

/**
 * A crowded, real-shaped journey: 40 interactions in the 30 minutes before the
 * case, 30 more over the 30 days before that, and three earlier cases in the
 * last week (one 40 minutes before). What the chart's focus band is for.
 *
 * @example crowdedJourney({ before: '2026-11-22T09:53:00Z' }).cases.length // 3
 */
export function crowdedJourney(options: {
  before?: string
  seed?: number
  windowMs?: number
}): JourneyResponse {
  const before = options.before ?? '2026-11-02T09:30:00.000Z'
  const windowMs = options.windowMs ?? 7 * 86_400_000
  const journey = sampleJourney({
    count: 30,
    before,
    windowMs: 30 * 86_400_000,
    bursts: [{ count: 40, windowMs: 30 * 60_000 }],
    seed: options.seed ?? 25,
  })
  const caseMs = Date.parse(before)
  const interactions = journey.interactions.filter(
    (it) => Date.parse(it.portal_timestamp) >= caseMs - windowMs,
  )
  return {
    ...journey,
    from: new Date(caseMs - windowMs).toISOString(),
    interactions,
    summary: summarize(interactions),
    cases: CROWDED_CASES.filter((c) => -c.fromCaseMs <= windowMs).map((c, i) => ({
      caseId: `00000000-0000-4000-8000-00000000000${i + 1}`,
      caseNumber: c.caseNumber,
      title: c.title,
      status: c.status,
      createdAt: new Date(caseMs + c.fromCaseMs).toISOString(),
      portalId: null,
    })),
  }
}

/** The summary the journey API gives for these interactions (oldest first in, newest first out). */
export function summarize(interactions: readonly Interaction[]): JourneySummary {
  const counts: Record<InteractionType, number> = {
    portal_viewknowledgearticle: 0,
    portal_viewblogpost: 0,
    portal_viewforumthread: 0,
    portal_search: 0,
    portal_articlefeedback: 0,
  }
  const groups = { articles: new Map<string, ViewedItem>(), blogPosts: new Map(), forumThreads: new Map() }
  const view = (map: Map<string, ViewedItem>, id: string, title: string, at: string) => {
    const seen = map.get(id)
    map.set(id, { id, title, views: (seen?.views ?? 0) + 1, lastViewedAt: at })
  }
  const searches: JourneySummary['searches'] = []
  for (const it of interactions) {
    counts[it.type]++
    if (it.type === 'portal_viewknowledgearticle')
      view(groups.articles, it.portal_knowledgearticleid, it.portal_knowledgetitle, it.portal_timestamp)
    else if (it.type === 'portal_viewblogpost')
      view(groups.blogPosts, it.portal_blogpostid, it.portal_blogtitle, it.portal_timestamp)
    else if (it.type === 'portal_viewforumthread')
      view(groups.forumThreads, it.portal_forumthreadid, it.portal_forumthreadtitle, it.portal_timestamp)
    else if (it.type === 'portal_search')
      searches.push({ searchString: it.portal_searchstring, at: it.portal_timestamp })
  }
  const newest = (items: Iterable<ViewedItem>) =>
    [...items].sort((a, b) => b.lastViewedAt.localeCompare(a.lastViewedAt))
  return {
    counts,
    articles: newest(groups.articles.values()),
    blogPosts: newest(groups.blogPosts.values()),
    forumThreads: newest(groups.forumThreads.values()),
    searches: searches.reverse(),
  }
}
