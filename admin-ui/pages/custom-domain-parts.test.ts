import { describe, expect, it } from 'vitest'
import { makeCa, makeLeaf } from '../../test/support/certificates.ts'
import { isSelfSigned } from './custom-domain-parts.tsx'

describe('isSelfSigned', () => {
  it('warns of a certificate that signs itself, not of one a CA issued', () => {
    const ca = makeCa()
    const leaf = makeLeaf({ ca, dnsNames: ['help.contoso.example'] })
    const dn = (cert: typeof ca.cert, part: 'subject' | 'issuer') =>
      cert[part].attributes.map((a) => `${a.shortName}=${a.value}`).join(', ')
    expect(
      isSelfSigned({ subject: dn(ca.cert, 'subject'), issuer: dn(ca.cert, 'issuer'), chainLength: 0 }),
    ).toBe(true)
    expect(
      isSelfSigned({ subject: dn(leaf.cert, 'subject'), issuer: dn(leaf.cert, 'issuer'), chainLength: 1 }),
    ).toBe(false)
    expect(
      isSelfSigned({ subject: dn(leaf.cert, 'subject'), issuer: dn(leaf.cert, 'issuer'), chainLength: 0 }),
    ).toBe(false)
  })
})
