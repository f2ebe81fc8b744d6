/**
 * The words of the data-rights pages (Audit log, History panels, a contact's
 * Export and Erase, a hub's Retention) in en/fr/de. They live in their own
 * chunk, loaded with those pages: the console's first load carries the shared
 * catalogues and is held to 40 KB gzip (it was at 39.5 KB before these pages).
 */
import { type Lang, useLang, useT } from './i18n.ts'

const en = {
  auditTitle: 'Audit log',
  auditIntro:
    'Every change made through the admin API or this console, refused ones included, newest first. Entries cannot be edited or deleted.',
  auditFilters: 'Filters',
  auditTargetType: 'Record type',
  auditAnyType: 'Any type',
  auditTarget: 'Record',
  auditAnyRecord: 'Any record',
  auditTargetId: 'Record id',
  auditActor: 'Who',
  auditAnyone: 'Anyone',
  auditActorId: 'Principal id',
  auditOperation: 'Operation',
  auditAnyOperation: 'Any operation',
  auditFrom: 'From',
  auditTo: 'Until',
  auditApply: 'Apply filters',
  auditClear: 'Clear filters',
  auditDownloadCsv: 'Download CSV',
  auditDownloadNdjson: 'Download NDJSON',
  auditDownloadHelp: 'A download holds every entry the filters match, not only the rows shown.',
  auditEmpty: 'No entry matches these filters.',
  auditColTime: 'Time',
  auditColActor: 'Who',
  auditColOperation: 'Operation',
  auditColTarget: 'Record',
  auditColOutcome: 'Outcome',
  auditDetails: 'Details',
  /** The button that opens an entry: its change count (0: its request id and address only). */
  auditChanges: (n: number) => (n === 0 ? 'Details' : n === 1 ? '1 change' : `${n} changes`),
  auditNoChanges: 'No field changed.',
  auditField: 'Field',
  auditBefore: 'Before',
  auditAfter: 'After',
  auditSecretChanged: 'changed (secret, not shown)',
  auditNoValue: 'none',
  auditMoreChanges: (n: string) => `${n} more changes not listed`,
  auditRequest: 'Request',
  auditClient: 'Client address',
  auditSignedInWith: {
    admin_token: 'admin token',
    console_session: 'console session',
    sas_token: 'shared access signature',
  } as Record<string, string>,
  auditOk: 'Done',
  auditRefused: 'Refused',
  auditTargetTypes: {
    hub: 'Hub',
    portal: 'Portal',
    user: 'User',
    session: 'Session',
    instance: 'Instance',
    licence: 'Licence',
    certificate: 'Certificate',
    host_name: 'Host name',
    provisioning_job: 'Provisioning job',
    audit: 'Audit log',
  } as Record<string, string>,
  auditFromAfterTo: '“From” must be before “Until”.',
  historyTitle: 'History',
  historyIntro: 'Changes to this record, newest first.',
  historyEmpty: 'No change recorded yet.',
  historyAll: 'Open in the Audit log',
  historyLatest: (n: number) => `The latest ${n} entries.`,
  contactDataTitle: 'This contact’s data',
  contactDataIntro:
    'Everything casetrail keeps about this contact in this hub: interactions, cases, the linked profile and quarantined items naming them.',
  exportContact: 'Export',
  exportHelp: 'Downloads it as NDJSON: a first line with the counts, then one line per record.',
  exported: (n: string) => `Exported: ${n} records.`,
  eraseContact: 'Erase',
  eraseTitle: (name: string) => `Erase ${name}?`,
  eraseBody: (name: string, id: string) =>
    `All of ${name}’s (contact id ${id}) interactions dated before now, cases, profile and quarantined items in this hub are deleted, also from the write-ahead log. This cannot be undone. The erasure itself is recorded, without the contact’s id.`,
  eraseConfirm: 'Erase permanently',
  erasing: 'Erasing…',
  erasureDone: 'Erased. Removed:',
  erasureFailed: 'The erasure failed. Nothing is lost by trying again.',
  erasureCounts: (c: { interactions: string; cases: string; profiles: string; quarantine: string }) =>
    `${c.interactions} interactions, ${c.cases} cases, ${c.profiles} profile, ${c.quarantine} quarantined items`,
  unnamedContact: 'this contact',
  retentionTitle: 'Retention',
  retentionIntro:
    'How long this hub keeps interactions (by when they happened) and cases (by when they were created). Older ones are deleted: ClickHouse drops them as it merges its data, or at once with Apply now.',
  retentionOther:
    'Quarantined items are kept 30 days and audit entries until an operator removes them, whatever this setting.',
  retentionDays: 'Keep for (days)',
  retentionHelp: (max: string, fallback: string) =>
    `1 to ${max} days; ${fallback} (about 13 months) by default.`,
  retentionInvalid: (max: string) => `Enter a whole number of days from 1 to ${max}.`,
  retentionNow: (days: string) => `Now: ${days} days.`,
  shortenTitle: 'Shorten the retention?',
  shortenBody: (days: string, before: string) =>
    `Interactions dated before ${before} and cases created before it will be deleted (${days} days), at the next merges or at once with Apply now. This cannot be undone.`,
  shorten: 'Shorten',
  applyNow: 'Apply now',
  applyTitle: 'Apply the retention now?',
  applyBody: (days: string, before: string) =>
    `Interactions dated before ${before} and cases created before it (older than ${days} days) are deleted now. This cannot be undone.`,
  applied: (interactions: string, cases: string, before: string) =>
    `Removed ${interactions} interactions and ${cases} cases dated before ${before}.`,
  journeyReadLog: 'Journey read log',
  journeyReadLogLabel:
    'Write an audit entry for each journey read (who read whose journey, never what it held)',
}

