import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { loadOrCreateSecretKey, secretKeyId } from '../../core/testing.ts'
import type { ControlPlaneDb } from '../../core/testing.ts'
import { makeLeaf, toPfx } from '../support/certificates.ts'
import { startDnsServer } from '../support/dns-server.ts'
import { startPortalTestCore } from '../support/portal-fixtures.ts'
import { tempDataDir } from '../support/test-core.ts'

/**
 * Rotating CASETRAIL_SECRET_KEY: with the old key in
 * CASETRAIL_SECRET_KEY_PREVIOUS, the start opens what the old key sealed
 * (hub keys, a portal's bound key and site secret, a certificate's private
 * key) and seals all of it again with the new one; from then on the new key
 * alone opens the data and the old one no longer does.
 */

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const rawDocs = async (db: ControlPlaneDb, table: string): Promise<string> =>
  (await db.query<{ doc: string }>(`SELECT doc::text AS doc FROM ${table}`)).rows.map((r) => r.doc).join('\n')

const kidsIn = (text: string): string[] => [
  ...new Set([...text.matchAll(/"kid":"([0-9a-f]+)"/g)].map((m) => m[1]!)),
]

describe('secret key rotation', () => {
  it('seals every secret again with the new key when the old one is given as previous', {
    timeout: 120_000,
  }, async () => {
    const dataDir = tempDataDir()
    dirs.push(dataDir)
    const dns = await startDnsServer()
    const domains = { dnsServers: [dns.address] }
    try {
      // Written under the generated key (the data dir's secret.key).
      const first = await startPortalTestCore({ dataDir, domains })
      const oldKey = loadOrCreateSecretKey(dataDir).key
      const instance = await first.createInstance()
      const hub = await first.createHub('Rotated')
      const key = hub.keys[0]!
      const portal = await first.provisionAndWait(instance.id, {
        subdomain: 'rotated',
        hub: { hubId: hub.id, keyName: key.keyName, key: key.primaryKey },
      })
      const leaf = makeLeaf({ dnsNames: ['help.rotated.example'] })
      dns.setCname('help.rotated.example', 'rotated.localhost')
      const cert = await first.admin<{ id: string }>(
        'POST',
        `/v1/admin/portals/${portal.id}/custom-domain/certificates`,
        { pfx: toPfx(leaf.keys.privateKey, [leaf.cert], 'pw').toString('base64'), password: 'pw' },
      )
      expect(cert.status).toBe(201)
      const bound = await first.admin('PUT', `/v1/admin/portals/${portal.id}/custom-domain`, {
        certificateId: cert.body.id,
        hostName: 'help.rotated.example',
      })
      expect(bound.status).toBe(201)
      for (const table of ['cp_hubs', 'cp_portals', 'cp_certificates'])
        expect(kidsIn(await rawDocs(first.core.controlPlane, table))).toEqual([secretKeyId(oldKey)])
      await first.close()

      const newKey = randomBytes(32)
      // The new key alone cannot open what the old one sealed.
      await expect(startPortalTestCore({ dataDir, domains, secretKey: newKey })).rejects.toMatchObject({
        code: 'secret_key_mismatch',
      })

      // With the old key as previous: everything opens, and is sealed again with the new key.
      const rotating = await startPortalTestCore({
        dataDir,
        domains,
        secretKey: newKey,
        previousSecretKeys: [oldKey],
      })
      try {
        expect(rotating.logLines.join('')).toContain('sealed secrets again with the current secret key')
        for (const table of ['cp_hubs', 'cp_portals', 'cp_certificates']) {
          const docs = await rawDocs(rotating.core.controlPlane, table)
          expect(kidsIn(docs)).toEqual([secretKeyId(newKey)])
          expect(docs).not.toContain(key.primaryKey)
          expect(docs).not.toContain('PRIVATE KEY')
        }
        expect((await rotating.core.hubs.get(hub.id)).keys[0]!.primaryKey).toBe(key.primaryKey)
        expect(rotating.core.domains.secureContextFor('help.rotated.example')).not.toBeNull()
      } finally {
        await rotating.close()
      }

      // Given again, the old key is named as no longer needed.
      const again = await startPortalTestCore({
        dataDir,
        domains,
        secretKey: newKey,
        previousSecretKeys: [oldKey],
      })
      try {
        expect(again.logLines.join('')).toContain('CASETRAIL_SECRET_KEY_PREVIOUS can be removed')
        expect(again.logLines.join('')).not.toContain('sealed secrets again')
      } finally {
        await again.close()
      }

      // The new key alone now opens it all: hub keys, the portal's binding, the certificate.
      const after = await startPortalTestCore({ dataDir, domains, secretKey: newKey })
      try {
        expect((await after.core.hubs.get(hub.id)).keys[0]!.secondaryKey).toBe(key.secondaryKey)
        expect(after.core.domains.secureContextFor('help.rotated.example')).not.toBeNull()
        expect((await after.app.request('http://help.rotated.example/')).status).toBe(200)
      } finally {
        await after.close()
      }

      // …and the old key (still in secret.key) no longer does.
      await expect(startPortalTestCore({ dataDir, domains })).rejects.toMatchObject({
        code: 'secret_key_mismatch',
      })
    } finally {
      await dns.close()
    }
  })
})
