/**
 * The guided setup's words in en/fr/de: pickers, the beacon snippet, the
 * first-run checklist. Kept out of the shared catalogues (which load first
 * and are held to the 40 KB gzip budget): pages import this module, so it
 * rides in their chunks.
 */
import type { ComponentChildren } from 'preact'
import { useLang } from './i18n.ts'

/** A sentence with parts the page renders (a field's name in `<code>`). */
type Parts = (a: ComponentChildren, b: ComponentChildren) => ComponentChildren[]

const en = {
  profilesIdMatch: ((a, b) => [
    'A profile is a contact’s when its ',
    a,
    ' is the ',
    b,
    ' the portal’s interactions carry.',
  ]) as Parts,
  pickerNoMatch: 'No match. Type part of a name.',
  pickerCount: (n: number) =>
    n === 1 ? '1 match: arrow keys to choose' : `${n} matches: arrow keys to choose`,
  pickerShowAll: 'Show the choices',
  pickerAny: 'Any',
  pickHubPlaceholder: 'Type a hub’s name',
  pickPortalPlaceholder: 'Type a portal’s name',
  pickContactPlaceholder: 'Type a name or an e-mail address',
  contactLabel: 'Contact',
  portalOrContact: (kind: 'portal' | 'contact'): string => (kind === 'portal' ? 'Portal' : 'Contact'),
  pickFirst: (kind: 'hub' | 'portal' | 'contact'): string => `Choose a ${kind} from the list.`,
  hubName: 'Hub',
  sendOnlyKey: 'Key (Send only, made for this portal)',
  rightsSend: 'Send',
  snippetTitle: 'Send beacons from your own site',
  snippetIntro:
    'Your portal’s pages send what each signed-in visitor reads and searches to the hub. Your server signs a short-lived token for that visitor with the portal’s Send-only key; the page sends with it. The key never reaches a browser, and the token can only send items for that one visitor.',
  snippetServer: '1. On your server: sign the visitor’s token',
  snippetServerHelp:
    'Node 18 or later, no package needed. Keep the key in an environment variable of your server, never in a page.',
  snippetKey: ((name) => ['The key to put in ', name]) as (name: ComponentChildren) => ComponentChildren[],
  snippetPage: '2. In your page: send the interaction',
  snippetPageHelp:
    'Put the visitor’s token and contact in the page, then call casetrailSend with what the visitor did (here, an article read).',
  snippetCopy: 'snippet',
  checklistTitle: 'Getting started',
  checklistIntro: 'From a new portal to beacons arriving. Each step shows what is done and what to do next.',
  checklistAllDone: (portal: string) => `${portal} is set up: its beacons arrive.`,
  checklistShow: 'Show the steps',
  checklistHide: 'Hide the steps',
  checklistDone: 'Done',
  checklistTodo: 'To do',
  stepLicence: 'A free portal licence',
  stepLicenceDone: (n: number) => (n === 1 ? '1 licence is free.' : `${n} licences are free.`),
  stepLicenceUsed: 'Every licence is in use, so a new portal cannot be provisioned.',
  stepLicenceProvisioned: 'Your portals hold their licences.',
  stepLicenceAction: 'Add a licence',
  stepHub: 'A hub to send to',
  stepHubDone: (names: string) => `Hubs: ${names}.`,
  stepHubTodo: 'No hub yet: create one.',
  stepHubAction: 'Create a hub',
  stepPortal: 'A provisioned portal',
  stepPortalDone: (name: string) => `${name} is provisioned.`,
  stepPortalTodo: 'Provision a portal.',
  stepPortalAction: 'Provision a portal',
  stepBinding: 'The portal bound to a hub',
  stepBindingDone: (hub: string) => `Sends to ${hub}.`,
  stepBindingTodo: 'Not bound yet: pick the hub it sends to.',
  stepBindingAction: 'Bind to a hub',
  stepTracking: 'Tracking on the portal’s pages',
  stepTrackingDone: 'The hub captures the portal’s interactions; the beacon snippet is ready for your site.',
  stepTrackingTodo: 'Bind the portal first.',
  stepTrackingNoTypes: 'The hub captures no interaction type: add them back.',
  stepTrackingAction: 'Get the beacon snippet',
  stepBeacon: 'First beacon seen',
  stepBeaconDone: (at: string) => `Latest interaction received ${at}.`,
  stepBeaconTodo: 'No interaction received yet.',
  stepBeaconAction: 'Check again',
  portalChoice: 'Portal to set up',
  firstBeacon: 'First beacon seen',
  beaconsNone: 'No interaction from this portal has arrived yet.',
  beaconsLast: (at: string, n: number) =>
    `Latest interaction received ${at}; ${n === 1 ? '1 interaction' : `${n} interactions`} in the last 24 hours.`,
  hubOf: 'Sends to',
  bindToHub: 'Bind to a hub',
  openSnippet: 'Show the beacon snippet',
  openQuarantine: 'Open the hub’s quarantine',
  openHubTypes: 'Open the hub’s interaction types',
  updateKey: 'Update the key',
}

