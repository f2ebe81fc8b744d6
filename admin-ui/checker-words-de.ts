/**
 * The portal checker's words in German, keyed by the English text or template the
 * API gives (`issue`, `mitigation`, a category, an action's label, a run's note, and
 * the templates of `sentences`): gettext's way, the source text is the key (see
 * core/checker/check-text.ts). test/checker-words.test.ts fails on a check whose words
 * are missing here; a missing one shows in English.
 */
export const checkerWordsDe: Readonly<Record<string, string>> = {
  Startup: 'Start',
  Configuration: 'Konfiguration',
  Performance: 'Leistung',
  Provisioning: 'Bereitstellung',
  Ingestion: 'Empfang',
  'Domain and certificate': 'Domäne und Zertifikat',
  Translations: 'Übersetzungen',
  'If portal is turned off or IP address filtering is enabled, certain diagnostic checks will not be run on your portal.':
    'Wenn das Portal deaktiviert oder die IP-Adressfilterung aktiviert ist, werden bestimmte Diagnoseprüfungen für Ihr Portal nicht ausgeführt.',
  'Portal is turned off': 'Das Portal ist deaktiviert',
  'IP address filtering is enabled': 'Die IP-Adressfilterung ist aktiviert',
  'timed out': 'Zeitlimit überschritten',
  'could not run: {0}': 'konnte nicht ausgeführt werden: {0}',
  'The website record is missing, or the portal address is not bound to this portal':
    'Der Website-Datensatz fehlt, oder die Portaladresse ist nicht an dieses Portal gebunden',
  'Restore the website record from Portal Base (PUT /v1/admin/portals/{portalId}/site/records/website/website), and make sure no other portal holds this subdomain.':
    'Stellen Sie den Website-Datensatz aus Portal Base wieder her (PUT /v1/admin/portals/{portalId}/site/records/website/website) und stellen Sie sicher, dass kein anderes Portal diese Subdomäne belegt.',
  'Restore the website record and bind the portal address':
    'Website-Datensatz wiederherstellen und Portaladresse binden',
  'website "{0}" answers at {1}': 'die Website „{0}“ antwortet unter {1}',
  'The instance the portal is linked to cannot be reached':
    'Die mit dem Portal verknüpfte Instanz ist nicht erreichbar',
  'The portal reads its contacts and languages from its instance. Restore the instance, or provision the portal again on an instance that exists.':
    'Das Portal liest seine Kontakte und Sprachen aus seiner Instanz. Stellen Sie die Instanz wieder her oder stellen Sie das Portal auf einer vorhandenen Instanz neu bereit.',
  'instance {0} does not exist any more': 'die Instanz {0} existiert nicht mehr',
  "instance {0} no longer has the portal's language {1} installed":
    'in der Instanz {0} ist die Portalsprache {1} nicht mehr installiert',
  'Install {0} on instance {1} again (PATCH /v1/admin/instances/{2}).':
    'Installieren Sie {0} erneut in der Instanz {1} (PATCH /v1/admin/instances/{2}).',
  'instance {0} ({1}) is there': 'die Instanz {0} ({1}) ist vorhanden',
  'Administration mode is on: visitors see a maintenance page':
    'Der Verwaltungsmodus ist aktiv: Besucher sehen eine Wartungsseite',
  'Set the site setting AdministrationMode/Enabled to false when maintenance is over.':
    'Setzen Sie die Website-Einstellung AdministrationMode/Enabled auf false, wenn die Wartung beendet ist.',
  'Turn administration mode off': 'Verwaltungsmodus ausschalten',
  'administration mode is off': 'der Verwaltungsmodus ist aus',
  '{0} is "{1}": every page answers 503 "Down for maintenance"':
    '{0} ist „{1}“: jede Seite antwortet 503 „Down for maintenance“',
  'The site does not answer its home page': 'Die Website beantwortet ihre Startseite nicht',
  'Open the portal address in a browser. "Getting set up" means provisioning has not finished (see the Provisioning checks); "Down for maintenance" means administration mode is on.':
    'Öffnen Sie die Portaladresse in einem Browser. „Getting set up“ bedeutet, dass die Bereitstellung nicht abgeschlossen ist (siehe die Bereitstellungsprüfungen); „Down for maintenance“ bedeutet, dass der Verwaltungsmodus aktiv ist.',
  'GET {0}/ answered 200 in {1} ms': 'GET {0}/ antwortete 200 in {1} ms',
  'GET {0}/ answered {1} ({2} page)': 'GET {0}/ antwortete {1} (Seite {2})',
  'GET {0}/ answered {1}': 'GET {0}/ antwortete {1}',
  'Web pages use a page template that is missing': 'Webseiten verwenden eine fehlende Seitenvorlage',
  "Set each listed page's templateId to an existing page template, or restore the template (GET /v1/admin/portals/{portalId}/site/records?kind=page_template lists them).":
    'Setzen Sie die templateId jeder aufgeführten Seite auf eine vorhandene Seitenvorlage oder stellen Sie die Vorlage wieder her (GET /v1/admin/portals/{portalId}/site/records?kind=page_template listet sie auf).',
  'Repair broken page template links': 'Defekte Verweise auf Seitenvorlagen reparieren',
  'all {0} web pages have their template': 'alle {0} Webseiten haben ihre Vorlage',
  'page {0} names parent {1}, which does not exist':
    'Seite {0} nennt die übergeordnete Seite {1}, die es nicht gibt',
  'page {0} sits under {1}, which is {2}': 'Seite {0} liegt unter {1}, deren Status {2} ist',
  'page {0} names template {1}, which does not exist': 'Seite {0} nennt die Vorlage {1}, die es nicht gibt',
  '{0} is Install Failed ({1}: {2})': '{0} hat den Status Install Failed ({1}: {2})',
  '{0} is Install Failed': '{0} hat den Status Install Failed',
  '{0} needs {1}, not installed': '{0} benötigt {1}, nicht installiert',
  '{0} needs the {1} solution on the instance': '{0} benötigt die Lösung {1} in der Instanz',
  'the site has no web file {0}': 'die Website hat keine Webdatei {0}',
  '{0} is {1}': '{0} hat den Status {1}',
  '{0} is empty': '{0} ist leer',
  '{0} is "{1}"': '{0} ist „{1}“',
  '{0} has MIME type {1}': '{0} hat den MIME-Typ {1}',
  'GET {0} answered {1}': 'GET {0} antwortete {1}',
  'GET {0} is served as {1}': 'GET {0} wird als {1} ausgeliefert',
  'GET {0} is served as (no type)': 'GET {0} wird ohne Typ ausgeliefert',
  'GET {0} is empty': 'GET {0} ist leer',
  'the site has no website record': 'die Website hat keinen Website-Datensatz',
  'no portal is bound to the address {0}': 'kein Portal ist an die Adresse {0} gebunden',
  'the address {0} is bound to another portal ({1})':
    'die Adresse {0} ist an ein anderes Portal gebunden ({1})',
  // What an action reports after it ran.
  'administration mode was already off': 'der Verwaltungsmodus war schon aus',
  'attempt {0} {1}': 'Versuch {0}: {1}',
  'bound {0} to the portal': '{0} an das Portal gebunden',
  'every activated language already has its translations':
    'jede aktivierte Sprache hat ihre Übersetzungen schon',
  'every package is installed': 'alle Pakete sind installiert',
  'every page already has a published parent':
    'jede Seite hat schon eine veröffentlichte übergeordnete Seite',
  'every page already has its template': 'jede Seite hat schon ihre Vorlage',
  'hub {0} has no key named {1} any more': 'Hub {0} hat keinen Schlüssel namens {1} mehr',
  'installed the metadata translations for {0}': 'Metadatenübersetzungen installiert für {0}',
  'key {0} already validates': 'Schlüssel {0} ist schon gültig',
  'left {0} alone: portal {1} holds it': '{0} unverändert gelassen: Portal {1} nutzt sie',
  'login tracking was already off': 'die Anmeldeverfolgung war schon aus',
  'moved {0} under {1}': '{0} unter {1} verschoben',
  'no package of this portal installs a {0} marker':
    'kein Paket dieses Portals installiert eine {0}-Markierung',
  'no package of this portal installs {0}': 'kein Paket dieses Portals installiert {0}',
  'nothing to fix': 'nichts zu beheben',
  'output caching was already on': 'das Ausgabe-Caching war schon an',
  'page {0} is already published': 'Seite {0} ist schon veröffentlicht',
  'provisioning is {0}; nothing to restart': 'die Bereitstellung hat den Status {0}; nichts neu zu starten',
  'published page {0}': 'Seite {0} veröffentlicht',
  're-parented {0}': 'neue übergeordnete Seite für {0}',
  'repaired {0}': 'repariert: {0}',
  'restored the website record': 'Website-Datensatz wiederhergestellt',
  'restored {0}': 'wiederhergestellt: {0}',
  'the hub captures every interaction type': 'der Hub erfasst jeden Interaktionstyp',
  'the portal sends to no hub': 'das Portal sendet an keinen Hub',
  'the portal sends to no hub; configure one first':
    'das Portal sendet an keinen Hub; richten Sie zuerst einen ein',
  'the portal signs with the current primary key of {0}':
    'das Portal signiert mit dem aktuellen Primärschlüssel von {0}',
  'the {0} marker points at no page; restore it instead':
    'die {0}-Markierung zeigt auf keine Seite; stellen Sie sie stattdessen wieder her',
  'tracking was already off': 'die Verfolgung war schon aus',
  'turned off {0}': 'ausgeschaltet: {0}',
  'turned on {0}': 'eingeschaltet: {0}',
  '{0} (restored template {1})': '{0} (Vorlage {1} wiederhergestellt)',
  '{0} -> {1}': '{0} -> {1}',
  '{0} already points at {1}': '{0} zeigt schon auf {1}',
  '{0} is already published as text/css': '{0} ist schon als text/css veröffentlicht',
  '{0} is published as text/css with {1} characters': '{0} ist als text/css mit {1} Zeichen veröffentlicht',
  'Web pages sit under a missing or unpublished parent page':
    'Webseiten liegen unter einer fehlenden oder unveröffentlichten übergeordneten Seite',
  'Publish the parent page, or move the listed pages under a published page (their parentPageId): a page under a missing parent has no address.':
    'Veröffentlichen Sie die übergeordnete Seite oder verschieben Sie die aufgeführten Seiten unter eine veröffentlichte Seite (ihre parentPageId): Eine Seite unter einer fehlenden übergeordneten Seite hat keine Adresse.',
  'Move the pages under the home page': 'Seiten unter die Startseite verschieben',
  'every page sits under an existing, published parent':
    'jede Seite liegt unter einer vorhandenen, veröffentlichten übergeordneten Seite',
  'The web page tree has a cycle': 'Der Webseitenbaum enthält einen Zyklus',
  'Change the parentPageId of one page in each cycle so that its chain of parents ends at the home page.':
    'Ändern Sie die parentPageId einer Seite in jedem Zyklus, sodass ihre Kette übergeordneter Seiten bei der Startseite endet.',
  'Break the cycles at the home page': 'Zyklen an der Startseite auflösen',
  'the page tree has no cycle': 'der Seitenbaum hat keinen Zyklus',
  'The theme CSS web file is inactive, empty, or served with the wrong MIME type':
    'Die CSS-Webdatei des Designs ist inaktiv, leer oder wird mit dem falschen MIME-Typ ausgeliefert',
  'Publish the web file theme-css with contentType text/css and its stylesheet as content (PUT /v1/admin/portals/{portalId}/site/records/web_file/theme-css).':
    'Veröffentlichen Sie die Webdatei theme-css mit dem contentType text/css und ihrem Stylesheet als Inhalt (PUT /v1/admin/portals/{portalId}/site/records/web_file/theme-css).',
  'Re-enable the CSS web file': 'CSS-Webdatei wieder aktivieren',
  'GET {0} answered 200 text/css, {1} characters': 'GET {0} antwortete 200 text/css, {1} Zeichen',
  'Header and footer output caching is turned off':
    'Das Ausgabe-Caching für Kopf- und Fußzeile ist ausgeschaltet',
  'Set the site settings Header/OutputCache/Enabled and Footer/OutputCache/Enabled to true: every page otherwise builds its navigation and footer again.':
    'Setzen Sie die Website-Einstellungen Header/OutputCache/Enabled und Footer/OutputCache/Enabled auf true: Sonst baut jede Seite ihre Navigation und Fußzeile neu auf.',
  'Turn header and footer output caching on': 'Ausgabe-Caching für Kopf- und Fußzeile einschalten',
  'header and footer output caching is on': 'das Ausgabe-Caching für Kopf- und Fußzeile ist an',
  'The site has more than 500 web files': 'Die Website hat mehr als 500 Webdateien',
  'Delete the web files the site no longer uses (DELETE /v1/admin/portals/{portalId}/site/records/web_file/{id}) until at most 500 remain; every page loads the list.':
    'Löschen Sie die Webdateien, die die Website nicht mehr verwendet (DELETE /v1/admin/portals/{portalId}/site/records/web_file/{id}), bis höchstens 500 übrig sind; jede Seite lädt die Liste.',
  '{0} web files': '{0} Webdateien',
  '{0} web files, {1} over {2}': '{0} Webdateien, {1} über {2}',
  'Login tracking is turned on': 'Die Anmeldeverfolgung ist eingeschaltet',
  'Set the site setting Authentication/LoginTrackingEnabled to false: it writes to the store on every sign-in.':
    'Setzen Sie die Website-Einstellung Authentication/LoginTrackingEnabled auf false: Sie schreibt bei jeder Anmeldung in den Speicher.',
  'Turn login tracking off': 'Anmeldeverfolgung ausschalten',
  'login tracking is off': 'die Anmeldeverfolgung ist aus',
  '{0} is true': '{0} ist true',
  'Page or file tracking is turned on': 'Die Seiten- oder Dateiverfolgung ist eingeschaltet',
  "Set the site settings WebPage/TrackingEnabled and WebFile/TrackingEnabled to false: they write to the store on every view. The hub's interactions already record what visitors read.":
    'Setzen Sie die Website-Einstellungen WebPage/TrackingEnabled und WebFile/TrackingEnabled auf false: Sie schreiben bei jedem Aufruf in den Speicher. Die Interaktionen des Hubs erfassen bereits, was Besucher lesen.',
  'Turn page and file tracking off': 'Seiten- und Dateiverfolgung ausschalten',
  'page and file tracking are off': 'die Seiten- und Dateiverfolgung ist aus',
  '{0} on': '{0} an',
  'The home page is slow': 'Die Startseite ist langsam',
  "Turn header and footer output caching on, unpublish content the home page does not need, and look at the store's load (GET /metrics).":
    'Schalten Sie das Ausgabe-Caching für Kopf- und Fußzeile ein, nehmen Sie Inhalte zurück, die die Startseite nicht braucht, und prüfen Sie die Last des Speichers (GET /metrics).',
  '{0} took {1} ms (budget {2} ms)': '{0} dauerte {1} ms (Budget {2} ms)',
  '{0} took {1} ms, over the {2} ms budget': '{0} dauerte {1} ms, über dem Budget von {2} ms',
  'the home page answered {0}': 'die Startseite antwortete {0}',
  'Provisioning the portal failed': 'Die Bereitstellung des Portals ist fehlgeschlagen',
  'Fix what the failed step says, then Restart Provisioning (POST /v1/admin/portals/{portalId}/provisioning/restart), or Change Values and Restart Provisioning.':
    'Beheben Sie, was der fehlgeschlagene Schritt meldet, und wählen Sie dann Bereitstellung neu starten (POST /v1/admin/portals/{portalId}/provisioning/restart) oder Werte ändern und Bereitstellung neu starten.',
  'Restart provisioning': 'Bereitstellung neu starten',
  'provisioned at {0}': 'bereitgestellt am {0}',
  'provisioning is still running (attempt {0})': 'die Bereitstellung läuft noch (Versuch {0})',
  'provisioning failed': 'die Bereitstellung ist fehlgeschlagen',
  'A package is in the Install Failed state': 'Ein Paket ist im Zustand „Installation fehlgeschlagen“',
  'Retry each Install Failed package from the solution page (POST /v1/admin/portals/{portalId}/packages/{packageId}/retry), prerequisites first.':
    'Wiederholen Sie jedes fehlgeschlagene Paket auf der Lösungsseite (POST /v1/admin/portals/{portalId}/packages/{packageId}/retry), Voraussetzungen zuerst.',
  'Retry the packages that are not installed, in prerequisite order':
    'Nicht installierte Pakete in der Reihenfolge der Voraussetzungen wiederholen',
  'no package is Install Failed': 'kein Paket ist im Zustand „Installation fehlgeschlagen“',
  'A package is missing a prerequisite': 'Einem Paket fehlt eine Voraussetzung',
  'Install the missing prerequisite packages first (retry them in order), and install any missing solution on the instance.':
    'Installieren Sie zuerst die fehlenden vorausgesetzten Pakete (wiederholen Sie sie der Reihe nach) und installieren Sie jede fehlende Lösung in der Instanz.',
  'every prerequisite is installed': 'alle Voraussetzungen sind installiert',
  'The portal sends its interactions to no hub': 'Das Portal sendet seine Interaktionen an keinen Hub',
  'Configure the hub the portal sends to, with a key that holds the send right (PUT /v1/admin/portals/{portalId}/hub-binding).':
    'Konfigurieren Sie den Hub, an den das Portal sendet, mit einem Schlüssel, der das Recht Senden hat (PUT /v1/admin/portals/{portalId}/hub-binding).',
  "no hub is bound: visitors' pages send no beacons and case forms show no journey":
    'kein Hub ist gebunden: Die Seiten der Besucher senden keine Beacons, und Fallformulare zeigen keinen Verlauf',
  'hub {0} was asked for at provisioning but is not bound yet':
    'der Hub {0} wurde bei der Bereitstellung angefordert, ist aber noch nicht gebunden',
  'the bound hub {0} does not exist any more': 'der gebundene Hub {0} existiert nicht mehr',
  'sends to hub {0} ({1}) with key {2}': 'sendet an den Hub {0} ({1}) mit dem Schlüssel {2}',
  'The hub key the portal uses no longer validates': 'Der Hub-Schlüssel des Portals ist nicht mehr gültig',
  'Give the portal the hub key\'s current primary or secondary key (PATCH /v1/admin/portals/{portalId}/hub-binding with { "key": … }).':
    'Geben Sie dem Portal den aktuellen primären oder sekundären Schlüssel des Hub-Schlüssels (PATCH /v1/admin/portals/{portalId}/hub-binding mit { "key": … }).',
  "Re-bind the hub's current key": 'Aktuellen Schlüssel des Hubs neu binden',
  'no hub is bound to the portal': 'an das Portal ist kein Hub gebunden',
  'key {0} validates against hub {1}': 'der Schlüssel {0} ist für den Hub {1} gültig',
  '{0}: {1}': '{0}: {1}',
  "The hub's interaction types were deleted": 'Die Interaktionstypen des Hubs wurden gelöscht',
  "Add the interaction types back to the hub's catalogue (PUT /v1/admin/hubs/{hubId}/interaction-types/{type}); beacons of a type the hub does not capture are refused.":
    'Fügen Sie die Interaktionstypen wieder zum Katalog des Hubs hinzu (PUT /v1/admin/hubs/{hubId}/interaction-types/{type}); Beacons eines Typs, den der Hub nicht erfasst, werden abgelehnt.',
  'Restore the deleted interaction types': 'Gelöschte Interaktionstypen wiederherstellen',
  'the hub captures all four interaction types': 'der Hub erfasst alle vier Interaktionstypen',
  'hub {0} captures no interaction type: every beacon is refused (type_not_captured)':
    'der Hub {0} erfasst keinen Interaktionstyp: Jeder Beacon wird abgelehnt (type_not_captured)',
  'hub {0} no longer captures {1}': 'der Hub {0} erfasst {1} nicht mehr',
  "Too many of the portal's interactions were rejected in the last 24 hours":
    'Zu viele Interaktionen des Portals wurden in den letzten 24 Stunden abgelehnt',
  'Read the rejected items (GET /v1/admin/hubs/{hubId}/quarantine) and fix what the portal sends; the top codes say what is wrong.':
    'Lesen Sie die abgelehnten Elemente (GET /v1/admin/hubs/{hubId}/quarantine) und korrigieren Sie, was das Portal sendet; die häufigsten Codes sagen, was falsch ist.',
  'no interaction arrived in the last 24 hours':
    'in den letzten 24 Stunden ist keine Interaktion eingegangen',
  '{0} of {1} items rejected ({2})': '{0} von {1} Elementen abgelehnt ({2})',
  '{0} of {1} items rejected ({2}); top codes: {3}':
    '{0} von {1} Elementen abgelehnt ({2}); häufigste Codes: {3}',
  '{0} of {1} items rejected ({2}); threshold {3}': '{0} von {1} Elementen abgelehnt ({2}); Schwelle {3}',
  '{0} of {1} items rejected ({2}); top codes: {3}; threshold {4}':
    '{0} von {1} Elementen abgelehnt ({2}); häufigste Codes: {3}; Schwelle {4}',
  'No interaction was received in the last 24 hours while the site is up':
    'In den letzten 24 Stunden ist keine Interaktion eingegangen, obwohl die Website läuft',
  "Sign in on the portal and read an article: its page should send a beacon. If none arrives, check the hub binding and the hub's interaction types (the other Ingestion checks).":
    'Melden Sie sich am Portal an und lesen Sie einen Artikel: Seine Seite sollte einen Beacon senden. Kommt keiner an, prüfen Sie die Hub-Bindung und die Interaktionstypen des Hubs (die anderen Empfangsprüfungen).',
  'the site is not up (GET / answered {0})': 'die Website läuft nicht (GET / antwortete {0})',
  'administration mode is on, so visitors send no interactions; none was ever received':
    'der Verwaltungsmodus ist aktiv, daher senden Besucher keine Interaktionen; es wurde nie eine empfangen',
  'administration mode is on, so visitors send no interactions; the latest arrived {0}':
    'der Verwaltungsmodus ist aktiv, daher senden Besucher keine Interaktionen; die letzte kam am {0}',
  'latest interaction received {0}': 'letzte Interaktion empfangen am {0}',
  'the site is up but no interaction from it was ever received':
    'die Website läuft, aber von ihr wurde nie eine Interaktion empfangen',
  'the site is up but the latest interaction arrived {0}':
    'die Website läuft, aber die letzte Interaktion kam am {0}',
  'The store refused rows the hub accepted (quarantined poison rows)':
    'Der Speicher hat Zeilen abgelehnt, die der Hub angenommen hatte (in Quarantäne gestellte Zeilen)',
  'Read the quarantined rows (GET /v1/admin/hubs/{hubId}/quarantine): the store code says which value ClickHouse could not take. The rest of each batch was stored.':
    'Lesen Sie die Zeilen in Quarantäne (GET /v1/admin/hubs/{hubId}/quarantine): Der Speichercode sagt, welchen Wert ClickHouse nicht annehmen konnte. Der Rest jedes Stapels wurde gespeichert.',
  'the store took every accepted row': 'der Speicher hat jede angenommene Zeile übernommen',
  '1 row set aside in 24 hours: {0}': '1 Zeile in 24 Stunden zurückgestellt: {0}',
  '{0} rows set aside in 24 hours: {1}': '{0} Zeilen in 24 Stunden zurückgestellt: {1}',
  'The custom domain name no longer points at the portal (CNAME)':
    'Der benutzerdefinierte Domänenname zeigt nicht mehr auf das Portal (CNAME)',
  "Please add a CNAME record to this domain name. At your DNS provider, make the host name a CNAME to the portal's host. If you have just added a CNAME with your domain provider, it will take some time to propagate to all DNS servers. Retry after some time passes.":
    'Fügen Sie diesem Domänennamen einen CNAME-Eintrag hinzu. Machen Sie den Hostnamen bei Ihrem DNS-Anbieter zu einem CNAME auf den Host des Portals. Wenn Sie den CNAME gerade erst bei Ihrem Domänenanbieter hinzugefügt haben, dauert es eine Weile, bis er sich auf alle DNS-Server verteilt hat. Versuchen Sie es später erneut.',
  'the portal has no custom domain name': 'das Portal hat keinen benutzerdefinierten Domänennamen',
  '{0} is a CNAME to {1}': '{0} ist ein CNAME auf {1}',
  'the DNS servers did not answer for {0} ({1}); the CNAME could not be read':
    'die DNS-Server haben für {0} nicht geantwortet ({1}); der CNAME konnte nicht gelesen werden',
  '{0} has no CNAME record (the name does not exist in DNS); it must point to {1}':
    '{0} hat keinen CNAME-Eintrag (der Name existiert nicht im DNS); er muss auf {1} zeigen',
  '{0} has no CNAME record; it must point to {1}': '{0} hat keinen CNAME-Eintrag; er muss auf {1} zeigen',
  '{0} is a CNAME to {1}, not to {2}': '{0} ist ein CNAME auf {1}, nicht auf {2}',
  'The custom domain certificate has expired or expires within 30 days':
    'Das Zertifikat der benutzerdefinierten Domäne ist abgelaufen oder läuft innerhalb von 30 Tagen ab',
  'Upload a renewed certificate for the host name (POST /v1/admin/portals/{portalId}/custom-domain/certificates), remove the binding, and bind the host name again with the new certificate.':
    'Laden Sie ein erneuertes Zertifikat für den Hostnamen hoch (POST /v1/admin/portals/{portalId}/custom-domain/certificates), entfernen Sie die Bindung und binden Sie den Hostnamen mit dem neuen Zertifikat erneut.',
  'the certificate {0} is valid only from {1}': 'das Zertifikat {0} ist erst ab {1} gültig',
  'the certificate {0} for {1} expired on {2}': 'das Zertifikat {0} für {1} ist am {2} abgelaufen',
  'the certificate {0} for {1} expires on {2}, in {3} days':
    'das Zertifikat {0} für {1} läuft am {2} ab, in {3} Tagen',
  'the certificate expires on {0}, in {1} days': 'das Zertifikat läuft am {0} ab, in {1} Tagen',
  'The custom domain certificate does not cover the host name':
    'Das Zertifikat der benutzerdefinierten Domäne deckt den Hostnamen nicht ab',
  'Upload a certificate whose subjectAltName names the host name (or a wildcard one label above it), remove the binding, and bind again with it.':
    'Laden Sie ein Zertifikat hoch, dessen subjectAltName den Hostnamen nennt (oder einen Platzhalter eine Ebene darüber), entfernen Sie die Bindung und binden Sie erneut damit.',
  'the certificate covers {0} ({1})': 'das Zertifikat deckt {0} ab ({1})',
  'Activated languages have no metadata translations installed':
    'Für aktivierte Sprachen sind keine Metadatenübersetzungen installiert',
  'Get the latest metadata translations: POST /v1/admin/portals/{portalId}/translations/update with {"confirm": true} installs the labels of every activated language in the installed package versions.':
    'Holen Sie die neuesten Metadatenübersetzungen: POST /v1/admin/portals/{portalId}/translations/update mit {"confirm": true} installiert die Beschriftungen jeder aktivierten Sprache in den installierten Paketversionen.',
  'Install the missing metadata translations': 'Fehlende Metadatenübersetzungen installieren',
  'the activated languages ({0}) have their translations':
    'die aktivierten Sprachen ({0}) haben ihre Übersetzungen',
  'the activated languages ({0}) have their translations; no translations ship for {1}':
    'die aktivierten Sprachen ({0}) haben ihre Übersetzungen; für {1} werden keine Übersetzungen geliefert',
  'activated without metadata translations: {0}': 'ohne Metadatenübersetzungen aktiviert: {0}',
  'activated without metadata translations: {0}; no translations ship for {1}':
    'ohne Metadatenübersetzungen aktiviert: {0}; für {1} werden keine Übersetzungen geliefert',
  'the site has no {0} site marker': 'die Website hat keinen Website-Marker {0}',
  'the {0} site marker points at page {1}, which does not exist':
    'der Website-Marker {0} zeigt auf die Seite {1}, die es nicht gibt',
  'the {0} site marker points at page {1} ("{2}"), which is {3}':
    'der Website-Marker {0} zeigt auf die Seite {1} („{2}“) im Zustand {3}',
  '{0} points at the published page {1}': '{0} zeigt auf die veröffentlichte Seite {1}',
  'The Home site marker is missing, points at no page, or at an unpublished page':
    'Der Website-Marker Home fehlt, zeigt auf keine Seite oder auf eine unveröffentlichte Seite',
  'Point the Home site marker at a published page (PUT /v1/admin/portals/{portalId}/site/records/site_marker/home), or publish the page it names.':
    'Lassen Sie den Website-Marker Home auf eine veröffentlichte Seite zeigen (PUT /v1/admin/portals/{portalId}/site/records/site_marker/home) oder veröffentlichen Sie die Seite, die er nennt.',
  'Restore the Home site marker to its default page':
    'Website-Marker Home auf seine Standardseite zurücksetzen',
  'Publish the page the Home site marker points at':
    'Die Seite veröffentlichen, auf die der Website-Marker Home zeigt',
  'The Profile site marker is missing, points at no page, or at an unpublished page':
    'Der Website-Marker Profile fehlt, zeigt auf keine Seite oder auf eine unveröffentlichte Seite',
  'Point the Profile site marker at a published page (PUT /v1/admin/portals/{portalId}/site/records/site_marker/profile), or publish the page it names.':
    'Lassen Sie den Website-Marker Profile auf eine veröffentlichte Seite zeigen (PUT /v1/admin/portals/{portalId}/site/records/site_marker/profile) oder veröffentlichen Sie die Seite, die er nennt.',
  'Restore the Profile site marker to its default page':
    'Website-Marker Profile auf seine Standardseite zurücksetzen',
  'Publish the page the Profile site marker points at':
    'Die Seite veröffentlichen, auf die der Website-Marker Profile zeigt',
  'The Page Not Found site marker is missing, points at no page, or at an unpublished page':
    'Der Website-Marker Page Not Found fehlt, zeigt auf keine Seite oder auf eine unveröffentlichte Seite',
  'Point the Page Not Found site marker at a published page (PUT /v1/admin/portals/{portalId}/site/records/site_marker/page-not-found), or publish the page it names.':
    'Lassen Sie den Website-Marker Page Not Found auf eine veröffentlichte Seite zeigen (PUT /v1/admin/portals/{portalId}/site/records/site_marker/page-not-found) oder veröffentlichen Sie die Seite, die er nennt.',
  'Restore the Page Not Found site marker to its default page':
    'Website-Marker Page Not Found auf seine Standardseite zurücksetzen',
  'Publish the page the Page Not Found site marker points at':
    'Die Seite veröffentlichen, auf die der Website-Marker Page Not Found zeigt',
  'The Access Denied site marker is missing, points at no page, or at an unpublished page':
    'Der Website-Marker Access Denied fehlt, zeigt auf keine Seite oder auf eine unveröffentlichte Seite',
  'Point the Access Denied site marker at a published page (PUT /v1/admin/portals/{portalId}/site/records/site_marker/access-denied), or publish the page it names.':
    'Lassen Sie den Website-Marker Access Denied auf eine veröffentlichte Seite zeigen (PUT /v1/admin/portals/{portalId}/site/records/site_marker/access-denied) oder veröffentlichen Sie die Seite, die er nennt.',
  'Restore the Access Denied site marker to its default page':
    'Website-Marker Access Denied auf seine Standardseite zurücksetzen',
  'Publish the page the Access Denied site marker points at':
    'Die Seite veröffentlichen, auf die der Website-Marker Access Denied zeigt',
  'The Search site marker is missing, points at no page, or at an unpublished page':
    'Der Website-Marker Search fehlt, zeigt auf keine Seite oder auf eine unveröffentlichte Seite',
  'Point the Search site marker at a published page (PUT /v1/admin/portals/{portalId}/site/records/site_marker/search), or publish the page it names.':
    'Lassen Sie den Website-Marker Search auf eine veröffentlichte Seite zeigen (PUT /v1/admin/portals/{portalId}/site/records/site_marker/search) oder veröffentlichen Sie die Seite, die er nennt.',
  'Restore the Search site marker to its default page':
    'Website-Marker Search auf seine Standardseite zurücksetzen',
  'Publish the page the Search site marker points at':
    'Die Seite veröffentlichen, auf die der Website-Marker Search zeigt',
}
