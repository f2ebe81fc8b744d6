import type { Messages } from './messages.ts'

// "einmal", "zweimal", "3-mal".
const deTimes = (n: number, count: string) => (n === 1 ? 'einmal' : n === 2 ? 'zweimal' : `${count}-mal`)

/** The German labels (a chunk of their own, see `loadMessages`). */
export const de: Messages = {
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
  truncated: (shown, total) =>
    `Angezeigt werden die neuesten ${shown} von ${total} Interaktionen in diesem Zeitraum.`,
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
  beforeCase: 'Vor dem Fall',
  gist: {
    noun: (kind, count, plural) =>
      `${count} ${{ article: ['Artikel', 'Artikel'], blogpost: ['Blogbeitrag', 'Blogbeiträge'], forumthread: ['Forenthema', 'Forenthemen'] }[kind][plural === 'one' ? 0 : 1]}`,
    read: (items) => `${items} gelesen`,
    searched: (n, count) => `${deTimes(n, count)} gesucht`,
    lastHour: 'in der Stunde vor dem Fall',
    inWindow: (span) => `in den ${span} vor dem Fall`,
    // German puts the time first: "In der Stunde vor dem Fall 3 Artikel gelesen und zweimal gesucht".
    sentence: (what, period) => `${period.charAt(0).toUpperCase()}${period.slice(1)} ${what}`,
    again: (search, title, n) =>
      search
        ? `; ${deTimes(n, String(n))} nach „${title}“ gesucht`
        : `; „${title}“ ${deTimes(n, String(n))} gelesen`,
    after: (count) => ` Nach dem Fall: ${count} weitere.`,
  },
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
