import { Resolver } from 'node:dns/promises'

/** What DNS said about a name's CNAME record. */
export type CnameAnswer =
  | { kind: 'found'; targets: string[] }
  /** The name exists without a CNAME (`nodata`) or does not exist (`nxdomain`). */
  | { kind: 'none'; reason: 'nodata' | 'nxdomain' }
  /** The resolver could not answer (timeout, refused, SERVFAIL): try again later. */
  | { kind: 'failed'; code: string }

/** Looks up a name's CNAME targets (lower-case, without the trailing dot). */
export type CnameLookup = (name: string) => Promise<CnameAnswer>

/**
 * A CNAME lookup through real DNS with node's `Resolver`: the servers given
 * (`host:port`, as `CASETRAIL_DNS_SERVERS` lists them), or the system's when
 * none. Each lookup asks the servers afresh (no cache), so a record just
 * added shows as soon as the servers have it.
 *
 * @example
 * const lookup = createCnameLookup({ servers: ['127.0.0.1:5353'] })
 * await lookup('shop.example.com') // { kind: 'found', targets: ['contoso.portals.example.com'] }
 */
export function createCnameLookup(
  options: { servers?: readonly string[]; timeoutMs?: number; tries?: number } = {},
): CnameLookup {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 2_000, tries: options.tries ?? 2 })
  if (options.servers && options.servers.length > 0) resolver.setServers([...options.servers])
  return async function lookupCname(name) {
    try {
      const targets = await resolver.resolveCname(name)
      return { kind: 'found', targets: targets.map((t) => t.toLowerCase().replace(/\.$/, '')) }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EUNKNOWN'
      if (code === 'ENODATA') return { kind: 'none', reason: 'nodata' }
      if (code === 'ENOTFOUND') return { kind: 'none', reason: 'nxdomain' }
      return { kind: 'failed', code }
    }
  }
}
