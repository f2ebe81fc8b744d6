import type { Interaction, Profile } from '../schemas/index.ts'
import { type CaseRecord, deterministicUuid, siteContentFor } from '../core/index.ts'

/** How far back the demo's history reaches, in days before the demo case. */
export const DEMO_HISTORY_DAYS = 90
/** Contacts the history spreads over. */
export const DEMO_HISTORY_CONTACTS = 300
/** The scope every id of the history is derived from: the same ids on every data directory. */
const SCOPE = 'casetrail-demo-history'
/** The history's one seed: the same history on every data directory (for the same anchor). */
const SEED = 0x5eed_2026

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * mulberry32: a small seeded generator (32-bit state), so the history is the
 * same on every start, machine and Node version.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

type Kind = 'article' | 'blog' | 'thread'

/** Scales every chance of a case below: about a hundred cases over the 90 days, a third in the last 30. */
const CASE_SCALE = 0.7

/**
 * How a piece of the demo portal's content behaves: the chance that a reader
 * opens a case within a day anyway, and (articles) that a vote says helpful.
 * Two articles and a thread about a lost authenticator do not deflect; the
 * invoice and password articles do. That contrast is what Insights shows.
 */
const BEHAVIOUR: Record<string, { caseChance: number; helpful?: number }> = {
  'article/reset-password': { caseChance: 0.06, helpful: 0.8 },
  'article/two-factor-new-phone': { caseChance: 0.55, helpful: 0.2 },
  'article/export-invoices-pdf': { caseChance: 0.03, helpful: 0.9 },
  'article/update-billing-address': { caseChance: 0.22, helpful: 0.5 },
  'blog/sign-in-changes': { caseChance: 0.15 },
  'blog/billing-portal': { caseChance: 0.04 },
  'thread/locked-out-new-phone': { caseChance: 0.4 },
  'thread/invoice-language': { caseChance: 0.1 },
}

/** Why a visitor came: what they search for (and how many results each finds), then what they read. */
interface Topic {
  weight: number
  searches: Array<[string, number]>
  reads: Array<[`${Kind}/${string}`, number]>
  caseTitles: string[]
}

const TOPICS: Topic[] = [
  {
    weight: 0.33,
    searches: [
      ['password reset', 3],
      ['forgot password', 2],
      ['reset link expired', 1],
    ],
    reads: [
      ['article/reset-password', 0.9],
      ['blog/sign-in-changes', 0.25],
    ],
    caseTitles: ['Password reset link does not arrive', 'Locked out after too many sign-in attempts'],
  },
  {
    weight: 0.27,
    searches: [
      ['two factor new phone', 2],
      ['authenticator app lost', 0],
      ['recovery codes', 1],
    ],
    reads: [
      ['article/two-factor-new-phone', 0.85],
      ['thread/locked-out-new-phone', 0.55],
      ['article/reset-password', 0.3],
      ['blog/sign-in-changes', 0.15],
    ],
    caseTitles: [
      'Cannot sign in after changing phones',
      'No recovery codes left',
      'Authenticator codes rejected',
    ],
  },
  {
    weight: 0.25,
    searches: [
      ['invoice pdf export', 2],
      ['download invoices', 2],
      ['invoice in french', 1],
    ],
    reads: [
      ['article/export-invoices-pdf', 0.9],
      ['blog/billing-portal', 0.35],
      ['thread/invoice-language', 0.25],
    ],
    caseTitles: ['Invoice export is empty', 'Need invoices in another language'],
  },
  {
    weight: 0.15,
    searches: [
      ['change billing address', 2],
      ['vat number on invoice', 0],
    ],
    reads: [
      ['article/update-billing-address', 0.9],
      ['thread/invoice-language', 0.2],
    ],
    caseTitles: ['Corrected invoice with the new address', 'VAT number missing on invoices'],
  },
]

