/** @jsxImportSource hono/jsx */
import type { JSX } from 'hono/jsx/jsx-runtime'
import type { BeaconItem } from '../core/index.ts'
import { MAX_COMMENT_LENGTH } from '../schemas/index.ts'
import type { Frame } from './page-frame.ts'
import { SEND_INTERACTION_JS } from './send-interaction.ts'
import { JsonScript, TrustedScript, trustedCode } from './trusted-html.tsx'

/**
 * Runs in the browser: shows the "Was this helpful?" form (hidden without
 * script, where it could not send), and on Yes or No sends one
 * `portal_articlefeedback` interaction to the hub, as the page's view beacon
 * does (sendBeacon, else fetch with keepalive), then thanks the visitor.
 */
const FEEDBACK_SCRIPT = trustedCode(`(function () {
  ${SEND_INTERACTION_JS}
  var cfg = document.getElementById('casetrail-feedback');
  var form = document.getElementById('article-feedback');
  if (!cfg || !form) return;
  cfg = JSON.parse(cfg.textContent);
  form.hidden = false;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var button = event.submitter;
    if (!button || !button.value) return;
    var fields = { portal_helpful: button.value === 'yes' };
    var comment = form.elements.comment.value.trim();
    if (comment) fields.portal_comment = comment;
    sendInteraction(cfg, fields);
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
