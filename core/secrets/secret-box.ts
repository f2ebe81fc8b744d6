import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { DomainError } from '../errors.ts'

/**
 * A secret sealed with AES-256-GCM: base64 nonce, ciphertext and authentication
 * tag, and `kid`, which key sealed it (see {@link secretKeyId}; absent on
 * secrets sealed before keys could be rotated).
 */
export const sealedSecretSchema = z.object({
  alg: z.literal('A256GCM'),
  kid: z.string().optional(),
  iv: z.string(),
  data: z.string(),
  tag: z.string(),
})
/** A sealed secret, as stored. */
export type SealedSecret = z.infer<typeof sealedSecretSchema>

/** Seals secrets at rest with the current 256-bit key, and opens them with it or a previous one. */
export interface SecretBox {
  /** Encrypts `plaintext` with the current key and a fresh 96-bit nonce; `context` is bound to it (additional data). */
  seal(plaintext: string | Buffer, context: string): SealedSecret
  /**
   * Decrypts a secret sealed with the current key or one of the previous keys,
   * under the same context; throws `secret_unreadable` when none opens it.
   */
  open(sealed: SealedSecret, context: string): Buffer
  /** Whether `sealed` was sealed with the current key (otherwise it should be sealed again). */
  isCurrent(sealed: SealedSecret): boolean
}

/**
 * A short public name of a key: the first 12 hex digits of its SHA-256. It
 * tells which key sealed a secret without trying each; it reveals nothing
 * usable about a 256-bit key.
 */
export const secretKeyId = (key: Buffer): string =>
  createHash('sha256').update(key).digest('hex').slice(0, 12)

/** The name of the key file generated into the data directory when no key is configured. */
export const SECRET_KEY_FILE = 'secret.key'

const openWith = (key: Buffer, sealed: SealedSecret, context: string): Buffer | null => {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'))
  decipher.setAAD(Buffer.from(context, 'utf8'))
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()])
  } catch {
    return null
  }
}

/**
 * Builds a {@link SecretBox} on a 32-byte key, and the keys it replaces
 * (`CASETRAIL_SECRET_KEY_PREVIOUS`), which still open what they sealed
 * until every secret is sealed again with the current key. The `context`
 * (a record's kind and id) is authenticated with each secret, so a sealed
 * value copied onto another record does not open there.
 *
 * @example
 * const box = createSecretBox(key)
 * const sealed = box.seal(privateKeyPem, `certificate:${id}`)
 */
export function createSecretBox(key: Buffer, previous: readonly Buffer[] = []): SecretBox {
  for (const k of [key, ...previous])
    if (k.length !== 32) throw new Error(`a secret key is 32 bytes, got ${k.length}`)
  const kid = secretKeyId(key)
  const keys = new Map<string, Buffer>([...previous.map((k) => [secretKeyId(k), k] as const), [kid, key]])
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const data = Buffer.concat([cipher.update(plaintext), cipher.final()])
      return {
        alg: 'A256GCM',
        kid,
        iv: iv.toString('base64'),
        data: data.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
      }
    },
    open(sealed, context) {
      // A named key is tried alone; a secret sealed before keys had names is tried with each.
      const named = sealed.kid === undefined ? undefined : keys.get(sealed.kid)
      const candidates = sealed.kid === undefined ? [key, ...previous] : named ? [named] : []
      for (const k of candidates) {
        const opened = openWith(k, sealed, context)
        if (opened) return opened
      }
      // Never says more: a wrong key and a tampered record look the same from here.
      throw new DomainError(
        'unavailable',
        'secret_unreadable',
        `a stored secret (${context}) cannot be decrypted with the configured secret key; was CASETRAIL_SECRET_KEY changed?`,
      )
    },
    isCurrent: (sealed) => sealed.kid === kid,
  }
}

/**
 * Reads a configured secret key: 64 hexadecimal characters or base64 of 32
 * bytes. Returns null when the text is neither.
 *
 * @example parseSecretKey(randomBytes(32).toString('hex'))
 */
export function parseSecretKey(text: string): Buffer | null {
  const t = text.trim()
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex')
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const b = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    if (b.length === 32) return b
  }
  return null
}

/**
 * The key in `{dataDir}/secret.key`, generated with mode 0600 on first use.
 * An existing file readable by others is tightened to 0600; one that does
 * not hold a key is an error (it is never overwritten: the secrets sealed
 * with it would be lost).
 */
export function loadOrCreateSecretKey(dataDir: string): { key: Buffer; created: boolean; path: string } {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, SECRET_KEY_FILE)
  let created = false
  try {
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
    created = true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600)
  const key = parseSecretKey(readFileSync(path, 'utf8'))
  if (!key) throw new Error(`${path} does not hold a secret key (64 hexadecimal characters)`)
  return { key, created, path }
}
