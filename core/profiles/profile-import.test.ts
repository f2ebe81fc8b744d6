import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parseProfileImport } from './profile-import.ts'

describe('parseProfileImport', () => {
  it('reads NDJSON, skipping blank lines, and keeps valid profiles beside refused ones', () => {
    const id = randomUUID()
    const r = parseProfileImport(
      `{"crmrecordid":"${id.toUpperCase()}","name":"Avery"}\n\n{"crmrecordid":"x"}\n`,
      'ndjson',
    )
    expect(r.profiles).toEqual([{ crmrecordid: id, name: 'Avery' }])
    expect(r.rejected).toEqual([
      { index: 1, errors: [expect.objectContaining({ path: 'crmrecordid', code: 'invalid_uuid' })] },
    ])
  })

  it('names the NDJSON line that is not JSON', () => {
    expect(() => parseProfileImport(`{"crmrecordid":"${randomUUID()}"}\n{oops\n`, 'ndjson')).toThrow(
      expect.objectContaining({ code: 'invalid_json', field: 'line 2' }),
    )
  })

  it('refuses an empty import and one over the limit', () => {
    expect(() => parseProfileImport('[]', 'json')).toThrow(expect.objectContaining({ code: 'empty_batch' }))
    const many = JSON.stringify(Array.from({ length: 10_001 }, () => ({ crmrecordid: randomUUID() })))
    expect(() => parseProfileImport(many, 'json')).toThrow(
      expect.objectContaining({ code: 'batch_too_large' }),
    )
  })
})
