import { describe, expect, it } from 'vitest'
import { isDomainError } from '../errors.ts'
import { decodeCaseCursor, encodeCaseCursor } from './case-queries.ts'

describe('case list cursors', () => {
  it('round-trip the last case of a page', () => {
    const at = { createdAt: 1_795_000_000_123, caseId: '0b7e3f52-9a41-4c3e-8d2f-5a6b7c8d9e0f' }
    expect(decodeCaseCursor(encodeCaseCursor(at))).toEqual(at)
  })

  it.each([
    ['not base64 JSON', 'x'],
    ['JSON of another shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a case id that is not a uuid', Buffer.from('[1,"x\' OR 1=1"]').toString('base64url')],
    [
      'a time that is not an integer',
      Buffer.from('[1.5,"0b7e3f52-9a41-4c3e-8d2f-5a6b7c8d9e0f"]').toString('base64url'),
    ],
  ])('refuse %s with invalid_cursor', (_label, cursor) => {
    let caught: unknown
    try {
      decodeCaseCursor(cursor)
    } catch (err) {
      caught = err
    }
    expect(isDomainError(caught, 'invalid_cursor')).toBe(true)
  })
})
