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

const en: Messages = {
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

const fr: Messages = {
  title: 'Parcours sur le portail',
  contactFallback: 'Contact du portail',
  email: 'E-mail',
  crmRecord: 'Fiche CRM',
  windowGroup: 'Période avant la demande',
  windowChoices: { PT24H: '24 h', P7D: '7 jours', P30D: '30 jours' },
  lanes: {
    portal_viewknowledgearticle: 'Articles',
    portal_viewblogpost: 'Billets de blog',
    portal_viewforumthread: 'Fils de forum',
    portal_search: 'Recherches',
    portal_articlefeedback: 'Avis sur les articles',
  },
  events: {
    portal_viewknowledgearticle: 'Article consulté',
    portal_viewblogpost: 'Billet de blog consulté',
    portal_viewforumthread: 'Fil de forum consulté',
    portal_search: 'Recherche',
    portal_articlefeedback: 'Article évalué',
  },
  span: (amount, span, plural) =>
    `${amount} ${span.unit === 'day' ? (plural === 'one' ? 'jour' : 'jours') : plural === 'one' ? 'heure' : 'heures'}`,
  summary: (count, plural, span) =>
    `${count} ${plural === 'one' ? 'interaction' : 'interactions'} dans les ${span} précédant cette demande`,
  alreadyRead: 'Déjà lu',
  searches: 'Recherches, les plus récentes d’abord',
  noneYet: 'Aucun sur cette période',
  showAll: (count) => `Afficher les ${count}`,
  showFewer: 'Afficher moins',
  views: (count, plural) => `${count} ${plural === 'one' ? 'vue' : 'vues'}`,
  lastViewed: (at) => `dernière vue le ${at}`,
  loading: 'Chargement du parcours du client sur le portail…',
  empty: (span) => `Aucune activité sur le portail dans les ${span} précédant cette demande.`,
  expired: 'L’accès à ce parcours a expiré. Rechargez la demande pour en obtenir un nouveau.',
  refused: 'casetrail a refusé l’accès au parcours de ce client.',
  notFound: 'casetrail ne connaît pas ce hub ou ce contact.',
  badRequest: 'Les informations de la demande transmises au widget ont été refusées.',
  apiDown: 'casetrail est injoignable.',
  invalidAnswer: 'casetrail a répondu sous une forme que ce widget ne comprend pas.',
  misconfigured: (attributes) => `Il manque au widget de parcours : ${attributes}.`,
  retry: 'Réessayer',
  chartLoading: 'Chargement du graphique…',
  chartFailed: 'Le graphique n’a pas pu être chargé ; les listes ci-dessous sont complètes.',
  legend: 'Afficher ou masquer un type',
  caseCreated: 'Demande créée',
  otherCase: 'Une autre demande',
  status: 'Statut',
  afterCase: 'Après la demande',
  bands: { earlier: 'Plus tôt', focus: 'Dernière heure', after: 'Après la demande' },
  wholeWindow: 'Afficher toute la période',
  zoomToActivity: 'Zoomer sur l’activité',
  summaryAround: (count, plural, span, after) =>
    `${count} ${plural === 'one' ? 'interaction' : 'interactions'} dans les ${span} précédant cette demande et jusqu’à ${after} après`,
  chartDescription: (count, plural, span, parts) =>
    `Chronologie de ${count} ${plural === 'one' ? 'interaction' : 'interactions'} sur le portail dans les ${span} précédant cette demande : ${parts}.`,
  tableToggle: 'Afficher la chronologie sous forme de tableau',
  tableCaption: (span) =>
    `Interactions sur le portail dans les ${span} précédant cette demande, les plus anciennes d’abord`,
  time: 'Heure',
  type: 'Type',
  item: 'Titre ou recherche',
  language: 'Langue',
  errorCode: 'Code',
}

const de: Messages = {
  title: 'Portal-Verlauf',
  contactFallback: 'Portalkontakt',
  email: 'E-Mail',
  crmRecord: 'CRM-Datensatz',
  windowGroup: 'Zeitraum vor dem Fall',
  windowChoices: { PT24H: '24 Std.', P7D: '7 Tage', P30D: '30 Tage' },
  lanes: {
    portal_viewknowledgearticle: 'Artikel',
    portal_viewblogpost: 'Blogbeiträge',
    portal_viewforumthread: 'Forenthemen',
    portal_search: 'Suchen',
    portal_articlefeedback: 'Artikelbewertungen',
  },
  events: {
    portal_viewknowledgearticle: 'Artikel angesehen',
    portal_viewblogpost: 'Blogbeitrag angesehen',
    portal_viewforumthread: 'Forenthema angesehen',
    portal_search: 'Suche',
    portal_articlefeedback: 'Artikel bewertet',
  },
  // Dative: the span always follows "in den …" / "in der …".
  span: (amount, span, plural) =>
    `${amount} ${span.unit === 'day' ? (plural === 'one' ? 'Tag' : 'Tagen') : plural === 'one' ? 'Stunde' : 'Stunden'}`,
  summary: (count, plural, span) =>
    `${count} ${plural === 'one' ? 'Interaktion' : 'Interaktionen'} in den ${span} vor diesem Fall`,
  alreadyRead: 'Bereits gelesen',
  searches: 'Suchen, neueste zuerst',
  noneYet: 'Keine in diesem Zeitraum',
  showAll: (count) => `Alle ${count} anzeigen`,
  showFewer: 'Weniger anzeigen',
  views: (count, plural) => `${count} ${plural === 'one' ? 'Aufruf' : 'Aufrufe'}`,
  lastViewed: (at) => `zuletzt angesehen ${at}`,
  loading: 'Der Portal-Verlauf des Kunden wird geladen…',
  empty: (span) => `Keine Portalaktivität in den ${span} vor diesem Fall.`,
  expired:
    'Der Zugriff auf diesen Verlauf ist abgelaufen. Laden Sie den Fall neu, um einen neuen zu erhalten.',
  refused: 'casetrail hat den Zugriff auf den Verlauf dieses Kunden verweigert.',
  notFound: 'casetrail kennt diesen Hub oder Kontakt nicht.',
  badRequest: 'Die an das Widget übergebenen Falldaten wurden nicht akzeptiert.',
  apiDown: 'casetrail ist nicht erreichbar.',
  invalidAnswer: 'casetrail hat in einer Form geantwortet, die dieses Widget nicht versteht.',
  misconfigured: (attributes) => `Dem Verlaufs-Widget fehlt: ${attributes}.`,
  retry: 'Erneut versuchen',
  chartLoading: 'Das Diagramm wird geladen…',
  chartFailed: 'Das Diagramm konnte nicht geladen werden; die Listen unten sind vollständig.',
  legend: 'Einen Typ ein- oder ausblenden',
  caseCreated: 'Fall erstellt',
  otherCase: 'Ein weiterer Fall',
  status: 'Status',
  afterCase: 'Nach dem Fall',
  bands: { earlier: 'Früher', focus: 'Letzte Stunde', after: 'Nach dem Fall' },
  wholeWindow: 'Ganzen Zeitraum zeigen',
  zoomToActivity: 'Auf die Aktivität zoomen',
  summaryAround: (count, plural, span, after) =>
    `${count} ${plural === 'one' ? 'Interaktion' : 'Interaktionen'} in den ${span} vor diesem Fall und bis zu ${after} danach`,
  chartDescription: (count, plural, span, parts) =>
    `Zeitachse von ${count} ${plural === 'one' ? 'Portalinteraktion' : 'Portalinteraktionen'} in den ${span} vor diesem Fall: ${parts}.`,
  tableToggle: 'Zeitachse als Tabelle anzeigen',
  tableCaption: (span) => `Portalinteraktionen in den ${span} vor diesem Fall, älteste zuerst`,
  time: 'Zeit',
  type: 'Typ',
  item: 'Titel oder Suche',
  language: 'Sprache',
  errorCode: 'Code',
}

/** The languages the widget's labels exist in; any other falls back to English labels. */
export const MESSAGES = { en, fr, de } as const satisfies Record<string, Messages>

/** A language the widget has labels for. */
export type LabelLanguage = keyof typeof MESSAGES

/** Where the widget's texts and formats come from: labels by language, Intl by full locale. */
export interface ResolvedLocale {
  /** A canonical BCP 47 tag for Intl (dates, numbers, plural rules). */
  locale: string
  /** The label language picked for it. */
  language: LabelLanguage
  messages: Messages
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
 * @example resolveLocale(['fr-CA']) // { locale: 'fr-CA', language: 'fr', messages: … }
 */
export function resolveLocale(candidates: readonly (string | null | undefined)[]): ResolvedLocale {
  for (const candidate of candidates) {
    const locale = canonical(candidate)
    if (!locale) continue
    const base = locale.split('-')[0]!.toLowerCase()
    const language: LabelLanguage = base in MESSAGES ? (base as LabelLanguage) : 'en'
    return { locale, language, messages: MESSAGES[language] }
  }
  return { locale: 'en', language: 'en', messages: en }
}
