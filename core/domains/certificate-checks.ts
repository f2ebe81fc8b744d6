import type { X509Certificate } from 'node:crypto'
import type { CustomDomainErrorCode } from '../../schemas/index.ts'
import { DomainError } from '../errors.ts'
import { namesCover } from './host-names.ts'
import { type OpenedPfx, signatureAlgorithmOf } from './pfx-reader.ts'

/** The seed's advice about SHA-1 certificates, word for word. */
export const SHA2_ADVICE =
  'Be sure that you are using a SHA2 certificate; SHA1 support is being removed from popular browsers.'

/** The smallest RSA key accepted, in bits. */
export const MIN_RSA_BITS = 2048

/**
 * The largest RSA key accepted, in bits: every TLS handshake for the domain
 * signs with it on the event loop (measured 2 ms at 2048, 14 at 4096, 135 at
 * 8192 bits per signature).
 */
export const MAX_RSA_BITS = 4096

/** Curves accepted for EC keys, with their sizes in bits. */
const CURVES: Readonly<Record<string, number>> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 }

/** Signature algorithms too weak to serve (SHA-1 and older digests). */
const WEAK_SIGNATURE = /^(md2|md4|md5|sha1)With|^ecdsa-with-SHA1$|^dsaWithSHA1$|^sha1With/i

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1'
const ANY_EKU = '2.5.29.37.0'

/** What the checks read from a certificate, and what the API shows of it. */
export interface CertificateFacts {
  subject: string
  subjectAltNames: string[]
  issuer: string
  notBefore: string
  notAfter: string
  thumbprint: string
  fingerprintSha256: string
  keyAlgorithm: 'rsa' | 'ec'
  keySize: number
  curve: string | null
  signatureAlgorithm: string
  /** Extended key usages (OIDs), or null when the certificate names none (any use). */
  extendedKeyUsages: string[] | null
}

/** A certificate's DNS subjectAltNames, in the order written. */
export function dnsNamesOf(cert: X509Certificate): string[] {
  const san = cert.subjectAltName
  if (!san) return []
  return san
    .split(/,\s*(?=[A-Za-z ]+:)/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => {
      const value = entry.slice(4)
      return value.startsWith('"') ? (JSON.parse(value) as string) : value
    })
}

const line = (dn: string): string => dn.split('\n').join(', ')

/** Reads what the checks and the certificate view need from an opened `.pfx`. */
export function factsOf(opened: OpenedPfx): CertificateFacts {
  const { leaf, privateKey } = opened
  const details = privateKey.asymmetricKeyDetails ?? {}
  const type = privateKey.asymmetricKeyType
  if (type !== 'rsa' && type !== 'ec') {
    throw new DomainError(
      'invalid',
      'certificate_key_unsupported',
      `the certificate's key is ${type ?? 'of an unknown type'}; use an RSA (2048 bits or more) or EC (P-256, P-384, P-521) key`,
      'pfx',
    )
  }
  const curve = type === 'ec' ? (details.namedCurve ?? 'unknown') : null
  const ekus = leaf.keyUsage
  return {
    subject: line(leaf.subject),
    subjectAltNames: dnsNamesOf(leaf),
    issuer: line(leaf.issuer),
    notBefore: new Date(leaf.validFrom).toISOString(),
    notAfter: new Date(leaf.validTo).toISOString(),
    thumbprint: leaf.fingerprint.replace(/:/g, ''),
    fingerprintSha256: leaf.fingerprint256,
    keyAlgorithm: type,
    keySize:
      type === 'rsa'
        ? (details.modulusLength ?? 0)
        : (CURVES[curve!] ?? Number(/\d+/.exec(curve!)?.[0] ?? 0)),
    curve,
    signatureAlgorithm: signatureAlgorithmOf(leaf),
    extendedKeyUsages: Array.isArray(ekus) && ekus.length > 0 ? ekus : null,
  }
}

/**
 * Every check a certificate must pass to be uploaded, in the order a person
 * fixes them; the first that fails is thrown with its own code, naming what
 * was found: `certificate_signature_weak` (with the seed's SHA2 advice),
 * `certificate_key_too_small`, `certificate_curve_weak`,
 * `certificate_not_yet_valid`, `certificate_expired`,
 * `certificate_server_auth_missing`, `certificate_chain_incomplete`.
 */
