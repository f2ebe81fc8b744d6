import forge from 'node-forge'
import { describe, expect, it } from 'vitest'
import { makeLeaf, opensslPfx } from '../../test/support/certificates.ts'
import { pfxDerivations } from './pfx-iterations.ts'

const asn1Of = (pfx: Buffer) => forge.asn1.fromDer(pfx.toString('binary'))

describe('pfxDerivations', () => {
  const leaf = makeLeaf()

  it('reads the MAC, the encrypted certificates and the shrouded key of an OpenSSL 3 file (PBES2)', () => {
    const pfx = opensslPfx(leaf.certPem, leaf.keyPem, 'pw', undefined, { iter: 4321 })
    expect(pfxDerivations(asn1Of(pfx))).toEqual([
      { use: 'MAC', iterations: 4321 },
      { use: 'certificate encryption', iterations: 4321 },
      { use: 'private key encryption', iterations: 4321 },
    ])
  })

  it('reads a node-forge file (PKCS#12 PBE with 3DES), without the password', () => {
    const asn1 = forge.pkcs12.toPkcs12Asn1(leaf.keys.privateKey, [leaf.cert], 'pw', {
      algorithm: '3des',
      count: 777,
    })
    const uses = pfxDerivations(asn1)
    expect(uses).toContainEqual({ use: 'MAC', iterations: 777 })
    expect(uses).toContainEqual({ use: 'private key encryption', iterations: 777 })
  })
})
