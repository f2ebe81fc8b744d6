/** Custom domains, certificates and the served-domain registry (HTTPS by SNI, Host routing). */
export { createDomainModule } from './domain-module.ts'
export type { CnameCheck, CustomDomainFacts, DomainModule, DomainModuleOptions } from './domain-module.ts'
export { uploadFromJson } from './certificate-service.ts'
export type { CertificateUpload } from './certificate-service.ts'
export { createCnameLookup } from './cname-lookup.ts'
export type { CnameAnswer, CnameLookup } from './cname-lookup.ts'
export { certificateProblemFor, SHA2_ADVICE } from './certificate-checks.ts'
export { nameCovers, normaliseHostName } from './host-names.ts'
export {
  ADD_CNAME_MESSAGE,
  ONE_CUSTOM_DOMAIN_RULE,
  PROPAGATION_ADVICE,
  successMessage,
} from './custom-domain-service.ts'
