import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  SECRET_KEY_FILE,
  createSecretBox,
  loadOrCreateSecretKey,
  parseSecretKey,
  secretKeyId,
} from './secret-box.ts'
import { createSecretSealer, secretAt } from './sealed-fields.ts'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-secrets-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('secret box', () => {
  it('seals with AES-256-GCM and opens only with the same key and context', () => {
    const key = randomBytes(32)
    const box = createSecretBox(key)
    const sealed = box.seal('-----BEGIN PRIVATE KEY-----', 'certificate:a')
    expect(sealed.alg).toBe('A256GCM')
    expect(JSON.stringify(sealed)).not.toContain('PRIVATE KEY')
    expect(box.open(sealed, 'certificate:a').toString()).toBe('-----BEGIN PRIVATE KEY-----')
    // A fresh nonce each time: the same secret never seals to the same bytes.
    expect(box.seal('same', 'x').data).not.toBe(box.seal('same', 'x').data)
    expect(() => box.open(sealed, 'certificate:b')).toThrow(
      expect.objectContaining({ code: 'secret_unreadable' }),
    )
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'certificate:a')).toThrow(
      expect.objectContaining({ code: 'secret_unreadable' }),
    )
    const tampered = { ...sealed, data: Buffer.from('x').toString('base64') }
    expect(() => box.open(tampered, 'certificate:a')).toThrow(
      expect.objectContaining({ code: 'secret_unreadable' }),
    )
  })

  it('opens secrets sealed with a previous key, names the sealing key, and seals only with the current one', () => {
    const oldKey = randomBytes(32)
    const newKey = randomBytes(32)
    const before = createSecretBox(oldKey).seal('hub-key', 'hub:a')
    expect(before.kid).toBe(secretKeyId(oldKey))
    expect(secretKeyId(oldKey)).not.toBe(secretKeyId(newKey))
    expect(secretKeyId(oldKey)).not.toContain(oldKey.toString('hex').slice(0, 12))

    const rotated = createSecretBox(newKey, [oldKey])
    expect(rotated.open(before, 'hub:a').toString()).toBe('hub-key')
    expect(rotated.isCurrent(before)).toBe(false)
    const after = rotated.seal('hub-key', 'hub:a')
    expect(after.kid).toBe(secretKeyId(newKey))
    expect(rotated.isCurrent(after)).toBe(true)
    // The new key alone opens what it sealed, not what the old one did.
    expect(createSecretBox(newKey).open(after, 'hub:a').toString()).toBe('hub-key')
    expect(() => createSecretBox(newKey).open(before, 'hub:a')).toThrow(
      expect.objectContaining({ code: 'secret_unreadable' }),
    )
    // A secret sealed before keys had names (no kid) is tried with each key.
    const { kid: _kid, ...unnamed } = before
    expect(rotated.open(unnamed, 'hub:a').toString()).toBe('hub-key')
    expect(rotated.isCurrent(unnamed)).toBe(false)
    expect(() => createSecretBox(newKey, [randomBytes(32)]).open(unnamed, 'hub:a')).toThrow(
      expect.objectContaining({ code: 'secret_unreadable' }),
    )
    expect(() => createSecretBox(newKey, [Buffer.alloc(16)])).toThrow(/32 bytes/)
  })

  it('asks for a record to be written again when a secret is plaintext or sealed with a previous key', () => {
    const oldKey = randomBytes(32)
    const newKey = randomBytes(32)
    const fields = (id: string, doc: Record<string, unknown>) => secretAt(doc, ['secret'], `x:${id}`)
    const oldSealer = createSecretSealer(createSecretBox(oldKey), fields)
    const sealer = createSecretSealer(createSecretBox(newKey, [oldKey]), fields)
    expect(sealer.needsSealing('a', { secret: 'plain' })).toBe(true)
    expect(sealer.needsSealing('a', oldSealer.seal('a', { secret: 's' }))).toBe(true)
    expect(sealer.needsSealing('a', sealer.seal('a', { secret: 's' }))).toBe(false)
    expect(sealer.needsSealing('a', { other: 1 })).toBe(false)
    expect(sealer.open('a', oldSealer.seal('a', { secret: 's' }))).toEqual({ secret: 's' })
  })

  it('reads a configured key as hex or base64, and nothing else', () => {
    const key = randomBytes(32)
    expect(parseSecretKey(key.toString('hex'))?.equals(key)).toBe(true)
    expect(parseSecretKey(key.toString('base64'))?.equals(key)).toBe(true)
    expect(parseSecretKey(key.toString('base64url'))?.equals(key)).toBe(true)
    expect(parseSecretKey('too short')).toBeNull()
    expect(parseSecretKey(randomBytes(16).toString('hex'))).toBeNull()
  })

  it('generates a key file with mode 0600 once, and reads the same key after', () => {
    const dir = tempDir()
    const first = loadOrCreateSecretKey(dir)
    expect(first.created).toBe(true)
    expect(statSync(join(dir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600)
    const again = loadOrCreateSecretKey(dir)
    expect(again.created).toBe(false)
    expect(again.key.equals(first.key)).toBe(true)
  })

  it('tightens a key file others can read, and refuses one that holds no key', () => {
    const dir = tempDir()
    const path = join(dir, SECRET_KEY_FILE)
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`)
    chmodSync(path, 0o644)
    loadOrCreateSecretKey(dir)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    writeFileSync(path, 'not a key')
    expect(() => loadOrCreateSecretKey(dir)).toThrow(/does not hold a secret key/)
    expect(readFileSync(path, 'utf8')).toBe('not a key')
  })
})
