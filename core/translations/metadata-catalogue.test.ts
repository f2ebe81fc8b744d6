import { describe, expect, it } from 'vitest'
import { PACKAGE_IDS } from '../portals/portal-catalogue.ts'
import { SHIPPED_CATALOGUE } from './metadata-catalogue.ts'
import { TERMS } from './metadata-terms.ts'

describe('shipped metadata translations', () => {
  it('ship at least ten languages for every package and version, with every label translated', () => {
    const languages = SHIPPED_CATALOGUE.languages()
    expect(languages.length).toBeGreaterThanOrEqual(10)
    for (const packageId of PACKAGE_IDS) {
      const versions = SHIPPED_CATALOGUE.versions(packageId)
      expect(versions.length, packageId).toBeGreaterThan(0)
      for (const version of versions) {
        const english = SHIPPED_CATALOGUE.labels(packageId, version, 'en-US')!
        expect(Object.keys(english).length, `${packageId} ${version}`).toBeGreaterThan(0)
        for (const language of languages) {
          const labels = SHIPPED_CATALOGUE.labels(packageId, version, language)
          expect(labels && Object.keys(labels), `${packageId} ${version} ${language}`).toEqual(
            Object.keys(english),
          )
          for (const text of Object.values(labels!)) expect(text.trim()).not.toBe('')
        }
      }
    }
  })

  it('gives every term a translation per language, differing from English where a language writes differently', () => {
    for (const [term, row] of Object.entries(TERMS)) {
      expect(row, term).toHaveLength(SHIPPED_CATALOGUE.languages().length)
      // Japanese and Chinese never reuse the English word for a term.
      expect(row[7], term).not.toBe(row[0])
      expect(row[8], term).not.toBe(row[0])
    }
  })

  it('has nothing for a language it does not ship, or a version that does not exist', () => {
    expect(
      SHIPPED_CATALOGUE.labels('portal_base', SHIPPED_CATALOGUE.latest('portal_base'), 'ar-SA'),
    ).toBeNull()
    expect(SHIPPED_CATALOGUE.labels('portal_base', '0.0.0', 'en-US')).toBeNull()
  })
})
