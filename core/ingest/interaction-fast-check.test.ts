import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { batch, interaction } from '../../bench/payloads.js'
import { INTERACTION_TYPES, interactionSchema, portalSearch } from '../../schemas/index.ts'
import { fuzzBody, prng, randomJson, validItem } from '../../test/support/fuzz-bodies.ts'
import { fastInteraction, interactionMemberJsonSchema, parseInteraction } from './interaction-fast-check.ts'

const PORTAL = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const ID = '0b7e3f4a-1c2d-4e5f-9a8b-7c6d5e4f3a2b'

const base = {
  portal_interactionid: ID,
  portal_contactid: ID,
  portal_timestamp: '2026-11-02T09:30:00Z',
  portal_portalid: PORTAL,
}
const valid: Record<string, Record<string, unknown>> = {
  portal_viewknowledgearticle: {
    type: 'portal_viewknowledgearticle',
    ...base,
    portal_knowledgearticleid: ID,
    portal_knowledgetitle: 'Reset your password',
    portal_language: 'en-US',
  },
  portal_viewblogpost: {
    type: 'portal_viewblogpost',
    ...base,
    portal_blogpostid: ID,
    portal_blogtitle: 'Blog',
  },
  portal_viewforumthread: {
    type: 'portal_viewforumthread',
    ...base,
    portal_forumthreadid: ID,
    portal_forumthreadtitle: 'Thread',
    portal_sessionid: 's-1',
  },
  portal_search: { type: 'portal_search', ...base, portal_searchstring: 'password reset' },
  portal_searchcounted: {
    type: 'portal_search',
    ...base,
    portal_searchstring: 'password reset',
    portal_searchresultcount: 3,
  },
  portal_articlefeedback: {
    type: 'portal_articlefeedback',
    ...base,
    portal_knowledgearticleid: ID,
    portal_helpful: true,
    portal_comment: 'Clear steps',
  },
}
const TEXT_FIELDS = [
  'portal_knowledgetitle',
  'portal_blogtitle',
  'portal_forumthreadtitle',
  'portal_searchstring',
  'portal_sessionid',
  'portal_comment',
]
const TEXTS = [
  '',
  'x',
  'x\ud800',
  '\udc00 tail',
  '\ud83d',
  'a\udc00\ud800b',
  'reset 🔑 key',
  '\u0000',
  '\u2028\u2029',
  'a'.repeat(128),
  'a'.repeat(129),
  'a'.repeat(1000),
  'a'.repeat(1001),
  // 1,001 UTF-16 units but 1,000 code points: zod counts code points (ajv too, by default).
  `${'a'.repeat(999)}😀`,
  '😀'.repeat(500),
  '😀'.repeat(501),
  `${'a'.repeat(999)}\ud800`,
]
const UUIDS = [
  ID,
  ID.toUpperCase(),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '0b7e3f4a-1c2d-9e5f-9a8b-7c6d5e4f3a2b',
  '0b7e3f4a-1c2d-4e5f-ca8b-7c6d5e4f3a2b',
  '0b7e3f4a1c2d4e5f9a8b7c6d5e4f3a2b',
  ` ${ID}`,
  `${ID}\n`,
  'not-a-uuid',
]
const TIMES = [
  '2026-11-02T09:30:00Z',
  '2026-11-02T09:30:00.123Z',
  '2026-11-02T09:30:00.123456789Z',
  '2026-11-02T09:30:00+02:00',
  '2026-11-02T09:30:00-11:30',
  '2026-11-02T09:30:00',
  '2026-11-02T09:30Z',
  '2026-11-02 09:30:00Z',
  '2026-11-02t09:30:00z',
  '2024-02-29T00:00:00Z',
  '2025-02-29T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-11-02T24:00:00Z',
  '2026-11-02T09:30:00+24:00',
  '9999-12-31T23:59:59Z',
  '2026-11-02T09:30:00Z\n',
]
const ODD_VALUES: unknown[] = [undefined, null, 0, 1.5, true, false, [], {}, ['x'], { a: 1 }]
/** Counts around the integer rules: negative, fractional, unsafe, -0, strings. */
const COUNTS: unknown[] = [0, -0, 1, 42, -1, 0.5, 1e21, 2 ** 53 - 1, 2 ** 53, Number.MAX_VALUE, '1', '', 1.0]

