import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type ClickHouseHandle, openClickHouse } from '../../core/testing.ts'
import { createInteractionRepository, encodeInteractionRow } from '../../core/testing.ts'
import { migrate } from '../../core/testing.ts'
import type { Interaction } from '../../schemas/index.ts'
import { prng, validItem } from '../support/fuzz-bodies.ts'

// The log keeps rows with `raw` as the interaction's JSON object; the store
// must keep that object's text verbatim (input_format_json_read_objects_as_strings).

let root: string
let ch: ClickHouseHandle

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'casetrail-encoded-rows-'))
  ch = await openClickHouse({ kind: 'embedded', dataDir: root })
  await migrate(ch)
})
afterAll(async () => {
  await ch.close()
  await rm(root, { recursive: true, force: true })
})

describe('encoded rows in the store', () => {
  it('keep each interaction’s JSON text verbatim, whatever its text holds', async () => {
    const hubId = randomUUID()
    const portalId = randomUUID()
    const r = prng(11)
    const titles = [
      'quote " and \\\\ backslash',
      'control \u0000 \u001f \t \n',
      'separators \u2028 \u2029',
      'emoji 😀, 重置, Réinitialiser',
      '</script><script>',
      '\\u0041 is not A',
      'x'.repeat(1000),
    ]
    const interactions: Interaction[] = [
      ...titles.map((t) => ({
        type: 'portal_search' as const,
        portal_interactionid: randomUUID(),
        portal_contactid: randomUUID(),
        portal_timestamp: new Date().toISOString(),
        portal_portalid: portalId,
        portal_searchstring: t,
      })),
      ...Array.from({ length: 50 }, () => validItem(r, portalId)),
    ]
    const repository = createInteractionRepository(ch)
    await repository.insertEncodedRows(
      interactions.map((interaction) =>
        Buffer.from(encodeInteractionRow({ hubId, receivedAt: Date.now(), interaction })),
      ),
    )
    const stored = await ch.readRows<{ interaction_id: string; raw: string }>({
      query: `SELECT toString(interaction_id) AS interaction_id, raw FROM interactions WHERE hub_id = {hub:String}`,
      params: { hub: hubId },
    })
    expect(stored).toHaveLength(interactions.length)
    const byId = new Map(stored.map((s) => [s.interaction_id, s.raw]))
    for (const interaction of interactions)
      expect(byId.get(interaction.portal_interactionid)).toBe(JSON.stringify(interaction))
  })

  const rowsOf = (hubId: string, n: number, title: string) =>
    Array.from({ length: n }, () => ({
      type: 'portal_search' as const,
      portal_interactionid: randomUUID(),
      portal_contactid: randomUUID(),
      portal_timestamp: new Date().toISOString(),
      portal_portalid: randomUUID(),
      portal_searchstring: title,
    })).map((interaction) => ({
      interaction,
      line: Buffer.from(encodeInteractionRow({ hubId, receivedAt: Date.now(), interaction })),
    }))
  const storedTitles = async (hubId: string) =>
    (
      await ch.readRows<{ raw: string }>({
        query: 'SELECT raw FROM interactions WHERE hub_id = {hub:String}',
        params: { hub: hubId },
      })
    ).map((s) => (JSON.parse(s.raw) as { portal_searchstring: string }).portal_searchstring)

  it('keeps one insert body between inserts, and a smaller insert after a larger one stores only its own rows', async () => {
    const hubId = randomUUID()
    const repository = createInteractionRepository(ch)
    const allocations = vi.spyOn(Buffer, 'allocUnsafeSlow')
    try {
      // Long titles first, then fewer short ones into the same (larger) body: stale bytes past
      // the second body's end must not reach the store.
      await repository.insertEncodedRows(rowsOf(hubId, 40, 'l'.repeat(400)).map((r) => r.line))
      await repository.insertEncodedRows(rowsOf(hubId, 3, 'short').map((r) => r.line))
      await repository.insertEncodedRows(rowsOf(hubId, 7, 'mid').map((r) => r.line))
      expect(allocations).toHaveBeenCalledTimes(1)
    } finally {
      allocations.mockRestore()
    }
    const titles = await storedTitles(hubId)
    expect(titles).toHaveLength(50)
    expect(titles.filter((t) => t === 'short')).toHaveLength(3)
    expect(titles.filter((t) => t === 'mid')).toHaveLength(7)
  })

  it('never shares a body between two inserts at once', async () => {
    const hubId = randomUUID()
    const repository = createInteractionRepository(ch)
    await repository.insertEncodedRows(rowsOf(hubId, 1, 'warm').map((r) => r.line))
    const batches = ['a', 'b', 'c', 'd'].map((t) => rowsOf(hubId, 200, t.repeat(50)))
    await Promise.all(batches.map((b) => repository.insertEncodedRows(b.map((r) => r.line))))
    const titles = await storedTitles(hubId)
    expect(titles).toHaveLength(801)
    for (const t of ['a', 'b', 'c', 'd']) expect(titles.filter((x) => x === t.repeat(50))).toHaveLength(200)
  })
})
