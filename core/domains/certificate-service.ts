import { type X509Certificate, randomUUID } from 'node:crypto'
import type { CertificateView, UploadCertificateInput } from '../../schemas/index.ts'
import { MAX_PFX_BYTES } from '../../schemas/index.ts'
import type { Principal } from '../admin/principal-service.ts'
import { DomainError, isDomainError } from '../errors.ts'
import type { SecretBox } from '../secrets/index.ts'
import { checkCertificate, factsOf } from './certificate-checks.ts'
import type { DomainStore, StoredCertificate } from './domain-store.ts'
import { createPasswordAttempts } from './password-attempts.ts'
import { openPfx } from './pfx-reader.ts'

/** `.pfx` files opened at once on a server; more get `429 certificate_busy`. */
export const MAX_PFX_OPENS = 2

/** A certificate file as uploaded: the raw `.pfx` bytes, its password, and an optional name. */
export interface CertificateUpload {
  pfx: Buffer
  password: string
  name?: string
}

/** Decodes the JSON upload's base64 `pfx` into bytes (`certificate_unreadable` when it is not base64). */
export function uploadFromJson(input: UploadCertificateInput): CertificateUpload {
  const text = input.pfx.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new DomainError(
      'invalid',
      'certificate_unreadable',
      'pfx must be the .pfx file encoded as base64',
      'pfx',
    )
  }
  return { pfx: Buffer.from(text, 'base64'), password: input.password, name: input.name }
}

/** A stored certificate as the API shows it: no key, ever. */
export function certificateView(cert: StoredCertificate, boundTo: string[]): CertificateView {
  const { certPem: _pem, sealedKey: _key, ...shown } = cert
  return { ...shown, boundTo }
}

/**
 * Uploading certificates to the tenant (every check of
 * {@link checkCertificate} first), listing them and removing one no binding
 * uses. Private keys are sealed before they are written; the password is
 * dropped once the file is open.
 */
export function createCertificateService(deps: { store: DomainStore; box: SecretBox; clock: () => number }) {
  const { store, box } = deps
  const attempts = createPasswordAttempts({ clock: deps.clock })
  // Each open takes a worker thread and up to its timeout of CPU: two at a time per server.
  let opening = 0
  const boundTo = async (): Promise<Map<string, string[]>> => {
    const out = new Map<string, string[]>()
    for (const h of await store.bound()) {
      if (h.certificateId) out.set(h.certificateId, [...(out.get(h.certificateId) ?? []), h.hostName])
    }
    return out
  }

  return {
    /** Every certificate uploaded to the tenant, newest first. */
    async list(): Promise<CertificateView[]> {
      const uses = await boundTo()
      return (await store.certificates.list())
        .map((r) => r.value)
        .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt))
        .map((c) => certificateView(c, uses.get(c.id) ?? []))
    },

    /** One certificate. */
    async get(id: string): Promise<CertificateView> {
      const cert = await store.getCertificate(id)
      return certificateView(cert, (await boundTo()).get(id) ?? [])
    },

    /** Opens, checks, seals and stores an uploaded `.pfx`; answers its view. */
    async upload(actor: Principal, upload: CertificateUpload): Promise<CertificateView> {
      if (upload.pfx.length === 0)
        throw new DomainError('invalid', 'certificate_unreadable', 'the .pfx file is empty', 'pfx')
      if (upload.pfx.length > MAX_PFX_BYTES) {
        throw new DomainError(
          'too_large',
          'certificate_too_large',
          `the .pfx file is ${upload.pfx.length} bytes; at most ${MAX_PFX_BYTES} are accepted`,
          'pfx',
        )
      }
      attempts.check(actor.id)
      if (opening >= MAX_PFX_OPENS) {
        throw new DomainError(
          'rate_limited',
          'certificate_busy',
          `${MAX_PFX_OPENS} certificate files are being opened on this server; try again in a second`,
          'pfx',
          1,
        )
      }
      opening++
      let opened: Awaited<ReturnType<typeof openPfx>>
      try {
        opened = await openPfx(upload.pfx, upload.password)
      } catch (err) {
        if (isDomainError(err, 'certificate_password_incorrect')) attempts.fail(actor.id)
        throw err
      } finally {
        opening--
      }
      const facts = factsOf(opened)
      checkCertificate(opened, facts, deps.clock())
      const id = randomUUID()
      const { extendedKeyUsages: _ekus, ...shown } = facts
      const stored: StoredCertificate = {
        id,
        name: upload.name ?? facts.subjectAltNames[0] ?? facts.subject,
        ...shown,
        chainLength: opened.others.length,
        certPem: [opened.leaf, ...opened.others].map((c: X509Certificate) => c.toString()).join(''),
        sealedKey: box.seal(opened.keyPem, `certificate:${id}`),
        uploadedAt: new Date(deps.clock()).toISOString(),
        uploadedBy: actor.id,
      }
      await store.certificates.put(id, stored)
      return certificateView(stored, [])
    },

    /** Removes a certificate no host name is bound with (`certificate_in_use` otherwise). */
    async remove(id: string): Promise<void> {
      await store.serialise(async () => {
        await store.getCertificate(id)
        const uses = (await boundTo()).get(id) ?? []
        if (uses.length > 0) {
          throw new DomainError(
            'conflict',
            'certificate_in_use',
            `the certificate is bound to ${uses.join(', ')}; remove that custom domain binding first`,
          )
        }
        await store.certificates.delete(id)
      })
    },

    /**
     * Seals again, with the current secret key, every private key sealed with
     * a previous one (after a key rotation). Opening each first means a key
     * that opens none of them fails here, at start. Returns how many it rewrote.
     */
    async reseal(): Promise<number> {
      return store.serialise(async () => {
        const stale = (await store.certificates.list())
          .map((r) => r.value)
          .filter((cert) => !box.isCurrent(cert.sealedKey))
        for (const cert of stale) {
          const context = `certificate:${cert.id}`
          await store.certificates.put(cert.id, {
            ...cert,
            sealedKey: box.seal(box.open(cert.sealedKey, context), context),
          })
        }
        return stale.length
      })
    },
  }
}

/** The certificate service's interface. */
export type CertificateService = ReturnType<typeof createCertificateService>