export function checkCertificate(opened: OpenedPfx, facts: CertificateFacts, now: number): void {
  const fail = (code: CustomDomainErrorCode, message: string) =>
    new DomainError('invalid', code, message, 'pfx')
  if (WEAK_SIGNATURE.test(facts.signatureAlgorithm)) {
    throw fail(
      'certificate_signature_weak',
      `the certificate ${facts.subject} is signed with ${facts.signatureAlgorithm}. ${SHA2_ADVICE}`,
    )
  }
  for (const cert of opened.others) {
    const algorithm = signatureAlgorithmOf(cert)
    if (cert.subject !== cert.issuer && WEAK_SIGNATURE.test(algorithm)) {
      throw fail(
        'certificate_signature_weak',
        `the intermediate certificate ${line(cert.subject)} is signed with ${algorithm}. ${SHA2_ADVICE}`,
      )
    }
  }
  if (facts.keyAlgorithm === 'rsa' && facts.keySize < MIN_RSA_BITS) {
    throw fail(
      'certificate_key_too_small',
      `the certificate's RSA key is ${facts.keySize} bits; browsers need at least ${MIN_RSA_BITS} bits`,
    )
  }
  if (facts.keyAlgorithm === 'rsa' && facts.keySize > MAX_RSA_BITS) {
    throw fail(
      'certificate_key_too_large',
      `the certificate's RSA key is ${facts.keySize} bits; at most ${MAX_RSA_BITS} are accepted (every TLS handshake signs with it), or use an EC key`,
    )
  }
  if (facts.keyAlgorithm === 'ec' && !(facts.curve! in CURVES)) {
    throw fail(
      'certificate_curve_weak',
      `the certificate's EC key is on the curve ${facts.curve}; use P-256 (prime256v1), P-384 or P-521`,
    )
  }
  if (now < Date.parse(facts.notBefore)) {
    throw fail(
      'certificate_not_yet_valid',
      `the certificate is not valid yet: it is valid from ${facts.notBefore} to ${facts.notAfter}`,
    )
  }
  if (now > Date.parse(facts.notAfter)) {
    throw fail(
      'certificate_expired',
      `the certificate expired on ${facts.notAfter} (valid from ${facts.notBefore})`,
    )
  }
  const ekus = facts.extendedKeyUsages
  if (ekus && !ekus.includes(SERVER_AUTH) && !ekus.includes(ANY_EKU)) {
    throw fail(
      'certificate_server_auth_missing',
      `the certificate's extended key usage allows ${ekus.join(', ')} but not server authentication (${SERVER_AUTH}); a web server cannot use it`,
    )
  }
  checkChain(opened, fail)
}

/**
 * The chain, where the file lets it be told: when the file carries other
 * certificates, the leaf's issuer must be among them (unless the leaf signed
 * itself), and each link must verify with the next one's key.
 */
function checkChain(
  opened: OpenedPfx,
  fail: (code: CustomDomainErrorCode, message: string) => DomainError,
): void {
  const { leaf, others } = opened
  if (others.length === 0 || leaf.subject === leaf.issuer) return
  let at = leaf
  for (const next of others) {
    if (next.subject !== at.issuer) {
      if (at === leaf) {
        throw fail(
          'certificate_chain_incomplete',
          `the .pfx file carries ${others.length} other certificate(s) (${others.map((c) => line(c.subject)).join('; ')}) but not ${line(leaf.issuer)}, which issued ${line(leaf.subject)}; export it again with the complete chain`,
        )
      }
      return
    }
    if (!at.verify(next.publicKey)) {
      throw fail(
        'certificate_chain_incomplete',
        `${line(at.subject)} names ${line(at.issuer)} as its issuer, but the certificate of that name in the file did not sign it; export the .pfx again with the right chain`,
      )
    }
    if (next.subject === next.issuer) return
    at = next
  }
}

/**
 * Whether a stored certificate may serve a host right now: the host covered
 * by its DNS names (`certificate_host_not_covered`), and still valid
 * (`certificate_expired`, `certificate_not_yet_valid`). Null when it may.
 * A value, not a throw, so the portal checker can report it.
 */
export function certificateProblemFor(
  facts: Pick<CertificateFacts, 'subjectAltNames' | 'notBefore' | 'notAfter' | 'subject'>,
  host: string,
  now: number,
): { code: CustomDomainErrorCode; message: string } | null {
  if (!namesCover(facts.subjectAltNames, host)) {
    return {
      code: 'certificate_host_not_covered',
      message:
        facts.subjectAltNames.length === 0
          ? `the certificate ${facts.subject} names no DNS host in its subjectAltName (browsers do not read the common name), so it does not cover ${host}`
          : `the certificate covers ${facts.subjectAltNames.join(', ')}, not ${host} (a wildcard covers exactly one label)`,
    }
  }
  if (now < Date.parse(facts.notBefore))
    return {
      code: 'certificate_not_yet_valid',
      message: `the certificate is valid only from ${facts.notBefore}`,
    }
  if (now > Date.parse(facts.notAfter))
    return { code: 'certificate_expired', message: `the certificate expired on ${facts.notAfter}` }
  return null
}
