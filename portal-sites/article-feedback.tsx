/** @jsxImportSource hono/jsx */
import type { JSX } from 'hono/jsx/jsx-runtime'
import type { BeaconItem } from '../core/index.ts'
import { MAX_COMMENT_LENGTH } from '../schemas/index.ts'
import type { Frame } from './page-frame.ts'
import { JsonScript, TrustedScript, trustedCode } from './trusted-html.tsx'

/**
 * Runs in the browser: shows the "Was this helpful?" form (hidden without
 * script, where it could not send), and on Yes or No sends one
 * `portal_articlefeedback` interaction to the hub, as the page's view beacon
 * does (sendBeacon, else fetch with keepalive), then thanks the visitor.
 */
const FEEDBACK_SCRIPT = trustedCode(`(function () {
  var cfg = document.getElementById('casetrail-feedback');
  var form = document.getElementById('article-feedback');
  if (!cfg || !form) return;
  cfg = JSON.parse(cfg.textContent);
  form.hidden = false;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var button = event.submitter;
    if (!button || !button.value) return;
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    var item = Object.assign({}, cfg.item, {
      portal_interactionid: h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20),
      portal_timestamp: new Date().toISOString(),
      portal_helpful: button.value === 'yes'
    });
    var comment = form.elements.comment.value.trim();
    if (comment) item.portal_comment = comment;
    var body = JSON.stringify(item);
    var sent = false;
    try {
      sent = navigator.sendBeacon(cfg.endpoint + '?sas=' + encodeURIComponent(cfg.token), new Blob([body], { type: 'text/plain' }));
    } catch (err) { sent = false; }
    if (!sent) {
      fetch(cfg.endpoint, { method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json', Authorization: cfg.token }, body: body });
    }
    form.setAttribute('data-sent', button.value);
    form.innerHTML = '';
    var thanks = document.createElement('p');
    thanks.setAttribute('role', 'status');
    thanks.textContent = cfg.thanks;
    form.appendChild(thanks);
  });
})();`)

/**
 * "Was this helpful?" under a knowledge article, for a signed-in visitor of a
 * portal that sends to a hub: Yes / No and an optional comment (at most
 * {@link MAX_COMMENT_LENGTH} characters), sent by the browser as
 * `portal_articlefeedback`. Empty when the page sends no beacons.
 *
 * @example
 * <>{articleBody(a)}{articleFeedback(frame, a.id)}</>
 */
export function articleFeedback(f: Frame, articleId: string): JSX.Element | null {
  const { req, c } = f
  if (!req.visitor || !req.beacon) return null
  const item = {
    type: 'portal_articlefeedback',
    portal_knowledgearticleid: articleId,
    portal_contactid: req.visitor.contact.crmrecordid,
    portal_portalid: req.beacon.portalId,
    portal_sessionid: req.visitor.sessionId,
  } satisfies Omit<Extract<BeaconItem, { type: 'portal_articlefeedback' }>, 'portal_helpful'>
  const config = { endpoint: req.beacon.endpoint, token: req.beacon.token, item, thanks: c.ui.feedbackThanks }
  return (
    <>
      <form class="feedback" id="article-feedback" hidden aria-labelledby="article-feedback-question">
        {'\n'}
        <p id="article-feedback-question">
          <strong>{c.ui.wasThisHelpful}</strong>
        </p>
        {'\n'}
        <label>
          {c.ui.feedbackComment}
          <br />
          <textarea name="comment" rows={2} maxlength={MAX_COMMENT_LENGTH} />
        </label>
        {'\n'}
        <p>
          <button type="submit" name="helpful" value="yes">
            {c.ui.helpfulYes}
          </button>{' '}
          <button type="submit" name="helpful" value="no">
            {c.ui.helpfulNo}
          </button>
        </p>
        {'\n'}
      </form>
      {'\n'}
      <JsonScript id="casetrail-feedback" value={config} />
      {'\n'}
      <TrustedScript code={FEEDBACK_SCRIPT} nonce={req.nonce} />
    </>
  )
}
