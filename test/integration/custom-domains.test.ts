import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestCa, makeCa, makeLeaf, toPfx } from '../support/certificates.ts'
import { type TestDnsServer, startDnsServer } from '../support/dns-server.ts'
import { ADMIN_TOKEN, type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

/**
 * The custom domain wizard over the admin API, on a real embedded ClickHouse,
 * with CNAMEs answered by a real DNS server on loopback (dns-packet over
 * UDP) and certificates made at test time.
 */

const PASSWORD = 'pfx-password-used-once'
let t: PortalTestCore
let dns: TestDnsServer
let ca: TestCa
let portal: { id: string; subdomain: string }
let other: { id: string; subdomain: string }
let instanceId: string

const upload = async (pfx: Buffer, password = PASSWORD, portalId = portal.id) =>
  t.admin<{ id: string; thumbprint: string } & Record<string, unknown>>(
    'POST',
    `/v1/admin/portals/${portalId}/custom-domain/certificates`,
    { pfx: pfx.toString('base64'), password },
  )

/** Uploads a certificate for `dnsNames`, issued by the test CA; answers its record. */
const certificateFor = async (dnsNames: string[]) => {
  const leaf = makeLeaf({ ca, dnsNames })
  return (await upload(toPfx(leaf.keys.privateKey, [leaf.cert], PASSWORD))).body
}

/** Asks the wizard to review binding `hostName` to the portal with the certificate. */
const reviewBinding = (certificateId: string, hostName: string) =>
  t.admin('POST', `/v1/admin/portals/${portal.id}/custom-domain/review`, { certificateId, hostName })

beforeAll(async () => {
  dns = await startDnsServer()
  t = await startPortalTestCore({ domains: { dnsServers: [dns.address] } })
  ca = makeCa()
  instanceId = (await t.createInstance()).id
  portal = await t.provisionAndWait(instanceId, { subdomain: 'contoso' })
  other = await t.provisionAndWait(instanceId, { subdomain: 'fabrikam', name: 'Fabrikam Help' })
})

afterAll(async () => {
  await t?.close()
  await dns?.close()
  t?.remove()
})

describe('custom domain wizard', () => {
  it('uploads a certificate and shows what a person checks, never the key or the password', async () => {
    const leaf = makeLeaf({ ca, dnsNames: ['help.contoso.example', 'www.contoso.example'] })
    const res = await upload(toPfx(leaf.keys.privateKey, [leaf.cert, ca.cert], PASSWORD))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      subjectAltNames: ['help.contoso.example', 'www.contoso.example'],
      issuer: 'CN=casetrail Test CA',
      keyAlgorithm: 'rsa',
      keySize: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      fingerprintSha256: leaf.fingerprint256,
      chainLength: 1,
      boundTo: [],
    })
    const text = JSON.stringify(res.body)
    expect(text).not.toContain('PRIVATE KEY')
    expect(text).not.toContain(PASSWORD)
    // At rest: the key is sealed, the password is nowhere, and the generated key file is 0600.
    const docs = JSON.stringify((await t.core.controlPlane.query('SELECT doc FROM cp_certificates')).rows)
    expect(docs).toContain('A256GCM')
    expect(docs).not.toContain('PRIVATE KEY')
    expect(docs).not.toContain(PASSWORD)
    expect(statSync(join(t.dataDir, 'secret.key')).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(t.dataDir, 'secret.key'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/)
    expect(t.logLines.join('')).not.toContain(PASSWORD)
  })

  it('refuses a wrong password with its code and the field', async () => {
    const leaf = makeLeaf({ ca })
    const res = await upload(toPfx(leaf.keys.privateKey, [leaf.cert], PASSWORD), 'wrong')
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: { code: 'certificate_password_incorrect', field: 'password' } })
  })

  it('accepts an upload as multipart/form-data, as curl -F sends it', async () => {
    const leaf = makeLeaf({ ca, dnsNames: ['form.contoso.example'] })
    const form = new FormData()
    form.set(
      'pfx',
      new Blob([new Uint8Array(toPfx(leaf.keys.privateKey, [leaf.cert], PASSWORD))]),
      'site.pfx',
    )
    form.set('password', PASSWORD)
    form.set('name', 'Uploaded from a form')
    const res = await t.app.request(`/v1/admin/portals/${portal.id}/custom-domain/certificates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      body: form,
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({
      name: 'Uploaded from a form',
      subjectAltNames: ['form.contoso.example'],
    })
  })

  it('adds a host name, refusing a portal host and a wildcard', async () => {
    const add = (hostName: string) =>
      t.admin('POST', `/v1/admin/portals/${portal.id}/custom-domain/host-names`, { hostName })
    expect((await add('Help.Contoso.Example.')).body).toMatchObject({
      hostName: 'help.contoso.example',
      portalId: null,
    })
    expect((await add('contoso.localhost')).body).toMatchObject({ error: { code: 'host_name_reserved' } })
    expect((await add('*.contoso.example')).body).toMatchObject({
      error: { code: 'host_name_invalid', field: 'hostName' },
    })
    const list = await t.admin<{ hostNames: Array<{ hostName: string }> }>(
      'GET',
      `/v1/admin/portals/${portal.id}/custom-domain/host-names`,
    )
    expect(list.body.hostNames.map((h) => h.hostName)).toContain('help.contoso.example')
  })

  it('asks for a CNAME when DNS has none, and when it points elsewhere', async () => {
    const cert = await certificateFor(['*.contoso.example'])
    const before = dns.questions()
    const missing = await reviewBinding(cert.id, 'missing.contoso.example')
    expect(missing.status).toBe(409)
    expect(missing.body).toMatchObject({
      error: {
        code: 'cname_missing',
        message: expect.stringContaining('Please add a CNAME record to this domain name.'),
      },
    })
    expect(JSON.stringify(missing.body)).toContain('contoso.localhost')
    expect(JSON.stringify(missing.body)).toContain('Retry after some time passes.')
    expect(dns.questions()).toBeGreaterThan(before)

    dns.setCname('elsewhere.contoso.example', 'fabrikam.localhost')
    const elsewhere = await reviewBinding(cert.id, 'elsewhere.contoso.example')
    expect(elsewhere.body).toMatchObject({
      error: {
        code: 'cname_mismatch',
        message: expect.stringContaining('is a CNAME to fabrikam.localhost, not to contoso.localhost'),
      },
    })

    dns.setA('apex.contoso.example', '192.0.2.1')
    const noCname = await reviewBinding(cert.id, 'apex.contoso.example')
    expect(noCname.body).toMatchObject({ error: { code: 'cname_missing' } })
  })

  it('refuses a host the certificate does not cover: a wildcard covers one label only', async () => {
    const cert = await certificateFor(['*.contoso.example'])
    dns.setCname('a.b.contoso.example', 'contoso.localhost')
    const res = await reviewBinding(cert.id, 'a.b.contoso.example')
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({
      error: { code: 'certificate_host_not_covered', message: expect.stringContaining('*.contoso.example') },
    })
  })

  it('reviews, binds with the seed message, serves the site on the host, and allows one custom domain only', async () => {
    const cert = await certificateFor(['help.contoso.example'])
    dns.setCname('help.contoso.example', 'contoso.localhost.')
    const review = await reviewBinding(cert.id, 'help.contoso.example')
    expect(review.status).toBe(200)
    expect(review.body).toMatchObject({ cnameTarget: 'contoso.localhost', cnameFound: ['contoso.localhost'] })

    // Before binding, the host is no portal: it is the API.
    expect(await (await t.app.request('http://help.contoso.example/')).text()).not.toContain('Contoso Help')

    const bound = await t.admin<{ message: string; link: { href: string }; binding: { hostName: string } }>(
      'PUT',
      `/v1/admin/portals/${portal.id}/custom-domain`,
      { certificateId: cert.id, hostName: 'help.contoso.example' },
    )
    expect(bound.status).toBe(201)
    expect(bound.body.message).toBe(
      'Custom Domain name has been successfully configured for this Portal. You can now go to help.contoso.example to access this portal.',
    )
    expect(bound.body.link).toEqual({ text: 'help.contoso.example', href: 'http://help.contoso.example' })

    const page = await t.app.request('http://help.contoso.example/')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Contoso Help')

    const got = await t.admin('GET', `/v1/admin/portals/${portal.id}/custom-domain`)
    expect(got.body).toMatchObject({
      hostName: 'help.contoso.example',
      certificate: { id: cert.id, boundTo: ['help.contoso.example'] },
    })

    dns.setCname('www.contoso.example', 'contoso.localhost')
    const second = await t.admin('PUT', `/v1/admin/portals/${portal.id}/custom-domain`, {
      certificateId: cert.id,
      hostName: 'www.contoso.example',
    })
    expect(second.status).toBe(409)
    expect(second.body).toMatchObject({
      error: {
        code: 'custom_domain_limit_reached',
        message: expect.stringContaining('You can only have one custom domain name for a portal.'),
      },
    })

    // Another portal cannot take the host.
    dns.setCname('help.contoso.example', 'fabrikam.localhost')
    const taken = await t.admin('PUT', `/v1/admin/portals/${other.id}/custom-domain`, {
      certificateId: cert.id,
      hostName: 'help.contoso.example',
    })
    expect(taken.body).toMatchObject({ error: { code: 'host_name_in_use' } })
    dns.setCname('help.contoso.example', 'contoso.localhost')

    // Nor add it as a host name of its own: 409, and nothing of the other portal's record.
    const added = await t.admin('POST', `/v1/admin/portals/${other.id}/custom-domain/host-names`, {
      hostName: 'help.contoso.example',
    })
    expect(added.status).toBe(409)
    expect(added.body).toMatchObject({ error: { code: 'host_name_in_use', field: 'hostName' } })
    expect(JSON.stringify(added.body)).not.toContain(portal.id)
    expect(JSON.stringify(added.body)).not.toContain(cert.id)
    const offered = await t.admin('GET', `/v1/admin/portals/${other.id}/custom-domain/host-names`)
    expect(JSON.stringify(offered.body)).not.toContain('help.contoso.example')
    // Adding it again to the portal that holds it is the idempotent answer it was.
    const again = await t.admin('POST', `/v1/admin/portals/${portal.id}/custom-domain/host-names`, {
      hostName: 'help.contoso.example',
    })
    expect(again.status).toBe(201)

    // A bound certificate cannot be removed.
    const remove = await t.admin('DELETE', `/v1/admin/certificates/${cert.id}`)
    expect(remove.body).toMatchObject({ error: { code: 'certificate_in_use' } })
  })

  it('changes the domain by removing the binding and running the flow again', async () => {
    expect((await t.admin('DELETE', `/v1/admin/portals/${portal.id}/custom-domain`)).status).toBe(204)
    expect(await (await t.app.request('http://help.contoso.example/')).text()).not.toContain('Contoso Help')
    const gone = await t.admin('GET', `/v1/admin/portals/${portal.id}/custom-domain`)
    expect(gone.body).toMatchObject({ error: { code: 'custom_domain_not_configured' } })
    const certs = await t.admin<{ certificates: Array<{ id: string; subjectAltNames: string[] }> }>(
      'GET',
      `/v1/admin/portals/${portal.id}/custom-domain/certificates`,
    )
    const cert = await certificateFor(['www.contoso.example'])
    expect(certs.body.certificates.length).toBeGreaterThan(0)
    const again = await t.admin('PUT', `/v1/admin/portals/${portal.id}/custom-domain`, {
      certificateId: cert.id,
      hostName: 'www.contoso.example',
    })
    expect(again.status).toBe(201)
    expect((await t.app.request('http://www.contoso.example/')).status).toBe(200)
  })

  it('keeps the wizard for those who may manage the portal (the seed 403 for others)', async () => {
    const stranger = await t.createUser('Stranger', [])
    const res = await t.call(
      stranger.token,
      'GET',
      `/v1/admin/portals/${portal.id}/custom-domain/certificates`,
    )
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ error: { code: 'portal_manage_forbidden' } })
    const tenant = await t.call(stranger.token, 'GET', '/v1/admin/certificates')
    expect(tenant.status).toBe(403)
    const unauthenticated = await t.app.request(`/v1/admin/portals/${portal.id}/custom-domain`)
    expect(unauthenticated.status).toBe(401)
  })
})
