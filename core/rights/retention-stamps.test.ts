import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { encodeInteractionRow } from '../store/interaction-rows.ts'
import type { CaseRecord } from '../store/case-repository.ts'
import { search } from '../../test/support/interactions.ts'
import { createRetentionStamps } from './retention-stamps.ts'

const line = (hubId: string) =>
  Buffer.from(
    encodeInteractionRow({
      hubId,
      receivedAt: Date.now(),
      interaction: search({ portal_searchstring: 'reset } password' }),
    }),
  )

/** What the repository was handed: each line, as JSON. */
function inserted(days: Array<[string, number]>, lines: Uint8Array[]) {
  const stamps = createRetentionStamps()
  for (const [hub, d] of days) stamps.set(hub, d)
  let got: readonly Uint8Array[] = []
  void stamps
    .stamp({
      insertEncodedRows: async (l: readonly Uint8Array[]) => {
        got = l
      },
    })
    .insertEncodedRows(lines)
  return got
}

describe('retention stamps', () => {
  it('add the hub’s retention to the lines of a hub that set one, and leave the JSON whole', () => {
    const [row] = inserted([['hub-a', 60]], [line('hub-a')])
    const parsed = JSON.parse(Buffer.from(row!).toString('utf8')) as Record<string, unknown>
    expect(parsed.retention_days).toBe(60)
    expect((parsed.raw as { portal_searchstring: string }).portal_searchstring).toBe('reset } password')
  })

  it('hand on the very lines of a hub with the default, and every line when no hub set one', () => {
    const b = line('hub-b')
    expect(inserted([['hub-a', 60]], [b])[0]).toBe(b)
    const lines = [line('hub-a')]
    expect(inserted([], lines)).toBe(lines)
    // Setting the default back forgets the hub.
    expect(
      inserted(
        [
          ['hub-a', 60],
          ['hub-a', 395],
        ],
        lines,
      ),
    ).toBe(lines)
  })

  it('leave a line they cannot read as it is (the store decides)', () => {
    const odd = Buffer.from('not json')
    expect(inserted([['hub-a', 60]], [odd])[0]).toBe(odd)
  })

  it('stamp cases of a hub that set one', async () => {
    const stamps = createRetentionStamps()
    stamps.set('hub-a', 30)
    let got: readonly CaseRecord[] = []
    const repo = stamps.stampCases({
      insert: async (r: readonly CaseRecord[]) => {
        got = r
      },
    })
    const base = { caseId: randomUUID(), contactId: randomUUID(), createdAt: 0, reportedAt: 0 } as CaseRecord
    await repo.insert([
      { ...base, hubId: 'hub-a' },
      { ...base, hubId: 'hub-b' },
    ])
    expect(got.map((r) => r.retentionDays)).toEqual([30, undefined])
  })
})
