import { request as httpsRequest } from 'node:https'
import { connect } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type HttpsListener, startHttpsListener } from '../../ingest/index.ts'
import { type TestCa, type TestLeaf, makeCa, makeLeaf, toPfx } from '../support/certificates.ts'
import { type TestDnsServer, startDnsServer } from '../support/dns-server.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

/**
 * The HTTPS listener for real: a TLS handshake with SNI gets the certificate
 * uploaded for that custom domain (same SHA-256 fingerprint, trusted through
 * the test CA), the portal's page comes over HTTPS with a Secure session
 * cookie, a new binding is served without a restart, and a name no binding
 * serves is refused during the handshake.
 */

const PASSWORD = 'tls-test-password'
let t: PortalTestCore
let dns: TestDnsServer
let https: HttpsListener
let ca: TestCa
let portal: { id: string; subdomain: string }
let portalB: { id: string; subdomain: string }

/** The certificate a TLS handshake with `servername` gets, trusted only through the test CA. */
const handshake = (servername: string | undefined) =>
  new Promise<{ fingerprint256: string; authorized: boolean }>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: https.port, servername, ca: [ca.pem] }, () => {
      const cert = socket.getPeerX509Certificate()
      resolve({ fingerprint256: cert?.fingerprint256 ?? '', authorized: socket.authorized })
      socket.end()
    })
    socket.once('error', reject)
  })

/** An HTTPS request to the listener for `host`, trusting the test CA. */
const get = (
  host: string,
  path: string,
  init: { method?: string; body?: string; cookie?: string; servername?: string; authorization?: string } = {},
) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: https.port,
          servername: init.servername ?? host,
          ca: [ca.pem],
          method: init.method ?? 'GET',
          path,
          headers: {
            host: `${host}:${https.port}`,
            ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
            ...(init.cookie ? { cookie: init.cookie } : {}),
            ...(init.authorization ? { authorization: init.authorization } : {}),
          },
        },
        (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            body += chunk
          })
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
        },
      )
      req.once('error', reject)
      req.end(init.body)
    },
  )

async function bind(portalId: string, hostName: string, leaf: TestLeaf) {
  const cert = await t.admin<{ id: string }>(
    'POST',
    `/v1/admin/portals/${portalId}/custom-domain/certificates`,
    {
      pfx: toPfx(leaf.keys.privateKey, [leaf.cert], PASSWORD).toString('base64'),
      password: PASSWORD,
    },
  )
  expect(cert.status).toBe(201)
  const res = await t.admin('PUT', `/v1/admin/portals/${portalId}/custom-domain`, {
    certificateId: cert.body.id,
    hostName,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
}

beforeAll(async () => {
  dns = await startDnsServer()
  t = await startPortalTestCore({ domains: { dnsServers: [dns.address] } })
  ca = makeCa()
  const instance = await t.createInstance()
  portal = await t.provisionAndWait(instance.id, { subdomain: 'contoso' })
  portalB = await t.provisionAndWait(instance.id, { subdomain: 'portb' })
  https = await startHttpsListener({
    fetch: t.app.fetch,
    port: 0,
    hostname: '127.0.0.1',
    secureContextFor: t.core.domains.secureContextFor,
    log: { info: () => {}, debug: () => {} },
  })
})

afterAll(async () => {
  await https?.close()
  await t?.close()
  await dns?.close()
  t?.remove()
})

describe('HTTPS on custom domains', () => {
  it('refuses a name no binding serves during the handshake, and a client sending no name', async () => {
    // A TLS alert (handshake_failure), not a dropped connection.
    await expect(handshake('help.contoso.example')).rejects.toThrow(/alert handshake failure/)
    await expect(handshake(undefined)).rejects.toThrow(/alert handshake failure/)
  })

  it('serves the uploaded certificate by SNI and the portal page over HTTPS with a Secure cookie', async () => {
    const leaf = makeLeaf({ ca, dnsNames: ['help.contoso.example'] })
    dns.setCname('help.contoso.example', 'contoso.localhost')
    await bind(portal.id, 'help.contoso.example', leaf)

    const tls = await handshake('help.contoso.example')
    expect(tls.fingerprint256).toBe(leaf.fingerprint256)
    expect(tls.authorized).toBe(true)

    const home = await get('help.contoso.example', '/')
    expect(home.status).toBe(200)
    expect(home.body).toContain('Contoso Help')

    const signInPage = await get('help.contoso.example', '/signin')
    const contactId = /data-contact="([0-9a-f-]{36})"/.exec(signInPage.body)?.[1]
    expect(contactId).toBeDefined()
    // The sign-in page's form cookie and token go back with the form (issue 20 item 7); the form cookie is Secure too.
    const formCookie = /casetrail_form=[^;]+/.exec(String(signInPage.headers['set-cookie']))?.[0]
    expect(String(signInPage.headers['set-cookie'])).toMatch(/casetrail_form=[^;]+;.*Secure/i)
    const csrf = /name="csrf" value="([^"]+)"/.exec(signInPage.body)?.[1]
    const signedIn = await get('help.contoso.example', '/signin', {
      method: 'POST',
      body: `contactId=${contactId}&next=/&csrf=${csrf}`,
      cookie: formCookie,
    })
    expect(signedIn.status).toBe(303)
    const cookie = String(signedIn.headers['set-cookie'])
    expect(cookie).toMatch(/casetrail_session=/)
    expect(cookie).toMatch(/;\s*Secure/i)
  })

  it('serves a new binding without a restart, and stops serving a removed one', async () => {
    expect((await t.admin('DELETE', `/v1/admin/portals/${portal.id}/custom-domain`)).status).toBe(204)
    await expect(handshake('help.contoso.example')).rejects.toThrow(/alert handshake failure/)

    const leaf = makeLeaf({ ca, dnsNames: ['support.contoso.example'] })
    dns.setCname('support.contoso.example', 'contoso.localhost')
    await bind(portal.id, 'support.contoso.example', leaf)
    expect((await handshake('support.contoso.example')).fingerprint256).toBe(leaf.fingerprint256)
    expect((await get('support.contoso.example', '/')).status).toBe(200)
  })

  it('answers 421 when the Host names another site than the TLS handshake did', async () => {
    // A connection made for help.fabrikam.example (its certificate, by SNI) ...
    const leaf = makeLeaf({ ca, dnsNames: ['help.fabrikam.example'] })
    dns.setCname('help.fabrikam.example', 'portb.localhost')
    await bind(portalB.id, 'help.fabrikam.example', leaf)
    expect((await get('help.fabrikam.example', '/')).status).toBe(200)

    // ... asking for another portal's site, for the API, or for the console is misdirected.
    for (const host of ['contoso.localhost', 'localhost', 'support.contoso.example']) {
      const res = await get(host, '/v1/admin/hubs', {
        servername: 'help.fabrikam.example',
        authorization: 'Bearer portal-test-admin-token-0123456789',
      })
      expect(res.status, `${host}: ${res.body}`).toBe(421)
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'misdirected_request' } })
      expect((await get(host, '/', { servername: 'help.fabrikam.example' })).status).toBe(421)
    }
    // The Host's case and a trailing dot are the same name.
    expect((await get('Help.Fabrikam.Example.', '/', { servername: 'help.fabrikam.example' })).status).toBe(
      200,
    )
  })
})
