import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createContactRights, erasureRecordSchema } from '../../core/testing.ts'
import { createErasureTombstones, erasureSubject } from '../../core/testing.ts'
import { createChangeFeed } from '../../core/testing.ts'
import { createRecordRepository } from '../../core/testing.ts'
import { flusherGate } from '../support/flusher-gate.ts'
import { articleView, search } from '../support/interactions.ts'
import { type TestHub, startTestCore, tokenFor } from '../support/test-core.ts'

/**
 * A contact's data rights through the API on a real embedded ClickHouse and
 * the real write-ahead log: the export holds exactly what the journey, case
 * and profile reads return; an erasure removes the contact's data, also rows
 * only in the log when it is asked for, and leaves other contacts' rows as
 * they were.
 */

// The flusher's inserts wait at this gate while a test holds it: rows stay in the log only.
const { hold, release, durability } = flusherGate()

let t: Awaited<ReturnType<typeof startTestCore>>
let hub: TestHub
const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()

beforeAll(async () => {
  t = await startTestCore({ durability })
  hub = await t.createHub('Data rights')
  const config = await t.admin(`/v1/admin/hubs/${hub.id}/profile-config`, {
    method: 'PUT',
    body: JSON.stringify({
      entity: 'contact',
      linkedTypes: ['portal_search', 'portal_viewknowledgearticle'],
    }),
  })
  expect(config.status).toBe(200)
}, 60_000)
afterAll(async () => {
  release()
  await t.close()
  t.remove()
})

const send = async (items: unknown[]) => {
  const res = await t.sendTo(hub, items)
  expect(res.status).toBe(202)
}
const reportCase = async (contactId: string, createdAt: number) => {
  const res = await t.reportCases(hub, {
    caseId: randomUUID(),
    contactId,
    createdAt: iso(createdAt),
    title: 'Locked out',
  })
  expect(res.status).toBe(200)
}
const importProfile = async (contactId: string, name: string) => {
  const res = await t.admin(`/v1/admin/hubs/${hub.id}/profiles`, {
    method: 'POST',
    body: JSON.stringify([{ crmrecordid: contactId, name }]),
  })
  expect(res.status).toBe(200)
}

/** The contact's journey over the last 89 days up to a minute from now, as the journey route answers it. */
const journey = async (contactId: string) => {
  const res = await t.app.request(
    `/v1/hubs/${hub.id}/contacts/${contactId}/journey?before=${encodeURIComponent(iso(Date.now() + 60_000))}&window=P89D`,
    {
      headers: {
        authorization: tokenFor(`/v1/hubs/${hub.id}/contacts/${contactId}`, hub.keys[0]!.primaryKey),
      },
    },
  )
  expect(res.status).toBe(200)
  return (await res.json()) as { interactions: Array<{ portal_interactionid: string }>; profile: unknown }
}
const caseList = async (contactId: string) =>
  (
    (await (await t.admin(`/v1/admin/hubs/${hub.id}/cases?contactId=${contactId}&limit=200`)).json()) as {
      items: unknown[]
    }
  ).items
const profileOf = (contactId: string) => t.admin(`/v1/admin/hubs/${hub.id}/profiles/${contactId}`)
const exportOf = async (contactId: string) => {
  const res = await t.admin(`/v1/admin/hubs/${hub.id}/contacts/${contactId}/export`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
  const text = await res.text()
  expect(text.endsWith('\n')).toBe(true)
  return text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown> & { kind: string })
}
const withoutKind = (lines: Array<Record<string, unknown>>, kind: string) =>
  lines.filter((l) => l.kind === kind).map(({ kind: _, ...rest }) => rest)

/** A contact with interactions (one sent twice), cases, a profile and a refused item naming them. */
async function seedContact(name: string) {
  const contactId = randomUUID()
  const now = Date.now()
  const items = [
    ...Array.from({ length: 6 }, (_, i) =>
      articleView({ portal_contactid: contactId, portal_timestamp: iso(now - (i + 1) * DAY) }),
    ),
    search({ portal_contactid: contactId, portal_timestamp: iso(now - 3_600_000) }),
  ]
  await send(items)
  await send([items[0]])
  await reportCase(contactId, now - 2 * DAY)
  await reportCase(contactId, now - DAY)
  await importProfile(contactId, name)
  // Refused at the edge (no title) and kept in the quarantine with its text.
  const bad = { ...search({ portal_contactid: contactId }), portal_searchstring: 42 }
  expect((await t.sendTo(hub, [bad])).status).toBe(400)
  await t.settled()
  return { contactId, items }
}

