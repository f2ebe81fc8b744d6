import * as z from 'zod'

/** Largest `.pfx` file accepted, in bytes (a leaf, a few intermediates and a key fit in a few KB). */
export const MAX_PFX_BYTES = 64 * 1024

/**
 * Most key-derivation iterations a `.pfx` file may ask for, in its MAC or any
 * encrypted bag, read before any is done. Exports use 2,000 (Windows, .NET),
 * 2,048 (OpenSSL 3, Go) or 10,000 (Java); node-forge derives the PKCS#12 MAC
 * key in JavaScript (4 to 50 µs per iteration, 0.4 s per 100,000 on an idle
 * core, 5.5 s on the shared test machine), so this cap keeps one file to
 * about a second of a worker thread, where `-iter 2000000` held the event
 * loop 24 s.
 */
export const MAX_PFX_ITERATIONS = 20_000

/**
 * `POST /v1/admin/portals/{portalId}/custom-domain/certificates` body (JSON):
 * the `.pfx` file as base64 and its password. The password opens the file
 * once and is never stored. The same fields may be sent as
 * `multipart/form-data` (`pfx` a file, `password`, `name`).
 */
export const uploadCertificateSchema = z.strictObject({
  pfx: z
    .string()
    .min(1, { error: 'pfx must be the .pfx file, base64-encoded' })
    .max(Math.ceil(MAX_PFX_BYTES / 3) * 4 + 4, {
      error: `pfx must be at most ${MAX_PFX_BYTES} bytes before base64`,
    }),
  password: z.string().max(1024, { error: 'password must be at most 1024 characters' }),
  name: z.string().trim().min(1).max(200, { error: 'name must be at most 200 characters' }).optional(),
})
/** What uploading a certificate takes. */
export type UploadCertificateInput = z.infer<typeof uploadCertificateSchema>

/**
 * A certificate as the API shows it: what a person checks before binding it.
 * Never the private key, never the password.
 */
export const certificateViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  subject: z.string(),
  /** DNS names the certificate covers (subjectAltName), wildcards as written (`*.example.com`). */
  subjectAltNames: z.array(z.string()),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** SHA-1 thumbprint, upper-case hex without separators (as Windows and IIS show it). */
  thumbprint: z.string(),
  /** SHA-256 fingerprint, colon-separated hex (what `openssl x509 -fingerprint -sha256` prints). */
  fingerprintSha256: z.string(),
  keyAlgorithm: z.enum(['rsa', 'ec']),
  /** RSA modulus bits, or the curve's bits for EC. */
  keySize: z.number().int(),
  /** The curve of an EC key (`prime256v1`), null for RSA. */
  curve: z.string().nullable(),
  signatureAlgorithm: z.string(),
  /** Certificates that came with it in the file (intermediates), leaf first excluded. */
  chainLength: z.number().int().nonnegative(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
  /** Host names bound with this certificate. */
  boundTo: z.array(z.string()),
})
/** A certificate as the API shows it. */
export type CertificateView = z.infer<typeof certificateViewSchema>

/** A host name: one DNS name, at most 253 characters, labels of letters, digits and hyphens. */
export const hostNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'hostName must not be empty' })
  .max(253, { error: 'hostName must be at most 253 characters' })

/** `POST /v1/admin/portals/{portalId}/custom-domain/host-names` body: add a new host name. */
export const addHostNameSchema = z.strictObject({ hostName: hostNameSchema })
/** What adding a host name takes. */
export type AddHostNameInput = z.infer<typeof addHostNameSchema>

/** A host name the tenant has added, and the portal it is bound to (if any). */
export const hostNameViewSchema = z.object({
  hostName: z.string(),
  addedAt: z.string(),
  addedBy: z.string(),
  portalId: z.string().nullable(),
  certificateId: z.string().nullable(),
})
/** A host name as the API shows it. */
export type HostNameView = z.infer<typeof hostNameViewSchema>

/**
 * The wizard's choices, for review and for creating the binding: a
 * certificate already uploaded and a host name already added (the wizard's
 * "upload a new certificate" and "add a new host name" are their own calls first).
 */
export const customDomainRequestSchema = z.strictObject({
  certificateId: z.string().min(1, { error: 'certificateId must not be empty' }),
  hostName: hostNameSchema,
})
/** What reviewing or creating a custom domain binding takes. */
export type CustomDomainRequest = z.infer<typeof customDomainRequestSchema>

/** `POST .../custom-domain/review`: what the binding would be, once every check passed. */
export const customDomainReviewSchema = z.object({
  portalId: z.string(),
  hostName: z.string(),
  /** Where the host name's CNAME must point: the portal's own host. */
  cnameTarget: z.string(),
  /** What DNS answered for the host name's CNAME. */
  cnameFound: z.array(z.string()),
  certificate: certificateViewSchema,
  /** The URL the portal answers at once bound. */
  url: z.string(),
})
/** The review step's answer. */
export type CustomDomainReview = z.infer<typeof customDomainReviewSchema>

/** A portal's custom domain binding. */
export const customDomainViewSchema = z.object({
  portalId: z.string(),
  hostName: z.string(),
  url: z.string(),
  certificate: certificateViewSchema,
  boundAt: z.string(),
  boundBy: z.string(),
})
/** A portal's custom domain binding, as the API shows it. */
export type CustomDomainView = z.infer<typeof customDomainViewSchema>

/** `PUT .../custom-domain` answer: the binding and the seed's success message with its link. */
export const customDomainCreatedSchema = z.object({
  binding: customDomainViewSchema,
  message: z.string(),
  link: z.object({ text: z.string(), href: z.string() }),
})
/** The answer to creating a binding. */
export type CustomDomainCreated = z.infer<typeof customDomainCreatedSchema>
