import { z } from 'zod'
import { certificateViewSchema, hostNameViewSchema } from '../../schemas/index.ts'
import { DomainError } from '../errors.ts'
import { sealedSecretSchema } from '../secrets/index.ts'
import { type RecordStore, createRecordRepository, serialWriter } from '../store/record-repository.ts'

/**
 * A certificate as stored: the public facts the API shows (schemas' view, less
 * the bindings, which are the host names'), its chain as PEM, and its private
 * key sealed.
 */
export const storedCertificateSchema = certificateViewSchema.omit({ boundTo: true }).extend({
  /** The leaf, then the intermediates, as PEM (public). */
  certPem: z.string(),
  /** The private key (PKCS#8 PEM), sealed with AES-256-GCM under the context `certificate:{id}`. */
  sealedKey: sealedSecretSchema,
})
/** A certificate as stored. */
export type StoredCertificate = z.infer<typeof storedCertificateSchema>

/** A host name the tenant added, and its binding to a portal and a certificate (when bound). */
export const storedHostNameSchema = hostNameViewSchema.extend({
  boundAt: z.string().nullable(),
  boundBy: z.string().nullable(),
})
/** A host name as stored. */
export type StoredHostName = z.infer<typeof storedHostNameSchema>

/** The domains module's records: certificates and host names (bindings are bound host names). */
export function createDomainStore(db: RecordStore) {
  const certificates = createRecordRepository(db, 'cp_certificates', storedCertificateSchema)
  const hostNames = createRecordRepository(db, 'cp_host_names', storedHostNameSchema)
  return {
    certificates,
    hostNames,
    /** Runs read-modify-writes of these records one at a time. */
    serialise: serialWriter(db, 'custom-domains'),
    async getCertificate(id: string): Promise<StoredCertificate> {
      const cert = await certificates.get(id)
      if (!cert)
        throw new DomainError(
          'not_found',
          'certificate_not_found',
          `no certificate with id ${JSON.stringify(id)} has been uploaded`,
          'certificateId',
        )
      return cert
    },
    /** The host name bound to a portal, if any. */
    async bindingOf(portalId: string): Promise<StoredHostName | null> {
      return (await hostNames.list()).map((r) => r.value).find((h) => h.portalId === portalId) ?? null
    },
    /** Every bound host name. */
    async bound(): Promise<StoredHostName[]> {
      return (await hostNames.list()).map((r) => r.value).filter((h) => h.portalId !== null)
    },
  }
}

/** The domain store's interface. */
export type DomainStore = ReturnType<typeof createDomainStore>