/**
 * Another contact-rights service on this core's stores, as a restarted
 * process or a second node has: its own tombstones and a silent log unless told.
 */
const contactRightsOnCore = (options: Partial<Parameters<typeof createContactRights>[0]> = {}) =>
  createContactRights({
    db: t.core.controlPlane,
    repository: t.core.repository,
    cases: t.core.caseRepository,
    profiles: t.core.profiles,
    tombstones: createErasureTombstones(),
    log: { info: () => undefined, error: () => undefined },
    ...options,
  })

describe('export', () => {
  it('holds exactly what the journey, cases and profile reads return, each once', async () => {
    const { contactId, items } = await seedContact('Avery Lin')
    await seedContact('Someone Else')
    const lines = await exportOf(contactId)
    const journeyRead = await journey(contactId)
    const cases = await caseList(contactId)
    const profile = await (await profileOf(contactId)).json()

    expect(lines[0]).toMatchObject({
      kind: 'export',
      hubId: hub.id,
      contactId,
      counts: { interactions: items.length, cases: 2, profiles: 1, quarantine: 1 },
    })
    expect(lines[0]).not.toHaveProperty('erasedAt')
    expect(withoutKind(lines, 'interaction')).toEqual(journeyRead.interactions)
    expect(withoutKind(lines, 'case')).toEqual(
      [...cases].sort((a, b) =>
        (b as { createdAt: string }).createdAt.localeCompare((a as { createdAt: string }).createdAt),
      ),
    )
    expect(withoutKind(lines, 'profile')).toEqual([profile])
    const quarantined = withoutKind(lines, 'quarantine')
    expect(quarantined).toHaveLength(1)
    expect(quarantined[0]).toMatchObject({ stage: 'edge' })
    expect(JSON.stringify(quarantined[0])).toContain(contactId)
    expect(lines.map((l) => l.kind)).toEqual([
      'export',
      ...Array(items.length).fill('interaction'),
      'case',
      'case',
      'profile',
      'quarantine',
    ])
  })

  it('reads page by page without losing or repeating a record (pages of 2)', async () => {
    const { contactId } = await seedContact('Paged Person')
    const paged = contactRightsOnCore({ pageRows: 2 })
    const lines: Array<Record<string, unknown>> = []
    for await (const line of paged.exportLines(hub.id, contactId)) lines.push(JSON.parse(line))
    const whole = await exportOf(contactId)
    expect(lines.slice(1)).toEqual(whole.slice(1))
  })

  it('refuses a contact id that is not a uuid with 400 invalid_uuid and the field', async () => {
    const res = await t.admin(`/v1/admin/hubs/${hub.id}/contacts/not-a-contact/export`)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_uuid', field: 'contactId' } })
  })

  it('answers 404 hub_not_found for an unknown hub', async () => {
    const res = await t.admin(`/v1/admin/hubs/${randomUUID()}/contacts/${randomUUID()}/export`)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'hub_not_found' } })
  })
})

/** Every row of the event tables that names the contact, as stored (what "untouched" is held to). */
const storedRows = async (contactId: string) => {
  const read = async (query: string) =>
    (
      await t.core.ch.readRows<Record<string, unknown>>({
        query,
        params: { hub: hub.id, contact: contactId },
      })
    )
      .map((r) => JSON.stringify(r))
      .sort()
  return {
    interactions: await read(
      'SELECT * FROM interactions FINAL WHERE hub_id = {hub:String} AND contact_id = {contact:UUID}',
    ),
    cases: await read(
      'SELECT * FROM cases FINAL WHERE hub_id = {hub:String} AND contact_id = {contact:UUID}',
    ),
    quarantine: await read(
      'SELECT * FROM quarantine WHERE hub_id = {hub:String} AND positionCaseInsensitive(raw, {contact:String}) > 0',
    ),
  }
}
const erasure = async (erasureId: string) =>
  (await (await t.admin(`/v1/admin/hubs/${hub.id}/erasures/${erasureId}`)).json()) as {
    state: string
    subject: string
    counts: Record<string, number>
  }

