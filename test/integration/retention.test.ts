import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CaseRecord, createCaseRepository } from '../../core/testing.ts'
import { createInteractionRepository } from '../../core/testing.ts'
import { flusherGate } from '../support/flusher-gate.ts'
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

// The flusher's inserts wait at this gate while a test holds it: rows stay in the log only.
const { hold, release, durability } = flusherGate()

beforeAll(async () => {
  t = await startTestCore({ durability })
}, 60_000)
afterAll(async () => {
  release()
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

/** Interactions and cases dated `ages` days ago, for two contacts of the hub, straight into the store (unstamped). */
async function seed(hubId: string, ages: number[]): Promise<void> {
  const now = Date.now()
  const contacts = [randomUUID(), randomUUID()]
  await createInteractionRepository(t.core.ch).insert(
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
  await createCaseRepository(t.core.ch).insert(cases)
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
    expect((await patchHub(shortened.id, { retentionDays: 60 })).status).toBe(200)
    await mutationsDone()
    // Written straight to the store, past the flusher's stamp: rows as a lost mutation would leave them.
    await seed(shortened.id, [200, 100, 40, 5])
    await seed(other.id, [200, 100, 40, 5])
    const otherBefore = await rowsOf(other.id)
    expect(otherBefore.interactions).toHaveLength(16)
    expect(otherBefore.cases).toHaveLength(8)

    const applied = await t.admin(`/v1/admin/hubs/${shortened.id}/retention/apply`, { method: 'POST' })
    expect(applied.status).toBe(200)
    // 200 and 100 days old go: 2 contacts x 2 ages x 2 types, 2 contacts x 2 ages of cases.
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

  it('is enforced by the TTL: a merge drops the rows older than the hub’s retention, stamped at flush', async () => {
    const short = await t.createHub('Short')
    const other = await t.createHub('Default')
    expect((await patchHub(short.id, { retentionDays: 60 })).status).toBe(200)
    const stale = await sendAged(short, [70, 10])
    await sendAged(other, [70, 10])
    await reportAged(short, [70, 10])
    await reportAged(other, [70, 10])
    await t.settled()
    const otherBefore = await rowsOf(other.id)
    expect(otherBefore.interactions).toHaveLength(4)
    expect(otherBefore.cases).toHaveLength(2)

    await mergeNow()
    const after = await rowsOf(short.id)
    expect(after.interactions).toHaveLength(2)
    expect(after.interactions).not.toContain(stale[0])
    expect(after.cases).toHaveLength(1)
    expect(await rowsOf(other.id)).toEqual(otherBefore)
  })

  it('reaches rows already stored when it is shortened (their retention is rewritten), other hubs’ stay', async () => {
    const shortened = await t.createHub('Shortened later')
    const other = await t.createHub('Untouched')
    await sendAged(shortened, [70, 40, 10])
    await sendAged(other, [70, 40, 10])
    await reportAged(shortened, [70, 40, 10])
    await t.settled()
    const otherBefore = await rowsOf(other.id)

    expect((await patchHub(shortened.id, { retentionDays: 30 })).status).toBe(200)
    await mutationsDone()
    await mergeNow()
    const after = await rowsOf(shortened.id)
    expect(after.interactions).toHaveLength(2)
    expect(after.cases).toHaveLength(1)
    expect(await rowsOf(other.id)).toEqual(otherBefore)
  })

  it('reaches stored rows again when the same retention is sent again (a PATCH retried after its queueing failed)', async () => {
    const hub = await t.createHub('Retried')
    expect((await patchHub(hub.id, { retentionDays: 60 })).status).toBe(200)
    await mutationsDone()
    // Rows the first PATCH's mutation never reached (as when queueing it failed): still 395 days.
    await seed(hub.id, [80, 5])
    expect((await patchHub(hub.id, { retentionDays: 60 })).status).toBe(200)
    await mutationsDone()
    await mergeNow()
    const after = await rowsOf(hub.id)
    expect(after.interactions).toHaveLength(4)
    expect(after.cases).toHaveLength(2)
  })

  it('stamps rows still in the write-ahead log with the retention set while they waited', async () => {
    const hub = await t.createHub('In the log')
    hold()
    try {
      await sendAged(hub, [70, 10])
      expect((await patchHub(hub.id, { retentionDays: 60 })).status).toBe(200)
    } finally {
      release()
    }
    await t.settled()
    const [row] = await t.core.ch.readRows<{ days: number }>({
      query: 'SELECT max(retention_days) AS days FROM interactions WHERE hub_id = {hub:String}',
      params: { hub: hub.id },
    })
    expect(Number(row!.days)).toBe(60)
    await mergeNow()
    expect((await rowsOf(hub.id)).interactions).toHaveLength(2)
  })
})

/** Sends, through the write-ahead log, an article view and a search dated `ages` days ago; answers the first's id. */
async function sendAged(hub: TestHub, ages: number[]): Promise<string[]> {
  const contact = randomUUID()
  const items = ages.flatMap((age) =>
    [articleView, search].map((make) =>
      make({ portal_contactid: contact, portal_timestamp: new Date(Date.now() - age * DAY).toISOString() }),
    ),
  )
  const res = await t.sendTo(hub, items)
  expect(res.status).toBe(202)
  return items.map((i) => i.portal_interactionid)
}

/** Reports one case created `age` days ago for each age, as a CRM does. */
async function reportAged(hub: TestHub, ages: number[]): Promise<void> {
  for (const age of ages) {
    const res = await t.reportCases(hub, {
      caseId: randomUUID(),
      contactId: randomUUID(),
      createdAt: new Date(Date.now() - age * DAY).toISOString(),
      title: 'Locked out',
    })
    expect(res.status).toBe(200)
  }
}

/** Forces the merges the TTL runs at (`OPTIMIZE … FINAL`). */
async function mergeNow(): Promise<void> {
  for (const table of ['interactions', 'cases'])
    await t.core.ch.client.command({ query: t.core.ch.ddl.optimizeFinal(table) })
}

/** Waits for the mutations a retention change queued. */
async function mutationsDone(): Promise<void> {
  await expect
    .poll(
      async () =>
        Number(
          (
            await t.core.ch.readRows<{ n: number }>({
              query: 'SELECT count() AS n FROM system.mutations WHERE NOT is_done',
            })
          )[0]!.n,
        ),
      { timeout: 60_000, interval: 200 },
    )
    .toBe(0)
}
