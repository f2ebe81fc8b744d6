import { createHash, createPublicKey } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type HttpsListener, startHttpsListener } from '../../ingest/index.ts'
import { type TestLeaf, makeCa, makeLeaf, toPfx } from '../support/certificates.ts'
import { launchChromium } from '../../tools/chromium.ts'
import { type TestDnsServer, startDnsServer } from '../support/dns-server.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

/**
 * A portal on its custom domain, over HTTPS, in headless Chromium: the
 * domain is bound through the admin API (CNAME answered by a DNS server on
 * loopback), the browser resolves it to loopback with --host-resolver-rules,
 * and trusts the uploaded certificate's key with
 * --ignore-certificate-errors-spki-list. The page that loads is the portal's,
 * served with the uploaded certificate; a sign-in sets a Secure cookie.
 * Screenshots go to test-artifacts/custom-domain/.
 */

const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/custom-domain')
const HOST = 'help.contoso.example'
const PASSWORD = 'e2e-pfx-password'
let t: PortalTestCore
let dns: TestDnsServer
let https: HttpsListener
let context: BrowserContext
let profileDir: string
let leaf: TestLeaf

/** base64(SHA-256(SubjectPublicKeyInfo)): what --ignore-certificate-errors-spki-list takes. */
const spkiHash = (certPem: string) =>
  createHash('sha256')
    .update(createPublicKey(certPem).export({ type: 'spki', format: 'der' }))
    .digest('base64')

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  dns = await startDnsServer()
  t = await startPortalTestCore({ domains: { dnsServers: [dns.address] } })
  const instance = await t.createInstance()
  const portal = await t.provisionAndWait(instance.id, { subdomain: 'contoso' })
  leaf = makeLeaf({ ca: makeCa(), dnsNames: [HOST] })
  dns.setCname(HOST, 'contoso.localhost')
  const cert = await t.admin<{ id: string }>(
    'POST',
    `/v1/admin/portals/${portal.id}/custom-domain/certificates`,
    {
      pfx: toPfx(leaf.keys.privateKey, [leaf.cert, leaf.ca.cert], PASSWORD).toString('base64'),
      password: PASSWORD,
    },
  )
  const bound = await t.admin('PUT', `/v1/admin/portals/${portal.id}/custom-domain`, {
    certificateId: cert.body.id,
    hostName: HOST,
  })
  expect(bound.status, JSON.stringify(bound.body)).toBe(201)
  https = await startHttpsListener({
    fetch: t.app.fetch,
    port: 0,
    hostname: '127.0.0.1',
    secureContextFor: t.core.domains.secureContextFor,
    log: { info: () => {}, debug: () => {} },
  })
  profileDir = mkdtempSync(join(tmpdir(), 'casetrail-chromium-'))
  context = await launchChromium(profileDir, { viewport: { width: 1100, height: 800 }, locale: 'en-US' }, [
    `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
    `--ignore-certificate-errors-spki-list=${spkiHash(leaf.certPem)}`,
  ])
}, 120_000)

afterAll(async () => {
  await context?.close()
  await https?.close()
  await t?.close()
  await dns?.close()
  t?.remove()
  if (profileDir) rmSync(profileDir, { recursive: true, force: true })
})

describe('a portal on its custom domain in Chromium', () => {
  it('opens over HTTPS with the uploaded certificate, and signs in with a Secure cookie', async () => {
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(err.message))
    const url = `https://${HOST}:${https.port}/`
    const response = await page.goto(url)
    expect(response?.status()).toBe(200)
    const security = await response!.securityDetails()
    expect(security?.subjectName).toBe(HOST)
    expect(security?.issuer).toBe('casetrail Test CA')
    await expect.poll(() => page.locator('a.brand').textContent()).toBe('Contoso Help')
    expect(new URL(page.url()).protocol).toBe('https:')
    await page.screenshot({ path: join(ARTIFACTS, 'home.png'), fullPage: true })

    await page.locator('.who a').click()
    await page.locator('button[data-contact]').first().click()
    await expect.poll(() => page.locator('.who span').textContent()).toMatch(/^Signed in as /)
    const cookie = (await context.cookies(url)).find((c) => c.name === 'casetrail_session')
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, domain: HOST })
    await page.screenshot({ path: join(ARTIFACTS, 'signed-in.png'), fullPage: true })
    expect(problems).toEqual([])
  })
})
