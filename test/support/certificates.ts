import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import forge from 'node-forge'

/** A key pair made at test time (node-forge uses Node's native generator). */
export const rsaKeys = (bits = 2048): forge.pki.rsa.KeyPair =>
  forge.pki.rsa.generateKeyPair({ bits, e: 0x10001 })

/** A certificate authority made at test time: its key, its certificate, and the cert as PEM. */
export interface TestCa {
  keys: forge.pki.rsa.KeyPair
  cert: forge.pki.Certificate
  pem: string
}

const DAY = 86_400_000

/** A self-signed test CA (SHA-256, 2048 bits, valid a year around now). */
export function makeCa(name = 'casetrail Test CA'): TestCa {
  const keys = rsaKeys()
  const cert = forge.pki.createCertificate()
  cert.publicKey = keys.publicKey
  cert.serialNumber = '01'
  cert.validity.notBefore = new Date(Date.now() - DAY)
  cert.validity.notAfter = new Date(Date.now() + 365 * DAY)
  const attrs = [{ name: 'commonName', value: name }]
  cert.setSubject(attrs)
  cert.setIssuer(attrs)
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true },
  ])
  cert.sign(keys.privateKey, forge.md.sha256.create())
  return { keys, cert, pem: forge.pki.certificateToPem(cert) }
}

/** What a test leaf certificate should look like; every field has a sound default. */
export interface LeafOptions {
  dnsNames?: string[]
  commonName?: string
  bits?: number
  digest?: 'sha1' | 'sha256'
  notBefore?: Date
  notAfter?: Date
  /** Extended key usages by forge name; `null` leaves the extension out. */
  extKeyUsage?: { serverAuth?: boolean; clientAuth?: boolean; emailProtection?: boolean } | null
  /** Signs with this CA (the default is a fresh one). */
  ca?: TestCa
}

/** A leaf certificate, its key, and the `.pfx` helpers. */
export interface TestLeaf {
  keys: forge.pki.rsa.KeyPair
  cert: forge.pki.Certificate
  certPem: string
  keyPem: string
  ca: TestCa
  /** SHA-256 fingerprint of the DER, colon-separated upper-case hex (as Node's X509Certificate prints it). */
  fingerprint256: string
}

let serial = 2

/** A leaf certificate signed by a CA. */
export function makeLeaf(options: LeafOptions = {}): TestLeaf {
  const ca = options.ca ?? makeCa()
  const keys = rsaKeys(options.bits ?? 2048)
  const cert = forge.pki.createCertificate()
  cert.publicKey = keys.publicKey
  cert.serialNumber = (serial++).toString(16).padStart(2, '0')
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - DAY)
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 90 * DAY)
  const dnsNames = options.dnsNames ?? ['shop.example.com']
  cert.setSubject([{ name: 'commonName', value: options.commonName ?? dnsNames[0] ?? 'test' }])
  cert.setIssuer(ca.cert.subject.attributes)
  const extensions: object[] = [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'subjectAltName', altNames: dnsNames.map((value) => ({ type: 2, value })) },
  ]
  if (options.extKeyUsage !== null)
    extensions.push({ name: 'extKeyUsage', ...(options.extKeyUsage ?? { serverAuth: true }) })
  cert.setExtensions(extensions)
  cert.sign(ca.keys.privateKey, (options.digest === 'sha1' ? forge.md.sha1 : forge.md.sha256).create())
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary')
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase()
  return {
    keys,
    cert,
    certPem: forge.pki.certificateToPem(cert),
    keyPem: forge.pki.privateKeyToPem(keys.privateKey),
    ca,
    fingerprint256: hex.match(/../g)!.join(':'),
  }
}

/**
 * A `.pfx` of certificates and a key (or none), with a password; node-forge
 * writes it with 3DES, as older exports do.
 */
export function toPfx(
  key: forge.pki.rsa.PrivateKey | null,
  certs: forge.pki.Certificate[],
  password: string,
): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, password, { algorithm: '3des' })
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary')
}

/**
 * A `.pfx` made by the `openssl` command line (OpenSSL 3 defaults: AES-256
 * and PBKDF2, a SHA-256 MAC, 2048 iterations unless `iter` says), from PEM
 * files: the way docs/portals.md makes one.
 */
export function opensslPfx(
  certPem: string,
  keyPem: string,
  password: string,
  chainPem?: string,
  options: {
    iter?: number
  } = {},
): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-pfx-'))
  try {
    writeFileSync(join(dir, 'cert.pem'), certPem)
    writeFileSync(join(dir, 'key.pem'), keyPem)
    const args = ['pkcs12', '-export', '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'cert.pem')]
    if (chainPem) {
      writeFileSync(join(dir, 'chain.pem'), chainPem)
      args.push('-certfile', join(dir, 'chain.pem'))
    }
    // -iter sets the MAC's count and each encryption's (OpenSSL 3).
    if (options.iter !== undefined) args.push('-iter', String(options.iter))
    execFileSync('openssl', [...args, '-out', join(dir, 'site.pfx'), '-passout', `pass:${password}`])
    return readFileSync(join(dir, 'site.pfx'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** An EC (P-256 or another curve) self-signed certificate and its `.pfx`, made with `openssl`. */
export function opensslEcPfx(curve: string, hostName: string, password: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-ec-'))
  try {
    const key = join(dir, 'key.pem')
    const cert = join(dir, 'cert.pem')
    execFileSync('openssl', ['ecparam', '-name', curve, '-genkey', '-noout', '-out', key])
    execFileSync('openssl', [
      'req',
      '-x509',
      '-key',
      key,
      '-out',
      cert,
      '-days',
      '30',
      '-subj',
      `/CN=${hostName}`,
      '-addext',
      `subjectAltName=DNS:${hostName}`,
      '-addext',
      'extendedKeyUsage=serverAuth',
    ])
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      key,
      '-in',
      cert,
      '-out',
      join(dir, 'c.pfx'),
      '-passout',
      `pass:${password}`,
    ])
    return readFileSync(join(dir, 'c.pfx'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