/** The guided setup's words, by language. */
export type GuidedWords = typeof en

const fr: GuidedWords = {
  profilesIdMatch: (a, b) => [
    'Un profil est celui d’un contact quand son ',
    a,
    ' est le ',
    b,
    ' que portent les interactions du portail.',
  ],
  pickerNoMatch: 'Aucun résultat. Tapez une partie d’un nom.',
  pickerCount: (n) =>
    n <= 1 ? `${n} résultat : flèches pour choisir` : `${n} résultats : flèches pour choisir`,
  pickerShowAll: 'Afficher les choix',
  pickerAny: 'Tous',
  pickHubPlaceholder: 'Tapez le nom d’un concentrateur',
  pickPortalPlaceholder: 'Tapez le nom d’un portail',
  pickContactPlaceholder: 'Tapez un nom ou une adresse e-mail',
  contactLabel: 'Contact',
  portalOrContact: (kind) => (kind === 'portal' ? 'Portail' : 'Contact'),
  pickFirst: (kind) =>
    `Choisissez un ${kind === 'hub' ? 'concentrateur' : kind === 'portal' ? 'portail' : 'contact'} dans la liste.`,
  hubName: 'Concentrateur',
  sendOnlyKey: 'Clé (envoi seul, créée pour ce portail)',
  rightsSend: 'Envoi',
  snippetTitle: 'Envoyer les balises depuis votre propre site',
  snippetIntro:
    'Les pages de votre portail envoient au concentrateur ce que chaque visiteur connecté lit et recherche. Votre serveur signe pour ce visiteur un jeton de courte durée avec la clé d’envoi seul du portail ; la page envoie avec ce jeton. La clé n’atteint jamais un navigateur, et le jeton ne peut envoyer que des éléments de ce visiteur.',
  snippetServer: '1. Sur votre serveur : signer le jeton du visiteur',
  snippetServerHelp:
    'Node 18 ou plus récent, sans paquet. Gardez la clé dans une variable d’environnement de votre serveur, jamais dans une page.',
  snippetKey: (name) => ['La clé à placer dans ', name],
  snippetPage: '2. Dans votre page : envoyer l’interaction',
  snippetPageHelp:
    'Placez le jeton et le contact du visiteur dans la page, puis appelez casetrailSend avec ce que le visiteur a fait (ici, un article lu).',
  snippetCopy: 'extrait de code',
  checklistTitle: 'Premiers pas',
  checklistIntro:
    'D’un nouveau portail aux premières balises reçues. Chaque étape montre ce qui est fait et ce qu’il reste à faire.',
  checklistAllDone: (portal) => `${portal} est configuré : ses balises arrivent.`,
  checklistShow: 'Afficher les étapes',
  checklistHide: 'Masquer les étapes',
  checklistDone: 'Fait',
  checklistTodo: 'À faire',
  stepLicence: 'Une licence de portail libre',
  stepLicenceDone: (n) => (n <= 1 ? `${n} licence est libre.` : `${n} licences sont libres.`),
  stepLicenceUsed: 'Toutes les licences sont utilisées : un nouveau portail ne peut pas être provisionné.',
  stepLicenceProvisioned: 'Vos portails détiennent leurs licences.',
  stepLicenceAction: 'Ajouter une licence',
  stepHub: 'Un concentrateur destinataire',
  stepHubDone: (names) => `Concentrateurs : ${names}.`,
  stepHubTodo: 'Aucun concentrateur : créez-en un.',
  stepHubAction: 'Créer un concentrateur',
  stepPortal: 'Un portail provisionné',
  stepPortalDone: (name) => `${name} est provisionné.`,
  stepPortalTodo: 'Provisionnez un portail.',
  stepPortalAction: 'Provisionner un portail',
  stepBinding: 'Le portail lié à un concentrateur',
  stepBindingDone: (hub) => `Envoie à ${hub}.`,
  stepBindingTodo: 'Pas encore lié : choisissez le concentrateur destinataire.',
  stepBindingAction: 'Lier à un concentrateur',
  stepTracking: 'Le suivi sur les pages du portail',
  stepTrackingDone:
    'Le concentrateur capture les interactions du portail ; l’extrait de code des balises est prêt pour votre site.',
  stepTrackingTodo: 'Liez d’abord le portail.',
  stepTrackingNoTypes: 'Le concentrateur ne capture aucun type d’interaction : rajoutez-les.',
  stepTrackingAction: 'Obtenir l’extrait de code',
  stepBeacon: 'Première balise reçue',
  stepBeaconDone: (at) => `Dernière interaction reçue le ${at}.`,
  stepBeaconTodo: 'Aucune interaction reçue pour l’instant.',
  stepBeaconAction: 'Vérifier à nouveau',
  portalChoice: 'Portail à configurer',
  firstBeacon: 'Première balise reçue',
  beaconsNone: 'Aucune interaction de ce portail n’est encore arrivée.',
  beaconsLast: (at, n) =>
    `Dernière interaction reçue le ${at} ; ${n <= 1 ? `${n} interaction` : `${n} interactions`} ces dernières 24 heures.`,
  hubOf: 'Envoie à',
  bindToHub: 'Lier à un concentrateur',
  openSnippet: 'Afficher l’extrait de code des balises',
  openQuarantine: 'Ouvrir la quarantaine du concentrateur',
  openHubTypes: 'Ouvrir les types d’interaction du concentrateur',
  updateKey: 'Mettre à jour la clé',
}

