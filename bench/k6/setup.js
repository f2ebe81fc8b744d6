// Shared setup for the k6 scripts: where the server is, which hub to use, and
// tokens minted here (k6 signs shared access signatures itself).
//
// Either point at an existing hub:
//   BASE_URL=http://localhost:8787 HUB_ID=… HUB_KEY=<default primary key> k6 run single-beacon.js
// or let setup create one with the admin token:
//   BASE_URL=http://localhost:8787 ADMIN_TOKEN=… k6 run single-beacon.js
// PUBLIC_URL must match the server's PUBLIC_URL when it differs from BASE_URL.
import crypto from 'k6/crypto'
import http from 'k6/http'
import { uuid } from '../payloads.js'

/** A shared access signature in the Event Hubs format, valid `ttlSeconds`. */
export function sasToken(resourceUri, keyName, key, ttlSeconds) {
  const se = Math.floor(Date.now() / 1000) + ttlSeconds
  const sr = encodeURIComponent(resourceUri)
  const sig = crypto.hmac('sha256', key, `${sr}\n${se}`, 'base64')
  return `SharedAccessSignature sr=${sr}&sig=${encodeURIComponent(sig)}&se=${se}&skn=${encodeURIComponent(keyName)}`
}

/** Resolves the target hub (creating one if asked) and mints send and read tokens for the run. */
export function prepare() {
  const base = (__ENV.BASE_URL || 'http://localhost:8787').replace(/\/+$/, '')
  const publicUrl = (__ENV.PUBLIC_URL || base).replace(/\/+$/, '')
  let hubId = __ENV.HUB_ID
  let key = __ENV.HUB_KEY
  let keyName = __ENV.HUB_KEY_NAME || 'default'
  if (!hubId || !key) {
    if (!__ENV.ADMIN_TOKEN) throw new Error('set HUB_ID and HUB_KEY, or ADMIN_TOKEN to create a hub')
    const res = http.post(
      `${base}/v1/admin/hubs`,
      JSON.stringify({ name: `k6 ${new Date().toISOString()}` }),
      {
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${__ENV.ADMIN_TOKEN}` },
      },
    )
    if (res.status !== 201) throw new Error(`creating a hub answered ${res.status}: ${res.body}`)
    const hub = res.json()
    hubId = hub.id
    keyName = hub.keys[0].keyName
    key = hub.keys[0].primaryKey
  }
  const hubUri = `${publicUrl}/v1/hubs/${hubId}`
  const ttl = 6 * 3600
  return {
    base,
    hubId,
    portalId: __ENV.PORTAL_ID || uuid(),
    contacts: Number(__ENV.CONTACTS || 0),
    sendToken: sasToken(hubUri, keyName, key, ttl),
    readToken: sasToken(hubUri, keyName, key, ttl),
  }
}

/** Request parameters for an ingest POST with the send token. */
export function sendParams(ctx, name) {
  return {
    headers: { 'Content-Type': 'application/json', Authorization: ctx.sendToken },
    tags: { name },
  }
}
