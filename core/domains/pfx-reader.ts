import { type KeyObject, X509Certificate, createPrivateKey } from 'node:crypto'
import forge from 'node-forge'
import { MAX_PFX_ITERATIONS } from '../../schemas/index.ts'
import { DomainError } from '../errors.ts'
import { pfxDerivations } from './pfx-iterations.ts'
import { openPfxInWorker } from './pfx-worker.ts'

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

const subjectLine = (cert: X509Certificate): string => cert.subject.split('\n').join(', ')

/** How long the worker may spend opening one `.pfx` before it is stopped. */
export const PFX_OPEN_TIMEOUT_MS = 10_000

/**
 * Opens a PKCS#12 (`.pfx`) file with its password. The key derivations it
 * asks for are read from its ASN.1 structure first, and a file asking for
 * more than {@link MAX_PFX_ITERATIONS} iterations in any of them is refused
 * (`certificate_iterations_too_high`) before one is done; node-forge then
 * opens the containers on a worker thread (Node's crypto cannot read
 * PKCS#12), within {@link PFX_OPEN_TIMEOUT_MS}; Node's `X509Certificate` and
 * `KeyObject` take over from there. Refusals, each with its code:
 * `certificate_unreadable` (not a PKCS#12 file), `certificate_iterations_too_high`,
 * `certificate_open_timeout`, `certificate_password_incorrect`,
 * `certificate_missing` (no certificate inside), `certificate_private_key_missing`,
 * `certificate_key_mismatch` (no certificate in the file belongs to the key).
 * The password is used here and nowhere else.
 */
export async function openPfx(
  pfx: Buffer,
  password: string,
  options: { timeoutMs?: number } = {},
): Promise<OpenedPfx> {
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
  for (const derivation of pfxDerivations(asn1)) {
    if (derivation.iterations > MAX_PFX_ITERATIONS) {
      throw new DomainError(
        'invalid',
        'certificate_iterations_too_high',
        `the .pfx file's ${derivation.use} asks for ${derivation.iterations} key-derivation iterations; at most ${MAX_PFX_ITERATIONS} are accepted: export it again with fewer (openssl pkcs12 -export -iter 2048 …)`,
        'pfx',
      )
    }
  }
  const contents = await openPfxInWorker(pfx, password, {
    timeoutMs: options.timeoutMs ?? PFX_OPEN_TIMEOUT_MS,
  })
  let certs: X509Certificate[]
  try {
    certs = contents.certs.map((der) => new X509Certificate(der))
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
  if (contents.keyPem === null) {
    throw new DomainError(
      'invalid',
      'certificate_private_key_missing',
      `the .pfx file holds ${certs.length === 1 ? `the certificate ${subjectLine(certs[0]!)}` : `${certs.length} certificates`} but no private key; export it again with its private key`,
      'pfx',
    )
  }
  const keyPem = contents.keyPem
  let privateKey: KeyObject
  try {
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
