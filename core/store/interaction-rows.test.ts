import { describe, expect, it } from 'vitest'
import { batch } from '../../bench/payloads.js'
import { isoTimestamp } from '../../schemas/index.ts'
import { prng, validItem } from '../../test/support/fuzz-bodies.ts'
import { timestampText, toClickHouseTime } from './clickhouse-time.ts'
import { type InteractionRecord, encodeInteractionRow, toInteractionRow } from './interaction-rows.ts'

const PORTAL = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const HUB = '0b7e3f4a-1c2d-4e5f-9a8b-7c6d5e4f3a2b'
const parsed = (iso: string) => toClickHouseTime(Date.parse(iso))

describe('timestampText', () => {
  it('gives what parsing gives, for every form the schema accepts', () => {
    const r = prng(7)
    const times: string[] = [
      '0001-01-01T00:00:00.000Z',
      '1970-01-01T00:00:00Z',
      '2024-02-29T23:59:59.999Z',
      '9999-12-31T23:59:59Z',
      '2026-11-02T09:30:00+02:00',
      '2026-11-02T09:30:00.1Z',
      '2026-11-02T09:30:00.12Z',
      '2026-11-02T09:30:00.1234Z',
      '2026-11-02T09:30:00.123456789Z',
      '2026-11-02T09:30:00.123-11:30',
      '2026-11-02T00:30:00.000+01:00',
    ]
    for (let i = 0; i < 2000; i++) {
      const iso = new Date(r.int(253402300799999)).toISOString()
      times.push(iso, `${iso.slice(0, 19)}Z`)
    }
    for (const t of times) {
      expect(isoTimestamp.safeParse(t).success, t).toBe(true)
      expect(timestampText(t), t).toBe(parsed(t))
    }
  })
})

describe('encodeInteractionRow', () => {
  it('writes the row toInteractionRow makes, raw as the object itself, times parsed the long way', () => {
    const r = prng(3)
    const interactions = [
      ...batch(100, { portalId: PORTAL }),
      ...Array.from({ length: 200 }, () => validItem(r, PORTAL)),
    ]
    // Arrival times change between records, and come back: the cached text must follow.
    const at = [1_700_000_000_000, 1_700_000_000_001, 1_700_000_000_000, 1_800_000_000_123]
    interactions.forEach((interaction, n) => {
      const record: InteractionRecord = { hubId: HUB, receivedAt: at[n % at.length]!, interaction }
      const line = encodeInteractionRow(record)
      const row = JSON.parse(line) as Record<string, unknown>
      // The raw object's text is what the store keeps: exactly the interaction's JSON.
      expect(line).toContain(`,"raw":${JSON.stringify(interaction)},"received_at":`)
      expect(JSON.stringify({ ...row, raw: JSON.stringify(row.raw) })).toBe(
        JSON.stringify(toInteractionRow(record)),
      )
      expect(row).toMatchObject({
        ts: parsed(interaction.portal_timestamp),
        received_at: toClickHouseTime(record.receivedAt),
      })
    })
  })
})
