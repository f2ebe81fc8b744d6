import { createHash, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { encodeInteractionRow } from '../store/interaction-rows.ts'
import { createErasureTombstones, erasureSubject } from './erasure-tombstones.ts'

const hubId = 'hub-1'
const row = (contactId: string, at: string, hub = hubId) =>
  Buffer.from(
    encodeInteractionRow({
      hubId: hub,
      receivedAt: Date.parse(at),
      interaction: {
        type: 'portal_search',
        portal_interactionid: randomUUID(),
        portal_contactid: contactId,
        portal_portalid: randomUUID(),
        portal_timestamp: at,
        portal_searchstring: 'reset',
      },
    }),
  )

describe('erasure tombstones', () => {
  it('names a contact by sha256(hubId + ":" + contactId) in hex, the id in lower case', () => {
    const contact = randomUUID()
    const hex = createHash('sha256').update(`${hubId}:${contact}`).digest('hex')
    expect(erasureSubject(hubId, contact.toUpperCase())).toBe(hex)
  })

  it('drops the erased contact’s rows dated before the request and keeps the rest', () => {
    const erased = randomUUID()
    const other = randomUUID()
    const t = createErasureTombstones()
    t.add({ hubId, subject: erasureSubject(hubId, erased), before: Date.parse('2026-12-01T12:00:00.000Z') })
    const lines = [
      row(erased, '2026-12-01T11:59:59.999Z'),
      row(erased, '2026-12-01T12:00:00.000Z'),
      row(other, '2026-11-01T00:00:00.000Z'),
      row(erased, '2026-11-01T00:00:00.000Z', 'hub-2'),
      row(erased.toUpperCase(), '2026-11-01T00:00:00Z'),
    ]
    expect(t.keep(lines)).toEqual([lines[1], lines[2], lines[3]])
    expect(t.dropped()).toBe(2)
  })

  it('reads a row whose head is not in the encoder’s order by parsing it', () => {
    const erased = randomUUID()
    const t = createErasureTombstones()
    t.add({ hubId, subject: erasureSubject(hubId, erased), before: Date.parse('2026-12-01T12:00:00Z') })
    const reordered = Buffer.from(
      JSON.stringify({ ts: '2026-12-01 11:00:00.000', contact_id: erased, hub_id: hubId }),
    )
    expect(t.keep([reordered])).toEqual([])
  })

  it('applies to the inserts of a guarded repository', async () => {
    const erased = randomUUID()
    const t = createErasureTombstones()
    t.add({ hubId, subject: erasureSubject(hubId, erased), before: Date.parse('2026-12-01T12:00:00Z') })
    const inserted: Uint8Array[][] = []
    const guarded = t.guard({
      insertEncodedRows: async (lines: ReadonlyArray<Uint8Array>) => {
        inserted.push([...lines])
      },
    })
    const kept = row(randomUUID(), '2026-11-01T00:00:00.000Z')
    await guarded.insertEncodedRows([row(erased, '2026-11-01T00:00:00.000Z'), kept])
    await t.drained()
    expect(inserted).toEqual([[kept]])
  })
})
