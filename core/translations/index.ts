/** Metadata translations of the portal solutions: shipped resources, install at provisioning, the update. */
export { createTranslationService, UPDATE_QUESTION } from './translation-service.ts'
export type { TranslationService } from './translation-service.ts'
export { createTranslationStore } from './translation-store.ts'
export {
  SHIPPED_CATALOGUE,
  SITE_LABEL_KEYS,
  createTranslationCatalogue,
} from './metadata-catalogue.ts'
export type { LabelKey, PackageVersion, SiteLabels, TranslationCatalogue } from './metadata-catalogue.ts'
export { METADATA_LANGUAGES, TERMS } from './metadata-terms.ts'
