import type { InteractionType } from '../schemas/index.ts'

/** A span of time as the widget names it: whole days, or hours below two days. */
export interface WindowSpan {
  amount: number
  unit: 'day' | 'hour'
}

/** Every label the widget shows, in one language. Functions take values already formatted. */
export interface Messages {
  title: string
  contactFallback: string
  email: string
  crmRecord: string
  windowGroup: string
  windowChoices: Record<'PT24H' | 'P7D' | 'P30D', string>
  /** The lane (and legend) label of each type, plural. */
  lanes: Record<InteractionType, string>
  /** What one point of each type is, for the tooltip and the table. */
  events: Record<InteractionType, string>
  /** "7 days", "24 hours": the window as it reads after "in the … before this case". */
  span(amount: string, span: WindowSpan, plural: Intl.LDMLPluralRule): string
  summary(count: string, plural: Intl.LDMLPluralRule, span: string): string
  /** The answer carries only the newest `shown` of the window's `total` interactions (the API's limit). */
  truncated(shown: string, total: string): string
  alreadyRead: string
  searches: string
  noneYet: string
  showAll(count: string): string
  showFewer: string
  views(count: string, plural: Intl.LDMLPluralRule): string
  lastViewed(at: string): string
  loading: string
  empty(span: string): string
  expired: string
  refused: string
  notFound: string
  badRequest: string
  apiDown: string
  invalidAnswer: string
  misconfigured(attributes: string): string
  retry: string
  chartLoading: string
  chartFailed: string
  legend: string
  caseCreated: string
  /** Another case of the same contact, on the chart. */
  otherCase: string
  status: string
  afterCase: string
  /** The heading of the lists of what came before the case. */
  beforeCase: string
  /** The pieces of the one-sentence summary (journey-gist.ts); counts come formatted, with their plural rule. */
  gist: {
    noun(kind: 'article' | 'blogpost' | 'forumthread', count: string, plural: Intl.LDMLPluralRule): string
    /** `items` read ("read 3 articles and 1 blog post"); `many` when more than one thing was read. */
    read(items: string, many: boolean): string
    searched(n: number, count: string, plural: Intl.LDMLPluralRule): string
    lastHour: string
    inWindow(span: string): string
    sentence(what: string, period: string): string
    /** The item gone back to most: "; read ‘Reset your password’ twice". */
    again(search: boolean, title: string, n: number): string
    after(count: string, plural: Intl.LDMLPluralRule): string
  }
  /** The names of the axis' bands, under the time labels. */
  bands: Record<'earlier' | 'focus' | 'after', string>
  wholeWindow: string
  zoomToActivity: string
  /** The summary when the window runs on after the case: `after` is the span after it. */
  summaryAround(count: string, plural: Intl.LDMLPluralRule, span: string, after: string): string
  chartDescription(count: string, plural: Intl.LDMLPluralRule, span: string, parts: string): string
  tableToggle: string
  tableCaption(span: string): string
  time: string
  type: string
  item: string
  language: string
  errorCode: string
}

