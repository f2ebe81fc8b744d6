import type { CheckSentence } from '../../schemas/index.ts'

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

/**
 * The tag a check writes its dynamic sentences with.
 *
 * @example say`instance ${instance.name} (${instance.id}) is there`
 * // { text: 'instance Contoso (4f…) is there', template: 'instance {0} ({1}) is there', values: ['Contoso', '4f…'] }
 */
export function say(strings: TemplateStringsArray, ...values: Array<string | number>): Said {
  let text = strings[0]!
  let template = strings[0]!
  values.forEach((value, i) => {
    text += String(value) + strings[i + 1]!
    template += `{${i}}${strings[i + 1]!}`
  })
  return { text, template, values }
}

/** A plain sentence (no values) or a {@link say} one, as a {@link Said}. */
export const said = (sentence: string | Said): Said =>
  typeof sentence === 'string' ? { text: sentence, template: sentence, values: [] } : sentence

/** The template and values of a sentence, as the API carries them (its text is the `details` beside it). */
export const sentenceOf = (sentence: string | Said): CheckSentence => {
  const { template, values } = said(sentence)
  return { template, values }
}
