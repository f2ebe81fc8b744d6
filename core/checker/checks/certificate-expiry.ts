import type { CheckDefinition } from '../check-types.ts'
import { say } from '../check-text.ts'

const DAY_MS = 86_400_000
/** A certificate that expires within this many days is a warning. */
export const CERTIFICATE_WARNING_DAYS = 30

/** Domain and certificate: the custom domain's certificate is valid, and not about to expire. */
export const certificateExpiryCheck: CheckDefinition = {
  id: 'domain-certificate-expiry',
  issue: 'The custom domain certificate has expired or expires within 30 days',
  category: 'Domain and certificate',
  reads: ['custom domain binding', 'certificate validity (notBefore, notAfter)'],
  mitigation:
    'Upload a renewed certificate for the host name (POST /v1/admin/portals/{portalId}/custom-domain/certificates), remove the binding, and bind the host name again with the new certificate.',
  async run(ctx) {
    const domain = ctx.customDomain
    if (!domain) return { result: 'not_applicable', details: 'the portal has no custom domain name' }
    const cert = domain.certificate
    const notAfter = Date.parse(cert.notAfter)
    if (ctx.now < Date.parse(cert.notBefore))
      return {
        result: 'error',
        details: say`the certificate ${cert.subject} is valid only from ${cert.notBefore}`,
      }
    if (ctx.now > notAfter)
      return {
        result: 'error',
        details: say`the certificate ${cert.subject} for ${domain.hostName} expired on ${cert.notAfter}`,
      }
    const days = Math.floor((notAfter - ctx.now) / DAY_MS)
    if (days < CERTIFICATE_WARNING_DAYS)
      return {
        result: 'warning',
        details: say`the certificate ${cert.subject} for ${domain.hostName} expires on ${cert.notAfter}, in ${days} days`,
      }
    return { result: 'pass', details: say`the certificate expires on ${cert.notAfter}, in ${days} days` }
  },
}
