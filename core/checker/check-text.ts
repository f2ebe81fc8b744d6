import type { CheckSentence } from '../../schemas/index.ts'
import { languageName } from '../tenancy/languages.ts'

/**
 * A sentence a check says, kept both ways: the English text (what the API's
 * `details` holds) and its template with numbered slots and the values that
 * fill them, so the console can say it in its own language. The template is
 * the English sentence with `{0}`, `{1}`… where the values go: the console's
 * catalogues are keyed by it, as gettext keys by the source text.
 */
export interface Said extends CheckSentence {
  text: string
}

/** Language tags in a slot (see {@link languages}): English names them, the API carries the tags. */
interface LanguageList {
  readonly languages: readonly string[]
}

/** What a slot of a {@link say} sentence holds: a name or number, a list of names, languages, or several findings. */
export type SayValue = string | number | readonly string[] | LanguageList | readonly Said[]

/**
 * Languages for a slot of {@link say}: the English text names them ("Arabic
 * (Saudi Arabia) (ar-SA)"), the values carry the tags, which the console names
 * in its own language.
 *
 * @example say`no translations ship for ${languages(['ar-SA'])}`.values // [['ar-SA']]
 */
export const languages = (tags: readonly string[]): LanguageList => ({ languages: tags })

const isLanguageList = (value: SayValue): value is LanguageList =>
  typeof value === 'object' && 'languages' in value

const ENGLISH_LIST = new Intl.ListFormat('en', { type: 'conjunction' })

/** A slot's value in the English text: a list of names as English lists them (`A, B, and C`), findings joined with `; `. */
function englishOf(value: SayValue): string {
  if (typeof value !== 'object') return String(value)
  if (isLanguageList(value))
    return ENGLISH_LIST.format(value.languages.map((t) => `${languageName(t)} (${t})`))
  if (value.every((v): v is string => typeof v === 'string')) return ENGLISH_LIST.format(value)
  return (value as readonly Said[]).map((s) => s.text).join('; ')
}

/** A slot's value as the API carries it (findings without their English text). */
function carried(value: SayValue): CheckSentence['values'][number] {
  if (typeof value !== 'object') return value
  if (isLanguageList(value)) return [...value.languages]
  if (value.every((v): v is string => typeof v === 'string')) return [...value]
  return (value as readonly Said[]).map((s) => ({
    template: s.template,
    values: s.values as Array<string | number | string[]>,
  }))
}

/**
 * The tag a check writes its dynamic sentences with. A slot may hold a list of
 * names (the console joins it as its language lists things) or a list of
 * sentences (see {@link findings}).
 *
 * @example say`instance ${instance.name} (${instance.id}) is there`
 * // { text: 'instance Contoso (4f…) is there', template: 'instance {0} ({1}) is there', values: ['Contoso', '4f…'] }
 */
export function say(strings: TemplateStringsArray, ...values: SayValue[]): Said {
  let text = strings[0]!
  let template = strings[0]!
  values.forEach((value, i) => {
    text += englishOf(value) + strings[i + 1]!
    template += `{${i}}${strings[i + 1]!}`
  })
  return { text, template, values: values.map(carried) }
}

/**
 * Several findings as one sentence: each said in its own words, joined with
 * `; ` (one finding is itself). A finding in a finding's slot is not allowed.
 *
 * @example findings([say`page ${'a'} is empty`, say`page ${'b'} is empty`]).text
 * // 'page a is empty; page b is empty'
 */
export const findings = (parts: readonly Said[]): Said => (parts.length === 1 ? parts[0]! : say`${parts}`)

/** A plain sentence (no values) or a {@link say} one, as a {@link Said}. */
export const said = (sentence: string | Said): Said =>
  typeof sentence === 'string' ? { text: sentence, template: sentence, values: [] } : sentence

/** The template and values of a sentence, as the API carries them (its text is the `details` beside it). */
export const sentenceOf = (sentence: string | Said): CheckSentence => {
  const { template, values } = said(sentence)
  return { template, values }
}
