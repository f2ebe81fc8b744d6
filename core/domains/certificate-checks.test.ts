import { describe, expect, it } from 'vitest'
import {
  type TestLeaf,
  makeCa,
  makeLeaf,
  opensslEcPfx,
  opensslPfx,
  rsaKeys,
  toPfx,
} from '../../test/support/certificates.ts'
import { SHA2_ADVICE, certificateProblemFor, checkCertificate, factsOf } from './certificate-checks.ts'
import { nameCovers, normaliseHostName } from './host-names.ts'
import { openPfx } from './pfx-reader.ts'

const DAY = 86_400_000
const PASSWORD = 'correct horse'
const pfxOf = (leaf: TestLeaf, extra: TestLeaf['cert'][] = []) =>
  toPfx(leaf.keys.privateKey, [leaf.cert, ...extra], PASSWORD)

/** Opens and checks a .pfx; answers the refusal's code and message, or the facts. */
async function check(pfx: Buffer, password = PASSWORD) {
  try {
    const opened = await openPfx(pfx, password)
    const facts = factsOf(opened)
    checkCertificate(opened, facts, Date.now())
    return { ok: true as const, facts }
  } catch (err) {
    const e = err as { code?: string; message: string }
    return { ok: false as const, code: e.code, message: e.message }
  }
}

describe('certificate checks', () => {
  const ca = makeCa()

  it('accepts a SHA-256, 2048-bit, current server certificate and reads its facts', async () => {
    const leaf = makeLeaf({ ca, dnsNames: ['shop.example.com', 'www.example.com'] })
    const result = await check(pfxOf(leaf, [ca.cert]))
    expect(result).toMatchObject({
      ok: true,
      facts: {
        subjectAltNames: ['shop.example.com', 'www.example.com'],
        keyAlgorithm: 'rsa',
        keySize: 2048,
        signatureAlgorithm: 'sha256WithRSAEncryption',
        fingerprintSha256: leaf.fingerprint256,
      },
    })
  })

  it('opens a .pfx written by the openssl command line (AES-256, PBKDF2, SHA-256 MAC)', async () => {
    const leaf = makeLeaf({ ca })
    const result = await check(opensslPfx(leaf.certPem, leaf.keyPem, PASSWORD, ca.pem))
    expect(result).toMatchObject({ ok: true, facts: { fingerprintSha256: leaf.fingerprint256 } })
  })

  it('refuses a wrong password with its own code', async () => {
    expect(await check(pfxOf(makeLeaf({ ca })), 'not the password')).toMatchObject({
      ok: false,
      code: 'certificate_password_incorrect',
    })
  })

  it('refuses a file that is not PKCS#12', async () => {
    expect(await check(Buffer.from('-----BEGIN CERTIFICATE-----'))).toMatchObject({
      ok: false,
      code: 'certificate_unreadable',
    })
  })

  it('refuses a .pfx without a private key, naming the certificate', async () => {
    const leaf = makeLeaf({ ca, dnsNames: ['nokey.example.com'] })
    const result = await check(toPfx(null, [leaf.cert], PASSWORD))
    expect(result).toMatchObject({ ok: false, code: 'certificate_private_key_missing' })
    expect(result.ok ? '' : result.message).toContain('nokey.example.com')
  })

  it('refuses a key that does not belong to the certificate', async () => {
    const leaf = makeLeaf({ ca, dnsNames: ['mismatch.example.com'] })
    const other = rsaKeys()
    const result = await check(toPfx(other.privateKey, [leaf.cert], PASSWORD))
    expect(result).toMatchObject({ ok: false, code: 'certificate_key_mismatch' })
    expect(result.ok ? '' : result.message).toContain('mismatch.example.com')
  })

  it('refuses a SHA-1 signature with the seed advice', async () => {
    const result = await check(pfxOf(makeLeaf({ ca, digest: 'sha1' })))
    expect(result).toMatchObject({ ok: false, code: 'certificate_signature_weak' })
    expect(result.ok ? '' : result.message).toContain('sha1WithRSAEncryption')
    expect(result.ok ? '' : result.message).toContain(SHA2_ADVICE)
  })

  it('refuses a 1024-bit RSA key, naming its size', async () => {
    const result = await check(pfxOf(makeLeaf({ ca, bits: 1024 })))
    expect(result).toMatchObject({ ok: false, code: 'certificate_key_too_small' })
    expect(result.ok ? '' : result.message).toContain('1024 bits')
  })

  it('refuses an RSA key over 4096 bits: each TLS handshake would sign with it on the event loop', async () => {
    const result = await check(pfxOf(makeLeaf({ ca, bits: 4608 })))
    expect(result).toMatchObject({ ok: false, code: 'certificate_key_too_large' })
    expect(result.ok ? '' : result.message).toContain('4608 bits')
  })

  it('refuses an expired certificate, naming when it expired', async () => {
    const notAfter = new Date(Date.now() - 2 * DAY)
    const result = await check(pfxOf(makeLeaf({ ca, notBefore: new Date(Date.now() - 30 * DAY), notAfter })))
    expect(result).toMatchObject({ ok: false, code: 'certificate_expired' })
    expect(result.ok ? '' : result.message).toContain(notAfter.toISOString().slice(0, 10))
  })

  it('refuses a certificate not valid yet, naming when it starts', async () => {
    const notBefore = new Date(Date.now() + 5 * DAY)
    const result = await check(pfxOf(makeLeaf({ ca, notBefore, notAfter: new Date(Date.now() + 60 * DAY) })))
    expect(result).toMatchObject({ ok: false, code: 'certificate_not_yet_valid' })
    expect(result.ok ? '' : result.message).toContain(notBefore.toISOString().slice(0, 10))
  })

  it('refuses an extended key usage without server authentication', async () => {
    const result = await check(
      pfxOf(makeLeaf({ ca, extKeyUsage: { clientAuth: true, emailProtection: true } })),
    )
    expect(result).toMatchObject({ ok: false, code: 'certificate_server_auth_missing' })
  })

  it('accepts a certificate with no extended key usage at all', async () => {
    expect(await check(pfxOf(makeLeaf({ ca, extKeyUsage: null })))).toMatchObject({ ok: true })
  })

  it('refuses a chain whose intermediates do not include the leaf issuer', async () => {
    const leaf = makeLeaf({ ca })
    const stranger = makeCa('Some Other CA')
    const result = await check(pfxOf(leaf, [stranger.cert]))
    expect(result).toMatchObject({ ok: false, code: 'certificate_chain_incomplete' })
    expect(result.ok ? '' : result.message).toContain('casetrail Test CA')
  })

  it('accepts a P-256 key and refuses a weak curve', async () => {
    expect(await check(opensslEcPfx('prime256v1', 'ec.example.com', PASSWORD))).toMatchObject({
      ok: true,
      facts: {
        keyAlgorithm: 'ec',
        curve: 'prime256v1',
        keySize: 256,
        signatureAlgorithm: 'ecdsa-with-SHA256',
      },
    })
    expect(await check(opensslEcPfx('secp192k1', 'ec.example.com', PASSWORD))).toMatchObject({
      ok: false,
      code: 'certificate_curve_weak',
    })
  })
})

