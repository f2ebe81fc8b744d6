import { describe, expect, it } from 'vitest'
import type { Interaction, JourneyResponse } from '../schemas/index.ts'
import { createJourneyFormat } from './journey-format.ts'
import { journeyGist } from './journey-gist.ts'
import { MESSAGES } from './catalogues.ts'
import type { LabelLanguage } from './messages.ts'
import { plotModel } from './plot-model.ts'
import { summarize } from './sample-journey.ts'

const CASE = Date.parse('2026-11-22T09:53:00Z')
const MIN = 60_000
let n = 0

function at(minutes: number, what: Partial<Interaction> & Pick<Interaction, 'type'>): Interaction {
  n++
  return {
    portal_interactionid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    portal_contactid: '11111111-1111-4111-8111-111111111111',
    portal_timestamp: new Date(CASE + minutes * MIN).toISOString(),
    portal_portalid: '22222222-2222-4222-8222-222222222222',
    portal_sessionid: 's',
    ...what,
  } as Interaction
}
const article = (minutes: number, id: string, title: string) =>
  at(minutes, {
    type: 'portal_viewknowledgearticle',
    portal_knowledgearticleid: id,
    portal_knowledgetitle: title,
    portal_language: 'en-US',
  })
const search = (minutes: number, text: string) =>
  at(minutes, { type: 'portal_search', portal_searchstring: text })

function journey(interactions: Interaction[], afterMs = 0): JourneyResponse {
  return {
    hubId: 'h',
    contactId: 'c',
    from: new Date(CASE - 7 * 24 * 60 * MIN).toISOString(),
    before: new Date(CASE).toISOString(),
    to: new Date(CASE + afterMs).toISOString(),
    profile: null,
    interactions,
    truncated: false,
    summary: summarize(interactions),
    cases: [],
  }
}

const FIXTURES = {
  // A busy last hour: three articles (one read twice), two searches, and an older view.
  busyHour: journey([
    article(-3 * 24 * 60, 'a-4', 'Track a parcel'),
    article(-50, 'a-1', 'Reset your password'),
    search(-41, 'password reset not working'),
    article(-35, 'a-2', 'Set up two-factor sign-in'),
    search(-20, 'authenticator new phone'),
    article(-12, 'a-1', 'Reset your password'),
    article(-4, 'a-3', 'Change your phone number'),
  ]),
  // A quiet last hour: one blog post and one forum thread days before.
  quietHour: journey([
    at(-3 * 24 * 60, {
      type: 'portal_viewblogpost',
      portal_blogpostid: 'b-1',
      portal_blogtitle: 'Our new returns policy',
    }),
    at(-2 * 24 * 60, {
      type: 'portal_viewforumthread',
      portal_forumthreadid: 'f-1',
      portal_forumthreadtitle: 'Refund still pending after 10 days',
    }),
  ]),
  // One article and the same search three times, then two more after the case.
  repeatedSearch: journey(
    [
      search(-30, 'refund'),
      article(-25, 'a-9', 'Return a damaged item'),
      search(-20, 'refund'),
      search(-2, 'refund'),
      search(30, 'refund status'),
      article(90, 'a-9', 'Return a damaged item'),
    ],
    24 * 60 * MIN,
  ),
}

const EXPECTED: Record<keyof typeof FIXTURES, Record<LabelLanguage, string>> = {
  busyHour: {
    en: 'Read 3 articles and searched twice in the hour before the case; read ‘Reset your password’ twice.',
    fr: '3\u00a0articles lus et 2\u00a0recherches dans l’heure précédant la demande\u202f; «\u202fReset your password\u202f» lu 2\u00a0fois.',
    de: 'In der Stunde vor dem Fall 3 Artikel gelesen und zweimal gesucht; „Reset your password“ zweimal gelesen.',
  },
  quietHour: {
    en: 'Read 1 blog post and 1 forum thread in the 7 days before the case.',
    fr: '1\u00a0billet de blog et 1\u00a0fil de forum lus dans les 7 jours précédant la demande.',
    de: 'In den 7 Tagen vor dem Fall 1 Blogbeitrag und 1 Forenthema gelesen.',
  },
  repeatedSearch: {
    en: 'Read 1 article and searched 3 times in the hour before the case; searched ‘refund’ 3 times. 2 more after the case.',
    fr: '1\u00a0article lu et 3\u00a0recherches dans l’heure précédant la demande\u202f; «\u202frefund\u202f» recherché 3\u00a0fois. 2 autres après la demande.',
    de: 'In der Stunde vor dem Fall 1 Artikel gelesen und 3-mal gesucht; 3-mal nach „refund“ gesucht. Nach dem Fall: 2 weitere.',
  },
}

const LOCALES: Record<LabelLanguage, string> = { en: 'en-GB', fr: 'fr-FR', de: 'de-DE' }

describe('journeyGist', () => {
  for (const [name, fixture] of Object.entries(FIXTURES) as [keyof typeof FIXTURES, JourneyResponse][]) {
    for (const language of ['en', 'fr', 'de'] as const) {
      it(`says the ${name} journey in one sentence, in ${language}`, () => {
        const format = createJourneyFormat(LOCALES[language], MESSAGES[language], 'UTC')
        expect(journeyGist(plotModel(fixture), MESSAGES[language], format)).toBe(EXPECTED[name][language])
      })
    }
  }

  it('uses the plural rules of the locale: one search, one article', () => {
    const format = createJourneyFormat('en-GB', MESSAGES.en, 'UTC')
    const one = journey([article(-10, 'a', 'Track a parcel'), search(-5, 'parcel')])
    expect(journeyGist(plotModel(one), MESSAGES.en, format)).toBe(
      'Read 1 article and searched once in the hour before the case.',
    )
    const fr = createJourneyFormat('fr-FR', MESSAGES.fr, 'UTC')
    expect(journeyGist(plotModel(one), MESSAGES.fr, fr)).toBe(
      '1\u00a0article lu et 1\u00a0recherche dans l’heure précédant la demande.',
    )
  })

  it('says nothing for an empty journey', () => {
    const format = createJourneyFormat('en-GB', MESSAGES.en, 'UTC')
    expect(journeyGist(plotModel(journey([])), MESSAGES.en, format)).toBeNull()
  })
})
