import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  KEY_RIGHTS,
  PACKAGE_STATUSES,
  PORTAL_CASE_CATEGORIES,
  PORTAL_CASE_STATUSES,
  PORTAL_STATUSES,
} from '../../schemas/index.ts'
import { type EveryPageHarness, nameOf, startEveryPageHarness } from '../support/console-pages.ts'

/**
 * Every console page, as the router lists them, with data on it
 * (test/support/console-pages.ts), in French and German: no visible text,
 * aria-label, placeholder, title or option equals the English rendering of
 * the same page, but for a short reviewed allow-list. The checker's rows are
 * opened one by one and the translation update's question is asked, so what
 * shows only on request is read too. Numbers: a French percentage is "33,3 %".
 */

let e: EveryPageHarness
/** Every view's words in French and German, read by the first test, searched by the second. */
const seen: Array<{ lang: 'fr' | 'de'; view: string; texts: string[] }> = []
/** Every view's words in English: the states the seed shows at all. */
const shownInEnglish: string[] = []
beforeAll(async () => {
  e = await startEveryPageHarness()
}, 180_000)
afterAll(async () => {
  await e?.h.close()
})

describe('the console in French and German', () => {
  it('shows no English on any page in French or German (but names, codes and data)', async () => {
    await e.h.page.setViewportSize({ width: 1280, height: 900 })
    const english = new Map<string, Set<string>>()
    await e.setLanguage('en')
    for (const path of await e.everyView()) {
      const texts = await textsOf(path)
      english.set(path, new Set(texts))
      shownInEnglish.push(...texts)
    }
    const leftovers: string[] = []
    let frenchInsights = ''
    for (const lang of ['fr', 'de'] as const) {
      await e.setLanguage(lang)
      for (const path of await e.everyView()) {
        const en = english.get(path)!
        const texts = await textsOf(path)
        seen.push({ lang, view: nameOf(path), texts })
        for (const text of texts)
          if (
            en.has(text) &&
            ![...SAME_IN_EVERY_LANGUAGE, ...SPELT_ALIKE[lang]].some((allowed) => allowed.test(text))
          )
            leftovers.push(`${lang} ${nameOf(path)}: ${JSON.stringify(text)}`)
        if (path === '/insights' && lang === 'fr')
          frenchInsights = (await e.h.page.locator('main').textContent()) ?? ''
      }
    }
    await e.setLanguage('en')
    expect([...new Set(leftovers)]).toEqual([])
    // A percentage as French writes it: a comma, and a narrow no-break space before %.
    expect(frenchInsights).toMatch(/\d,\d\u202f%/)
  }, 240_000)

  it('names no record state, outcome, origin, role or language in English inside French or German text', () => {
    expect(seen.length).toBeGreaterThan(20)
    // The seed shows these states in English at all (else this test could not fail).
    const shown = ENUM_WORDS.filter(([, pattern]) => shownInEnglish.some((text) => pattern.test(text)))
    expect(shown.map(([words]) => words)).toEqual(
      expect.arrayContaining([
        'install failed',
        'not installed',
        'provisioning failed',
        'skipped',
        'resolved',
      ]),
    )
    const found: string[] = []
    for (const { lang, view, texts } of seen)
      for (const text of texts)
        for (const [value, pattern] of ENUM_WORDS)
          if (pattern.test(text) && !SPELT_ALIKE_ENUM[lang].includes(value))
            found.push(`${lang} ${view}: ${JSON.stringify(value)} in ${JSON.stringify(text)}`)
    expect([...new Set(found)]).toEqual([])
  })

  it('writes no English sentence in French or German, a chart library’s own descriptions included', () => {
    // Three of these words in one text is an English sentence (ECharts' "This is a chart with type
    // Bar chart named …. The data is as follows: …"), not a name or a quoted page title.
    const englishWords = new Set(['the', 'is', 'are', 'was', 'and', 'of', 'with', 'this', 'that', 'for'])
    for (const word of ['from', 'could', 'not', 'has', 'have', 'data', 'chart', 'series'])
      englishWords.add(word)
    const found: string[] = []
    for (const { lang, view, texts } of seen)
      for (const text of texts) {
        const words = new Set(
          text
            .toLowerCase()
            .match(/\p{L}+/gu)
            ?.filter((w) => englishWords.has(w)),
        )
        if (words.size >= 3) found.push(`${lang} ${view}: ${JSON.stringify(text.slice(0, 100))}`)
      }
    expect([...new Set(found)]).toEqual([])
  })

  it('joins lists as the language does (Intl.ListFormat), not with a bare comma', () => {
    // "A, B" with no "et"/"und" before the last item, where each item starts as a name does
    // (a capital): roles, key rights, prerequisites. A clause after a comma starts lower-case.
    const bareList = /^[^,.;!?]{1,60}(, \p{Lu}[^,.;!?]{0,60})+$/u
    const conjunction = { fr: / (et|ou) /, de: / (und|oder) / }
    const found: string[] = []
    for (const { lang, view, texts } of seen)
      for (const text of texts)
        if (bareList.test(text) && !conjunction[lang].test(text))
          found.push(`${lang} ${view}: ${JSON.stringify(text)}`)
    expect([...new Set(found)]).toEqual([])
  })

  it('logged no page errors', () => {
    expect(e.h.problems).toEqual([])
  })
})

