import { randomUUID } from 'node:crypto'
import type { Hono } from 'hono'
import type { AppEnv } from '../../ingest/index.ts'

/** What a portal page embeds for its beacon: where to send, the token, and the interaction. */
export interface PageBeacon {
  endpoint: string
  token: string
  item: Record<string, string | number | boolean>
}

/** The beacon a page carries, or null. */
export function beaconOf(html: string): PageBeacon | null {
  const m = /<script type="application\/json" id="casetrail-beacon">([\s\S]*?)<\/script>/.exec(html)
  return m ? (JSON.parse(m[1]!) as PageBeacon) : null
}

/** The session cookie (`name=value`) a sign-in answer sets. */
export function sessionCookie(res: Response): string {
  const set = res.headers.get('set-cookie') ?? ''
  const m = /casetrail_session=[^;]+/.exec(set)
  if (!m) throw new Error(`no session cookie in ${JSON.stringify(set)}`)
  return m[0]
}

/**
 * Sends a page's beacon as the browser's script does: the interaction plus an
 * id and the time, as text/plain to the endpoint with `?sas=`.
 */
export function sendBeacon(app: Hono<AppEnv>, beacon: PageBeacon, at = new Date()) {
  const item = { ...beacon.item, portal_interactionid: randomUUID(), portal_timestamp: at.toISOString() }
  return app.request(`${beacon.endpoint}?sas=${encodeURIComponent(beacon.token)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify(item),
  })
}

/** Signs a contact in on a portal host; returns the cookie. */
export async function signIn(app: Hono<AppEnv>, subdomain: string, contactId: string, next = '/') {
  const res = await app.request(`http://${subdomain}.localhost/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ contactId, next }).toString(),
  })
  return { res, cookie: res.headers.get('set-cookie') ? sessionCookie(res) : null }
}