// "once", "twice", "3 times".
const enTimes = (n: number, count: string) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${count} times`)

/** The English labels: in the first script, and what any other language falls back to. */
export const en: Messages = {
  title: 'Portal journey',
  contactFallback: 'Portal contact',
  email: 'Email',
  crmRecord: 'CRM record',
  windowGroup: 'Time before the case',
  windowChoices: { PT24H: '24 h', P7D: '7 days', P30D: '30 days' },
  lanes: {
    portal_viewknowledgearticle: 'Articles',
    portal_viewblogpost: 'Blog posts',
    portal_viewforumthread: 'Forum threads',
    portal_search: 'Searches',
    portal_articlefeedback: 'Article feedback',
  },
  events: {
    portal_viewknowledgearticle: 'Article viewed',
    portal_viewblogpost: 'Blog post viewed',
    portal_viewforumthread: 'Forum thread viewed',
    portal_search: 'Search',
    portal_articlefeedback: 'Article rated',
  },
  span: (amount, span, plural) =>
    `${amount} ${span.unit === 'day' ? (plural === 'one' ? 'day' : 'days') : plural === 'one' ? 'hour' : 'hours'}`,
  summary: (count, plural, span) =>
    `${count} ${plural === 'one' ? 'interaction' : 'interactions'} in the ${span} before this case`,
  truncated: (shown, total) => `Showing the newest ${shown} of ${total} interactions in this window.`,
  alreadyRead: 'Already read',
  searches: 'Searches, newest first',
  noneYet: 'None in this window',
  showAll: (count) => `Show all ${count}`,
  showFewer: 'Show fewer',
  views: (count, plural) => `${count} ${plural === 'one' ? 'view' : 'views'}`,
  lastViewed: (at) => `last viewed ${at}`,
  loading: 'Loading the customer’s portal journey…',
  empty: (span) => `No portal activity in the ${span} before this case.`,
  expired: 'The access to this journey has expired. Reload the case to get a fresh one.',
  refused: 'casetrail refused access to this customer’s journey.',
  notFound: 'casetrail does not know this hub or contact.',
  badRequest: 'The case details handed to the widget were not accepted.',
  apiDown: 'casetrail could not be reached.',
  invalidAnswer: 'casetrail answered in a form this widget does not understand.',
  misconfigured: (attributes) => `The journey widget is missing: ${attributes}.`,
  retry: 'Try again',
  chartLoading: 'Loading the chart…',
  chartFailed: 'The chart could not be loaded; the lists below are complete.',
  legend: 'Show or hide a type',
  caseCreated: 'Case created',
  otherCase: 'Another case',
  status: 'Status',
  afterCase: 'After the case',
  bands: { earlier: 'Earlier', focus: 'Last hour', after: 'After the case' },
  beforeCase: 'Before the case',
  gist: {
    noun: (kind, count, plural) =>
      `${count} ${{ article: 'article', blogpost: 'blog post', forumthread: 'forum thread' }[kind]}${plural === 'one' ? '' : 's'}`,
    read: (items) => `read ${items}`,
    searched: (n, count) => `searched ${enTimes(n, count)}`,
    lastHour: 'in the hour before the case',
    inWindow: (span) => `in the ${span} before the case`,
    sentence: (what, period) => `${what.charAt(0).toUpperCase()}${what.slice(1)} ${period}`,
    again: (search, title, n) => `; ${search ? 'searched' : 'read'} ‘${title}’ ${enTimes(n, String(n))}`,
    after: (count) => ` ${count} more after the case.`,
  },
  wholeWindow: 'Show the whole window',
  zoomToActivity: 'Zoom to the activity',
  summaryAround: (count, plural, span, after) =>
    `${count} ${plural === 'one' ? 'interaction' : 'interactions'} in the ${span} before this case and up to ${after} after it`,
  chartDescription: (count, plural, span, parts) =>
    `Timeline of ${count} portal ${plural === 'one' ? 'interaction' : 'interactions'} in the ${span} before this case: ${parts}.`,
  tableToggle: 'Show the timeline as a table',
  tableCaption: (span) => `Portal interactions in the ${span} before this case, oldest first`,
  time: 'Time',
  type: 'Type',
  item: 'Title or search',
  language: 'Language',
  errorCode: 'Code',
}

/** The languages the widget has labels for; any other falls back to English labels. */
export const LABEL_LANGUAGES = ['en', 'fr', 'de'] as const

/** A language the widget has labels for. */
export type LabelLanguage = (typeof LABEL_LANGUAGES)[number]

/** Where the widget's texts and formats come from: labels by language, Intl by full locale. */
export interface ResolvedLocale {
  /** A canonical BCP 47 tag for Intl (dates, numbers, plural rules). */
  locale: string
  /** The label language picked for it. */
  language: LabelLanguage
}

function canonical(tag: string | null | undefined): string | null {
  if (!tag) return null
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null
  } catch {
    return null
  }
}

/**
 * Picks the locale from the first usable tag (the `lang` attribute, then the
 * page's language, then the browser's): labels in that language when the widget
 * has them, English otherwise; dates and numbers always in that locale.
 *
 * @example resolveLocale(['fr-CA']) // { locale: 'fr-CA', language: 'fr' }
 */
export function resolveLocale(candidates: readonly (string | null | undefined)[]): ResolvedLocale {
  for (const candidate of candidates) {
    const locale = canonical(candidate)
    if (!locale) continue
    const base = locale.split('-')[0]!.toLowerCase()
    const language = (LABEL_LANGUAGES as readonly string[]).includes(base) ? (base as LabelLanguage) : 'en'
    return { locale, language }
  }
  return { locale: 'en', language: 'en' }
}

/**
 * The labels of a language. English is in the first script; French and
 * German are chunks of their own (1.3-1.5 KB gzip each), fetched only by a
 * widget that speaks them, which keeps the first script within its 20 KB.
 */
export function loadMessages(language: LabelLanguage): Promise<Messages> {
  if (language === 'fr') return import('./messages-fr.ts').then((m) => m.fr)
  if (language === 'de') return import('./messages-de.ts').then((m) => m.de)
  return Promise.resolve(en)
}