/** The data-rights pages' words, in one language. */
export type RightsWords = typeof en

const fr: RightsWords = {
  auditTitle: 'Journal d’audit',
  auditIntro:
    'Chaque modification faite par l’API d’administration ou cette console, y compris celles qui ont été refusées, de la plus récente à la plus ancienne. Les entrées ne peuvent être ni modifiées ni supprimées.',
  auditFilters: 'Filtres',
  auditTargetType: 'Type d’enregistrement',
  auditAnyType: 'Tous les types',
  auditTarget: 'Enregistrement',
  auditAnyRecord: 'Tous les enregistrements',
  auditTargetId: 'Identifiant de l’enregistrement',
  auditActor: 'Qui',
  auditAnyone: 'Tout le monde',
  auditActorId: 'Identifiant du principal',
  auditOperation: 'Opération',
  auditAnyOperation: 'Toutes les opérations',
  auditFrom: 'Du',
  auditTo: 'Jusqu’au',
  auditApply: 'Appliquer les filtres',
  auditClear: 'Effacer les filtres',
  auditDownloadCsv: 'Télécharger en CSV',
  auditDownloadNdjson: 'Télécharger en NDJSON',
  auditDownloadHelp:
    'Un téléchargement contient toutes les entrées qui correspondent aux filtres, pas seulement les lignes affichées.',
  auditEmpty: 'Aucune entrée ne correspond à ces filtres.',
  auditColTime: 'Date',
  auditColActor: 'Qui',
  auditColOperation: 'Opération',
  auditColTarget: 'Enregistrement',
  auditColOutcome: 'Résultat',
  auditDetails: 'Détails',
  auditChanges: (n: number) => (n === 0 ? 'Détails' : n === 1 ? '1 modification' : `${n} modifications`),
  auditNoChanges: 'Aucun champ modifié.',
  auditField: 'Champ',
  auditBefore: 'Avant',
  auditAfter: 'Après',
  auditSecretChanged: 'modifié (secret, non affiché)',
  auditNoValue: 'aucune',
  auditMoreChanges: (n: string) => `${n} autres modifications non listées`,
  auditRequest: 'Requête',
  auditClient: 'Adresse du client',
  auditSignedInWith: {
    admin_token: 'jeton d’administration',
    console_session: 'session de la console',
    sas_token: 'signature d’accès partagé',
  },
  auditOk: 'Effectuée',
  auditRefused: 'Refusée',
  auditTargetTypes: {
    hub: 'Concentrateur',
    portal: 'Portail',
    user: 'Utilisateur',
    session: 'Session',
    instance: 'Instance',
    licence: 'Licence',
    certificate: 'Certificat',
    host_name: 'Nom d’hôte',
    provisioning_job: 'Tâche de provisionnement',
    audit: 'Journal d’audit',
  },
  auditFromAfterTo: 'La date « Du » doit précéder la date « Jusqu’au ».',
  historyTitle: 'Historique',
  historyIntro: 'Les modifications de cet enregistrement, de la plus récente à la plus ancienne.',
  historyEmpty: 'Aucune modification enregistrée pour l’instant.',
  historyAll: 'Ouvrir dans le journal d’audit',
  historyLatest: (n: number) => `Les ${n} dernières entrées.`,
  contactDataTitle: 'Les données de ce contact',
  contactDataIntro:
    'Tout ce que casetrail conserve sur ce contact dans ce concentrateur : interactions, incidents, profil lié et éléments en quarantaine qui le nomment.',
  exportContact: 'Exporter',
  exportHelp:
    'Télécharge le tout en NDJSON : une première ligne avec les totaux, puis une ligne par enregistrement.',
  exported: (n: string) => `Exporté : ${n} enregistrements.`,
  eraseContact: 'Effacer',
  eraseTitle: (name: string) => `Effacer ${name} ?`,
  eraseBody: (name: string, id: string) =>
    `Toutes les interactions de ${name} (identifiant du contact ${id}) datées d’avant maintenant, ses incidents, son profil et ses éléments en quarantaine dans ce concentrateur sont supprimés, y compris du journal d’écriture anticipée. Cette action est irréversible. L’effacement lui-même est consigné, sans l’identifiant du contact.`,
  eraseConfirm: 'Effacer définitivement',
  erasing: 'Effacement en cours…',
  erasureDone: 'Effacé. Supprimés :',
  erasureFailed: 'L’effacement a échoué. Vous pouvez réessayer sans risque.',
  erasureCounts: (c: { interactions: string; cases: string; profiles: string; quarantine: string }) =>
    `${c.interactions} interactions, ${c.cases} incidents, ${c.profiles} profil, ${c.quarantine} éléments en quarantaine`,
  unnamedContact: 'ce contact',
  retentionTitle: 'Conservation',
  retentionIntro:
    'Durée pendant laquelle ce concentrateur conserve les interactions (selon leur date) et les incidents (selon leur date de création). Les plus anciens sont supprimés : ClickHouse les retire lors de ses fusions de données, ou immédiatement avec « Appliquer maintenant ».',
  retentionOther:
    'Les éléments en quarantaine sont conservés 30 jours et les entrées d’audit jusqu’à ce qu’un opérateur les supprime, quel que soit ce paramètre.',
  retentionDays: 'Conserver pendant (jours)',
  retentionHelp: (max: string, fallback: string) =>
    `De 1 à ${max} jours ; ${fallback} (environ 13 mois) par défaut.`,
  retentionInvalid: (max: string) => `Saisissez un nombre entier de jours entre 1 et ${max}.`,
  retentionNow: (days: string) => `Actuellement : ${days} jours.`,
  shortenTitle: 'Raccourcir la durée de conservation ?',
  shortenBody: (days: string, before: string) =>
    `Les interactions datées d’avant le ${before} et les incidents créés avant cette date seront supprimés (${days} jours), lors des prochaines fusions ou immédiatement avec « Appliquer maintenant ». Cette action est irréversible.`,
  shorten: 'Raccourcir',
  applyNow: 'Appliquer maintenant',
  applyTitle: 'Appliquer la durée de conservation maintenant ?',
  applyBody: (days: string, before: string) =>
    `Les interactions datées d’avant le ${before} et les incidents créés avant cette date (plus de ${days} jours) sont supprimés maintenant. Cette action est irréversible.`,
  applied: (interactions: string, cases: string, before: string) =>
    `${interactions} interactions et ${cases} incidents datés d’avant le ${before} supprimés.`,
  journeyReadLog: 'Journal des lectures de parcours',
  journeyReadLogLabel:
    'Consigner une entrée d’audit pour chaque lecture de parcours (qui a lu le parcours de qui, jamais son contenu)',
}

