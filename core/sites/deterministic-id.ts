import { createHash } from 'node:crypto'

/**
 * A UUID (version 5 layout) derived from a scope and a name, so installing
 * the same sample record twice writes the same record: package and sample
 * data installs can be re-run after a crash without duplicating anything.
 *
 * @example
 * deterministicUuid(portalId, 'article/reset-password') // same value every time
 */
export function deterministicUuid(scope: string, name: string): string {
  const bytes = createHash('sha1').update(`${scope}\u0000${name}`).digest().subarray(0, 16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x50
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
