import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { toItemErrors } from './errors.ts'
import {
  INTERACTION_FIELDS,
  MAX_COMMENT_LENGTH,
  MAX_TITLE_LENGTH,
  interactionSchema,
} from './interactions.ts'

const common = () => ({
  portal_interactionid: randomUUID(),
  portal_contactid: randomUUID(),
  portal_timestamp: '2026-11-02T09:30:00+01:00',
  portal_portalid: randomUUID(),
})
const VALID = {
  portal_viewknowledgearticle: () => ({
    type: 'portal_viewknowledgearticle',
    ...common(),
    portal_knowledgearticleid: randomUUID(),
    portal_knowledgetitle: 'Reset',
    portal_language: 'en-US',
  }),
  portal_viewblogpost: () => ({
    type: 'portal_viewblogpost',
    ...common(),
    portal_blogpostid: randomUUID(),
    portal_blogtitle: 'News',
    portal_sessionid: 's',
  }),
  portal_viewforumthread: () => ({
    type: 'portal_viewforumthread',
    ...common(),
    portal_forumthreadid: randomUUID(),
    portal_forumthreadtitle: 'Help',
  }),
  portal_search: () => ({ type: 'portal_search', ...common(), portal_searchstring: 'reset' }),
  portal_articlefeedback: () => ({
    type: 'portal_articlefeedback',
    ...common(),
    portal_knowledgearticleid: randomUUID(),
    portal_helpful: false,
    portal_comment: 'The steps skip the second screen',
  }),
}
const errorsOf = (item: unknown) => {
  const r = interactionSchema.safeParse(item)
  return r.success ? [] : toItemErrors(r.error, item)
}

describe.each(Object.entries(VALID))('%s', (type, make) => {
  it('accepts a complete item', () => {
    expect(errorsOf(make())).toEqual([])
  })
  it('names each missing required field', () => {
    const required = INTERACTION_FIELDS[type as keyof typeof INTERACTION_FIELDS].filter(
      (f) =>
        f !== 'portal_sessionid' &&
        f !== 'portal_language' &&
        f !== 'portal_searchresultcount' &&
        f !== 'portal_comment',
    )
    for (const field of required) {
      const item: Record<string, unknown> = make()
      delete item[field]
      expect(errorsOf(item)).toEqual([expect.objectContaining({ path: field, code: 'required' })])
    }
  })
  it('names an unknown field', () => {
    expect(errorsOf({ ...make(), portal_rating: 5 })).toEqual([
      expect.objectContaining({ path: 'portal_rating', code: 'unknown_field' }),
    ])
  })
  it('refuses ids that are not uuids', () => {
    expect(errorsOf({ ...make(), portal_portalid: '123' })).toEqual([
      expect.objectContaining({ path: 'portal_portalid', code: 'invalid_uuid' }),
    ])
  })
})

describe('interactionSchema', () => {
  it.each([
    ['2026-11-02T09:30:00Z', true],
    ['2026-11-02T09:30:00.123+05:30', true],
    ['2026-11-02T09:30:00', false],
    ['2026-11-02', false],
    ['yesterday', false],
  ])('timestamp %s valid: %s', (ts, ok) => {
    expect(errorsOf({ ...VALID.portal_search(), portal_timestamp: ts }).length === 0).toBe(ok)
  })
  it('bounds title and search lengths', () => {
    expect(errorsOf({ ...VALID.portal_search(), portal_searchstring: 'x'.repeat(MAX_TITLE_LENGTH) })).toEqual(
      [],
    )
    expect(
      errorsOf({ ...VALID.portal_search(), portal_searchstring: 'x'.repeat(MAX_TITLE_LENGTH + 1) }),
    ).toEqual([expect.objectContaining({ code: 'too_long' })])
    expect(errorsOf({ ...VALID.portal_search(), portal_searchstring: '' })).toEqual([
      expect.objectContaining({ code: 'too_short' }),
    ])
  })
  it('refuses a language that is not a language tag', () => {
    expect(errorsOf({ ...VALID.portal_viewknowledgearticle(), portal_language: 'english please' })).toEqual([
      expect.objectContaining({ path: 'portal_language', code: 'invalid_format' }),
    ])
  })
  it.each([[null], [42], ['text'], [[]]])('refuses %j as not an object', (item) => {
    expect(errorsOf(item)).toEqual([
      expect.objectContaining({ code: expect.stringMatching(/invalid_type|unknown_type/) }),
    ])
  })
  it('refuses an unknown or missing type', () => {
    expect(errorsOf({ ...common(), type: 'portal_rate' })).toEqual([
      expect.objectContaining({ path: 'type', code: 'unknown_type' }),
    ])
    expect(errorsOf(common())).toEqual([expect.objectContaining({ path: 'type', code: 'unknown_type' })])
  })
  it('takes a search’s result count as an optional integer of at least 0', () => {
    const search = VALID.portal_search()
    expect(errorsOf({ ...search, portal_searchresultcount: 0 })).toEqual([])
    expect(errorsOf({ ...search, portal_searchresultcount: 12 })).toEqual([])
    for (const bad of [-1, 1.5, '3', null, true, 2 ** 53]) {
      expect(errorsOf({ ...search, portal_searchresultcount: bad })).toEqual([
        expect.objectContaining({ path: 'portal_searchresultcount' }),
      ])
    }
  })
  it('takes article feedback as a boolean with an optional comment of at most 1,000 characters', () => {
    const vote = VALID.portal_articlefeedback()
    expect(errorsOf({ ...vote, portal_helpful: true, portal_comment: undefined })).toEqual([])
    expect(errorsOf({ ...vote, portal_comment: 'x'.repeat(MAX_COMMENT_LENGTH) })).toEqual([])
    expect(errorsOf({ ...vote, portal_comment: 'x'.repeat(MAX_COMMENT_LENGTH + 1) })).toEqual([
      expect.objectContaining({ path: 'portal_comment', code: 'too_long' }),
    ])
    expect(errorsOf({ ...vote, portal_helpful: 'yes' })).toEqual([
      expect.objectContaining({ path: 'portal_helpful', code: 'invalid_type' }),
    ])
    expect(errorsOf({ ...vote, portal_comment: 'x\ud800' })).toEqual([
      expect.objectContaining({ path: 'portal_comment', code: 'invalid_unicode' }),
    ])
  })
})
