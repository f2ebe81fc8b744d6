import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../core/index.ts'
import { articleView } from '../support/interactions.ts'
import { type TestHub, startTestCore, tokenFor } from '../support/test-core.ts'

/**
 * A hub's `logJourneyReads`: off by default (a journey read leaves nothing in
 * the audit log); on, each read writes one entry (`getJourney`, the token's
 * resource as actor, the contact as target, never the contents), which the
 * contact's export then holds.
 */

let t: Awaited<ReturnType<typeof startTestCore>>
let hub: TestHub
const contact = randomUUID()
const TITLE = 'How to reset a forgotten password'

beforeAll(async () => {
  t = await startTestCore()
  hub = await t.createHub('Read log')
  expect(
    (await t.sendTo(hub, [articleView({ portal_contactid: contact, portal_knowledgetitle: TITLE })])).status,
  ).toBe(202)
  await t.settled()
}, 60_000)
afterAll(async () => {
  await t.close()
  t.remove()
})

const resource = () => `/v1/hubs/${hub.id}/contacts/${contact}`
const readJourney = async () => {
  const res = await t.app.request(
    `${resource()}/journey?before=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}&window=P7D`,
    { headers: { authorization: tokenFor(resource(), hub.keys[0]!.primaryKey) } },
  )
  expect(res.status).toBe(200)
  expect(JSON.stringify(await res.json())).toContain(TITLE)
}
const reads = async (): Promise<AuditEntry[]> =>
  (await t.core.audit.list({ operation: 'getJourney', targetId: contact, limit: 100 })).entries
const setLog = async (on: boolean) => {
  const res = await t.admin(`/v1/admin/hubs/${hub.id}`, {
    method: 'PATCH',
    body: JSON.stringify({ logJourneyReads: on }),
  })
  expect(res.status).toBe(200)
  expect(await res.json()).toMatchObject({ logJourneyReads: on })
}
const exported = async () => {
  const res = await t.admin(`/v1/admin/hubs/${hub.id}/contacts/${contact}/export`)
  expect(res.status).toBe(200)
  return (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { kind: string; counts?: { audit: number } } & Partial<AuditEntry>)
}

describe('the journey read log', () => {
  it('writes nothing for a journey read while the hub does not log them (the default)', async () => {
    await readJourney()
    expect(await reads()).toEqual([])
    expect((await exported())[0]!.counts!.audit).toBe(0)
  })

  it('writes one entry per read once it is on: the token’s resource, the contact, never the contents', async () => {
    await setLog(true)
    await readJourney()
    await readJourney()
    const entries = await reads()
    expect(entries).toHaveLength(2)
    expect(entries[0]).toMatchObject({
      operation: 'getJourney',
      actor: { kind: 'sas_token', name: 'default' },
      target: { type: 'contact', id: contact },
      changes: [],
      outcome: { status: 200 },
    })
    expect(entries[0]!.actor.id).toMatch(new RegExp(`/v1/hubs/${hub.id}/contacts/${contact}$`))
    expect(JSON.stringify(entries)).not.toContain(TITLE)
    expect(JSON.stringify(entries)).not.toContain(hub.keys[0]!.primaryKey)

    // The contact's export holds them, oldest first.
    const lines = await exported()
    expect(lines[0]!.counts!.audit).toBe(2)
    const audit = lines.filter((l) => l.kind === 'audit')
    expect(audit.map((l) => l.id)).toEqual(entries.map((e) => e.id).reverse())
  })

  it('stops writing them once it is off again', async () => {
    await setLog(false)
    await readJourney()
    expect(await reads()).toHaveLength(2)
  })
})
