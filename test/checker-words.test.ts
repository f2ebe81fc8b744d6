import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkerWordsDe, checkerWordsFr } from '../admin-ui/testing.ts'
import { CHECKS, SKIPPED_CHECKS_NOTE, say } from '../core/testing.ts'
import { CHECK_CATEGORIES } from '../schemas/index.ts'

/**
 * Every word the portal checker gives the console has its French and German:
 * each check's issue, mitigation and action labels, the categories, the run's
 * note, and every sentence a check writes (its `say` templates, read from the
 * checks' source, and its plain `details`/`reason` strings). A check added or
 * reworded without its words fails here, before the console shows it in English.
 */

const CHECKS_DIR = join(import.meta.dirname, '../core/checker/checks')
const SLOT = /\$\{(?:[^{}]|\{[^{}]*\})*\}/g

/** The templates and plain sentences the checks' findings say, read from their source. */
function sentencesInSource(): string[] {
  const found: string[] = []
  for (const file of readdirSync(CHECKS_DIR)) {
    const src = readFileSync(join(CHECKS_DIR, file), 'utf8')
    for (const m of src.matchAll(/say`((?:[^`$]|\$\{(?:[^{}]|\{[^{}]*\})*\})*)`/g)) {
      let i = 0
      found.push(m[1]!.replace(SLOT, () => `{${i++}}`))
    }
    // Plain sentences of findings: `details: '…'`, `reason: '…'` and the branches of a ternary after them
    // (not an action's `{ changed, details }`: actions write theirs with `say`, read above).
    for (const m of src.matchAll(
      /(?<!changed:\s*[\w.>= ]+,\s*)(?:details|reason):\s*(?:[^,{}]*?\?\s*)?(['"])((?:(?!\1)[^\\]|\\.)*)\1/g,
    ))
      found.push(m[2]!.replaceAll("\\'", "'"))
  }
  return found
}

describe('the checker in French and German', () => {
  const wanted = new Set<string>([
    ...CHECK_CATEGORIES,
    SKIPPED_CHECKS_NOTE,
    'Portal is turned off',
    'IP address filtering is enabled',
    'timed out',
    say`could not run: ${'x'}`.template,
    ...CHECKS.flatMap((c) => [c.issue, c.mitigation, ...(c.actions ?? []).map((a) => a.label)]),
    ...sentencesInSource(),
  ])

  it('reads the sentences of the checks (the reader finds templates and plain ones)', () => {
    expect(wanted).toContain('the site has no {0} site marker')
    expect(wanted).toContain('the store took every accepted row')
    expect(wanted.size).toBeGreaterThan(150)
  })

  for (const [lang, words] of [
    ['fr', checkerWordsFr],
    ['de', checkerWordsDe],
  ] as const) {
    it(`has every one in ${lang}, with the same slots`, () => {
      const missing = [...wanted].filter((w) => !(w in words))
      expect(missing).toEqual([])
      const slotsOf = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort()
      const badSlots = [...wanted].filter(
        (w) => w in words && slotsOf(w).join() !== slotsOf(words[w]!).join(),
      )
      expect(badSlots).toEqual([])
    })
  }
})
