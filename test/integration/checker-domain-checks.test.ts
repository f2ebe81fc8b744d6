import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createRecordRepository } from '../../core/index.ts'
import { type TestCa, makeCa, makeLeaf, toPfx } from '../support/certificates.ts'
import { checkerClient } from '../support/checker-client.ts'
import { expectFailThenPass } from '../support/checker-defects.ts'
import { type TestDnsServer, startDnsServer } from '../support/dns-server.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

/**
 * The Domain and certificate checks on a portal with a real custom domain:
 * CNAMEs answered by a DNS server on loopback, certificates made at test
 * time, and a clock the tests move to bring expiry near.
 */

const DAY = 86_400_000
const PASSWORD = 'pfx-password-for-checker'
const HOST = 'help.adatum.example'
let t: PortalTestCore
let dns: TestDnsServer
let ca: TestCa
let portal: { id: string; subdomain: string }
let checker: ReturnType<typeof checkerClient>
let offset = 0

const upload = async (dnsNames: string[], notAfter = new Date(Date.now() + 90 * DAY)) => {
  const leaf = makeLeaf({ ca, dnsNames, notAfter })
  const res = await t.admin<{ id: string }>(
    'POST',
    `/v1/admin/portals/${portal.id}/custom-domain/certificates`,
    {
      pfx: toPfx(leaf.keys.privateKey, [leaf.cert], PASSWORD).toString('base64'),
      password: PASSWORD,
    },
  )
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${JSON.stringify(res.body)}`)
  return res.body.id
}
const bind = async (certificateId: string) => {
  await t.admin('DELETE', `/v1/admin/portals/${portal.id}/custom-domain`)
  const res = await t.admin('PUT', `/v1/admin/portals/${portal.id}/custom-domain`, {
    certificateId,
    hostName: HOST,
  })
  if (res.status !== 201) throw new Error(`bind answered ${res.status}: ${JSON.stringify(res.body)}`)
}

beforeAll(async () => {
  dns = await startDnsServer()
  // The clock moves 401 days on: the admin's token must outlive it (admin tokens expire after 90 days by default).
  t = await startPortalTestCore({
    domains: { dnsServers: [dns.address] },
    clock: () => Date.now() + offset,
    adminTokenTtlMs: 1000 * DAY,
  })
  ca = makeCa()
  const instanceId = (await t.createInstance({ name: 'Adatum' })).id
  portal = await t.provisionAndWait(instanceId, { subdomain: 'adatum' })
  checker = checkerClient(t, portal.id)
  dns.setCname(HOST, 'adatum.localhost')
  await bind(await upload([HOST]))
})
afterAll(async () => {
  await t?.close()
  await dns?.close()
  t?.remove()
})

describe('Domain and certificate checks', () => {
  it('pass on a portal whose custom domain is sound', async () => {
    const run = await checker.run()
    const domain = run.results.filter((r) => r.category === 'Domain and certificate')
    expect(domain.map((r) => [r.checkId, r.result]).sort()).toEqual([
      ['domain-certificate-expiry', 'pass'],
      ['domain-certificate-host', 'pass'],
      ['domain-cname', 'pass'],
    ])
  })

  it('domain-cname: the CNAME moved to another host (a live lookup), passing once it points back', async () => {
    const before = dns.questions()
    dns.setCname(HOST, 'elsewhere.example.net')
    const failing = await expectFailThenPass(checker, 'domain-cname', {
      fix: async () => dns.setCname(HOST, 'adatum.localhost'),
    })
    expect(failing.details).toBe(`${HOST} is a CNAME to elsewhere.example.net, not to adatum.localhost`)
    expect(dns.questions()).toBeGreaterThan(before)
  })

  it('domain-cname: the CNAME removed altogether', async () => {
    dns.remove(HOST)
    dns.setA(HOST, '192.0.2.10')
    const failing = await expectFailThenPass(checker, 'domain-cname', {
      fix: async () => dns.setCname(HOST, 'adatum.localhost'),
    })
    expect(failing.details).toContain('has no CNAME record')
  })

  it('domain-certificate-expiry: a warning within 30 days of expiry, passing with a renewed certificate', async () => {
    offset = 70 * DAY
    const failing = await expectFailThenPass(checker, 'domain-certificate-expiry', {
      result: 'warning',
      fix: async () => bind(await upload([HOST], new Date(Date.now() + 400 * DAY))),
    })
    expect(failing.details).toMatch(/expires on .*, in (19|20) days/)
  })

  it('domain-certificate-expiry: an error once the certificate has expired', async () => {
    offset = 401 * DAY
    const failing = await expectFailThenPass(checker, 'domain-certificate-expiry', {
      fix: async () => {
        offset = 0
      },
    })
    expect(failing.details).toContain('expired on')
  })

  it('domain-certificate-host: a certificate that does not cover the host, passing once rebound with one that does', async () => {
    const wrong = await upload(['shop.adatum.example'])
    // The wizard refuses such a binding; seed it in the store, as a replaced certificate would leave it.
    const hostNames = createRecordRepository(
      t.core.controlPlane,
      'cp_host_names',
      z.record(z.string(), z.unknown()),
    )
    const record = (await hostNames.get(HOST))!
    await hostNames.put(HOST, { ...record, certificateId: wrong })
    const failing = await expectFailThenPass(checker, 'domain-certificate-host', {
      fix: async () => bind(await upload([HOST, `www.${HOST}`])),
    })
    expect(failing.details).toContain('certificate_host_not_covered')
  })
})