const de: GuidedWords = {
  profilesIdMatch: (a, b) => [
    'Ein Profil gehört zu einem Kontakt, wenn sein ',
    a,
    ' die ',
    b,
    ' ist, die die Interaktionen des Portals tragen.',
  ],
  pickerNoMatch: 'Kein Treffer. Geben Sie einen Teil eines Namens ein.',
  pickerCount: (n) =>
    n === 1 ? '1 Treffer: mit den Pfeiltasten wählen' : `${n} Treffer: mit den Pfeiltasten wählen`,
  pickerShowAll: 'Auswahl anzeigen',
  pickerAny: 'Alle',
  pickHubPlaceholder: 'Namen eines Hubs eingeben',
  pickPortalPlaceholder: 'Namen eines Portals eingeben',
  pickContactPlaceholder: 'Namen oder E-Mail-Adresse eingeben',
  contactLabel: 'Kontakt',
  portalOrContact: (kind) => (kind === 'portal' ? 'Portal' : 'Kontakt'),
  pickFirst: (kind) =>
    `Wählen Sie ${kind === 'hub' ? 'einen Hub' : kind === 'portal' ? 'ein Portal' : 'einen Kontakt'} aus der Liste.`,
  hubName: 'Hub',
  sendOnlyKey: 'Schlüssel (nur Senden, für dieses Portal erstellt)',
  rightsSend: 'Senden',
  snippetTitle: 'Beacons von Ihrer eigenen Website senden',
  snippetIntro:
    'Die Seiten Ihres Portals senden dem Hub, was jeder angemeldete Besucher liest und sucht. Ihr Server signiert für diesen Besucher ein kurzlebiges Token mit dem Nur-Senden-Schlüssel des Portals; die Seite sendet damit. Der Schlüssel erreicht nie einen Browser, und das Token kann nur Einträge dieses einen Besuchers senden.',
  snippetServer: '1. Auf Ihrem Server: das Token des Besuchers signieren',
  snippetServerHelp:
    'Node 18 oder neuer, ohne Paket. Bewahren Sie den Schlüssel in einer Umgebungsvariablen Ihres Servers auf, nie in einer Seite.',
  snippetKey: (name) => ['Der Schlüssel für ', name],
  snippetPage: '2. In Ihrer Seite: die Interaktion senden',
  snippetPageHelp:
    'Setzen Sie Token und Kontakt des Besuchers in die Seite und rufen Sie casetrailSend mit dem auf, was der Besucher getan hat (hier: einen Artikel gelesen).',
  snippetCopy: 'Codeausschnitt',
  checklistTitle: 'Erste Schritte',
  checklistIntro:
    'Von einem neuen Portal bis zu den ersten Beacons. Jeder Schritt zeigt, was erledigt ist und was als Nächstes zu tun ist.',
  checklistAllDone: (portal) => `${portal} ist eingerichtet: seine Beacons kommen an.`,
  checklistShow: 'Schritte anzeigen',
  checklistHide: 'Schritte ausblenden',
  checklistDone: 'Erledigt',
  checklistTodo: 'Offen',
  stepLicence: 'Eine freie Portallizenz',
  stepLicenceDone: (n) => (n === 1 ? '1 Lizenz ist frei.' : `${n} Lizenzen sind frei.`),
  stepLicenceUsed: 'Alle Lizenzen sind belegt, daher kann kein neues Portal bereitgestellt werden.',
  stepLicenceProvisioned: 'Ihre Portale halten ihre Lizenzen.',
  stepLicenceAction: 'Lizenz hinzufügen',
  stepHub: 'Ein Hub als Ziel',
  stepHubDone: (names) => `Hubs: ${names}.`,
  stepHubTodo: 'Noch kein Hub: erstellen Sie einen.',
  stepHubAction: 'Hub erstellen',
  stepPortal: 'Ein bereitgestelltes Portal',
  stepPortalDone: (name) => `${name} ist bereitgestellt.`,
  stepPortalTodo: 'Stellen Sie ein Portal bereit.',
  stepPortalAction: 'Portal bereitstellen',
  stepBinding: 'Das Portal an einen Hub gebunden',
  stepBindingDone: (hub) => `Sendet an ${hub}.`,
  stepBindingTodo: 'Noch nicht gebunden: wählen Sie den Hub, an den es sendet.',
  stepBindingAction: 'An einen Hub binden',
  stepTracking: 'Tracking auf den Seiten des Portals',
  stepTrackingDone:
    'Der Hub erfasst die Interaktionen des Portals; der Beacon-Codeausschnitt ist bereit für Ihre Website.',
  stepTrackingTodo: 'Binden Sie zuerst das Portal.',
  stepTrackingNoTypes: 'Der Hub erfasst keinen Interaktionstyp: fügen Sie sie wieder hinzu.',
  stepTrackingAction: 'Beacon-Codeausschnitt holen',
  stepBeacon: 'Erster Beacon empfangen',
  stepBeaconDone: (at) => `Letzte Interaktion empfangen am ${at}.`,
  stepBeaconTodo: 'Noch keine Interaktion empfangen.',
  stepBeaconAction: 'Erneut prüfen',
  portalChoice: 'Einzurichtendes Portal',
  firstBeacon: 'Erster Beacon empfangen',
  beaconsNone: 'Von diesem Portal ist noch keine Interaktion angekommen.',
  beaconsLast: (at, n) =>
    `Letzte Interaktion empfangen am ${at}; ${n === 1 ? '1 Interaktion' : `${n} Interaktionen`} in den letzten 24 Stunden.`,
  hubOf: 'Sendet an',
  bindToHub: 'An einen Hub binden',
  openSnippet: 'Beacon-Codeausschnitt anzeigen',
  openQuarantine: 'Quarantäne des Hubs öffnen',
  openHubTypes: 'Interaktionstypen des Hubs öffnen',
  updateKey: 'Schlüssel aktualisieren',
}

const WORDS = { en, fr, de } as const

/** The guided setup's words in the console's current language. */
export const useGuidedWords = (): GuidedWords => WORDS[useLang()]
