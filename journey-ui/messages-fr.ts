import type { Messages } from './messages.ts'

/** The French labels (a chunk of their own, see `loadMessages`). */
export const fr: Messages = {
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
  truncated: (shown, total) =>
    `Affichage des ${shown} interactions les plus récentes sur ${total} dans cette période.`,
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
  misconfigured: (attributes) => `Il manque au widget de parcours\u202f: ${attributes}.`,
  retry: 'Réessayer',
  chartLoading: 'Chargement du graphique…',
  chartFailed: 'Le graphique n’a pas pu être chargé\u202f; les listes ci-dessous sont complètes.',
  legend: 'Afficher ou masquer un type',
  caseCreated: 'Demande créée',
  otherCase: 'Une autre demande',
  status: 'Statut',
  afterCase: 'Après la demande',
  bands: { earlier: 'Plus tôt', focus: 'Dernière heure', after: 'Après la demande' },
  beforeCase: 'Avant la demande',
  gist: {
    noun: (kind, count, plural) => {
      const [one, other] = {
        article: ['article', 'articles'],
        blogpost: ['billet de blog', 'billets de blog'],
        forumthread: ['fil de forum', 'fils de forum'],
      }[kind]
      return `${count}\u00a0${plural === 'one' ? one : other}`
    },
    read: (items, many) => `${items} ${many ? 'lus' : 'lu'}`,
    searched: (_n, count, plural) => `${count}\u00a0${plural === 'one' ? 'recherche' : 'recherches'}`,
    lastHour: 'dans l’heure précédant la demande',
    inWindow: (span) => `dans les ${span} précédant la demande`,
    sentence: (what, period) => `${what.charAt(0).toUpperCase()}${what.slice(1)} ${period}`,
    // French typography: a narrow no-break space inside « » and before ;
    again: (search, title, n) =>
      `\u202f; «\u202f${title}\u202f» ${search ? 'recherché' : 'lu'} ${n}\u00a0fois`,
    after: (count, plural) => ` ${count} ${plural === 'one' ? 'autre' : 'autres'} après la demande.`,
  },
  wholeWindow: 'Afficher toute la période',
  zoomToActivity: 'Zoomer sur l’activité',
  summaryAround: (count, plural, span, after) =>
    `${count} ${plural === 'one' ? 'interaction' : 'interactions'} dans les ${span} précédant cette demande et jusqu’à ${after} après`,
  chartDescription: (count, plural, span, parts) =>
    `Chronologie de ${count} ${plural === 'one' ? 'interaction' : 'interactions'} sur le portail dans les ${span} précédant cette demande\u202f: ${parts}.`,
  tableToggle: 'Afficher la chronologie sous forme de tableau',
  tableCaption: (span) =>
    `Interactions sur le portail dans les ${span} précédant cette demande, les plus anciennes d’abord`,
  time: 'Heure',
  type: 'Type',
  item: 'Titre ou recherche',
  language: 'Langue',
  errorCode: 'Code',
}
