/** The portal URL rules live in `schemas/` so the console checks a subdomain as you type with the same code. */
export { RESERVED_SUBDOMAINS, checkSubdomain } from '../../schemas/index.ts'
export type { SubdomainResult } from '../../schemas/index.ts'
