import type { CheckDefinition } from '../check-types.ts'
import { say } from '../check-text.ts'

/** Domain and certificate: the certificate bound to the custom domain covers the host name. */
export const certificateHostCheck: CheckDefinition = {
  id: 'domain-certificate-host',
  issue: 'The custom domain certificate does not cover the host name',
  category: 'Domain and certificate',
  reads: ['custom domain binding', 'certificate subjectAltNames'],
  mitigation:
    'Upload a certificate whose subjectAltName names the host name (or a wildcard one label above it), remove the binding, and bind again with it.',
  async run(ctx) {
    const domain = ctx.customDomain
    if (!domain) return { result: 'not_applicable', details: 'the portal has no custom domain name' }
    const cert = domain.certificate
    // Validity is the expiry check's; this one asks only whether the names cover the host.
    const problem = ctx.domains.certificateProblem(
      { ...cert, notBefore: new Date(0).toISOString(), notAfter: new Date(8.64e15).toISOString() },
      domain.hostName,
      ctx.now,
    )
    if (problem) return { result: 'error', details: say`${problem.code}: ${problem.message}` }
    return {
      result: 'pass',
      details: say`the certificate covers ${domain.hostName} (${cert.subjectAltNames.join(', ')})`,
    }
  },
}
