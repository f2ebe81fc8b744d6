import { describe, expect, it } from 'vitest'
import { journeyResponseJsonSchema, journeyResponseSchema } from '../schemas/index.ts'
import { SUPPORTED_KEYWORDS } from './json-schema-check.ts'
import { parseJourney } from './parse-journey.ts'
import { sampleJourney } from './sample-journey.ts'

// The widget checks the journey's answer with JSON Schema derived from the zod
// schema instead of zod itself (2 KB instead of 47 KB gzip). Both must accept
// and refuse the same answers.

type Mutable = Record<string, unknown> & { interactions: Array<Record<string, unknown>> }
const base = () =>
  ({
    ...structuredClone(sampleJourney({ count: 40, seed: 3, profile: true })),
    cases: [
      {
        caseId: 'c1',
        caseNumber: 'CAS-1',
        title: 'Printer',
        status: null,
        createdAt: '2026-11-02T09:30:00.000Z',
        portalId: null,
      },
    ],
  }) as unknown as Mutable
const first = (j: Mutable) => j.interactions[0]!
const ofType = (j: Mutable, type: string) => j.interactions.find((i) => i.type === type)!
/** Sets (or removes) one field of `target`, a part of `j`, and gives `j` back. */
const put = (target: Record<string, unknown>, key: string, value: unknown, j: Mutable) => {
  target[key] = value
  return j
}
const drop = (target: Record<string, unknown>, key: string, j: Mutable) => {
  delete target[key]
  return j
}

/** Answers, each named for how it differs from a valid one. */
const CORPUS: Record<string, (j: Mutable) => unknown> = {
  valid: (j) => j,
  'no profile': (j) => ({ ...j, profile: null }),
  'no interactions': (j) => ({ ...j, interactions: [], cases: [] }),
  'extra key at the top (zod strips it)': (j) => ({ ...j, extra: 1 }),
  'extra key in a profile (catchall)': (j) => ({ ...j, profile: { crmrecordid: 'x', phone: '1' } }),
  'extra key on an interaction (strict)': (j) => put(first(j), 'surprise', true, j),
  'missing hubId': ({ hubId: _, ...rest }) => rest,
  'hubId a number': (j) => ({ ...j, hubId: 7 }),
  'interactions not an array': (j) => ({ ...j, interactions: {} }),
  'unknown interaction type': (j) => put(first(j), 'type', 'portal_click', j),
  'interaction id not a uuid': (j) => put(first(j), 'portal_interactionid', 'abc', j),
  'contact id in upper case (still a uuid)': (j) =>
    put(first(j), 'portal_contactid', String(first(j).portal_contactid).toUpperCase(), j),
  'timestamp without offset': (j) => put(first(j), 'portal_timestamp', '2026-11-02T09:30:00', j),
  'timestamp with +02:00': (j) => put(first(j), 'portal_timestamp', '2026-11-02T09:30:00+02:00', j),
  'impossible date': (j) => put(first(j), 'portal_timestamp', '2026-02-30T09:30:00Z', j),
  'empty session id': (j) => put(first(j), 'portal_sessionid', '', j),
  'session id of 129 characters': (j) => put(first(j), 'portal_sessionid', 's'.repeat(129), j),
  'search string with a lone surrogate': (j) =>
    put(ofType(j, 'portal_search'), 'portal_searchstring', 'a\ud800', j),
  'search string with an emoji pair': (j) =>
    put(ofType(j, 'portal_search'), 'portal_searchstring', 'ok 😀', j),
  'title of 500 emoji (1000 UTF-16 units)': (j) =>
    put(ofType(j, 'portal_viewblogpost'), 'portal_blogtitle', '😀'.repeat(500), j),
  'title of 501 emoji (1002 UTF-16 units, 501 code points)': (j) =>
    put(ofType(j, 'portal_viewblogpost'), 'portal_blogtitle', '😀'.repeat(501), j),
  'title of 1001 characters': (j) =>
    put(ofType(j, 'portal_viewblogpost'), 'portal_blogtitle', 't'.repeat(1001), j),
  'bad language tag': (j) => put(ofType(j, 'portal_viewknowledgearticle'), 'portal_language', 'english!', j),
  'article without its title': (j) =>
    drop(ofType(j, 'portal_viewknowledgearticle'), 'portal_knowledgetitle', j),
  'blog field on a forum thread': (j) => put(ofType(j, 'portal_viewforumthread'), 'portal_blogtitle', 'x', j),
  'count negative': (j) => {
    ;(j.summary as { counts: Record<string, number> }).counts.portal_search = -1
    return j
  },
  'count fractional': (j) => {
    ;(j.summary as { counts: Record<string, number> }).counts.portal_search = 1.5
    return j
  },
  'count for an unknown type': (j) => {
    ;(j.summary as { counts: Record<string, number> }).counts.portal_click = 1
    return j
  },
  'count missing': (j) => {
    delete (j.summary as { counts: Record<string, number> }).counts.portal_search
    return j
  },
  'article views zero': (j) => {
    const articles = (j.summary as { articles: Array<{ views: number }> }).articles
    if (articles[0]) articles[0].views = 0
    else
      (j.summary as { articles: unknown[] }).articles = [{ id: 'a', title: 't', views: 0, lastViewedAt: 'x' }]
    return j
  },
  'case number null (allowed)': (j) => j,
  'case without createdAt': (j) => ({
    ...j,
    cases: [{ caseId: 'c', caseNumber: null, title: null, status: null, portalId: null }],
  }),
  'case title a number': (j) => ({
    ...j,
    cases: [{ caseId: 'c', caseNumber: null, title: 3, status: null, createdAt: 'x', portalId: null }],
  }),
  'not an object': () => 'journey',
  null: () => null,
}

describe('parseJourney (JSON Schema derived from the zod schema)', () => {
  it('accepts and refuses exactly what the zod schema does, on every answer of the corpus', () => {
    const verdicts = Object.entries(CORPUS).map(([name, make]) => {
      const answer = make(base())
      return { name, zod: journeyResponseSchema.safeParse(answer).success, widget: parseJourney(answer).ok }
    })
    for (const v of verdicts) expect(v, v.name).toMatchObject({ widget: v.zod })
    // The corpus holds both kinds, so agreement means something.
    expect(verdicts.filter((v) => v.zod).length).toBeGreaterThanOrEqual(6)
    expect(verdicts.filter((v) => !v.zod).length).toBeGreaterThanOrEqual(20)
  })

  it('says where an answer breaks the schema', () => {
    const answer = base()
    first(answer).portal_interactionid = 'abc'
    const result = parseJourney(answer)
    expect(result).toMatchObject({ ok: false })
    expect(result.ok ? '' : result.message).toContain('interactions.0.portal_interactionid')
  })

  it('derives a schema whose every keyword the checker understands', () => {
    const used = new Set<string>()
    const walk = (node: unknown, parentKey: string) => {
      if (Array.isArray(node)) for (const n of node) walk(n, '')
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          // Keys under `properties` are field names, not keywords.
          if (parentKey !== 'properties') used.add(k)
          walk(v, k)
        }
      }
    }
    walk(journeyResponseJsonSchema(), '')
    expect([...used].filter((k) => !SUPPORTED_KEYWORDS.has(k))).toEqual([])
  })
})
