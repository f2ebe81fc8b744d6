/**
 * The portal checker's words in the console's language. The checker speaks
 * English in the API (its `issue`, `details`, `mitigation`, categories, action
 * labels and notes) and gives each sentence with values as a template
 * (`sentences`); the console words them from its own catalogues, keyed by the
 * English text (checker-words-fr.ts, checker-words-de.ts). Why here and not
 * in the API: the API's words serve scripts and logs in one language, the
 * console already keeps every word it shows in its catalogues, and a run
 * stored last week reads in whichever language the admin picks today.
 */
import type { CheckSentence } from '../schemas/index.ts'
import { checkerWordsDe } from './checker-words-de.ts'
import { checkerWordsFr } from './checker-words-fr.ts'
import { languageName } from './api-names.ts'
import { type Lang, formatDateTime, formatList, formatNumber, formatPercent } from './i18n.ts'

const WORDS: Record<Lang, Readonly<Record<string, string>> | null> = {
  en: null,
  fr: checkerWordsFr,
  de: checkerWordsDe,
}

/** A text the checker gives in English (an issue, a mitigation, a category, a label, a note), in `lang`. */
export const checkerText = (lang: Lang, english: string): string => WORDS[lang]?.[english] ?? english

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/
/** A language tag with its region (`ar-SA`, `zh-Hant-TW`): the checker carries languages as tags in its lists. */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?-[A-Z]{2}$/
const PERCENT = /^(\d+(?:\.\d+)?)%$/

/** Between two findings in one sentence: French sets a narrow no-break space before `;`. */
const FINDINGS_SEPARATOR: Record<Lang, string> = { en: '; ', fr: '\u202f; ', de: '; ' }

/**
 * A value in a sentence's slot: numbers, percentages and times as `lang` writes
 * them; names as they are; a list of names as `lang` lists them (`A, B et C`), a
 * language tag in it named in `lang` ("arabe (Arabie saoudite) (ar-SA)");
 * several findings each in `lang`, one after the other.
 */
function valueIn(lang: Lang, value: CheckSentence['values'][number]): string {
  if (Array.isArray(value)) {
    if (value.every((v): v is string => typeof v === 'string'))
      return formatList(
        lang,
        value.map((v) => (LANGUAGE_TAG.test(v) ? `${languageName(lang, v, v)} (${v})` : v)),
      )
    return value
      .map((part) => (typeof part === 'string' ? part : checkerSentence(lang, part, part.template)))
      .join(FINDINGS_SEPARATOR[lang])
  }
  if (typeof value === 'number') return formatNumber(lang, value)
  if (ISO_TIME.test(value)) return formatDateTime(lang, value)
  const percent = PERCENT.exec(value)
  if (percent) return formatPercent(lang, Number(percent[1]) / 100)
  return value
}

/**
 * A sentence of a result in `lang`: its template in the language, its values in
 * the slots. Without a template (a run stored before they existed), the
 * English text through {@link checkerText}.
 *
 * @example checkerSentence('fr', { template: 'instance {0} ({1}) is there', values: ['Contoso', 'id'] }, '…')
 * // 'l’instance Contoso (id) est présente'
 */
export function checkerSentence(
  lang: Lang,
  sentence: CheckSentence | null | undefined,
  english: string,
): string {
  if (!sentence) return checkerText(lang, english)
  const template = WORDS[lang]?.[sentence.template] ?? sentence.template
  return template.replace(/\{(\d+)\}/g, (slot, i: string) => {
    const value = sentence.values[Number(i)]
    return value === undefined ? slot : valueIn(lang, value)
  })
}
