import { isIP } from 'node:net'
import { domainToASCII } from 'node:url'
import { DomainError } from '../errors.ts'

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/**
 * A host name as stored and compared: ASCII (IDN names in punycode),
 * lower-case, no trailing dot. Throws `host_name_invalid` naming what is
 * wrong: a wildcard, an IP address, a port, one label only, a bad label.
 *
 * @example normaliseHostName('Shop.Example.com.') // 'shop.example.com'
 */
export function normaliseHostName(input: string, field = 'hostName'): string {
  const raw = input.trim().replace(/\.$/, '')
  const bad = (why: string) =>
    new DomainError(
      'invalid',
      'host_name_invalid',
      `${JSON.stringify(input)} is not a host name: ${why}`,
      field,
    )
  if (raw.includes('*'))
    throw bad('a custom domain is one name, not a wildcard (a wildcard certificate may cover it)')
  if (raw.includes('://') || raw.includes('/'))
    throw bad('give the name alone, like shop.example.com, without a scheme or path')
  if (isIP(raw) || isIP(raw.replace(/^\[|\]$/g, ''))) throw bad('an IP address cannot have a CNAME record')
  if (/:\d+$/.test(raw)) throw bad('give the name without a port')
  const ascii = domainToASCII(raw.toLowerCase())
  if (!ascii) throw bad('it is not a valid domain name')
  const labels = ascii.split('.')
  if (labels.length < 2) throw bad('it needs at least two labels, like shop.example.com')
  const wrong = labels.find((l) => !LABEL.test(l))
  if (wrong !== undefined)
    throw bad(
      `the label ${JSON.stringify(wrong)} must be 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen`,
    )
  if (/^\d+$/.test(labels.at(-1)!)) throw bad('its last label cannot be all digits')
  if (ascii.length > 253) throw bad('it is longer than 253 characters')
  return ascii
}

/**
 * Whether a certificate name (a subjectAltName DNS entry) covers a host, as
 * browsers match them: case-insensitive; a wildcard stands for exactly one
 * whole left-most label (`*.example.com` covers `shop.example.com`, not
 * `example.com` nor `a.shop.example.com`), and never for a label right under
 * a top-level domain (`*.com`).
 *
 * @example nameCovers('*.example.com', 'shop.example.com') // true
 */
export function nameCovers(certName: string, host: string): boolean {
  const pattern = certName.toLowerCase().replace(/\.$/, '')
  const name = host.toLowerCase().replace(/\.$/, '')
  if (!pattern.startsWith('*.')) return pattern === name
  const rest = pattern.slice(2)
  if (rest.split('.').length < 2 || rest.includes('*')) return false
  const dot = name.indexOf('.')
  return dot > 0 && name.slice(dot + 1) === rest
}

/** Whether any of a certificate's DNS names covers the host. */
export const namesCover = (certNames: readonly string[], host: string): boolean =>
  certNames.some((n) => nameCovers(n, host))
