import { useLang } from '../i18n.ts'

/**
 * The Insights page's questions and hints in en/fr/de, kept in its own chunk
 * (the page's): the console's first load carries the shared catalogues and is
 * held to 40 KB gzip.
 */
const WORDS = {
  en: {
    precededTitle: 'Which content did people read before opening a case anyway?',
    deflectingTitle: 'Which content settles questions without a case?',
    searchesTitle: 'What did people search for before opening a case?',
    volumeTitle: 'How much did people read and search each day, and how many opened a case?',
    chartHintItems: 'Hover a bar for the figures; click it to open the item on the portal.',
    chartHintSearches: 'Hover a bar for the figures; click it to run the search on the portal.',
    chartHintDays: 'Hover a day for its figures; click it to see the hub’s cases.',
    fewReadersLeftOut: (n: number) =>
      `Content read by fewer than ${n} ${n === 1 ? 'contact' : 'contacts'} is left out, so no single reader stands out.`,
    noDataFewReaders: (n: number) =>
      `Nothing in this period. Content shows here once at least ${n} ${n === 1 ? 'contact has' : 'contacts have'} read it, so no single reader stands out.`,
    readersWithoutCase: 'Readers without a case',
  },
  fr: {
    precededTitle: 'Quels contenus ont été lus avant l’ouverture d’un incident malgré tout\u202f?',
    deflectingTitle: 'Quels contenus répondent aux questions sans incident\u202f?',
    searchesTitle: 'Qu’a-t-on cherché avant d’ouvrir un incident\u202f?',
    volumeTitle: 'Combien de lectures et de recherches chaque jour, et combien d’incidents\u202f?',
    chartHintItems:
      'Survolez une barre pour ses chiffres\u202f; cliquez pour ouvrir le contenu sur le portail.',
    chartHintSearches:
      'Survolez une barre pour ses chiffres\u202f; cliquez pour lancer la recherche sur le portail.',
    chartHintDays: 'Survolez un jour pour ses chiffres\u202f; cliquez pour voir les incidents du hub.',
    fewReadersLeftOut: (n: number) =>
      `Les contenus lus par moins de ${n} ${n < 2 ? 'contact' : 'contacts'} sont écartés, pour qu’aucun lecteur ne soit isolé.`,
    noDataFewReaders: (n: number) =>
      `Rien sur cette période. Un contenu apparaît ici dès qu’au moins ${n} ${n < 2 ? 'contact l’a lu' : 'contacts l’ont lu'}, pour qu’aucun lecteur ne soit isolé.`,
    readersWithoutCase: 'Lecteurs sans incident',
  },
  de: {
    precededTitle: 'Welche Inhalte wurden gelesen, bevor trotzdem ein Fall eröffnet wurde?',
    deflectingTitle: 'Welche Inhalte klären Fragen ohne Fall?',
    searchesTitle: 'Wonach wurde gesucht, bevor ein Fall eröffnet wurde?',
    volumeTitle: 'Wie viel wurde täglich gelesen und gesucht, und wie viele Fälle gab es?',
    chartHintItems: 'Zeigen Sie auf einen Balken für die Zahlen; ein Klick öffnet den Inhalt im Portal.',
    chartHintSearches: 'Zeigen Sie auf einen Balken für die Zahlen; ein Klick führt die Suche im Portal aus.',
    chartHintDays: 'Zeigen Sie auf einen Tag für seine Zahlen; ein Klick zeigt die Fälle des Hubs.',
    fewReadersLeftOut: (n: number) =>
      `Inhalte, die weniger als ${n} ${n === 1 ? 'Kontakt' : 'Kontakte'} gelesen haben, fehlen hier, damit kein einzelner Leser auffällt.`,
    noDataFewReaders: (n: number) =>
      `Nichts in diesem Zeitraum. Inhalte erscheinen hier, sobald mindestens ${n} ${n === 1 ? 'Kontakt sie gelesen hat' : 'Kontakte sie gelesen haben'}, damit kein einzelner Leser auffällt.`,
    readersWithoutCase: 'Leser ohne Fall',
  },
}

/** The Insights page's words in the console's language. */
export const useInsightWords = () => WORDS[useLang()]
