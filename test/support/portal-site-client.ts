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

/** Form tokens by the form cookie they were made from (what each browser's pages carry). */
const tokens = new Map<string, string>()

/**
 * What a browser has after opening a page of the site: its form cookie
 * (`casetrail_form=…`) and the form token its forms carry (`csrf`).
 */
export async function formSession(app: Hono<AppEnv>, subdomain: string, path = '/signin') {
  const res = await app.request(`http://${subdomain}.localhost${path}`)
  const cookie = /casetrail_form=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0]
  const csrf = /name="csrf" value="([^"]+)"/.exec(await res.text())?.[1]
  if (!cookie || !csrf) throw new Error(`no form cookie or token on ${path}`)
  tokens.set(cookie, csrf)
  return { cookie, csrf }
}

/** The `csrf` field a form posted with this cookie header carries (none when the cookie has no form cookie). */
export function csrfFields(cookie: string): { csrf?: string } {
  const form = /casetrail_form=[^;]+/.exec(cookie)?.[0]
  const csrf = form ? tokens.get(form) : undefined
  return csrf ? { csrf } : {}
}

/**
 * Signs a contact in on a portal host as a browser does: opens the sign-in
 * page (form cookie and token), then posts its form. Returns the cookie
 * header to send next (session and form cookies), or null when refused.
 */
export async function signIn(app: Hono<AppEnv>, subdomain: string, contactId: string, next = '/') {
  const form = await formSession(app, subdomain)
  const res = await app.request(`http://${subdomain}.localhost/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
    body: new URLSearchParams({ contactId, next, csrf: form.csrf }).toString(),
  })
  return {
    res,
    cookie: res.headers.get('set-cookie') ? `${sessionCookie(res)}; ${form.cookie}` : null,
    csrf: form.csrf,
  }
}
