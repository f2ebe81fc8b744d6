import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Interaction } from '../../schemas/index.ts'
import { openClickHouse } from '../../core/testing.ts'
import { createInteractionRepository, encodeInteractionRow, toInteractionRow } from '../../core/testing.ts'
import { MIGRATIONS, migrate } from '../../core/testing.ts'

const HUB = 'hub-outcomes'
const PORTAL = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const CONTACT = '0b7e3f4a-1c2d-4e5f-9a8b-7c6d5e4f3a2b'
const ARTICLE = '00000000-0000-4000-9000-000000000007'
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
const common = (n: number) => ({
  portal_interactionid: id(n),
  portal_contactid: CONTACT,
  portal_timestamp: `2026-11-02T09:30:0${n}Z`,
  portal_portalid: PORTAL,
})

// Its own file: chdb opens one data directory per process, and this one starts before migration 18.
describe('the vote and result-count columns (migration 18)', () => {
  it('store a feedback’s vote and a search’s result count, NULL for other rows and rows from before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-outcomes-'))
    const ch = await openClickHouse({ kind: 'embedded', dataDir: dir })
    try {
      await migrate(
        ch,
        MIGRATIONS.filter((m) => m.version < 18),
      )
      const repository = createInteractionRepository(ch)
      // A search stored before the migration: no such columns yet.
      const before = toInteractionRow({
        hubId: HUB,
        receivedAt: Date.now(),
        interaction: { type: 'portal_search', ...common(1), portal_searchstring: 'old' },
      })
      await repository.insertRows([before])
      // 18 and every migration after it (19 added retention_days), in order.
      expect(await migrate(ch)).toEqual(MIGRATIONS.filter((m) => m.version >= 18).map((m) => m.version))
      const items: Interaction[] = [
        { type: 'portal_search', ...common(2), portal_searchstring: 'none', portal_searchresultcount: 0 },
        { type: 'portal_search', ...common(3), portal_searchstring: 'some', portal_searchresultcount: 12 },
        { type: 'portal_search', ...common(4), portal_searchstring: 'uncounted' },
        {
          type: 'portal_articlefeedback',
          ...common(5),
          portal_knowledgearticleid: ARTICLE,
          portal_helpful: true,
          portal_comment: 'Clear',
        },
        {
          type: 'portal_articlefeedback',
          ...common(6),
          portal_knowledgearticleid: ARTICLE,
          portal_helpful: false,
        },
        {
          type: 'portal_viewknowledgearticle',
          ...common(7),
          portal_knowledgearticleid: ARTICLE,
          portal_knowledgetitle: 'Reset',
        },
      ]
      // Half through the write-ahead log's encoded lines, half as rows: both paths fill the columns.
      const records = items.map((interaction) => ({ hubId: HUB, receivedAt: Date.now(), interaction }))
      await repository.insertEncodedRows(
        records.slice(0, 3).map((r) => new TextEncoder().encode(encodeInteractionRow(r))),
      )
      await repository.insert(records.slice(3))
      const rows = await ch.readRows<{
        interaction_id: string
        item_id: string
        helpful: boolean | null
        result_count: string | number | null
      }>({
        query: `SELECT interaction_id, item_id, helpful, result_count FROM interactions
          WHERE hub_id = {hub:String} ORDER BY ts`,
        params: { hub: HUB },
      })
      expect(
        rows.map((r) => [r.item_id, r.helpful, r.result_count === null ? null : Number(r.result_count)]),
      ).toEqual([
        ['', null, null],
        ['', null, 0],
        ['', null, 12],
        ['', null, null],
        [ARTICLE, true, null],
        [ARTICLE, false, null],
        [ARTICLE, null, null],
      ])
      // The journey gives each back exactly as it was sent.
      const journey = await repository.journey({ hubId: HUB, contactId: CONTACT, from: 0, to: Date.now() })
      expect(journey.slice(1)).toEqual(items)
    } finally {
      await ch.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
