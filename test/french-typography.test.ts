import { describe, expect, it } from 'vitest'
import { GUIDED_WORDS, RIGHTS_WORDS, checkerWordsFr, messagesFr } from '../admin-ui/testing.ts'
import { MESSAGES as WIDGET_MESSAGES } from '../journey-ui/index.ts'

/**
 * The French catalogues (the console's and the journey widget's) follow French typography: a no-break space (narrow,
 * U+202F, or U+00A0) before ":", ";", "!" and "?" and inside « », never a plain
 * space or none; and one term family for provisioning (provisionner, never
 * approvisionner). Functions are called with sample values, so their sentences
 * are read too.
 */

/** Every string of a catalogue: values, nested records, and what its functions answer. */
function stringsOf(value: unknown, at: string, out: Array<[string, string]>): Array<[string, string]> {
  if (typeof value === 'string') out.push([at, value])
  else if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown
    // Scalars first; the widget's functions also take a kind of content or a list.
    const answers = (['X', 2, 1, 'article', ['X', 'Y']] as const).flatMap((sample) => {
      try {
        return [fn(...Array.from({ length: fn.length }, () => sample))]
      } catch {
        return []
      }
    })
    if (answers.length === 0) throw new Error(`${at} answers none of the sample values`)
    for (const answer of answers) stringsOf(answer, at, out)
  } else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) stringsOf(inner, `${at}.${key}`, out)
  return out
}

const NO_BREAK = /[\u202f\u00a0]/

/** Where a string breaks the rules: punctuation used as such (followed by a space or the end). */
function typographyFaults(text: string): string[] {
  const faults: string[] = []
  for (const m of text.matchAll(/[:;!?](?=\s|$)/g)) {
    const i = m.index
    const before = text[i - 1] ?? ''
    // JSON and code the text quotes ({"confirm": true}) are not French sentences.
    if (before === '"' || before === '') continue
    if (!NO_BREAK.test(before)) faults.push(`${JSON.stringify(text.slice(Math.max(0, i - 12), i + 2))}`)
  }
  for (const m of text.matchAll(/«(?![\u202f\u00a0])|(?<![\u202f\u00a0])»/g))
    faults.push(`${JSON.stringify(text.slice(Math.max(0, m.index - 8), m.index + 8))}`)
  return faults
}

describe('French typography', () => {
  it('finds the faults it looks for (the rule can fail)', () => {
    expect(typographyFaults('Rôles: x')).toHaveLength(1)
    expect(typographyFaults('Rôles : x')).toHaveLength(1)
    expect(typographyFaults('Rôles\u202f: x ; « y »')).toHaveLength(3)
    expect(typographyFaults('Rôles\u202f: 10:30 http://a?b=1 {"confirm": true}')).toEqual([])
  })

  for (const [name, catalogue] of [
    ['messages-fr', messagesFr],
    ['checker-words-fr', checkerWordsFr],
    ['rights-words fr', RIGHTS_WORDS.fr],
    ['guided-words fr', GUIDED_WORDS.fr],
    ['journey widget fr', WIDGET_MESSAGES.fr],
  ] as const) {
    it(`${name} puts a no-break space before : ; ! ? and inside « »`, () => {
      const faults = stringsOf(catalogue, name, []).flatMap(([at, text]) =>
        typographyFaults(text).map((f) => `${at}: ${f}`),
      )
      expect([...new Set(faults)]).toEqual([])
    })

    it(`${name} says provisionner, never approvisionner`, () => {
      const mixed = stringsOf(catalogue, name, []).filter(([, text]) => /approvision/i.test(text))
      expect(mixed).toEqual([])
    })
  }
})
