/**
 * Browser code both site scripts embed (the page's view beacon and an
 * article's feedback): `sendInteraction(cfg, fields)` gives the page's
 * interaction `cfg.item` a new id (a version 4 UUID) and the time, adds
 * `fields`, and sends it to `cfg.endpoint`: `navigator.sendBeacon` with the
 * token in `?sas=`, else `fetch` with keepalive and the token in
 * Authorization. True when sendBeacon took it. Written once so that how a
 * portal page sends stays one rule.
 */
export const SEND_INTERACTION_JS = `function sendInteraction(cfg, fields) {
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    var item = Object.assign({}, cfg.item, {
      portal_interactionid: h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20),
      portal_timestamp: new Date().toISOString()
    }, fields);
    var body = JSON.stringify(item);
    var sent = false;
    try {
      sent = navigator.sendBeacon(cfg.endpoint + '?sas=' + encodeURIComponent(cfg.token), new Blob([body], { type: 'text/plain' }));
    } catch (err) { sent = false; }
    if (!sent) {
      fetch(cfg.endpoint, { method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json', Authorization: cfg.token }, body: body });
    }
    return sent;
  }`
