import { expect } from 'vitest'
import { CookieJar } from './cookie-jar.ts'

/**
 * A browser on a portal's site for OpenID Connect sign-ins
 * (test/integration/portal-oidc*.test.ts): its cookies, its way through the
 * sign-in page's provider button, and a whole sign-in through a test provider
 * (test/support/oidc-test-provider.ts) up to the portal's answer to the callback.
 */

/** Opens `path` on the site with `init`, as the test core serves it. */
type Site = (path: string, init: RequestInit) => Response | Promise<Response>

/** A browser on the portal: its cookies by name. */
export class SiteBrowser {
  readonly jar = new CookieJar()
  constructor(private readonly site: Site) {}
  async get(path: string) {
    return this.jar.keep(await this.site(path, { headers: { cookie: this.jar.header() } }))
  }
  async post(path: string, fields: Record<string, string>) {
    return this.jar.keep(
      await this.site(path, {
        method: 'POST',
        headers: { cookie: this.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      }),
    )
  }
  /** Who the portal's pages say is signed in, or null. */
  async who() {
    return /Signed in as ([^<]+)</.exec(await (await this.get('/')).text())?.[1] ?? null
  }
}

/** A URL's path and query, as the site is asked for it. */
export const localPath = (url: URL | string) => {
  const u = new URL(url)
  return `${u.pathname}${u.search}`
}

/** Opens the sign-in page, follows the provider's button, and returns where the provider sends the browser. */
export async function startAt(b: SiteBrowser) {
  const page = await (await b.get('/signin')).text()
  const href = /<a class="oidc-button" data-provider="[^"]+" href="([^"]+)"/.exec(page)?.[1]
  expect(href, 'the sign-in page has a provider button').toBeDefined()
  const start = await b.get(href!.replaceAll('&amp;', '&'))
  expect(start.status).toBe(303)
  expect(b.jar.has('casetrail_oidc')).toBe(true)
  return new URL(start.headers.get('location')!)
}

/** A whole sign-in up to the portal's answer to the callback. */
export async function throughProvider(
  b: SiteBrowser,
  provider: { authorize(authorizationUrl: string, sub: string): Promise<URL> },
  who: { sub: string },
  tamper?: (authorize: URL) => void,
) {
  const authorize = await startAt(b)
  tamper?.(authorize)
  const callback = await provider.authorize(authorize.href, who.sub)
  expect(callback.pathname).toBe('/signin/oidc/callback')
  return { callback, res: await b.get(localPath(callback)) }
}