const FIRST = ['Alex', 'Bea', 'Chen', 'Dana', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivo', 'Jo', 'Kai', 'Lena']
const LAST = ['Novak', 'Okafor', 'Park', 'Quinn', 'Rossi', 'Silva', 'Tanaka', 'Umar', 'Vidal', 'Weber']

/** What {@link demoHistory} makes: interactions, cases and the contacts' profiles. */
export interface DemoHistory {
  interactions: Interaction[]
  cases: Omit<CaseRecord, 'hubId'>[]
  /** The contacts' profiles (fixed ids, made-up names). */
  contacts: Profile[]
}

/**
 * The demo's history: {@link DEMO_HISTORY_CONTACTS} contacts visiting the demo
 * portal over the {@link DEMO_HISTORY_DAYS} days before `anchor` (ms), more on
 * weekdays and a little more each week; they search, read, vote on articles,
 * and some open a case within a day of reading. Pure and deterministic: the
 * same `portalId` and `anchor` give the same rows, ids included.
 *
 * @example
 * const { interactions, cases } = demoHistory({ portalId, anchor: Date.parse(state.caseCreatedAt) })
 */
export function demoHistory(options: { portalId: string; anchor: number }): DemoHistory {
  const random = seededRandom(SEED)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const content = siteContentFor('en-US')
  const titles = new Map<string, string>([
    ...content.articles.map((a) => [`article/${a.slug}`, a.title] as const),
    ...content.blogPosts.map((b) => [`blog/${b.slug}`, b.title] as const),
    ...content.forumThreads.map((t) => [`thread/${t.slug}`, t.title] as const),
  ])
  // Item ids are the demo portal's own (its pages resolve them: /go/{kind}/{id}).
  const itemId = (key: string) => deterministicUuid(options.portalId, key)
  const start = options.anchor - DEMO_HISTORY_DAYS * DAY
  const interactions: Interaction[] = []
  const cases: DemoHistory['cases'] = []
  const contacts: Profile[] = []
  let n = 0
  const nextId = () => deterministicUuid(SCOPE, `interaction/${n++}`)

  for (let c = 0; c < DEMO_HISTORY_CONTACTS; c++) {
    const first = FIRST[c % FIRST.length]!
    const last = LAST[Math.floor(c / FIRST.length) % LAST.length]!
    const contact = {
      crmrecordid: deterministicUuid(SCOPE, `contact/${c}`),
      name: `${first} ${last}${c >= FIRST.length * LAST.length ? ` ${Math.floor(c / (FIRST.length * LAST.length)) + 1}` : ''}`,
      email: `${first}.${last}.${c}@example.com`.toLowerCase(),
      accountName: pick(['Contoso Ltd', 'Fabrikam', 'Northwind Traders', 'Tailspin Toys', 'Adatum']),
    }
    contacts.push(contact)
    const visits = 1 + Math.floor(-Math.log(1 - random()) * 1.6)
    for (let v = 0; v < visits; v++) {
      const at = visitTime(random, start)
      if (at > options.anchor - 2 * HOUR) continue
      const topic = weighted(random, TOPICS)
      const base = {
        portal_contactid: contact.crmrecordid,
        portal_portalid: options.portalId,
        portal_sessionid: `demo-${c}-${v}`,
      }
      let t = at
      const stamp = () => {
        t += MINUTE + Math.floor(random() * 3 * MINUTE)
        return new Date(t).toISOString()
      }
      if (random() < 0.7) {
        const [searchString, results] = pick(topic.searches)
        interactions.push({
          type: 'portal_search',
          ...base,
          portal_interactionid: nextId(),
          portal_timestamp: stamp(),
          portal_searchstring: searchString,
          portal_searchresultcount: results,
        })
      }
      // The likeliest to fail of what was read decides; a visit that read nothing found nothing to read.
      let caseChance: number | null = null
      let votedHelpful = false
      for (const [key, chance] of topic.reads) {
        if (random() >= chance) continue
        const behaviour = BEHAVIOUR[key]!
        const title = titles.get(key)!
        const id = itemId(key)
        caseChance = Math.max(caseChance ?? 0, behaviour.caseChance)
        const common = { ...base, portal_interactionid: nextId(), portal_timestamp: stamp() }
        if (key.startsWith('article/')) {
          interactions.push({
            type: 'portal_viewknowledgearticle',
            ...common,
            portal_knowledgearticleid: id,
            portal_knowledgetitle: title,
            portal_language: 'en-US',
          })
          if (random() < 0.4) {
            const helpful = random() < (behaviour.helpful ?? 0.5)
            votedHelpful ||= helpful
            interactions.push({
              type: 'portal_articlefeedback',
              ...base,
              portal_interactionid: nextId(),
              portal_timestamp: stamp(),
              portal_knowledgearticleid: id,
              portal_helpful: helpful,
            })
          }
        } else if (key.startsWith('blog/')) {
          interactions.push({
            type: 'portal_viewblogpost',
            ...common,
            portal_blogpostid: id,
            portal_blogtitle: title,
          })
        } else {
          interactions.push({
            type: 'portal_viewforumthread',
            ...common,
            portal_forumthreadid: id,
            portal_forumthreadtitle: title,
          })
        }
      }
      if (random() >= CASE_SCALE * (caseChance ?? 0.25) * (votedHelpful ? 0.3 : 1)) continue
      // The case follows the visit within a day, mostly within hours.
      const createdAt = t + 10 * MINUTE + Math.floor(random() ** 2 * 20 * HOUR)
      if (createdAt >= options.anchor - HOUR) continue
      const number = cases.length
      cases.push({
        caseId: deterministicUuid(SCOPE, `case/${number}`),
        caseNumber: `CRM-${String(20_000 + number)}`,
        contactId: contact.crmrecordid,
        portalId: options.portalId,
        createdAt,
        title: pick(topic.caseTitles),
        status: createdAt < options.anchor - 5 * DAY ? 'resolved' : 'active',
        category: null,
        description: null,
        source: 'crm',
        reportedAt: createdAt,
      })
    }
  }
  interactions.sort((a, b) => a.portal_timestamp.localeCompare(b.portal_timestamp))
  return { interactions, cases, contacts }
}

/** One of `items`, chosen by weight. */
function weighted<T extends { weight: number }>(random: () => number, items: readonly T[]): T {
  let r = random() * items.reduce((sum, i) => sum + i.weight, 0)
  for (const item of items) {
    r -= item.weight
    if (r < 0) return item
  }
  return items[items.length - 1]!
}

/**
 * A visit's start: a day of the period, weekends at under half the traffic and
 * each week a little busier than the last, at a working hour (07:00-21:00 UTC).
 */
function visitTime(random: () => number, start: number): number {
  for (;;) {
    const day = Math.floor(random() * DEMO_HISTORY_DAYS)
    const weekday = new Date(start + day * DAY).getUTCDay()
    const weight = (weekday === 0 || weekday === 6 ? 0.45 : 1) * (0.6 + (0.4 * day) / DEMO_HISTORY_DAYS)
    // Days start at midnight UTC from the first whole day of the period (a visit is never before it).
    if (random() < weight)
      return Math.ceil(start / DAY) * DAY + day * DAY + 7 * HOUR + Math.floor(random() * 14 * HOUR)
  }
}
