import { ADD_CNAME_MESSAGE, PROPAGATION_ADVICE } from '../../domains/index.ts'
import type { CheckDefinition } from '../check-types.ts'
import { say } from '../check-text.ts'

/** Domain and certificate: the custom domain's CNAME still points at the portal (a fresh DNS lookup). */
export const domainCnameCheck: CheckDefinition = {
  id: 'domain-cname',
  issue: 'The custom domain name no longer points at the portal (CNAME)',
  category: 'Domain and certificate',
  reads: ['custom domain binding', 'CNAME record of the host name (live DNS lookup)'],
  mitigation: `${ADD_CNAME_MESSAGE} At your DNS provider, make the host name a CNAME to the portal's host. ${PROPAGATION_ADVICE}`,
  async run(ctx) {
    const domain = ctx.customDomain
    if (!domain) return { result: 'not_applicable', details: 'the portal has no custom domain name' }
    const found = await ctx.domains.checkCname(domain.hostName, domain.cnameTarget)
    if (found.ok)
      return { result: 'pass', details: say`${domain.hostName} is a CNAME to ${domain.cnameTarget}` }
    const answer = found.answer
    if (answer.kind === 'failed')
      return {
        result: 'warning',
        details: say`the DNS servers did not answer for ${domain.hostName} (${answer.code}); the CNAME could not be read`,
      }
    return {
      result: 'error',
      details:
        answer.kind === 'none'
          ? answer.reason === 'nxdomain'
            ? say`${domain.hostName} has no CNAME record (the name does not exist in DNS); it must point to ${domain.cnameTarget}`
            : say`${domain.hostName} has no CNAME record; it must point to ${domain.cnameTarget}`
          : say`${domain.hostName} is a CNAME to ${answer.targets.join(', ')}, not to ${domain.cnameTarget}`,
    }
  },
}
