import { describe, expect, it } from 'vitest'
import { batches, readImportFile } from './profile-import-file.ts'

describe('readImportFile', () => {
  it('reads a JSON array, keeping file order as the index', () => {
    const file = readImportFile('contacts.json', '[{"a":1},{"a":2}]')
    expect(file.items).toEqual([
      { index: 0, value: { a: 1 } },
      { index: 1, value: { a: 2 } },
    ])
    expect(file.rejected).toEqual([])
  })

  it('reads NDJSON line by line and rejects a line that is not JSON without losing the others', () => {
    const file = readImportFile('contacts.ndjson', '{"a":1}\n\nnot json\n{"a":3}\n')
    expect(file.items.map((i) => i.index)).toEqual([0, 2])
    expect(file.rejected).toEqual([
      { index: 1, errors: [{ path: '', code: 'invalid_json', message: 'line 3 is not JSON' }] },
    ])
  })

  it('takes several objects on separate lines as NDJSON whatever the file is called', () => {
    expect(readImportFile('contacts.txt', '{"a":1}\n{"a":2}').items).toHaveLength(2)
  })

  it('reports a broken JSON array as one invalid_json rejection', () => {
    expect(readImportFile('c.json', '[{"a":1},').rejected[0]?.errors[0]?.code).toBe('invalid_json')
  })
})

describe('batches', () => {
  it('cuts into batches of the size, the last one shorter', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
  })
})
