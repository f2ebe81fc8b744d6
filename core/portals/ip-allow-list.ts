import { BlockList, isIP } from 'node:net'

/** Whether `value` is an IPv4 or IPv6 address, or a CIDR range (`203.0.113.0/24`, `2001:db8::/32`). */
export function isIpOrRange(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/')
  if (rest.length > 0 || address === undefined) return false
  const family = isIP(address)
  if (family === 0) return false
  if (prefix === undefined) return true
  if (!/^\d{1,3}$/.test(prefix)) return false
  return Number(prefix) <= (family === 4 ? 32 : 128)
}

/** An IPv4 address written as IPv6 (`::ffff:203.0.113.7`), as a dual-stack socket reports it, in its IPv4 form. */
const unmapped = (ip: string): string => {
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip)
  return m ? m[1]! : ip
}

/**
 * Builds the test an IP allow-list makes: whether an address is one of the
 * entries or inside one of their ranges. Node's own `BlockList` does the
 * matching (IPv4, IPv6 and CIDR). An unknown address (`null`) never matches:
 * restrictions fail closed.
 *
 * @example
 * const allowed = ipAllowList(['203.0.113.0/24', '2001:db8::1'])
 * allowed('203.0.113.9') // true
 * allowed(null)          // false
 */
export function ipAllowList(entries: readonly string[]): (ip: string | null) => boolean {
  const list = new BlockList()
  for (const entry of entries) {
    if (!isIpOrRange(entry)) continue
    const [address, prefix] = entry.split('/') as [string, string | undefined]
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6'
    if (prefix === undefined) list.addAddress(address, type)
    else list.addSubnet(address, Number(prefix), type)
  }
  return (ip) => {
    if (ip === null) return false
    const address = unmapped(ip.trim())
    const family = isIP(address)
    if (family === 0) return false
    return list.check(address, family === 4 ? 'ipv4' : 'ipv6')
  }
}
