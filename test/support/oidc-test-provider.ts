import { createServer } from 'node:http'
import Provider from 'oidc-provider'
import { freePort } from '../../tools/free-port.ts'
import { CookieJar } from './cookie-jar.ts'

/** A user the test provider signs in: their subject and the claims it shares. */
export interface TestAccount {
  sub: string
  email?: string
  email_verified?: boolean
  name?: string
}

/**
 * A real OpenID provider on loopback: `oidc-provider` (a certified
 * implementation) on a free port of 127.0.0.1, over plain http (which
 * casetrail takes from a loopback issuer only), with one confidential client
 * (client_secret_basic, authorization code, PKCE) and the given accounts. Its
 * development interactions (a login form taking any account id, then its
 * own consent prompt) are what `authorize` drives.
 */
export async function startTestProvider(options: { redirectUris: string[]; accounts: TestAccount[] }) {
  const port = await freePort()
  const issuer = `http://127.0.0.1:${port}`
  const clientId = 'casetrail-portal'
  const clientSecret = 'a test client secret, 32 bytes or more'
  const accounts = new Map(options.accounts.map((a) => [a.sub, a]))
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['the test provider’s cookie key'] },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub)
      return account ? { accountId: sub, claims: () => ({ ...account }) } : undefined
    },
  })
  const server = createServer(provider.callback())
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))

  /**
   * Drives a browser through the provider from an authorization URL: signs
   * `sub` in on its login form, accepts its consent prompt, and returns the
   * URL it sends the browser back to (the portal's callback, with code and
   * state; with `cancel`, the visitor cancels at the login form instead, and
   * the callback carries error=access_denied). Each call is a new browser
   * (its own cookie jar).
   */
  async function authorize(
    authorizationUrl: string,
    sub: string,
    options: { cancel?: boolean } = {},
  ): Promise<URL> {
    const jar = new CookieJar()
    let url = new URL(authorizationUrl)
    let init: RequestInit = {}
    for (let hop = 0; hop < 20; hop++) {
      if (!url.href.startsWith(issuer)) return url
      const res = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
      })
      jar.keep(res)
      init = {}
      const location = res.headers.get('location')
      if (location) {
        url = new URL(location, url)
        continue
      }
      const html = await res.text()
      // The visitor cancels at the provider: its abort link, which answers error=access_denied.
      const abort = /href="([^"]*\/abort)"/.exec(html)?.[1]
      if (options.cancel && abort) {
        url = new URL(abort.replaceAll('&amp;', '&'), url)
        continue
      }
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1]
      if (!action || !prompt)
        throw new Error(`the provider answered ${res.status} without a form: ${html.slice(0, 400)}`)
      url = new URL(action.replaceAll('&amp;', '&'), url)
      const fields: Record<string, string> =
        prompt === 'login' ? { prompt, login: sub, password: 'any' } : { prompt }
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      }
    }
    throw new Error('the provider never sent the browser back')
  }

  return {
    issuer,
    clientId,
    clientSecret,
    authorize,
    // Keep-alive connections (Chromium's, and the casetrail server's discovery and token calls)
    // would hold close() open until they idle out: the e2e's afterAll timed out at 60 s on an idle CI run.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
