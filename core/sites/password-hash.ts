import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * scrypt parameters for portal passwords: N = 2^15, r = 8, p = 1, a 16-byte
 * salt and a 32-byte key. One hash takes 32 MiB (128·N·r bytes) and runs on
 * libuv's thread pool, never on the event loop. Stored as
 * `scrypt$N$r$p$salt$key` (base64url), so stronger parameters can come later
 * and old hashes still verify.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const

const derive = (password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )

/** Hashes a password with {@link SCRYPT_PARAMS}. */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength, saltLength } = SCRYPT_PARAMS
  const salt = randomBytes(saltLength)
  const key = await derive(password, salt, N, r, p, keyLength)
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

/** Whether a password matches a stored hash (compared in constant time); false for a hash it cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$')
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  // Only parameters this code would write (or weaker) are honoured: a stored hash cannot ask for unbounded work.
  if (Number(n) > SCRYPT_PARAMS.N || Number(r) > SCRYPT_PARAMS.r || Number(p) > 4) return false
  const got = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    Number(n),
    Number(r),
    Number(p),
    expected.length,
  )
  return got.length === expected.length && timingSafeEqual(got, expected)
}
