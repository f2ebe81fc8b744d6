/** Metadata translations of the portal solutions: shipped resources, install at provisioning, the update. */
export { UPDATE_QUESTION } from './translation-service.ts'
export { createTranslationModule } from './translation-module.ts'
export type { TranslationService } from './translation-service.ts'
export {
  SHIPPED_CATALOGUE,
  SITE_LABEL_KEYS,
  createTranslationCatalogue,
} from './metadata-catalogue.ts'
export type { LabelKey, PackageVersion, SiteLabels, TranslationCatalogue } from './metadata-catalogue.ts'
export { METADATA_LANGUAGES, TERMS } from './metadata-terms.ts'