describe('host coverage', () => {
  it('matches wildcards as browsers do: one whole label only', async () => {
    expect(nameCovers('*.example.com', 'shop.example.com')).toBe(true)
    expect(nameCovers('*.example.com', 'a.shop.example.com')).toBe(false)
    expect(nameCovers('*.example.com', 'example.com')).toBe(false)
    expect(nameCovers('*.com', 'example.com')).toBe(false)
    expect(nameCovers('Shop.Example.com', 'shop.example.com')).toBe(true)
  })

  it('says which names a certificate covers when a host is not one of them', async () => {
    const facts = {
      subject: 'CN=shop.example.com',
      subjectAltNames: ['*.example.com'],
      notBefore: new Date(Date.now() - DAY).toISOString(),
      notAfter: new Date(Date.now() + DAY).toISOString(),
    }
    expect(certificateProblemFor(facts, 'help.example.com', Date.now())).toBeNull()
    expect(certificateProblemFor(facts, 'help.eu.example.com', Date.now())).toMatchObject({
      code: 'certificate_host_not_covered',
      message: expect.stringContaining('*.example.com'),
    })
  })

  it('normalises host names and refuses what cannot be one', async () => {
    expect(normaliseHostName('Shop.Example.COM.')).toBe('shop.example.com')
    expect(normaliseHostName('bücher.example')).toBe('xn--bcher-kva.example')
    for (const bad of [
      '*.example.com',
      '10.0.0.1',
      'localhost',
      'https://a.example.com',
      'a.example.com:8443',
      '-a.example.com',
    ]) {
      expect(() => normaliseHostName(bad), bad).toThrow(
        expect.objectContaining({ code: 'host_name_invalid' }),
      )
    }
  })
})
