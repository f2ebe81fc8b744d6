import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openClickHouse } from '../../core/testing.ts'
import { createInteractionRepository } from '../../core/testing.ts'
import { MIGRATIONS, migrate } from '../../core/testing.ts'

// Its own file: chdb opens one data directory per process, and this one starts before the row id's migration.
describe('quarantine rows written before they had an id', () => {
  it('get one from the migration, and two identical old rows still list once each', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-quarantine-old-'))
    const ch = await openClickHouse({ kind: 'embedded', dataDir: dir })
    try {
      const before = MIGRATIONS.filter((m) => !m.name.startsWith('quarantine row id'))
      expect(before.length).toBe(MIGRATIONS.length - 1)
      await migrate(ch, before)
      // Rows as the writer wrote them before: no id column.
      const old = {
        hub_id: 'old-hub',
        stage: 'edge',
        // Recent: the table's 30-day TTL would drop an older row at the migration's rewrite.
        received_at: new Date(Date.now() - 60_000).toISOString().slice(0, 23).replace('T', ' '),
        code: 'interaction_invalid',
        path: 'type',
        message: 'old',
        raw: '{}',
      }
      await ch.client.insert({ table: 'quarantine', values: [old, { ...old }], format: 'JSONEachRow' })
      await migrate(ch)
      const repository = createInteractionRepository(ch)
      const first = await repository.listQuarantine('old-hub', 1)
      expect(first).toHaveLength(1)
      const second = await repository.listQuarantine('old-hub', 1, {
        at: first[0]!.receivedAt,
        id: first[0]!.id,
      })
      expect(second).toHaveLength(1)
      expect(second[0]!.id).not.toBe(first[0]!.id)
      expect(
        await repository.listQuarantine('old-hub', 1, { at: second[0]!.receivedAt, id: second[0]!.id }),
      ).toEqual([])
      // The ids are stored, not worked out on each read: a second read agrees.
      expect((await repository.listQuarantine('old-hub', 2)).map((r) => r.id).sort()).toEqual(
        [first[0]!.id, second[0]!.id].sort(),
      )
    } finally {
      await ch.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
