/**
 * Languages a portal cannot use: sample data and page layouts are
 * left-to-right only, so Arabic and Hebrew are left out of the list (as the
 * seed states). Primary subtags, after canonicalisation (`iw` becomes `he`).
 */
export const UNSUPPORTED_PORTAL_LANGUAGES: readonly string[] = ['ar', 'he']

/**
 * The canonical form of a BCP 47 language tag (`EN-us` -> `en-US`), or `null`
 * when it is not one.
 *
 * @example
 * canonicalLanguageTag('fr-fr') // 'fr-FR'
 * canonicalLanguageTag('not a tag') // null
 */
export function canonicalLanguageTag(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim())
    return canonical ?? null
  } catch {
    return null
  }
}

/** The primary language subtag of a tag (`fr-FR` -> `fr`, `iw-IL` -> `he`). */
export function primaryLanguage(tag: string): string {
  try {
    return new Intl.Locale(tag).language
  } catch {
    return tag.split('-')[0]!.toLowerCase()
  }
}

/** Whether a portal may use `tag` as its default language (anything but Arabic and Hebrew). */
export const isPortalLanguageSupported = (tag: string): boolean =>
  !UNSUPPORTED_PORTAL_LANGUAGES.includes(primaryLanguage(tag))

/**
 * The display name of a language, in English by default (`fr-FR` -> `French
 * (France)`); the tag itself when the runtime has no name for it.
 */
export function languageName(tag: string, inLanguage = 'en'): string {
  try {
    return (
      new Intl.DisplayNames([inLanguage], { type: 'language', languageDisplay: 'standard' }).of(tag) ?? tag
    )
  } catch {
    return tag
  }
}
