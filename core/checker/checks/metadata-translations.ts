import type { CheckDefinition } from '../check-types.ts'
import { languages, say } from '../check-text.ts'

// Languages go to the sentence as tags: the English text names them, the console names them in its language.
const named = (tags: readonly string[]) => (tags.length > 0 ? languages(tags) : '')

/** Translations: every language activated on the instance has the portal's metadata translations installed. */
export const metadataTranslationsCheck: CheckDefinition = {
  id: 'translations-metadata',
  issue: 'Activated languages have no metadata translations installed',
  category: 'Translations',
  reads: ['languages activated on the instance', "the portal's installed metadata translations"],
  mitigation:
    'Get the latest metadata translations: POST /v1/admin/portals/{portalId}/translations/update with {"confirm": true} installs the labels of every activated language in the installed package versions.',
  actions: [
    {
      id: 'install-missing-translations',
      label: 'Install the missing metadata translations',
      changes: 'portal',
      async run(ctx) {
        const before = await ctx.deps.translations.missingTranslations(ctx.portal.id)
        if (before.missing.length === 0)
          return { changed: false, details: say`every activated language already has its translations` }
        await ctx.deps.translations.update(ctx.actor, ctx.portal.id, { confirm: true })
        return {
          changed: true,
          details: say`installed the metadata translations for ${languages(before.missing)}`,
        }
      },
    },
  ],
  async run(ctx) {
    const found = await ctx.translations.missingTranslations(ctx.portal.id)
    const none = named(found.unavailable)
    if (found.missing.length === 0)
      return {
        result: 'pass',
        details: none
          ? say`the activated languages (${named(found.activated)}) have their translations; no translations ship for ${none}`
          : say`the activated languages (${named(found.activated)}) have their translations`,
      }
    return {
      result: 'error',
      details: none
        ? say`activated without metadata translations: ${named(found.missing)}; no translations ship for ${none}`
        : say`activated without metadata translations: ${named(found.missing)}`,
      action: 'install-missing-translations',
    }
  },
}
