import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { DomainError } from '../errors.ts'

/** What the worker takes out of a `.pfx`: each certificate's DER and the first private key as PKCS#8 PEM. */
export interface PfxContents {
  certs: Uint8Array[]
  keyPem: string | null
}

/**
 * The worker's program, plain CommonJS (it is evaluated, not bundled, so it
 * runs the same under tsx and from the esbuild bundle). node-forge is loaded
 * by the path the main thread resolved. forge parses RSA certificates and
 * keys and leaves others (EC) as ASN.1; `certificateToAsn1` reuses the
 * TBSCertificate forge captured, so the bytes (and signature) are the file's.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
// On Linux a nice value is per thread: this lowers the derivations' thread only, so the
// event loop keeps the CPU first on a busy machine.
try { require('node:os').setPriority(19) } catch {}
const forge = require(workerData.forgePath)
const oids = forge.pki.oids
const bagsOf = (p12, type) => p12.getBags({ bagType: type })[type] || []
parentPort.once('message', ({ pfx, password }) => {
  try {
    const asn1 = forge.asn1.fromDer(Buffer.from(pfx).toString('binary'))
    const p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password)
    const certs = bagsOf(p12, oids.certBag).map((bag) => {
      const node = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1
      return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary')
    })
    const keyBag = [...bagsOf(p12, oids.pkcs8ShroudedKeyBag), ...bagsOf(p12, oids.keyBag)][0]
    let keyPem = null
    if (keyBag) {
      try {
        const info = keyBag.key
          ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key))
          : keyBag.asn1
        keyPem = forge.pki.privateKeyInfoToPem(info)
      } catch (err) {
        parentPort.postMessage({ ok: false, stage: 'key', message: String((err && err.message) || err) })
        return
      }
    }
    parentPort.postMessage({ ok: true, certs, keyPem })
  } catch (err) {
    parentPort.postMessage({ ok: false, stage: 'open', message: String((err && err.message) || err) })
  }
})
`

type WorkerAnswer =
  | { ok: true; certs: Uint8Array[]; keyPem: string | null }
  | { ok: false; stage: 'open' | 'key'; message: string }

let forgePath: string | undefined

/**
 * Opens a PKCS#12 file's containers with its password on a worker thread
 * at the lowest priority (nice 19, that thread only):
 * node-forge's key derivations (the MAC's, and each bag's decryption) are
 * pure JavaScript, about 4 µs per PKCS#12 iteration, and would otherwise
 * hold the event loop for the whole of them. Past `timeoutMs` the worker is
 * terminated and the upload refused with `certificate_open_timeout`.
 * Refusals: `certificate_password_incorrect`, `certificate_unreadable`.
 */
export async function openPfxInWorker(
  pfx: Buffer,
  password: string,
  options: { timeoutMs: number },
): Promise<PfxContents> {
  forgePath ??= createRequire(import.meta.url).resolve('node-forge')
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { forgePath } })
  let timer: NodeJS.Timeout | undefined
  try {
    const answer = await new Promise<WorkerAnswer | 'timeout'>((resolve, reject) => {
      timer = setTimeout(() => resolve('timeout'), options.timeoutMs)
      worker.once('message', resolve)
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`the .pfx worker exited with code ${code}`)))
      worker.postMessage({ pfx: new Uint8Array(pfx), password })
    })
    if (answer === 'timeout') {
      throw new DomainError(
        'invalid',
        'certificate_open_timeout',
        `opening the .pfx file took more than ${options.timeoutMs / 1000} s and was stopped; export it again with fewer key-derivation iterations (OpenSSL's default, 2048, opens at once)`,
        'pfx',
      )
    }
    if (answer.ok) return { certs: answer.certs, keyPem: answer.keyPem }
    if (answer.stage === 'key') {
      throw new DomainError(
        'invalid',
        'certificate_unreadable',
        `the private key in the .pfx file cannot be read: ${answer.message}`,
        'pfx',
      )
    }
    // forge has no error codes; its MAC failure is the one message that means "wrong password".
    if (/MAC could not be verified|invalid password/i.test(answer.message)) {
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
      `the .pfx file cannot be read: ${answer.message}`,
      'pfx',
    )
  } finally {
    clearTimeout(timer)
    await worker.terminate()
  }
}
