/**
 * Names the API gives in English (portal types, features, packages, steps,
 * solutions, package states, languages), as the console's language says them.
 * The catalogues hold them by id; a name the catalogue lacks is shown as the
 * API gave it. Languages come from the browser's own `Intl.DisplayNames`.
 */
import type { Lang, Messages } from './i18n.ts'

type NameKind = keyof Messages['names']

/** The name of `kind` with id `id` in the catalogue's language, else `fallback` (the API's). */
export function nameOf(t: Messages, kind: NameKind, id: string, fallback: string): string {
  return t.names[kind][id] ?? fallback
}

/** A language tag (`fr-FR`) as the console's language names it ("français (France)"). */
export function languageName(lang: Lang, code: string, fallback: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? fallback
  } catch {
    return fallback
  }
}