/** Opens a page and reads its words, with what only shows on request: every checker row opened, the update question. */
async function textsOf(path: string): Promise<string[]> {
  await e.open(path)
  const texts = await visibleTexts(e.h.page)
  if (path.endsWith('/checker')) {
    // The checks that passed are folded behind a button: unfold them, their words count too.
    const unfold = e.h.page.locator('.checker-grid button.show-passed[aria-expanded="false"]')
    if ((await unfold.count()) > 0) {
      texts.push(...(await visibleTexts(e.h.page, '.checker-grid .passed-toggle')))
      await unfold.click()
    }
    const rows = e.h.page.locator('.checker-grid button.expand')
    // The results draw after the page's own loading state is gone: wait for the rows, not a time.
    // Until they are there the poll reads the page's words, so a failure says what it showed instead.
    const drawn = async () =>
      (await rows.count()) > 10 ? 'rows' : await e.h.page.locator('main').textContent()
    await expect.poll(drawn, { timeout: 30_000 }).toBe('rows')
    const count = await rows.count()
    for (let i = 0; i < count; i++) {
      await rows.nth(i).click()
      await e.h.page.locator('.check-details').waitFor()
      texts.push(...(await visibleTexts(e.h.page, '.check-details')))
    }
  }
  if (path.endsWith('/translations')) {
    await e.h.page.locator('main .page-head button.button-primary').click()
    await e.h.page.locator('dialog[open]').waitFor()
    texts.push(...(await visibleTexts(e.h.page, 'dialog[open]')))
  }
  return texts
}

/**
 * Text that is the same in English, French and German on purpose, reviewed:
 * the product's and the seed's names, the test's own data, and technical terms
 * each language writes the same way.
 */
const SAME_IN_EVERY_LANGUAGE: RegExp[] = [
  /^casetrail\b/,
  /^(Contoso|Contoso Help|Contoso insights|Fabrikam Support|Northwind Help|Bootstrap administrator|default)$/,
  /^(Reset two-factor authentication|reset password|Locked out after changing phones|CAS-01234-SWEEP)$/,
  /^(CNAME|URL|ID|HTTPS|CSV|JSON|NDJSON|SAS|OK|Portal)$/,
  // Hub key names: identifiers the admin or the binding chose.
  /^portal-[0-9a-f-]{36}$/,
  // Language names in their own language (the language picker).
  /^(English|Français|Deutsch)$/,
  // API operation ids (camelCase, like createHub), which the audit log names and filters by.
  /^[a-z]+(?:[A-Z][a-z]+)+$/,
  // The test's data: portal contacts as "name (address)".
  /^[\p{L} ]+ \([\w.+-]+@[\w.-]+\)$/u,
]

/** Words one language writes as English does, reviewed per language (German "Production" is not one). */
const SPELT_ALIKE: Record<'fr' | 'de', RegExp[]> = {
  fr: [
    /^(Applications|Type|Production|Description|Instance|Instances|Total|Article|Licence|Licences)$/,
    /^(Session|Sessions|Actions|Menu|Contact|\d+ minutes)$/,
  ],
  de: [/^(Hub|Hubs|Name|Partner|Status)$/],
}

