/**
 * The portal checker's words in French, keyed by the English text or template the
 * API gives (`issue`, `mitigation`, a category, an action's label, a run's note, and
 * the templates of `sentences`): gettext's way, the source text is the key (see
 * core/checker/check-text.ts). test/checker-words.test.ts fails on a check whose words
 * are missing here; a missing one shows in English.
 */
export const checkerWordsFr: Readonly<Record<string, string>> = {
  Startup: 'Démarrage',
  Configuration: 'Paramétrage',
  Performance: 'Performances',
  Provisioning: 'Provisionnement',
  Ingestion: 'Réception',
  'Domain and certificate': 'Domaine et certificat',
  Translations: 'Traductions',
  'If portal is turned off or IP address filtering is enabled, certain diagnostic checks will not be run on your portal.':
    'Si le portail est désactivé ou si le filtrage des adresses IP est activé, certains contrôles de diagnostic ne seront pas exécutés sur votre portail.',
  'Portal is turned off': 'Le portail est désactivé',
  'IP address filtering is enabled': 'Le filtrage des adresses IP est activé',
  'timed out': 'délai dépassé',
  'could not run: {0}': 'exécution impossible\u202f: {0}',
  'The website record is missing, or the portal address is not bound to this portal':
    'L’enregistrement du site web manque, ou l’adresse du portail n’est pas liée à ce portail',
  'Restore the website record from Portal Base (PUT /v1/admin/portals/{portalId}/site/records/website/website), and make sure no other portal holds this subdomain.':
    'Restaurez l’enregistrement du site web depuis Portal Base (PUT /v1/admin/portals/{portalId}/site/records/website/website), et vérifiez qu’aucun autre portail n’utilise ce sous-domaine.',
  'Restore the website record and bind the portal address':
    'Restaurer l’enregistrement du site web et lier l’adresse du portail',
  'website "{0}" answers at {1}': 'le site web «\u202f{0}\u202f» répond à {1}',
  'The instance the portal is linked to cannot be reached': 'L’instance liée au portail est injoignable',
  'The portal reads its contacts and languages from its instance. Restore the instance, or provision the portal again on an instance that exists.':
    'Le portail lit ses contacts et ses langues dans son instance. Restaurez l’instance, ou provisionnez à nouveau le portail sur une instance existante.',
  'instance {0} does not exist any more': 'l’instance {0} n’existe plus',
  "instance {0} no longer has the portal's language {1} installed":
    'la langue {1} du portail n’est plus installée dans l’instance {0}',
  'Install {0} on instance {1} again (PATCH /v1/admin/instances/{2}).':
    'Installez de nouveau {0} dans l’instance {1} (PATCH /v1/admin/instances/{2}).',
  'instance {0} ({1}) is there': 'l’instance {0} ({1}) est présente',
  'Administration mode is on: visitors see a maintenance page':
    'Le mode administration est activé\u202f: les visiteurs voient une page de maintenance',
  'Set the site setting AdministrationMode/Enabled to false when maintenance is over.':
    'Mettez le paramètre de site AdministrationMode/Enabled à false quand la maintenance est terminée.',
  'Turn administration mode off': 'Désactiver le mode administration',
  'administration mode is off': 'le mode administration est désactivé',
  '{0} is "{1}": every page answers 503 "Down for maintenance"':
    '{0} vaut «\u202f{1}\u202f»\u202f: chaque page répond 503 «\u202fDown for maintenance\u202f»',
  'The site does not answer its home page': 'Le site ne répond pas sur sa page d’accueil',
  'Open the portal address in a browser. "Getting set up" means provisioning has not finished (see the Provisioning checks); "Down for maintenance" means administration mode is on.':
    'Ouvrez l’adresse du portail dans un navigateur. «\u202fGetting set up\u202f» signifie que le provisionnement n’est pas terminé (voir les contrôles de provisionnement)\u202f; «\u202fDown for maintenance\u202f» signifie que le mode administration est activé.',
  'GET {0}/ answered 200 in {1} ms': 'GET {0}/ a répondu 200 en {1} ms',
  'GET {0}/ answered {1} ({2} page)': 'GET {0}/ a répondu {1} (page {2})',
  'GET {0}/ answered {1}': 'GET {0}/ a répondu {1}',
  'Web pages use a page template that is missing': 'Des pages web utilisent un modèle de page manquant',
  "Set each listed page's templateId to an existing page template, or restore the template (GET /v1/admin/portals/{portalId}/site/records?kind=page_template lists them).":
    'Donnez à chaque page listée un templateId de modèle de page existant, ou restaurez le modèle (GET /v1/admin/portals/{portalId}/site/records?kind=page_template les liste).',
  'Repair broken page template links': 'Réparer les liens de modèles de page cassés',
  'all {0} web pages have their template': 'les {0} pages web ont toutes leur modèle',
  'page {0} names parent {1}, which does not exist': 'la page {0} a pour parente {1}, qui n’existe pas',
  'page {0} sits under {1}, which is {2}': 'la page {0} est sous {1}, dont l’état est {2}',
  'page {0} names template {1}, which does not exist': 'la page {0} utilise le modèle {1}, qui n’existe pas',
  '{0} is Install Failed ({1}: {2})': '{0} est à l’état Install Failed ({1}\u202f: {2})',
  '{0} is Install Failed': '{0} est à l’état Install Failed',
  '{0} needs {1}, not installed': '{0} a besoin de {1}, non installé',
  '{0} needs the {1} solution on the instance': '{0} a besoin de la solution {1} dans l’instance',
  'the site has no web file {0}': 'le site n’a pas de fichier web {0}',
  '{0} is {1}': '{0} est à l’état {1}',
  '{0} is empty': '{0} est vide',
  '{0} is "{1}"': '{0} vaut «\u202f{1}\u202f»',
  '{0} has MIME type {1}': '{0} a le type MIME {1}',
  'GET {0} answered {1}': 'GET {0} a répondu {1}',
  'GET {0} is served as {1}': 'GET {0} est servi en {1}',
  'GET {0} is served as (no type)': 'GET {0} est servi sans type',
  'GET {0} is empty': 'GET {0} est vide',
  'the site has no website record': 'le site n’a pas d’enregistrement de site web',
  'no portal is bound to the address {0}': 'aucun portail n’est lié à l’adresse {0}',
  'the address {0} is bound to another portal ({1})': 'l’adresse {0} est liée à un autre portail ({1})',
  // What an action reports after it ran.
  'administration mode was already off': 'le mode administration était déjà désactivé',
  'attempt {0} {1}': 'tentative {0}\u202f: {1}',
  'bound {0} to the portal': '{0} est lié au portail',
  'every activated language already has its translations': 'chaque langue activée a déjà ses traductions',
  'every package is installed': 'tous les packages sont installés',
  'every page already has a published parent': 'chaque page a déjà une page parente publiée',
  'every page already has its template': 'chaque page a déjà son modèle',
  'hub {0} has no key named {1} any more': 'le hub {0} n’a plus de clé nommée {1}',
  'installed the metadata translations for {0}': 'traductions des métadonnées installées pour {0}',
  'key {0} already validates': 'la clé {0} est déjà valide',
  'left {0} alone: portal {1} holds it': '{0} laissé tel quel\u202f: le portail {1} l’utilise',
  'login tracking was already off': 'le suivi des connexions était déjà désactivé',
  'moved {0} under {1}': '{0} déplacé sous {1}',
  'no package of this portal installs a {0} marker': 'aucun package de ce portail n’installe de marqueur {0}',
  'no package of this portal installs {0}': 'aucun package de ce portail n’installe {0}',
  'nothing to fix': 'rien à corriger',
  'output caching was already on': 'la mise en cache de sortie était déjà activée',
  'page {0} is already published': 'la page {0} est déjà publiée',
  'provisioning is {0}; nothing to restart': 'le provisionnement est à l’état {0}\u202f; rien à relancer',
  'published page {0}': 'page {0} publiée',
  're-parented {0}': 'nouvelle page parente pour {0}',
  'repaired {0}': 'réparé\u202f: {0}',
  'restored the website record': 'enregistrement du site web restauré',
  'restored {0}': 'restauré\u202f: {0}',
  'the hub captures every interaction type': 'le hub capture tous les types d’interaction',
  'the portal sends to no hub': 'le portail n’envoie à aucun hub',
  'the portal sends to no hub; configure one first':
    'le portail n’envoie à aucun hub\u202f; configurez-en un d’abord',
  'the portal signs with the current primary key of {0}':
    'le portail signe avec la clé primaire actuelle de {0}',
  'the {0} marker points at no page; restore it instead':
    'le marqueur {0} ne pointe vers aucune page\u202f; restaurez-le plutôt',
  'tracking was already off': 'le suivi était déjà désactivé',
  'turned off {0}': 'désactivé\u202f: {0}',
  'turned on {0}': 'activé\u202f: {0}',
  '{0} (restored template {1})': '{0} (modèle {1} restauré)',
  '{0} -> {1}': '{0} -> {1}',
  '{0} already points at {1}': '{0} pointe déjà vers {1}',
  '{0} is already published as text/css': '{0} est déjà publié en text/css',
  '{0} is published as text/css with {1} characters': '{0} est publié en text/css avec {1} caractères',
  'Web pages sit under a missing or unpublished parent page':
    'Des pages web sont sous une page parente manquante ou non publiée',
  'Publish the parent page, or move the listed pages under a published page (their parentPageId): a page under a missing parent has no address.':
    'Publiez la page parente, ou déplacez les pages listées sous une page publiée (leur parentPageId)\u202f: une page sous un parent manquant n’a pas d’adresse.',
  'Move the pages under the home page': 'Déplacer les pages sous la page d’accueil',
  'every page sits under an existing, published parent':
    'chaque page est sous une page parente existante et publiée',
  'The web page tree has a cycle': 'L’arborescence des pages web contient un cycle',
  'Change the parentPageId of one page in each cycle so that its chain of parents ends at the home page.':
    'Changez le parentPageId d’une page de chaque cycle pour que sa chaîne de parents aboutisse à la page d’accueil.',
  'Break the cycles at the home page': 'Rompre les cycles à la page d’accueil',
  'the page tree has no cycle': 'l’arborescence des pages n’a pas de cycle',
  'The theme CSS web file is inactive, empty, or served with the wrong MIME type':
    'Le fichier web CSS du thème est inactif, vide ou servi avec un mauvais type MIME',
  'Publish the web file theme-css with contentType text/css and its stylesheet as content (PUT /v1/admin/portals/{portalId}/site/records/web_file/theme-css).':
    'Publiez le fichier web theme-css avec le contentType text/css et sa feuille de style comme contenu (PUT /v1/admin/portals/{portalId}/site/records/web_file/theme-css).',
  'Re-enable the CSS web file': 'Réactiver le fichier web CSS',
  'GET {0} answered 200 text/css, {1} characters': 'GET {0} a répondu 200 text/css, {1} caractères',
  'Header and footer output caching is turned off':
    'La mise en cache de l’en-tête et du pied de page est désactivée',
  'Set the site settings Header/OutputCache/Enabled and Footer/OutputCache/Enabled to true: every page otherwise builds its navigation and footer again.':
    'Mettez les paramètres de site Header/OutputCache/Enabled et Footer/OutputCache/Enabled à true\u202f: sinon, chaque page reconstruit sa navigation et son pied de page.',
  'Turn header and footer output caching on': 'Activer la mise en cache de l’en-tête et du pied de page',
  'header and footer output caching is on': 'la mise en cache de l’en-tête et du pied de page est activée',
  'The site has more than 500 web files': 'Le site a plus de 500 fichiers web',
  'Delete the web files the site no longer uses (DELETE /v1/admin/portals/{portalId}/site/records/web_file/{id}) until at most 500 remain; every page loads the list.':
    'Supprimez les fichiers web que le site n’utilise plus (DELETE /v1/admin/portals/{portalId}/site/records/web_file/{id}) jusqu’à en garder 500 au plus\u202f; chaque page charge la liste.',
  '{0} web files': '{0} fichiers web',
  '{0} web files, {1} over {2}': '{0} fichiers web, {1} de plus que {2}',
  'Login tracking is turned on': 'Le suivi des connexions est activé',
  'Set the site setting Authentication/LoginTrackingEnabled to false: it writes to the store on every sign-in.':
    'Mettez le paramètre de site Authentication/LoginTrackingEnabled à false\u202f: il écrit dans le stockage à chaque connexion.',
  'Turn login tracking off': 'Désactiver le suivi des connexions',
  'login tracking is off': 'le suivi des connexions est désactivé',
  '{0} is true': '{0} vaut true',
  'Page or file tracking is turned on': 'Le suivi des pages ou des fichiers est activé',
  "Set the site settings WebPage/TrackingEnabled and WebFile/TrackingEnabled to false: they write to the store on every view. The hub's interactions already record what visitors read.":
    'Mettez les paramètres de site WebPage/TrackingEnabled et WebFile/TrackingEnabled à false\u202f: ils écrivent dans le stockage à chaque affichage. Les interactions du concentrateur enregistrent déjà ce que lisent les visiteurs.',
  'Turn page and file tracking off': 'Désactiver le suivi des pages et des fichiers',
  'page and file tracking are off': 'le suivi des pages et des fichiers est désactivé',
  '{0} on': '{0} activé',
  'The home page is slow': 'La page d’accueil est lente',
  "Turn header and footer output caching on, unpublish content the home page does not need, and look at the store's load (GET /metrics).":
    'Activez la mise en cache de l’en-tête et du pied de page, dépubliez le contenu dont la page d’accueil n’a pas besoin, et regardez la charge du stockage (GET /metrics).',
  '{0} took {1} ms (budget {2} ms)': '{0} a pris {1} ms (budget {2} ms)',
  '{0} took {1} ms, over the {2} ms budget': '{0} a pris {1} ms, au-delà du budget de {2} ms',
  'the home page answered {0}': 'la page d’accueil a répondu {0}',
  'Provisioning the portal failed': 'Le provisionnement du portail a échoué',
  'Fix what the failed step says, then Restart Provisioning (POST /v1/admin/portals/{portalId}/provisioning/restart), or Change Values and Restart Provisioning.':
    'Corrigez ce que signale l’étape en échec, puis Redémarrer le provisionnement (POST /v1/admin/portals/{portalId}/provisioning/restart), ou Modifier les valeurs et redémarrer le provisionnement.',
  'Restart provisioning': 'Redémarrer le provisionnement',
  'provisioned at {0}': 'provisionné le {0}',
  'provisioning is still running (attempt {0})': 'le provisionnement est toujours en cours (tentative {0})',
  'provisioning failed': 'le provisionnement a échoué',
  'A package is in the Install Failed state': 'Un module est à l’état Échec de l’installation',
  'Retry each Install Failed package from the solution page (POST /v1/admin/portals/{portalId}/packages/{packageId}/retry), prerequisites first.':
    'Relancez chaque module en échec d’installation depuis la page de la solution (POST /v1/admin/portals/{portalId}/packages/{packageId}/retry), les prérequis d’abord.',
  'Retry the packages that are not installed, in prerequisite order':
    'Relancer les modules non installés, dans l’ordre des prérequis',
  'no package is Install Failed': 'aucun module n’est en échec d’installation',
  'A package is missing a prerequisite': 'Il manque un prérequis à un module',
  'Install the missing prerequisite packages first (retry them in order), and install any missing solution on the instance.':
    'Installez d’abord les modules prérequis manquants (relancez-les dans l’ordre), et installez toute solution manquante dans l’instance.',
  'every prerequisite is installed': 'tous les prérequis sont installés',
  'The portal sends its interactions to no hub': 'Le portail n’envoie ses interactions à aucun concentrateur',
  'Configure the hub the portal sends to, with a key that holds the send right (PUT /v1/admin/portals/{portalId}/hub-binding).':
    'Configurez le concentrateur auquel le portail envoie, avec une clé qui a le droit Envoyer (PUT /v1/admin/portals/{portalId}/hub-binding).',
  "no hub is bound: visitors' pages send no beacons and case forms show no journey":
    'aucun concentrateur n’est lié\u202f: les pages des visiteurs n’envoient aucune balise et les formulaires d’incident ne montrent aucun parcours',
  'hub {0} was asked for at provisioning but is not bound yet':
    'le concentrateur {0} a été demandé au provisionnement mais n’est pas encore lié',
  'the bound hub {0} does not exist any more': 'le concentrateur lié {0} n’existe plus',
  'sends to hub {0} ({1}) with key {2}': 'envoie au concentrateur {0} ({1}) avec la clé {2}',
  'The hub key the portal uses no longer validates': 'La clé de concentrateur du portail n’est plus valide',
  'Give the portal the hub key\'s current primary or secondary key (PATCH /v1/admin/portals/{portalId}/hub-binding with { "key": … }).':
    'Donnez au portail la clé primaire ou secondaire actuelle de la clé du concentrateur (PATCH /v1/admin/portals/{portalId}/hub-binding avec { "key": … }).',
  "Re-bind the hub's current key": 'Relier la clé actuelle du concentrateur',
  'no hub is bound to the portal': 'aucun concentrateur n’est lié au portail',
  'key {0} validates against hub {1}': 'la clé {0} est valide pour le concentrateur {1}',
  '{0}: {1}': '{0}\u202f: {1}',
  "The hub's interaction types were deleted": 'Les types d’interaction du concentrateur ont été supprimés',
  "Add the interaction types back to the hub's catalogue (PUT /v1/admin/hubs/{hubId}/interaction-types/{type}); beacons of a type the hub does not capture are refused.":
    'Rajoutez les types d’interaction au catalogue du concentrateur (PUT /v1/admin/hubs/{hubId}/interaction-types/{type})\u202f; les balises d’un type que le concentrateur ne capture pas sont refusées.',
  'Restore the deleted interaction types': 'Restaurer les types d’interaction supprimés',
  'the hub captures all four interaction types': 'le concentrateur capture les quatre types d’interaction',
  'hub {0} captures no interaction type: every beacon is refused (type_not_captured)':
    'le concentrateur {0} ne capture aucun type d’interaction\u202f: chaque balise est refusée (type_not_captured)',
  'hub {0} no longer captures {1}': 'le concentrateur {0} ne capture plus {1}',
  "Too many of the portal's interactions were rejected in the last 24 hours":
    'Trop d’interactions du portail ont été rejetées ces dernières 24 heures',
  'Read the rejected items (GET /v1/admin/hubs/{hubId}/quarantine) and fix what the portal sends; the top codes say what is wrong.':
    'Lisez les éléments rejetés (GET /v1/admin/hubs/{hubId}/quarantine) et corrigez ce que le portail envoie\u202f; les codes les plus fréquents disent ce qui ne va pas.',
  'no interaction arrived in the last 24 hours': 'aucune interaction n’est arrivée ces dernières 24 heures',
  '{0} of {1} items rejected ({2})': '{0} éléments rejetés sur {1} ({2})',
  '{0} of {1} items rejected ({2}); top codes: {3}':
    '{0} éléments rejetés sur {1} ({2})\u202f; codes les plus fréquents\u202f: {3}',
  '{0} of {1} items rejected ({2}); threshold {3}': '{0} éléments rejetés sur {1} ({2})\u202f; seuil {3}',
  '{0} of {1} items rejected ({2}); top codes: {3}; threshold {4}':
    '{0} éléments rejetés sur {1} ({2})\u202f; codes les plus fréquents\u202f: {3}\u202f; seuil {4}',
  'No interaction was received in the last 24 hours while the site is up':
    'Aucune interaction reçue ces dernières 24 heures alors que le site fonctionne',
  "Sign in on the portal and read an article: its page should send a beacon. If none arrives, check the hub binding and the hub's interaction types (the other Ingestion checks).":
    'Connectez-vous au portail et lisez un article\u202f: sa page doit envoyer une balise. Si rien n’arrive, vérifiez la liaison au concentrateur et ses types d’interaction (les autres contrôles de réception).',
  'the site is not up (GET / answered {0})': 'le site ne fonctionne pas (GET / a répondu {0})',
  'administration mode is on, so visitors send no interactions; none was ever received':
    'le mode administration est activé, les visiteurs n’envoient donc aucune interaction\u202f; aucune n’a jamais été reçue',
  'administration mode is on, so visitors send no interactions; the latest arrived {0}':
    'le mode administration est activé, les visiteurs n’envoient donc aucune interaction\u202f; la dernière est arrivée le {0}',
  'latest interaction received {0}': 'dernière interaction reçue le {0}',
  'the site is up but no interaction from it was ever received':
    'le site fonctionne mais aucune interaction n’en a jamais été reçue',
  'the site is up but the latest interaction arrived {0}':
    'le site fonctionne mais la dernière interaction est arrivée le {0}',
  'The store refused rows the hub accepted (quarantined poison rows)':
    'Le stockage a refusé des lignes acceptées par le concentrateur (lignes mises en quarantaine)',
  'Read the quarantined rows (GET /v1/admin/hubs/{hubId}/quarantine): the store code says which value ClickHouse could not take. The rest of each batch was stored.':
    'Lisez les lignes en quarantaine (GET /v1/admin/hubs/{hubId}/quarantine)\u202f: le code du stockage dit quelle valeur ClickHouse n’a pas pu prendre. Le reste de chaque lot a été stocké.',
  'the store took every accepted row': 'le stockage a pris toutes les lignes acceptées',
  '1 row set aside in 24 hours: {0}': '1 ligne mise de côté en 24 heures\u202f: {0}',
  '{0} rows set aside in 24 hours: {1}': '{0} lignes mises de côté en 24 heures\u202f: {1}',
  'The custom domain name no longer points at the portal (CNAME)':
    'Le nom de domaine personnalisé ne pointe plus vers le portail (CNAME)',
  "Please add a CNAME record to this domain name. At your DNS provider, make the host name a CNAME to the portal's host. If you have just added a CNAME with your domain provider, it will take some time to propagate to all DNS servers. Retry after some time passes.":
    'Ajoutez un enregistrement CNAME à ce nom de domaine. Chez votre fournisseur DNS, faites du nom d’hôte un CNAME vers l’hôte du portail. Si vous venez d’ajouter un CNAME chez votre fournisseur de domaine, il lui faudra un peu de temps pour se propager à tous les serveurs DNS. Réessayez un peu plus tard.',
  'the portal has no custom domain name': 'le portail n’a pas de nom de domaine personnalisé',
  '{0} is a CNAME to {1}': '{0} est un CNAME vers {1}',
  'the DNS servers did not answer for {0} ({1}); the CNAME could not be read':
    'les serveurs DNS n’ont pas répondu pour {0} ({1})\u202f; le CNAME n’a pas pu être lu',
  '{0} has no CNAME record (the name does not exist in DNS); it must point to {1}':
    '{0} n’a pas d’enregistrement CNAME (le nom n’existe pas dans le DNS)\u202f; il doit pointer vers {1}',
  '{0} has no CNAME record; it must point to {1}':
    '{0} n’a pas d’enregistrement CNAME\u202f; il doit pointer vers {1}',
  '{0} is a CNAME to {1}, not to {2}': '{0} est un CNAME vers {1}, pas vers {2}',
  'The custom domain certificate has expired or expires within 30 days':
    'Le certificat du domaine personnalisé a expiré ou expire dans les 30 jours',
  'Upload a renewed certificate for the host name (POST /v1/admin/portals/{portalId}/custom-domain/certificates), remove the binding, and bind the host name again with the new certificate.':
    'Chargez un certificat renouvelé pour le nom d’hôte (POST /v1/admin/portals/{portalId}/custom-domain/certificates), supprimez la liaison, et liez à nouveau le nom d’hôte avec le nouveau certificat.',
  'the certificate {0} is valid only from {1}': 'le certificat {0} n’est valide qu’à partir du {1}',
  'the certificate {0} for {1} expired on {2}': 'le certificat {0} pour {1} a expiré le {2}',
  'the certificate {0} for {1} expires on {2}, in {3} days':
    'le certificat {0} pour {1} expire le {2}, dans {3} jours',
  'the certificate expires on {0}, in {1} days': 'le certificat expire le {0}, dans {1} jours',
  'The custom domain certificate does not cover the host name':
    'Le certificat du domaine personnalisé ne couvre pas le nom d’hôte',
  'Upload a certificate whose subjectAltName names the host name (or a wildcard one label above it), remove the binding, and bind again with it.':
    'Chargez un certificat dont le subjectAltName nomme le nom d’hôte (ou un joker un niveau au-dessus), supprimez la liaison, et liez à nouveau avec ce certificat.',
  'the certificate covers {0} ({1})': 'le certificat couvre {0} ({1})',
  'Activated languages have no metadata translations installed':
    'Des langues activées n’ont pas de traductions de métadonnées installées',
  'Get the latest metadata translations: POST /v1/admin/portals/{portalId}/translations/update with {"confirm": true} installs the labels of every activated language in the installed package versions.':
    'Obtenez les dernières traductions de métadonnées\u202f: POST /v1/admin/portals/{portalId}/translations/update avec {"confirm": true} installe les libellés de chaque langue activée dans les versions de modules installées.',
  'Install the missing metadata translations': 'Installer les traductions de métadonnées manquantes',
  'the activated languages ({0}) have their translations': 'les langues activées ({0}) ont leurs traductions',
  'the activated languages ({0}) have their translations; no translations ship for {1}':
    'les langues activées ({0}) ont leurs traductions\u202f; aucune traduction n’est livrée pour {1}',
  'activated without metadata translations: {0}': 'activées sans traductions de métadonnées\u202f: {0}',
  'activated without metadata translations: {0}; no translations ship for {1}':
    'activées sans traductions de métadonnées\u202f: {0}\u202f; aucune traduction n’est livrée pour {1}',
  'the site has no {0} site marker': 'le site n’a pas de repère de site {0}',
  'the {0} site marker points at page {1}, which does not exist':
    'le repère de site {0} pointe vers la page {1}, qui n’existe pas',
  'the {0} site marker points at page {1} ("{2}"), which is {3}':
    'le repère de site {0} pointe vers la page {1} («\u202f{2}\u202f»), qui est à l’état {3}',
  '{0} points at the published page {1}': '{0} pointe vers la page publiée {1}',
  'The Home site marker is missing, points at no page, or at an unpublished page':
    'Le repère de site Home manque, ne pointe vers aucune page, ou vers une page non publiée',
  'Point the Home site marker at a published page (PUT /v1/admin/portals/{portalId}/site/records/site_marker/home), or publish the page it names.':
    'Faites pointer le repère de site Home vers une page publiée (PUT /v1/admin/portals/{portalId}/site/records/site_marker/home), ou publiez la page qu’il nomme.',
  'Restore the Home site marker to its default page': 'Rétablir la page par défaut du repère de site Home',
  'Publish the page the Home site marker points at':
    'Publier la page vers laquelle pointe le repère de site Home',
  'The Profile site marker is missing, points at no page, or at an unpublished page':
    'Le repère de site Profile manque, ne pointe vers aucune page, ou vers une page non publiée',
  'Point the Profile site marker at a published page (PUT /v1/admin/portals/{portalId}/site/records/site_marker/profile), or publish the page it names.':
    'Faites pointer le repère de site Profile vers une page publiée (PUT /v1/admin/portals/{portalId}/site/records/site_marker/profile), ou publiez la page qu’il nomme.',
  'Restore the Profile site marker to its default page':
    'Rétablir la page par défaut du repère de site Profile',
  'Publish the page the Profile site marker points at':
    'Publier la page vers laquelle pointe le repère de site Profile',
  'The Page Not Found site marker is missing, points at no page, or at an unpublished page':
    'Le repère de site Page Not Found manque, ne pointe vers aucune page, ou vers une page non publiée',
  'Point the Page Not Found site marker at a published page (PUT /v1/admin/portals/{portalId}/site/records/site_marker/page-not-found), or publish the page it names.':
    'Faites pointer le repère de site Page Not Found vers une page publiée (PUT /v1/admin/portals/{portalId}/site/records/site_marker/page-not-found), ou publiez la page qu’il nomme.',
  'Restore the Page Not Found site marker to its default page':
    'Rétablir la page par défaut du repère de site Page Not Found',
  'Publish the page the Page Not Found site marker points at':
    'Publier la page vers laquelle pointe le repère de site Page Not Found',
  'The Access Denied site marker is missing, points at no page, or at an unpublished page':
    'Le repère de site Access Denied manque, ne pointe vers aucune page, ou vers une page non publiée',
  'Point the Access Denied site marker at a published page (PUT /v1/admin/portals/{portalId}/site/records/site_marker/access-denied), or publish the page it names.':
    'Faites pointer le repère de site Access Denied vers une page publiée (PUT /v1/admin/portals/{portalId}/site/records/site_marker/access-denied), ou publiez la page qu’il nomme.',
  'Restore the Access Denied site marker to its default page':
    'Rétablir la page par défaut du repère de site Access Denied',
  'Publish the page the Access Denied site marker points at':
    'Publier la page vers laquelle pointe le repère de site Access Denied',
  'The Search site marker is missing, points at no page, or at an unpublished page':
    'Le repère de site Search manque, ne pointe vers aucune page, ou vers une page non publiée',
  'Point the Search site marker at a published page (PUT /v1/admin/portals/{portalId}/site/records/site_marker/search), or publish the page it names.':
    'Faites pointer le repère de site Search vers une page publiée (PUT /v1/admin/portals/{portalId}/site/records/site_marker/search), ou publiez la page qu’il nomme.',
  'Restore the Search site marker to its default page':
    'Rétablir la page par défaut du repère de site Search',
  'Publish the page the Search site marker points at':
    'Publier la page vers laquelle pointe le repère de site Search',
}
