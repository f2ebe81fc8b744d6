/**
 * The beacon snippet a portal's own site pastes (Portal Analytics shows it
 * with Copy buttons): a server function that signs a visitor's token and the
 * page script that sends with it, filled in with the portal's hub binding.
 *
 * Why two parts: a browser must never hold a hub key (issue 20 item 3). The
 * portal's server keeps its Send-only key (`portal-{portalId}`, made by the
 * binding) and signs, per page view, a 10-minute token for
 * `…/portals/{portalId}/contacts/{contactId}`: the ingest route accepts it
 * for that one contact's items and for sending only.
 */

/** What the snippet is filled in with: the portal's binding as the API shows it. */
export interface SnippetBinding {
  /** `…/v1/hubs/{hubId}`, as the binding holds it (tokens are signed for this address). */
  hubUri: string
  portalId: string
  /** The binding's key: the portal's Send-only key. */
  keyName: string
  /** The portal's language, for the example's `portal_language`. */
  language: string
}

/** The placeholders the portal's server fills in the page part, by name. */
export const SNIPPET_PLACEHOLDERS = ['token', 'contactId', 'sessionId', 'articleId', 'articleTitle'] as const

const quote = (text: string): string => JSON.stringify(text).replaceAll("'", "\\'").replace(/^"|"$/g, "'")

/**
 * The server part (Node 18+, ESM, `node:crypto` only) and the page part
 * (`{{token}}`, `{{contactId}}`, … for the server's template to fill).
 *
 * @example
 * const { server, page } = beaconSnippet({ hubUri, portalId, keyName: `portal-${portalId}`, language: 'en-US' })
 */
export function beaconSnippet(b: SnippetBinding): { server: string; page: string } {
  const portalUri = `${b.hubUri.replace(/\/+$/, '')}/portals/${encodeURIComponent(b.portalId)}`
  const server = `// casetrail: sign a signed-in visitor's beacon token on your server (Node 18+, no package).
// CASETRAIL_PORTAL_KEY holds the Send-only key ${b.keyName}; it never goes into a page.
import { createHmac } from 'node:crypto'

const CASETRAIL_PORTAL = ${quote(portalUri)}
const CASETRAIL_KEY_NAME = ${quote(b.keyName)}

/** A token that can only send this contact's interactions, for ttlSeconds (10 minutes). */
export function casetrailBeaconToken(contactId, ttlSeconds = 600) {
  const sr = encodeURIComponent(\`\${CASETRAIL_PORTAL}/contacts/\${encodeURIComponent(contactId)}\`)
  const se = Math.floor(Date.now() / 1000) + ttlSeconds
  const sig = createHmac('sha256', process.env.CASETRAIL_PORTAL_KEY).update(\`\${sr}\\n\${se}\`).digest('base64')
  return \`SharedAccessSignature sr=\${sr}&sig=\${encodeURIComponent(sig)}&se=\${se}&skn=\${encodeURIComponent(CASETRAIL_KEY_NAME)}\`
}
`
  const page = `<!-- casetrail beacons: your server fills in {{token}} = casetrailBeaconToken(contactId),
     the signed-in visitor's {{contactId}} and your session id {{sessionId}}. -->
<script>
  window.casetrail = {
    endpoint: ${quote(`${portalUri}/interactions`)},
    portalId: ${quote(b.portalId)},
    token: '{{token}}',
    contactId: '{{contactId}}',
    sessionId: '{{sessionId}}'
  };
  function casetrailSend(item) {
    var c = window.casetrail;
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    var body = JSON.stringify(Object.assign({}, item, {
      portal_interactionid: [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-'),
      portal_contactid: c.contactId,
      portal_portalid: c.portalId,
      portal_sessionid: c.sessionId,
      portal_timestamp: new Date().toISOString()
    }));
    var sent = false;
    try {
      sent = navigator.sendBeacon(c.endpoint + '?sas=' + encodeURIComponent(c.token), new Blob([body], { type: 'text/plain' }));
    } catch (err) { sent = false; }
    if (!sent) {
      fetch(c.endpoint, { method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json', Authorization: c.token }, body: body });
    }
  }
  // On an article's page: what the visitor read.
  casetrailSend({
    type: 'portal_viewknowledgearticle',
    portal_knowledgearticleid: '{{articleId}}',
    portal_knowledgetitle: '{{articleTitle}}',
    portal_language: ${quote(b.language)}
  });
</script>
`
  return { server, page }
}