/**
 * The server's enum values the console shows (record states, job and step
 * states, package states, checker outcomes, case states, origins and
 * categories, translation and erasure outcomes, portal types, key rights,
 * roles), written as the API sends them and as English words: in a French or
 * German text, any of them as a whole word is English the console did not
 * translate. "on" is left out (a French word).
 */
const ENUM_VALUES: readonly string[] = [
  ...PORTAL_STATUSES,
  ...['Configuring', 'Provisioned', 'Provisioning Failed'], // PORTAL_STATUS_LABELS
  ...PACKAGE_STATUSES,
  ...['pending', 'running', 'succeeded', 'failed', 'skipped'], // step and job states (JOB_STATES)
  ...['provision', 'restart', 'change_values'], // job reasons
  ...['error', 'warning', 'pass', 'passed', 'not_applicable', 'not_run'], // CHECK_RESULTS
  ...PORTAL_CASE_STATUSES,
  ...PORTAL_CASE_CATEGORIES,
  ...['portal', 'crm'], // CASE_SOURCES
  ...['Draft', 'Published'], // PUBLISHING_STATES
  ...['installed', 'updated', 'not_available'], // translation outcomes
  ...['done'], // erasure states
  ...['off'], // PORTAL_STATES
  ...['Trial', 'Production', 'trial', 'production'], // portal and licence types
  ...KEY_RIGHTS,
  ...['global_administrator', 'service_administrator', 'system_administrator', 'system_customizer'],
]
/** The seed instance's languages as English names them ("Arabic (Saudi Arabia)"): a French or German page names them in its own language. */
const ENGLISH_LANGUAGE_NAMES = ['en-US', 'fr-FR', 'de-DE', 'ar-SA'].map(
  (tag) => new Intl.DisplayNames(['en'], { type: 'language' }).of(tag)!,
)
const ENUM_WORDS: Array<[string, RegExp]> = [
  ...new Set(ENUM_VALUES.map((v) => v.replace(/_/g, ' ').toLowerCase())),
  ...ENGLISH_LANGUAGE_NAMES.map((name) => name.toLowerCase().replace(/[()]/g, '\\$&')),
].map((words) => [words, new RegExp(`(?<![\\p{L}_-])${words.replace(/ /g, '[ _]')}(?![\\p{L}_-])`, 'iu')])

/** Enum words one language writes as English does (French "production", German "Problem"), reviewed. */
const SPELT_ALIKE_ENUM: Record<'fr' | 'de', string[]> = {
  fr: ['active', 'production', 'question', 'portal', 'crm'],
  de: ['problem', 'portal', 'crm'],
}

/**
 * Every piece of text a person (or a screen reader) meets on the page, trimmed:
 * text nodes, aria-labels, placeholders, titles and options; code, inputs' values
 * and ids are not words.
 */
function visibleTexts(page: Page, within = 'body'): Promise<string[]> {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector) ?? document.body
    const out: string[] = []
    const data = /^[0-9a-f-]{8,}$|^https?:|^[\w.-]+\.(localhost|example)(:\d+)?$|^\d{4}-\d\d-\d\d/
    const add = (raw: string | null | undefined, el: Element) => {
      const text = raw?.replace(/\s+/g, ' ').trim() ?? ''
      if (text.length < 2 || !/\p{L}{2}/u.test(text) || data.test(text)) return
      if (el.closest('code, pre, kbd, samp, script, style, [translate="no"]')) return
      out.push(text)
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || parent.closest('option') || parent.getClientRects().length === 0) continue
      add(node.textContent, parent)
    }
    for (const el of root.querySelectorAll('[aria-label], [placeholder], [title], option, img[alt]')) {
      if (el.tagName !== 'OPTION' && el.getClientRects().length === 0) continue
      if (el.tagName === 'OPTION') add(el.textContent, el)
      for (const name of ['aria-label', 'placeholder', 'title', 'alt']) add(el.getAttribute(name), el)
    }
    return out
  }, within)
}
