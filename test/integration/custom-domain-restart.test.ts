import { randomBytes } from 'node:crypto'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { makeLeaf, toPfx } from '../support/certificates.ts'
import { startDnsServer } from '../support/dns-server.ts'
import { startPortalTestCore } from '../support/portal-fixtures.ts'
import { tempDataDir } from '../support/test-core.ts'

/**
 * Custom domains across restarts: a binding is served again after a restart
 * (the generated secret key is reused), and a data directory whose key was
 * replaced refuses to start (its hub and portal keys are sealed with the old
 * key) with one line naming CASETRAIL_SECRET_KEY and no key material.
 */

const dataDir = tempDataDir()
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('custom domains across restarts', () => {
  // Three opens of the store and a provisioning: give it the time the e2e suites get.
  it('serves a binding again after a restart, and refuses a replaced secret key', {
    timeout: 90_000,
  }, async () => {
    const dns = await startDnsServer()
    try {
      const first = await startPortalTestCore({ dataDir, domains: { dnsServers: [dns.address] } })
      const instance = await first.createInstance()
      const portal = await first.provisionAndWait(instance.id, { subdomain: 'contoso' })
      const leaf = makeLeaf({ dnsNames: ['help.contoso.example'] })
      dns.setCname('help.contoso.example', 'contoso.localhost')
      const cert = await first.admin<{ id: string }>(
        'POST',
        `/v1/admin/portals/${portal.id}/custom-domain/certificates`,
        {
          pfx: toPfx(leaf.keys.privateKey, [leaf.cert], 'pw').toString('base64'),
          password: 'pw',
        },
      )
      const bound = await first.admin('PUT', `/v1/admin/portals/${portal.id}/custom-domain`, {
        certificateId: cert.body.id,
        hostName: 'help.contoso.example',
      })
      expect(bound.status).toBe(201)
      await first.close()

      const second = await startPortalTestCore({ dataDir, domains: { dnsServers: [dns.address] } })
      expect(second.core.domains.hosts()).toEqual(['help.contoso.example'])
      expect(second.core.domains.secureContextFor('help.contoso.example')).not.toBeNull()
      expect((await second.app.request('http://help.contoso.example/')).status).toBe(200)
      await second.close()

      writeFileSync(join(dataDir, 'secret.key'), `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 })
      const third = await startPortalTestCore({ dataDir, domains: { dnsServers: [dns.address] } }).then(
        () => null,
        (e: unknown) => e as Error & { code?: string },
      )
      expect(third?.code).toBe('secret_key_mismatch')
      expect(third?.message).toContain('CASETRAIL_SECRET_KEY')
      expect(third?.message).not.toContain('PRIVATE KEY')
    } finally {
      await dns.close()
    }
  })
})
