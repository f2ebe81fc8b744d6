// @vitest-environment happy-dom
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { type Lang, LangContext, type Messages } from '../i18n.ts'
import { de } from '../messages-de.ts'
import { en } from '../messages-en.ts'
import { fr } from '../messages-fr.ts'
import { RefusalReason } from './states.tsx'

const CATALOGUES: Record<Lang, Messages> = { en, fr, de }

/** The item codes an ingest batch may be refused with, as the README's wire contract lists them. */
function documentedItemCodes(): string[] {
  const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8')
  const row = readme.split('\n').find((line) => line.includes('Item codes:'))
  if (!row) throw new Error('README lists no item codes')
  const [listed = ''] = row.slice(row.indexOf('Item codes:')).split('.')
  return [...listed.matchAll(/`([a-z_]+)`/g)].map((m) => m[1] ?? '')
}

let host: HTMLElement
afterEach(() => {
  render(null, host)
  host.remove()
})

async function mount(lang: Lang, code: string, message: string) {
  host = document.createElement('div')
  document.body.append(host)
  await act(() => {
    render(
      <LangContext.Provider value={{ lang, t: CATALOGUES[lang] }}>
        <RefusalReason code={code} message={message} />
      </LangContext.Provider>,
      host,
    )
  })
  return host
}

const NOT_CAPTURED =
  "this hub does not capture portal_search; an admin can add it back to the hub's interaction types"

describe('RefusalReason (a quarantined beacon, an imported contact)', () => {
  it('shows the server message in English, with nothing folded', async () => {
    const el = await mount('en', 'type_not_captured', NOT_CAPTURED)
    expect(el.textContent).toBe(NOT_CAPTURED)
    expect(el.querySelector('details')).toBeNull()
  })

  it.each(['fr', 'de'] as const)('speaks %s and folds the English message under it', async (lang) => {
    const el = await mount(lang, 'type_not_captured', NOT_CAPTURED)
    const sentence = CATALOGUES[lang].apiErrors.type_not_captured
    expect(el.querySelector('.refusal-reason')?.firstChild?.textContent).toBe(sentence)
    expect(el.querySelector('details summary')?.textContent).toBe(CATALOGUES[lang].serverMessage)
    const samp = el.querySelector('details samp')
    expect(samp?.getAttribute('lang')).toBe('en')
    expect(samp?.textContent).toBe(NOT_CAPTURED)
  })

  it('names a code the catalogue has no sentence for, rather than showing English', async () => {
    const el = await mount('fr', 'some_new_code', 'something English')
    expect(el.querySelector('.refusal-reason')?.firstChild?.textContent).toBe(
      fr.apiRefused?.('some_new_code'),
    )
  })

  it('has a French and a German sentence for every item code the wire contract documents', () => {
    const codes = documentedItemCodes()
    expect(codes).toContain('type_not_captured')
    expect(codes.length).toBeGreaterThan(10)
    const missing = (t: Messages) => codes.filter((code) => !t.apiErrors[code])
    expect(missing(fr)).toEqual([])
    expect(missing(de)).toEqual([])
  })
})
