import { primaryLanguage } from '../tenancy/languages.ts'
import { SAMPLE_CONTENT_DE } from './sample-content-de.ts'
import { SAMPLE_CONTENT_EN } from './sample-content-en.ts'
import { SAMPLE_CONTENT_ES } from './sample-content-es.ts'
import { SAMPLE_CONTENT_FR } from './sample-content-fr.ts'
import type { SiteContent } from './site-content.ts'

// The face stays what it was before the split: callers import these from here.
export { fill, withLabels, type SiteContent, type SiteUiLabels } from './site-content.ts'

const CONTENT: Readonly<Record<string, SiteContent>> = {
  en: SAMPLE_CONTENT_EN,
  fr: SAMPLE_CONTENT_FR,
  de: SAMPLE_CONTENT_DE,
  es: SAMPLE_CONTENT_ES,
}

/** The languages sample data is written in (primary subtags). */
export const SAMPLE_CONTENT_LANGUAGES: readonly string[] = Object.keys(CONTENT)

/**
 * The site's words and sample content for a portal language. Sample data is
 * provided in one language per portal: the default language's when there is
 * a translation, else English (and `language` says so).
 *
 * @example
 * siteContentFor('fr-FR').nav.search // 'Rechercher'
 */
export function siteContentFor(language: string): SiteContent {
  return CONTENT[primaryLanguage(language)] ?? SAMPLE_CONTENT_EN
}
