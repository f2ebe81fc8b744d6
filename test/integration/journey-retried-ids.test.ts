import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createInteractionRepository, migrate, openClickHouse, toInteractionRow } from '../../core/testing.ts'

const HUB = 'hub-retried'
const PORTAL = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const CONTACT = '0b7e3f4a-1c2d-4e5f-9a8b-7c6d5e4f3a2b'
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

// Its own file: chdb opens one data directory per process.
describe('a journey window holding a retried interaction', () => {
  it('answers each interaction id once, as first received, under the bound and past it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-retried-'))
    const ch = await openClickHouse({ kind: 'embedded', dataDir: dir })
    try {
      await migrate(ch)
      const repository = createInteractionRepository(ch)
      const search = (n: number, text: string, receivedAt: number) =>
        toInteractionRow({
          hubId: HUB,
          receivedAt,
          interaction: {
            type: 'portal_search',
            portal_interactionid: id(n),
            portal_contactid: CONTACT,
            portal_timestamp: `2026-11-02T09:30:0${n}Z`,
            portal_portalid: PORTAL,
            portal_searchstring: text,
          },
        })
      const at = Date.parse('2026-11-02T10:00:00Z')
      // Interaction 2 arrives twice (a retry): the copy received later says something else.
      await repository.insertRows([search(1, 'one', at), search(2, 'first', at), search(3, 'three', at)])
      await repository.insertRows([search(2, 'retried', at + 60_000)])
      const span = {
        hubId: HUB,
        contactId: CONTACT,
        from: Date.parse('2026-11-01'),
        to: Date.parse('2026-11-03'),
      }
      const words = (rows: object[]) =>
        rows.map((r) => (r as { portal_searchstring?: string }).portal_searchstring)
      // Under the bound: one pass, 4 rows read, 3 answered.
      expect(words(await repository.journey({ ...span, limit: 10 }))).toEqual(['one', 'first', 'three'])
      // Past it (3 ids, 4 rows, a bound of 3): the newest 3 ids, each once.
      expect(words(await repository.journey({ ...span, limit: 3 }))).toEqual(['one', 'first', 'three'])
    } finally {
      await ch.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
