/**
 * The console's languages: English, French and German, like the widget.
 * Pages read their words from {@link useT}; the choice is kept in
 * `localStorage` and starts from the browser's language.
 */
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import { de } from './messages-de.ts'
import { en, type Messages } from './messages-en.ts'
import { fr } from './messages-fr.ts'

/** The languages the console speaks. */
export const LANGUAGES = { en: 'English', fr: 'Français', de: 'Deutsch' } as const
/** One of {@link LANGUAGES}. */
export type Lang = keyof typeof LANGUAGES

const CATALOGUES: Record<Lang, Messages> = { en, fr, de }
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

/** The messages of `lang`. */
export const messagesFor = (lang: Lang): Messages => CATALOGUES[lang]

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
