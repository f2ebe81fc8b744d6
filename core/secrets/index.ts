/** Secrets at rest: AES-256-GCM with a configured key or one generated into the data directory. */
export {
  SECRET_KEY_FILE,
  createSecretBox,
  loadOrCreateSecretKey,
  parseSecretKey,
  sealedSecretSchema,
  secretKeyId,
} from './secret-box.ts'
export type { SealedSecret, SecretBox } from './secret-box.ts'
export { createSecretSealer, secretAt, secretKeyMismatch } from './sealed-fields.ts'
export type { SecretField, SecretFieldsOf, SecretSealer } from './sealed-fields.ts'
export { resealSecrets } from './reseal-secrets.ts'
