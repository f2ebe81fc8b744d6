/**
 * A DNS server for one machine, to finish the custom domain wizard locally:
 * it answers the CNAME questions casetrail asks (CASETRAIL_DNS_SERVERS) from
 * the pairs given, and nothing else. The browser still needs the host name in
 * /etc/hosts (see docs/portals.md, "Trying a custom domain on one machine").
 *
 *   npx tsx tools/local-dns.ts help.contoso.test=demo.localhost
 *   # local DNS on 127.0.0.1:40521: help.contoso.test -> demo.localhost
 *   # start casetrail with CASETRAIL_DNS_SERVERS=127.0.0.1:40521
 */
import { startDnsServer } from '../test/support/dns-server.ts'

const pairs = process.argv.slice(2).map((arg) => arg.split('='))
if (pairs.length === 0 || pairs.some((p) => p.length !== 2 || !p[0] || !p[1])) {
  process.stderr.write(
    'usage: npx tsx tools/local-dns.ts <host name>=<portal host> [...]\n  e.g. help.contoso.test=demo.localhost\n',
  )
  process.exit(2)
}
const dns = await startDnsServer()
for (const [name, target] of pairs) dns.setCname(name!, target!)
process.stdout.write(
  `local DNS on ${dns.address}: ${pairs.map(([n, t]) => `${n} -> ${t}`).join(', ')}\nstart casetrail with CASETRAIL_DNS_SERVERS=${dns.address}  (Ctrl-C stops this server)\n`,
)
process.on('SIGINT', () => void dns.close().then(() => process.exit(0)))
