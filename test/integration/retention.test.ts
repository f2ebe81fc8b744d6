import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../core/store/case-repository.ts'
import { articleView, search } from '../support/interactions.ts'
import { type TestHub, startTestCore } from '../support/test-core.ts'

/**
 * A hub's retention on a real embedded ClickHouse: `retentionDays` set with
 * PATCH (If-Match, 1 to 3650), shown in the hub's read; applied now by
 * `POST …/retention/apply`, which removes the hub's older interactions and
 * cases and leaves every other hub's rows as they were.
 */

let t: Awaited<ReturnType<typeof startTestCore>>
const DAY = 86_400_000

beforeAll(async () => {
  t = await startTestCore()
}, 60_000)
afterAll(async () => {
  await t.close()
  t.remove()
})

type HubBody = TestHub & { retentionDays: number; logJourneyReads: boolean }

const patchHub = (hubId: string, body: unknown, ifMatch?: string) =>
  t.admin(`/v1/admin/hubs/${hubId}`, {
    method: 'PATCH',
    body: JSON.stringify(body),
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  })

/** Interactions and cases dated `ages` days ago, for two contacts of the hub, straight into the store. */
async function seed(hubId: string, ages: number[]): Promise<void> {
  const now = Date.now()
  const contacts = [randomUUID(), randomUUID()]
  await t.core.repository.insert(
    contacts.flatMap((contact) =>
      ages.flatMap((age) =>
        [articleView, search].map((make) => ({
          hubId,
          receivedAt: now,
          interaction: make({
            portal_contactid: contact,
            portal_timestamp: new Date(now - age * DAY).toISOString(),
          }),
        })),
      ),
    ),
  )
  const cases: CaseRecord[] = contacts.flatMap((contactId) =>
    ages.map((age) => ({
      hubId,
      caseId: randomUUID(),
      caseNumber: null,
      contactId,
      portalId: null,
      createdAt: now - age * DAY,
      title: 'Locked out',
      status: null,
      category: null,
      description: null,
      source: 'crm' as const,
      reportedAt: now,
    })),
  )
  await t.core.caseRepository.insert(cases)
}

/** Every interaction row and case row of a hub, as sorted ids. */
async function rowsOf(hubId: string): Promise<{ interactions: string[]; cases: string[] }> {
  const read = async (query: string) =>
    (await t.core.ch.readRows<{ id: string }>({ query, params: { hub: hubId } })).map((r) => r.id).sort()
  return {
    interactions: await read(
      'SELECT toString(interaction_id) AS id FROM interactions WHERE hub_id = {hub:String}',
    ),
    cases: await read('SELECT toString(case_id) AS id FROM cases WHERE hub_id = {hub:String}'),
  }
}

describe('retention per hub', () => {
  it('is 395 days and journey reads unlogged by default, shown in the hub’s read', async () => {
    const hub = await t.createHub('Defaults')
    const res = await t.admin(`/v1/admin/hubs/${hub.id}`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ retentionDays: 395, logJourneyReads: false })
  })

  it('is set with PATCH and If-Match: a stale version is 412, the current one changes it', async () => {
    const hub = await t.createHub('Patched')
    const read = await t.admin(`/v1/admin/hubs/${hub.id}`)
    const etag = read.headers.get('etag')!
    const changed = await patchHub(hub.id, { retentionDays: 30, logJourneyReads: true }, etag)
    expect(changed.status).toBe(200)
    expect(await changed.json()).toMatchObject({ retentionDays: 30, logJourneyReads: true, name: 'Patched' })
    const stale = await patchHub(hub.id, { retentionDays: 60 }, etag)
    expect(stale.status).toBe(412)
    expect(((await (await t.admin(`/v1/admin/hubs/${hub.id}`)).json()) as HubBody).retentionDays).toBe(30)
  })

  it.each([0, 3651, 12.5, '30', null, -1])(
    'refuses retentionDays %j with 400 invalid_retention_days',
    async (v) => {
      const hub = await t.createHub('Refused')
      const res = await patchHub(hub.id, { retentionDays: v })
      expect(res.status).toBe(400)
      const body = (await res.json()) as { error: { code: string; field: string } }
      expect(body.error.field).toBe('retentionDays')
      expect(['invalid_retention_days', 'invalid_type', 'required']).toContain(body.error.code)
      if (typeof v === 'number') expect(body.error.code).toBe('invalid_retention_days')
    },
  )

  it('removes, when applied, the hub’s rows older than its retention; another hub keeps its rows row for row', async () => {
    const shortened = await t.createHub('Shortened')
    const other = await t.createHub('Other')
    await seed(shortened.id, [400, 100, 40, 5])
    await seed(other.id, [400, 100, 40, 5])
    const otherBefore = await rowsOf(other.id)
    expect(otherBefore.interactions).toHaveLength(16)
    expect(otherBefore.cases).toHaveLength(8)

    expect((await patchHub(shortened.id, { retentionDays: 60 })).status).toBe(200)
    const applied = await t.admin(`/v1/admin/hubs/${shortened.id}/retention/apply`, { method: 'POST' })
    expect(applied.status).toBe(200)
    // 400 and 100 days old go: 2 contacts x 2 ages x 2 types, 2 contacts x 2 ages of cases.
    expect(await applied.json()).toMatchObject({
      hubId: shortened.id,
      retentionDays: 60,
      removed: { interactions: 8, cases: 4 },
    })
    const after = await rowsOf(shortened.id)
    expect(after.interactions).toHaveLength(8)
    expect(after.cases).toHaveLength(4)
    expect(await rowsOf(other.id)).toEqual(otherBefore)

    // The hub's audit entry names the operation; applying again removes nothing.
    const again = await t.admin(`/v1/admin/hubs/${shortened.id}/retention/apply`, { method: 'POST' })
    expect(await again.json()).toMatchObject({ removed: { interactions: 0, cases: 0 } })
    const entries = await t.core.audit.list({
      operation: 'applyRetention',
      targetId: shortened.id,
      limit: 10,
    })
    expect(entries.entries).toHaveLength(2)
  })
})