const de: RightsWords = {
  auditTitle: 'Überwachungsprotokoll',
  auditIntro:
    'Jede Änderung über die Admin-API oder diese Konsole, auch abgelehnte, die neueste zuerst. Einträge können weder bearbeitet noch gelöscht werden.',
  auditFilters: 'Filter',
  auditTargetType: 'Datensatztyp',
  auditAnyType: 'Alle Typen',
  auditTarget: 'Datensatz',
  auditAnyRecord: 'Alle Datensätze',
  auditTargetId: 'Datensatz-ID',
  auditActor: 'Wer',
  auditAnyone: 'Alle',
  auditActorId: 'Prinzipal-ID',
  auditOperation: 'Vorgang',
  auditAnyOperation: 'Alle Vorgänge',
  auditFrom: 'Von',
  auditTo: 'Bis',
  auditApply: 'Filter anwenden',
  auditClear: 'Filter zurücksetzen',
  auditDownloadCsv: 'Als CSV herunterladen',
  auditDownloadNdjson: 'Als NDJSON herunterladen',
  auditDownloadHelp:
    'Ein Download enthält alle Einträge, die zu den Filtern passen, nicht nur die angezeigten.',
  auditEmpty: 'Kein Eintrag passt zu diesen Filtern.',
  auditColTime: 'Zeit',
  auditColActor: 'Wer',
  auditColOperation: 'Vorgang',
  auditColTarget: 'Datensatz',
  auditColOutcome: 'Ergebnis',
  auditDetails: 'Einzelheiten',
  auditChanges: (n: number) => (n === 0 ? 'Einzelheiten' : n === 1 ? '1 Änderung' : `${n} Änderungen`),
  auditNoChanges: 'Kein Feld geändert.',
  auditField: 'Feld',
  auditBefore: 'Vorher',
  auditAfter: 'Nachher',
  auditSecretChanged: 'geändert (geheim, nicht angezeigt)',
  auditNoValue: 'keiner',
  auditMoreChanges: (n: string) => `${n} weitere Änderungen nicht aufgeführt`,
  auditRequest: 'Anfrage',
  auditClient: 'Client-Adresse',
  auditSignedInWith: {
    admin_token: 'Admin-Token',
    console_session: 'Konsolensitzung',
    sas_token: 'SAS-Token',
  },
  auditOk: 'Ausgeführt',
  auditRefused: 'Abgelehnt',
  auditTargetTypes: {
    hub: 'Hub',
    portal: 'Portal',
    user: 'Benutzer',
    session: 'Sitzung',
    instance: 'Instanz',
    licence: 'Lizenz',
    certificate: 'Zertifikat',
    host_name: 'Hostname',
    provisioning_job: 'Bereitstellungsauftrag',
    audit: 'Überwachungsprotokoll',
  },
  auditFromAfterTo: '„Von“ muss vor „Bis“ liegen.',
  historyTitle: 'Verlauf',
  historyIntro: 'Änderungen an diesem Datensatz, die neueste zuerst.',
  historyEmpty: 'Noch keine Änderung aufgezeichnet.',
  historyAll: 'Im Überwachungsprotokoll öffnen',
  historyLatest: (n: number) => `Die letzten ${n} Einträge.`,
  contactDataTitle: 'Daten dieses Kontakts',
  contactDataIntro:
    'Alles, was casetrail in diesem Hub über diesen Kontakt speichert: Interaktionen, Fälle, das verknüpfte Profil und Quarantäne-Elemente, die ihn nennen.',
  exportContact: 'Exportieren',
  exportHelp:
    'Lädt alles als NDJSON herunter: eine erste Zeile mit den Summen, dann eine Zeile je Datensatz.',
  exported: (n: string) => `Exportiert: ${n} Datensätze.`,
  eraseContact: 'Löschen',
  eraseTitle: (name: string) => `${name} löschen?`,
  eraseBody: (name: string, id: string) =>
    `Alle Interaktionen von ${name} (Kontakt-ID ${id}) mit Datum vor jetzt, Fälle, Profil und Quarantäne-Elemente in diesem Hub werden gelöscht, auch aus dem Write-Ahead-Log. Dies kann nicht rückgängig gemacht werden. Die Löschung selbst wird protokolliert, ohne die ID des Kontakts.`,
  eraseConfirm: 'Endgültig löschen',
  erasing: 'Wird gelöscht…',
  erasureDone: 'Gelöscht. Entfernt:',
  erasureFailed: 'Die Löschung ist fehlgeschlagen. Ein erneuter Versuch ist gefahrlos.',
  erasureCounts: (c: { interactions: string; cases: string; profiles: string; quarantine: string }) =>
    `${c.interactions} Interaktionen, ${c.cases} Fälle, ${c.profiles} Profil, ${c.quarantine} Quarantäne-Elemente`,
  unnamedContact: 'diesen Kontakt',
  retentionTitle: 'Aufbewahrung',
  retentionIntro:
    'Wie lange dieser Hub Interaktionen (nach ihrem Zeitpunkt) und Fälle (nach ihrer Erstellung) aufbewahrt. Ältere werden gelöscht: ClickHouse entfernt sie beim Zusammenführen seiner Daten oder sofort mit „Jetzt anwenden“.',
  retentionOther:
    'Quarantäne-Elemente werden 30 Tage aufbewahrt und Überwachungseinträge, bis ein Betreiber sie entfernt, unabhängig von dieser Einstellung.',
  retentionDays: 'Aufbewahren für (Tage)',
  retentionHelp: (max: string, fallback: string) =>
    `1 bis ${max} Tage; standardmäßig ${fallback} (etwa 13 Monate).`,
  retentionInvalid: (max: string) => `Geben Sie eine ganze Zahl von Tagen zwischen 1 und ${max} ein.`,
  retentionNow: (days: string) => `Derzeit: ${days} Tage.`,
  shortenTitle: 'Aufbewahrung verkürzen?',
  shortenBody: (days: string, before: string) =>
    `Interaktionen mit Datum vor ${before} und davor erstellte Fälle werden gelöscht (${days} Tage), bei den nächsten Zusammenführungen oder sofort mit „Jetzt anwenden“. Dies kann nicht rückgängig gemacht werden.`,
  shorten: 'Verkürzen',
  applyNow: 'Jetzt anwenden',
  applyTitle: 'Aufbewahrung jetzt anwenden?',
  applyBody: (days: string, before: string) =>
    `Interaktionen mit Datum vor ${before} und davor erstellte Fälle (älter als ${days} Tage) werden jetzt gelöscht. Dies kann nicht rückgängig gemacht werden.`,
  applied: (interactions: string, cases: string, before: string) =>
    `${interactions} Interaktionen und ${cases} Fälle mit Datum vor ${before} entfernt.`,
  journeyReadLog: 'Protokoll der Journey-Abrufe',
  journeyReadLogLabel:
    'Für jeden Abruf einer Journey einen Überwachungseintrag schreiben (wer wessen Journey gelesen hat, nie deren Inhalt)',
}

/** The data-rights words of every language. */
export const RIGHTS_WORDS: Record<Lang, RightsWords> = { en, fr, de }

/** The console's shared words and the data-rights pages' words, in the current language. */
export function useRightsT() {
  return { ...useT(), ...RIGHTS_WORDS[useLang()] }
}
