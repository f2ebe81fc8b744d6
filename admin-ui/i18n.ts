/**
 * The console's languages: English, French and German, like the widget.
 * Pages read their words from {@link useT}; the choice is kept in
 * `localStorage` and starts from the browser's language.
 */
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import { en, type Messages } from './messages-en.ts'

/** The languages the console speaks. */
export const LANGUAGES = { en: 'English', fr: 'Français', de: 'Deutsch' } as const
/** One of {@link LANGUAGES}. */
export type Lang = keyof typeof LANGUAGES

/**
 * English is in the first load; French and German are chunks fetched when
 * chosen (each is ~8 KB gzip: loading all three put the first load over its
 * 40 KB budget).
 */
const LOADERS: Record<Exclude<Lang, 'en'>, () => Promise<Messages>> = {
  fr: () => import('./messages-fr.ts').then((m) => m.fr),
  de: () => import('./messages-de.ts').then((m) => m.de),
}
const loaded: Partial<Record<Lang, Messages>> = { en }
const KEY = 'casetrail.admin.lang'

/** The language to start with: the saved choice, else the browser's, else English. */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(KEY)
    if (saved && saved in LANGUAGES) return saved as Lang
  } catch {
    // storage unavailable
  }
  const browser = (navigator.language || 'en').slice(0, 2)
  return browser in LANGUAGES ? (browser as Lang) : 'en'
}

/** Saves the language choice. */
export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(KEY, lang)
  } catch {
    // storage unavailable: the choice lasts for the page
  }
}

/** The messages of `lang` when its catalogue is here already, else null (see {@link loadMessages}). */
export const messagesFor = (lang: Lang): Messages | null => loaded[lang] ?? null

/** Fetches the catalogue of `lang` (once), and answers its messages. */
export async function loadMessages(lang: Lang): Promise<Messages> {
  const have = loaded[lang]
  if (have) return have
  const messages = await LOADERS[lang as Exclude<Lang, 'en'>]()
  loaded[lang] = messages
  return messages
}

/** The current language and its messages. */
export const LangContext = createContext<{ lang: Lang; t: Messages }>({ lang: 'en', t: en })

/** The current messages. */
export const useT = (): Messages => useContext(LangContext).t
/** The current language. */
export const useLang = (): Lang => useContext(LangContext).lang

/** Formats a date-time in the current language. */
export const formatDateTime = (lang: Lang, value: string | number | null | undefined): string => {
  if (value === null || value === undefined || value === '') return '—'
  const date = new Date(value)
  return Number.isNaN(date.getTime())
    ? String(value)
    : new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

export type { Messages }

/**
 * A UTC calendar day (`2026-12-07`, as the insights answer it) written short in
 * the language, for chart axes: "Dec 7", "7 déc.", "7. Dez.". Anything else is
 * shown as it came.
 */
export const formatDay = (lang: Lang, day: string): string => {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`)
  return Number.isNaN(date.getTime())
    ? day
    : new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date)
}

/**
 * Items joined as the language joins a list: "a, b, and c", "a, b et c",
 * "a, b und c" (`Intl.ListFormat`), never a comma the English way.
 * @example formatList('fr', ['Envoyer', 'Lire', 'Gérer']) // 'Envoyer, Lire et Gérer'
 */
export const formatList = (lang: Lang, items: readonly string[]): string =>
  new Intl.ListFormat(lang, { type: 'conjunction' }).format(items)

/** A count in the language's digits and grouping: "1,234", "1 234" (French, narrow no-break space), "1.234". */
export const formatNumber = (lang: Lang, value: number): string => new Intl.NumberFormat(lang).format(value)

/**
 * A rate from 0 to 1 as a percentage, at most one decimal: "12.5%", "12,5 %" (French: a narrow
 * no-break space, as before : ; ! ? in the catalogue), "12,5 %" (German: ICU's no-break space);
 * null is a dash.
 */
export const formatPercent = (lang: Lang, value: number | null): string => {
  if (value === null) return '—'
  const text = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value)
  // ICU puts a full no-break space before % in French; French typography (and this console) a narrow one.
  return lang === 'fr' ? text.replace('\u00a0%', '\u202f%') : text
}
