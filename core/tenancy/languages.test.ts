import { describe, expect, it } from 'vitest'
import {
  canonicalLanguageTag,
  isPortalLanguageSupported,
  languageName,
  primaryLanguage,
} from './languages.ts'

describe('languages', () => {
  it('canonicalises tags and refuses what is not one', () => {
    expect(canonicalLanguageTag('fr-fr')).toBe('fr-FR')
    expect(canonicalLanguageTag('EN-us')).toBe('en-US')
    expect(canonicalLanguageTag('not a tag')).toBeNull()
  })

  it.each(['ar-SA', 'ar', 'he-IL', 'iw-IL'])(
    'leaves %s out of portal languages (Arabic and Hebrew)',
    (tag) => {
      expect(isPortalLanguageSupported(tag)).toBe(false)
    },
  )

  it.each(['en-US', 'fr-FR', 'ja-JP', 'hr-HR'])('offers %s', (tag) => {
    expect(isPortalLanguageSupported(tag)).toBe(true)
  })

  it('names languages and finds the primary subtag', () => {
    expect(languageName('fr-FR')).toBe('French (France)')
    expect(primaryLanguage('iw-IL')).toBe('he')
  })
})