describe('erasure', () => {
  it('removes the contact everywhere, rows only in the log and late ones included, and nothing of others', async () => {
    const { contactId, items } = await seedContact('Erase Me')
    const other = await seedContact('Keep Me')
    const othersBefore = await storedRows(other.contactId)
    const otherExport = await exportOf(other.contactId)

    // Beacons still arriving: these are only in the write-ahead log when the erasure is asked for.
    hold()
    const inLog = [
      search({ portal_contactid: contactId, portal_timestamp: iso(Date.now() - 5_000) }),
      articleView({ portal_contactid: contactId, portal_timestamp: iso(Date.now() - 4 * DAY) }),
    ]
    const othersInLog = [
      search({ portal_contactid: other.contactId, portal_timestamp: iso(Date.now() - 5_000) }),
    ]
    await send([...inLog, ...othersInLog])
    const res = await t.admin(`/v1/admin/hubs/${hub.id}/contacts/${contactId}`, { method: 'DELETE' })
    expect(res.status).toBe(202)
    const { erasureId } = (await res.json()) as { erasureId: string }
    // A retry of an old beacon after the request, and one dated after it (new data, kept).
    await send([items[2]])
    const later = search({ portal_contactid: contactId, portal_timestamp: iso(Date.now() + 60_000) })
    await send([later])
    release()
    await t.core.contactRights.settled()
    await t.settled()

    const state = await erasure(erasureId)
    expect(state).toMatchObject({
      state: 'done',
      counts: { interactions: items.length, cases: 2, profiles: 1, quarantine: 1 },
    })
    // Recorded by hash, never the id in clear.
    expect(state.subject).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(state)).not.toContain(contactId)
    // Nor in the audit log, which nothing can edit: no id, no profile field.
    const audit = await t.admin(`/v1/admin/audit?operation=eraseContact&format=ndjson`)
    expect(audit.status).toBe(200)
    const entries = await audit.text()
    expect(entries).toContain(erasureId)
    expect(entries.toLowerCase()).not.toContain(contactId)
    expect(entries).not.toContain('Erase Me')

    // Only the interaction dated after the request is left: new data.
    const j = await journey(contactId)
    expect(j.interactions).toEqual([later])
    expect(j.profile).toBeNull()
    expect(await caseList(contactId)).toEqual([])
    expect((await profileOf(contactId)).status).toBe(404)
    const lines = await exportOf(contactId)
    expect(lines[0]).toMatchObject({ erasedAt: expect.any(String) })
    expect(withoutKind(lines, 'interaction')).toEqual([later])
    expect(lines[0]).toMatchObject({ counts: { interactions: 1, cases: 0, profiles: 0, quarantine: 0 } })

    // The other contact: every row as it was, plus their beacon from the log.
    const othersAfter = await storedRows(other.contactId)
    expect(othersAfter.cases).toEqual(othersBefore.cases)
    expect(othersAfter.quarantine).toEqual(othersBefore.quarantine)
    expect(othersAfter.interactions.filter((r) => !r.includes(othersInLog[0]!.portal_interactionid))).toEqual(
      othersBefore.interactions,
    )
    expect(othersAfter.interactions).toHaveLength(othersBefore.interactions.length + 1)
    expect((await exportOf(other.contactId)).slice(1, 1 + other.items.length)).toEqual(
      otherExport.slice(1, 1 + other.items.length),
    )
  })

  it('exports an erased contact with no new data as the first line alone, zero counts and erasedAt', async () => {
    const { contactId } = await seedContact('Gone')
    // A journey read the hub logged before the erasure: the entry stays in the append-only log.
    const setLog = (on: boolean) =>
      t.admin(`/v1/admin/hubs/${hub.id}`, { method: 'PATCH', body: JSON.stringify({ logJourneyReads: on }) })
    expect((await setLog(true)).status).toBe(200)
    try {
      await journey(contactId)
    } finally {
      expect((await setLog(false)).status).toBe(200)
    }
    expect((await exportOf(contactId))[0]).toMatchObject({ counts: { audit: 1 } })
    const res = await t.admin(`/v1/admin/hubs/${hub.id}/contacts/${contactId}`, { method: 'DELETE' })
    expect(res.status).toBe(202)
    await t.core.contactRights.settled()
    // A CRM reporting one of their cases again (dated before the erasure): not stored.
    await reportCase(contactId, Date.now() - DAY)
    expect((await journey(contactId)).interactions).toEqual([])
    expect(await caseList(contactId)).toEqual([])
    const lines = await exportOf(contactId)
    expect(lines).toEqual([
      {
        kind: 'export',
        hubId: hub.id,
        contactId,
        at: expect.any(String),
        counts: { interactions: 0, cases: 0, profiles: 0, quarantine: 0, audit: 0 },
        erasedAt: expect.any(String),
      },
    ])
    expect(
      (await t.core.audit.list({ operation: 'getJourney', targetId: contactId, limit: 10 })).entries,
    ).toHaveLength(1)
  })

  it('resumes at start an erasure a killed process left running, by the hash alone', async () => {
    const { contactId } = await seedContact('Interrupted')
    const other = await seedContact('Bystander')
    const othersBefore = await storedRows(other.contactId)
    const erasureId = randomUUID()
    // What a process killed right after the 202 leaves: the record, running, and no deletes yet.
    await createRecordRepository(t.core.controlPlane, 'cp_settings', erasureRecordSchema).put(
      `erasure/${hub.id}/${erasureId}`,
      {
        erasureId,
        hubId: hub.id,
        subject: erasureSubject(hub.id, contactId),
        requestedAt: new Date().toISOString(),
        requestedBy: { id: 'admin', name: 'Admin' },
        state: 'running',
        counts: { interactions: 0, cases: 0, profiles: 0, quarantine: 0, portalRecords: 0 },
        finishedAt: null,
        error: null,
      },
    )
    const restarted = contactRightsOnCore()
    restarted.resume()
    await new Promise((r) => setTimeout(r, 0))
    await restarted.settled()
    await vi.waitFor(async () => expect((await erasure(erasureId)).state).toBe('done'))
    expect(await erasure(erasureId)).toMatchObject({ counts: { interactions: 7, cases: 2, profiles: 1 } })
    expect((await journey(contactId)).interactions).toEqual([])
    expect(await caseList(contactId)).toEqual([])
    expect((await profileOf(contactId)).status).toBe(404)
    expect(await storedRows(other.contactId)).toEqual(othersBefore)
  })

  it('tells another node of the erasure: its flusher drops the contact’s rows too', async () => {
    const contactId = randomUUID()
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined }
    // A second node on the same control plane: its own feed and its own tombstones.
    const feed = createChangeFeed({ db: t.core.controlPlane, log: quiet, checkEveryMs: 100 })
    await feed.start()
    const tombstones = createErasureTombstones()
    contactRightsOnCore({ tombstones, feed, log: quiet })
    try {
      expect(tombstones.drops(hub.id, contactId, '2026-01-01 00:00:00.000')).toBe(false)
      const res = await t.admin(`/v1/admin/hubs/${hub.id}/contacts/${contactId}`, { method: 'DELETE' })
      expect(res.status).toBe(202)
      await vi.waitFor(() =>
        expect(tombstones.drops(hub.id, contactId, '2026-01-01 00:00:00.000')).toBe(true),
      )
      expect(tombstones.drops(hub.id, randomUUID(), '2026-01-01 00:00:00.000')).toBe(false)
      await t.core.contactRights.settled()
    } finally {
      await feed.close()
    }
  })

  it('answers 404 erasure_not_found for an unknown erasure', async () => {
    const res = await t.admin(`/v1/admin/hubs/${hub.id}/erasures/${randomUUID()}`)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'erasure_not_found', field: 'erasureId' } })
  })
})
