import { describe, expect, it } from 'vitest'
import { CONTENT_TYPES, interactionSchema } from '../schemas/index.ts'
import { DEMO_HISTORY_CONTACTS, DEMO_HISTORY_DAYS, demoHistory, seededRandom } from './demo-history.ts'

const portalId = '0b6d3a2e-5c1f-4e8a-9d7b-2f4c6e8a0b1c'
const anchor = Date.parse('2026-12-01T10:00:00Z')
const DAY = 86_400_000

describe('demoHistory', () => {
  it('gives the same rows, ids included, for the same portal and time', () => {
    expect(demoHistory({ portalId, anchor })).toEqual(demoHistory({ portalId, anchor }))
  })

  it('draws the same numbers from the same seed, and others from another', () => {
    const a = seededRandom(7)
    const b = seededRandom(7)
    const first = [a(), a(), a()]
    expect([b(), b(), b()]).toEqual(first)
    expect(seededRandom(8)()).not.toBe(first[0])
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true)
  })

  it('makes valid interactions of every type over the 90 days before the anchor, and dozens of cases', () => {
    const h = demoHistory({ portalId, anchor })
    expect(h.contacts).toHaveLength(DEMO_HISTORY_CONTACTS)
    expect(new Set(h.contacts.map((c) => c.crmrecordid)).size).toBe(DEMO_HISTORY_CONTACTS)
    for (const i of h.interactions) expect(interactionSchema.safeParse(i).success).toBe(true)
    expect(new Set(h.interactions.map((i) => i.type)).size).toBe(5)
    expect(new Set(h.interactions.map((i) => i.portal_interactionid)).size).toBe(h.interactions.length)
    const times = h.interactions.map((i) => Date.parse(i.portal_timestamp))
    expect(Math.min(...times)).toBeGreaterThanOrEqual(anchor - DEMO_HISTORY_DAYS * DAY)
    expect(Math.max(...times)).toBeLessThan(anchor)
    expect(h.cases.length).toBeGreaterThanOrEqual(24)
    expect(h.cases.length).toBeLessThan(200)
    expect(h.cases.every((c) => c.createdAt < anchor)).toBe(true)
  })

  it('holds content that deflects and content that does not', () => {
    const h = demoHistory({ portalId, anchor })
    const caseTimes = new Map<string, number[]>()
    for (const c of h.cases) caseTimes.set(c.contactId, [...(caseTimes.get(c.contactId) ?? []), c.createdAt])
    // A reader "failed" when a case of theirs followed a read within a day.
    const rate = (title: string) => {
      const readers = new Map<string, boolean>()
      for (const i of h.interactions) {
        if (!(CONTENT_TYPES as readonly string[]).includes(i.type) || !JSON.stringify(i).includes(title))
          continue
        const at = Date.parse(i.portal_timestamp)
        const failed = (caseTimes.get(i.portal_contactid) ?? []).some((c) => c > at && c <= at + DAY)
        readers.set(i.portal_contactid, (readers.get(i.portal_contactid) ?? false) || failed)
      }
      return [...readers.values()].filter(Boolean).length / readers.size
    }
    expect(rate('Two-factor sign-in fails after a phone change')).toBeGreaterThan(0.2)
    expect(rate('Export invoices as PDF')).toBeLessThan(0.08)
  })
})
