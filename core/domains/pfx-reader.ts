import { type KeyObject, X509Certificate, createPrivateKey } from 'node:crypto'
import forge from 'node-forge'
import { DomainError } from '../errors.ts'

/** What a `.pfx` file holds once opened: the leaf, the rest of the chain, and the private key. */
export interface OpenedPfx {
  /** The certificate the private key belongs to. */
  leaf: X509Certificate
  /** The other certificates in the file, ordered leaf-upward where they link, the rest after. */
  others: X509Certificate[]
  privateKey: KeyObject
  /** The private key as PKCS#8 PEM (sealed before it is stored). */
  keyPem: string
}

const toBuffer = (bytes: string): Buffer => Buffer.from(bytes, 'binary')

/** A certificate bag's DER: forge parses RSA certificates, and leaves others (EC) as ASN.1. */
function certificateDer(bag: forge.pkcs12.Bag): Buffer {
  // certificateToAsn1 reuses the TBSCertificate forge captured, so the bytes (and signature) are the file's.
  const node = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : (bag.asn1 as forge.asn1.Asn1)
  return toBuffer(forge.asn1.toDer(node).getBytes())
}

/** A key bag's private key as PKCS#8 PEM: forge parses RSA keys, and leaves others (EC) as PrivateKeyInfo. */
function keyPemOf(bag: forge.pkcs12.Bag): string {
  if (bag.key) {
    const info = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey))
    return forge.pki.privateKeyInfoToPem(info)
  }
  return forge.pki.privateKeyInfoToPem(bag.asn1 as forge.asn1.Asn1)
}

const subjectLine = (cert: X509Certificate): string => cert.subject.split('\n').join(', ')

/**
 * Opens a PKCS#12 (`.pfx`) file with its password. node-forge reads the
 * container (Node's crypto cannot read PKCS#12); Node's `X509Certificate` and
 * `KeyObject` take over from there. Refusals, each with its code:
 * `certificate_unreadable` (not a PKCS#12 file), `certificate_password_incorrect`,
 * `certificate_missing` (no certificate inside), `certificate_private_key_missing`,
 * `certificate_key_mismatch` (no certificate in the file belongs to the key).
 * The password is used here and nowhere else.
 */
export function openPfx(pfx: Buffer, password: string): OpenedPfx {
  let asn1: forge.asn1.Asn1
  try {
    asn1 = forge.asn1.fromDer(pfx.toString('binary'))
  } catch (err) {
    throw new DomainError(
      'invalid',
      'certificate_unreadable',
      `the file is not a PKCS#12 (.pfx) file: ${(err as Error).message}`,
      'pfx',
    )
  }
  let p12: forge.pkcs12.Pkcs12Pfx
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password)
  } catch (err) {
    const message = (err as Error).message
    // forge has no error codes; its MAC failure is the one message that means "wrong password".
    if (/MAC could not be verified|invalid password/i.test(message)) {
      throw new DomainError(
        'invalid',
        'certificate_password_incorrect',
        'the password does not open this .pfx file; enter the password the certificate was exported with',
        'password',
      )
    }
    throw new DomainError(
      'invalid',
      'certificate_unreadable',
      `the .pfx file cannot be read: ${message}`,
      'pfx',
    )
  }
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ??
      []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ]
  let certs: X509Certificate[]
  try {
    certs = certBags.map((b) => new X509Certificate(certificateDer(b)))
  } catch (err) {
    throw new DomainError(
      'invalid',
      'certificate_unreadable',
      `a certificate in the .pfx file cannot be read: ${(err as Error).message}`,
      'pfx',
    )
  }
  if (certs.length === 0) {
    throw new DomainError('invalid', 'certificate_missing', 'the .pfx file holds no certificate', 'pfx')
  }
  if (keyBags.length === 0) {
    throw new DomainError(
      'invalid',
      'certificate_private_key_missing',
      `the .pfx file holds ${certs.length === 1 ? `the certificate ${subjectLine(certs[0]!)}` : `${certs.length} certificates`} but no private key; export it again with its private key`,
      'pfx',
    )
  }
  let keyPem: string
  let privateKey: KeyObject
  try {
    keyPem = keyPemOf(keyBags[0]!)
    privateKey = createPrivateKey(keyPem)
  } catch (err) {
    throw new DomainError(
      'invalid',
      'certificate_unreadable',
      `the private key in the .pfx file cannot be read: ${(err as Error).message}`,
      'pfx',
    )
  }
  const leaf = certs.find((c) => {
    try {
      return c.checkPrivateKey(privateKey)
    } catch {
      return false
    }
  })
  if (!leaf) {
    throw new DomainError(
      'invalid',
      'certificate_key_mismatch',
      `the private key in the .pfx file does not belong to ${certs.length === 1 ? 'its certificate' : 'any of its certificates'} (${certs.map(subjectLine).join('; ')})`,
      'pfx',
    )
  }
  // Order the rest leaf-upward by issuer, so the chain is served in the order TLS wants.
  const rest = certs.filter((c) => c !== leaf)
  const ordered: X509Certificate[] = []
  let at = leaf
  for (;;) {
    const next = rest.find((c) => !ordered.includes(c) && c.subject === at.issuer && c !== at)
    if (!next) break
    ordered.push(next)
    at = next
    if (next.subject === next.issuer) break
  }
  return { leaf, others: [...ordered, ...rest.filter((c) => !ordered.includes(c))], privateKey, keyPem }
}

/** Names forge's OID table lacks (EC and DSA signatures). */
const SIGNATURE_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsaWithSHA1',
}

/** The signature algorithm's name (`sha256WithRSAEncryption`), read from the certificate's DER. */
export function signatureAlgorithmOf(cert: X509Certificate): string {
  const node = forge.asn1.fromDer(cert.raw.toString('binary'))
  const algorithm = (node.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[]
  const oid = forge.asn1.derToOid(algorithm[0]!.value as string)
  return SIGNATURE_NAMES[oid] ?? (forge.pki.oids as Record<string, string | undefined>)[oid] ?? oid
}
