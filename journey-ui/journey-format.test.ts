import { describe, expect, it } from 'vitest'
import { INTERACTION_TYPES, journeyResponseSchema } from '../schemas/index.ts'
import { createJourneyFormat, windowSpan } from './journey-format.ts'
import { LANES } from './lane-styles.ts'
import { MESSAGES } from './catalogues.ts'
import { resolveLocale } from './messages.ts'
import { portalLink } from './portal-link.ts'
import { sampleJourney } from './sample-journey.ts'

const DAY = 86_400_000
const at = '2026-11-02T09:30:05Z'

describe('windowSpan', () => {
  it('names whole days from two days up and hours below', () => {
    expect(windowSpan(7 * DAY)).toEqual({ amount: 7, unit: 'day' })
    expect(windowSpan(30 * DAY)).toEqual({ amount: 30, unit: 'day' })
    expect(windowSpan(DAY)).toEqual({ amount: 24, unit: 'hour' })
    expect(windowSpan(90 * 60_000)).toEqual({ amount: 2, unit: 'hour' })
  })
})

describe('createJourneyFormat', () => {
  it('writes exact times in the locale and the given time zone', () => {
    expect(createJourneyFormat('en-US', MESSAGES.en, 'UTC').exactTime(at)).toMatch(
      /^Nov 2, 2026, 9:30:05\sAM$/,
    )
    expect(createJourneyFormat('de-DE', MESSAGES.de, 'UTC').exactTime(at)).toBe('02.11.2026, 09:30:05')
    expect(createJourneyFormat('fr-FR', MESSAGES.fr, 'UTC').exactTime(at)).toBe('2 nov. 2026, 09:30:05')
    expect(createJourneyFormat('de-DE', MESSAGES.de, 'Europe/Berlin').exactTime(at)).toBe(
      '02.11.2026, 10:30:05',
    )
  })

  it('groups digits the way the locale does', () => {
    expect(createJourneyFormat('en-US', MESSAGES.en).number(1234)).toBe('1,234')
    expect(createJourneyFormat('de-DE', MESSAGES.de).number(1234)).toBe('1.234')
    expect(createJourneyFormat('fr-FR', MESSAGES.fr).number(1234)).toBe('1\u202f234')
  })

  it('says the window in each language, with the plural the number needs', () => {
    expect(createJourneyFormat('en', MESSAGES.en).span(7 * DAY)).toBe('7 days')
    expect(createJourneyFormat('en', MESSAGES.en).span(DAY)).toBe('24 hours')
    expect(createJourneyFormat('fr', MESSAGES.fr).span(30 * DAY)).toBe('30 jours')
    expect(createJourneyFormat('de', MESSAGES.de).span(7 * DAY)).toBe('7 Tagen')
    expect(createJourneyFormat('de', MESSAGES.de).span(3_600_000)).toBe('1 Stunde')
  })

  it('labels the axis in hours without a leading zero for a day, and in days for a week', () => {
    const format = createJourneyFormat('en-GB', MESSAGES.en, 'UTC')
    expect(format.axisTime(Date.parse(at), DAY)).toBe('9:30')
    expect(format.axisTime(Date.parse(at), 7 * DAY)).toBe('2 Nov')
    const us = createJourneyFormat('en-US', MESSAGES.en, 'UTC')
    expect(us.axisTime(Date.parse('2026-11-02T16:00:00Z'), DAY)).toBe('4:00\u202fPM')
    expect(createJourneyFormat('de', MESSAGES.de, 'UTC').axisTime(Date.parse(at), DAY)).toBe('9:30')
  })

  it('finds the local midnights of a window in its time zone, across a DST change', () => {
    const paris = createJourneyFormat('fr', MESSAGES.fr, 'Europe/Paris')
    // 2026-10-25: Paris leaves summer time (UTC+2 -> UTC+1).
    const nights = paris.midnights(Date.parse('2026-10-23T12:00:00Z'), Date.parse('2026-10-27T12:00:00Z'))
    expect(nights.map((ms) => new Date(ms).toISOString())).toEqual([
      '2026-10-23T22:00:00.000Z',
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T23:00:00.000Z',
      '2026-10-26T23:00:00.000Z',
    ])
    const utc = createJourneyFormat('en', MESSAGES.en, 'UTC')
    expect(utc.midnights(Date.parse('2026-11-02T00:00:00Z'), Date.parse('2026-11-02T23:00:00Z'))).toEqual([])
  })
})

describe('resolveLocale', () => {
  it('takes labels from the base language and formats with the full tag', () => {
    expect(resolveLocale(['fr-CA'])).toMatchObject({ locale: 'fr-CA', language: 'fr' })
    expect(resolveLocale(['de'])).toMatchObject({ locale: 'de', language: 'de' })
  })

  it('falls back to English labels for a language it has none for, keeping the locale', () => {
    expect(resolveLocale(['ja-JP'])).toMatchObject({ locale: 'ja-JP', language: 'en' })
  })

  it('skips empty and invalid tags', () => {
    expect(resolveLocale([null, '', 'not a tag!', 'de-AT'])).toMatchObject({
      locale: 'de-AT',
      language: 'de',
    })
    expect(resolveLocale([])).toMatchObject({ locale: 'en', language: 'en' })
  })

  it('has every label in every language', () => {
    const keys = Object.keys(MESSAGES.en).sort()
    for (const messages of Object.values(MESSAGES)) expect(Object.keys(messages).sort()).toEqual(keys)
  })
})

describe('lanes', () => {
  it('has one lane per interaction type, in the schemas order', () => {
    expect(LANES.map((lane) => lane.type)).toEqual([...INTERACTION_TYPES])
  })

  it('gives each lane its own colour, symbol and decal', () => {
    for (const key of ['defaultColor', 'symbol', 'colorProperty'] as const) {
      expect(new Set(LANES.map((lane) => lane[key])).size).toBe(LANES.length)
    }
    expect(new Set(LANES.map((lane) => JSON.stringify(lane.decal))).size).toBe(LANES.length)
  })
})

describe('portalLink', () => {
  it('fills kind and id, URL-encoded', () => {
    expect(portalLink('https://portal.example.com/go/{kind}/{id}', 'search', 'router wifi/drops')).toBe(
      'https://portal.example.com/go/search/router%20wifi%2Fdrops',
    )
  })

  it('gives no link without a template or for a scheme other than http(s)', () => {
    expect(portalLink(null, 'article', 'a')).toBeNull()
    expect(portalLink('javascript:alert({id})', 'article', 'a')).toBeNull()
    expect(portalLink('/relative/{id}', 'article', 'a')).toBeNull()
  })
})

describe('sampleJourney', () => {
  it('passes the shared journey schema and matches its summary', () => {
    const journey = sampleJourney({ count: 200 })
    expect(journeyResponseSchema.safeParse(journey).success).toBe(true)
    expect(Object.values(journey.summary.counts).reduce((a, b) => a + b, 0)).toBe(200)
    const from = Date.parse(journey.from)
    const to = Date.parse(journey.to)
    for (const it of journey.interactions) {
      expect(Date.parse(it.portal_timestamp)).toBeGreaterThanOrEqual(from)
      expect(Date.parse(it.portal_timestamp)).toBeLessThan(to)
    }
  })
})