/** Targeted edge cases: every type, every field, bounds, surrogates, unknown and missing fields. */
function edgeCases(): unknown[] {
  const out: unknown[] = [null, undefined, 0, 'x', [], {}, [valid.portal_search], Object.create(null)]
  for (const [type, item] of Object.entries(valid)) {
    out.push(item, { ...item, portal_sessionid: 's' }, { ...item, portal_sessionid: undefined })
    out.push({ ...item, extra: 1 }, { ...item, type: type.toUpperCase() }, { ...item, type: ` ${type}` })
    out.push(JSON.parse(`${JSON.stringify(item).slice(0, -1)},"__proto__":{"x":1}}`))
    out.push(JSON.parse(`${JSON.stringify(item).slice(0, -1)},"\\ud800x":1}`))
    // Keys in another order: zod's output keeps the shape's order.
    out.push(Object.fromEntries(Object.entries(item).reverse()))
    for (const key of Object.keys(item)) {
      const { [key]: _gone, ...rest } = item
      out.push(rest)
      for (const v of ODD_VALUES) out.push({ ...item, [key]: v })
    }
    for (const field of TEXT_FIELDS) for (const t of TEXTS) out.push({ ...item, [field]: t })
    for (const field of Object.keys(item).filter((k) => k.endsWith('id') && k !== 'portal_sessionid'))
      for (const u of UUIDS) out.push({ ...item, [field]: u })
    for (const t of TIMES) out.push({ ...item, portal_timestamp: t })
    for (const n of COUNTS) out.push({ ...item, portal_searchresultcount: n })
    for (const v of [true, false, 0, 1, 'true', null]) out.push({ ...item, portal_helpful: v })
    for (const lang of ['en', 'en-US', 'zh-Hant-TW', 'e', 'english', 'en_US', 'en-', 'en-toolongtag', ''])
      out.push({ ...item, portal_language: lang })
  }
  return out
}

/** Items of the fuzz generator's bodies, as the pipeline gets them after JSON.parse. */
function fuzzItems(bodies: number): unknown[] {
  const r = prng(14)
  const out: unknown[] = []
  for (let i = 0; i < bodies; i++) {
    const body = fuzzBody(r, PORTAL)
    let value: unknown
    try {
      value = JSON.parse(Buffer.from(body.gzip ? gunzipSync(body.body) : body.body).toString('utf8'))
    } catch {
      continue
    }
    if (Array.isArray(value)) out.push(...value)
    else out.push(value)
    out.push(randomJson(r), validItem(r, PORTAL))
  }
  return out
}

const benchItems = (): unknown[] => [
  ...Array.from({ length: 200 }, () => interaction({ portalId: PORTAL })),
  ...batch(100, { portalId: PORTAL }),
]

/** An item for a failure message: long strings shortened to their length and ends. */
const brief = (item: unknown): string =>
  JSON.stringify(item, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 40 ? `${v.slice(0, 8)}…(${v.length})…${v.slice(-8)}` : v,
  ) ?? String(item)

describe('fastInteraction (compiled from the zod schemas)', () => {
  const corpus = [...edgeCases(), ...fuzzItems(3000), ...benchItems()]

  it('gives zod’s verdict and zod’s output on every item of the corpus, and zod’s errors', () => {
    const seen = { accepted: 0, refused: 0, types: new Set<string>() }
    const differ: string[] = []
    for (const item of corpus) {
      const zod = interactionSchema.safeParse(item)
      const fast = fastInteraction(item)
      if ((fast !== undefined) !== zod.success) {
        differ.push(`${zod.success ? 'zod accepts' : 'zod refuses'}: ${brief(item)}`)
        continue
      }
      const both = parseInteraction(item)
      if (zod.success) {
        seen.accepted++
        seen.types.add(zod.data.type)
        expect(fast).toStrictEqual(zod.data)
        // Same keys in the same order: the stored `raw` is this object's JSON.
        expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data))
        expect(Object.keys(fast!)).toEqual(Object.keys(zod.data))
        expect(fast).not.toBe(item)
        expect(both).toStrictEqual({ success: true, data: zod.data })
      } else {
        seen.refused++
        expect(both.success).toBe(false)
        expect(both.error?.issues).toStrictEqual(zod.error.issues)
      }
    }
    expect(differ).toEqual([])
    expect(seen.types).toEqual(new Set(INTERACTION_TYPES))
    expect(seen.accepted).toBeGreaterThan(2000)
    expect(seen.refused).toBeGreaterThan(2000)
  })

  it('refuses to derive a check from a schema with a refinement it does not know', () => {
    const other = portalSearch.extend({
      portal_searchstring: z.string().refine((s) => s !== 'x', { params: { code: 'not_x' } }),
    })
    expect(() => interactionMemberJsonSchema(other as unknown as typeof portalSearch)).toThrow(/refinement/)
  })

  it('writes the lone-surrogate rule and UTF-16 bounds into the JSON Schema it compiles', () => {
    const schema = interactionMemberJsonSchema(portalSearch) as {
      properties: Record<string, Record<string, unknown>>
    }
    expect(schema.properties.portal_searchstring).toMatchObject({
      minLength: 1,
      maxLength: 1000,
      not: { pattern: '\\p{Cs}' },
    })
  })
})
