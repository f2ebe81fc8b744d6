import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openClickHouse } from '../../core/testing.ts'
import { type ClickHouseHttp, startClickHouseHttp } from '../../tools/clickhouse-http.ts'
import { articleView, search } from '../support/interactions.ts'
import { type TestHub, startTestCore, tokenFor } from '../support/test-core.ts'

/**
 * The `CLICKHOUSE_URL` path of the store, end to end: casetrail's server
 * branch of `openClickHouse` (@clickhouse/client over HTTP: migrations,
 * inserts, the read pool, commands) against a ClickHouse HTTP endpoint on
 * loopback with the real engine behind it (tools/clickhouse-http.ts).
 * Then every data statement that crossed the wire, parsed and formatted by the
 * engine, held to core/store/golden/dml.sql
 * (`CASETRAIL_UPDATE_GOLDEN=1` writes it anew).
 */

const GOLDEN = join(import.meta.dirname, '../../core/store/golden/dml.sql')
const update = process.env.CASETRAIL_UPDATE_GOLDEN === '1'
const HOUR = 3_600_000

let http: ClickHouseHttp
let engineDir: string
let t: Awaited<ReturnType<typeof startTestCore>>
let hub: TestHub
const contact = randomUUID()
const portal = randomUUID()
const caseAt = Date.now() - HOUR

beforeAll(async () => {
  engineDir = mkdtempSync(join(tmpdir(), 'casetrail-chhttp-'))
  http = await startClickHouseHttp(engineDir)
  t = await startTestCore({ server: { url: http.url, database: 'casetrail_server' } })
  hub = await t.createHub('Server path')
})

afterAll(async () => {
  await t?.close()
  t?.remove()
  await http?.close()
  rmSync(engineDir, { recursive: true, force: true })
})

const read = (path: string) =>
  t.app.request(path, { headers: { authorization: tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey) } })

describe('the CLICKHOUSE_URL path against a real engine over HTTP', () => {
  it('creates the database and runs the migrations over HTTP', () => {
    const statements = http.requests.map((r) => r.statement)
    expect(statements).toContain('CREATE DATABASE IF NOT EXISTS `casetrail_server`')
    expect(statements.some((s) => s.startsWith('CREATE TABLE IF NOT EXISTS interactions'))).toBe(true)
    // Every later request names the database; none is sent to another.
    const named = http.requests.filter((r) => r.database !== null)
    expect(named.length).toBeGreaterThan(0)
    expect(new Set(named.map((r) => r.database))).toEqual(new Set(['casetrail_server']))
  })

  it('stores interactions and cases, and answers journeys, cases and insights from them', async () => {
    const items = [
      articleView({
        portal_contactid: contact,
        portal_portalid: portal,
        portal_timestamp: new Date(caseAt - 3 * HOUR).toISOString(),
      }),
      search({
        portal_contactid: contact,
        portal_portalid: portal,
        portal_timestamp: new Date(caseAt - 2 * HOUR).toISOString(),
        portal_searchstring: 'Printer  ON fire',
      }),
    ]
    // One twice: stored once.
    const sent = await t.sendTo(hub, [...items, items[0]], '?wait=stored')
    expect(sent.status).toBe(200)
    const caseId = randomUUID()
    const reported = await t.app.request(`/v1/hubs/${hub.id}/cases`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey),
      },
      body: JSON.stringify({
        caseId,
        contactId: contact,
        portalId: portal,
        createdAt: new Date(caseAt).toISOString(),
        title: 'Printer on fire',
        status: 'active',
      }),
    })
    expect(reported.status).toBe(200)

    const journey = await read(
      `/v1/hubs/${hub.id}/contacts/${contact}/journey?before=${new Date(caseAt + HOUR).toISOString()}&window=P1D`,
    )
    expect(journey.status).toBe(200)
    const body = (await journey.json()) as {
      interactions: Array<{ portal_interactionid: string }>
      summary: { counts: Record<string, number> }
    }
    expect(body.interactions.map((i) => i.portal_interactionid)).toEqual(
      items.map((i) => i.portal_interactionid),
    )
    expect(body.summary.counts).toMatchObject({ portal_viewknowledgearticle: 1, portal_search: 1 })

    const cases = await t.admin(`/v1/admin/hubs/${hub.id}/cases?contactId=${contact}`)
    expect(cases.status).toBe(200)
    expect(((await cases.json()) as { items: Array<{ caseId: string }> }).items.map((c) => c.caseId)).toEqual(
      [caseId],
    )

    const from = new Date(caseAt - 2 * HOUR).toISOString()
    const to = new Date(caseAt + HOUR).toISOString()
    const searches = await read(`/v1/hubs/${hub.id}/insights/searches?from=${from}&to=${to}&window=P1D`)
    expect(searches.status).toBe(200)
    expect(JSON.stringify(await searches.json())).toContain('printer on fire')
    for (const kind of ['content', 'volume']) {
      const res = await read(`/v1/hubs/${hub.id}/insights/${kind}?from=${from}&to=${to}&window=P1D`)
      expect(res.status, kind).toBe(200)
    }
  })

  it('sets items the engine refuses aside in the quarantine, and lists them', async () => {
    const bad = await t.sendTo(hub, [{ type: 'portal_search', portal_interactionid: 'nope' }])
    expect(bad.status).toBe(400)
    await t.settled()
    const listed = await t.admin(`/v1/admin/hubs/${hub.id}/quarantine?limit=5`)
    expect(listed.status).toBe(200)
    expect(JSON.stringify(await listed.json())).toContain('invalid_uuid')
  })

  it('exports and erases a contact over HTTP (lightweight DELETE on the event tables)', async () => {
    const exported = await t.admin(`/v1/admin/hubs/${hub.id}/contacts/${contact}/export`)
    expect(exported.status).toBe(200)
    const head = JSON.parse((await exported.text()).split('\n')[0]!) as { counts: object }
    expect(head.counts).toMatchObject({ interactions: 2, cases: 1 })
    const erase = await t.admin(`/v1/admin/hubs/${hub.id}/contacts/${contact}`, { method: 'DELETE' })
    expect(erase.status).toBe(202)
    const { erasureId } = (await erase.json()) as { erasureId: string }
    await t.core.contactRights.settled()
    const state = await t.admin(`/v1/admin/hubs/${hub.id}/erasures/${erasureId}`)
    expect(await state.json()).toMatchObject({ state: 'done', counts: { interactions: 2, cases: 1 } })
    const after = await t.admin(`/v1/admin/hubs/${hub.id}/contacts/${contact}/export`)
    expect(JSON.parse((await after.text()).trimEnd())).toMatchObject({
      counts: { interactions: 0, cases: 0, profiles: 0, quarantine: 0 },
    })
  })

  it('sends values as query parameters, never inside the statement', () => {
    const journeyRead = http.requests.find(
      (r) => /FROM interactions/.test(r.statement) && r.statement.includes('contact_id'),
    )
    expect(journeyRead, 'a journey read crossed the wire').toBeDefined()
    expect(Object.values(journeyRead!.params)).toContain(contact)
    for (const r of http.requests) expect(r.statement, 'the contact id inlined').not.toContain(contact)
  })

  it('inserts rows in JSONEachRow with objects read as strings, and sends the write client its settings', () => {
    const inserts = http.requests.filter((r) => /^INSERT INTO `?interactions`?/.test(r.statement))
    expect(inserts.length).toBeGreaterThan(0)
    expect(inserts[0]!.statement).toMatch(
      /SETTINGS input_format_json_read_objects_as_strings = 1 FORMAT JSONEachRow$/,
    )
    expect(inserts[0]!.settings).toMatchObject({ date_time_input_format: 'best_effort' })
  })

  it('holds every data statement that crossed the wire, as the engine formats it, to dml.sql', async () => {
    const data = [
      ...new Set(
        http.requests
          .map((r) => r.statement)
          // Data statements of the event tables; the control plane's records live in Postgres.
          .filter((s) => /^(SELECT|INSERT|WITH|DELETE|OPTIMIZE)\b/i.test(s) && !/\bcp_[a-z_]+\b/.test(s)),
      ),
    ]
    const formatted = [...new Set(await Promise.all(data.map((s) => http.format(s))))].sort()
    const text = `${formatted.map((s) => `${s};`).join('\n\n')}\n`
    if (update || !existsSync(GOLDEN)) writeFileSync(GOLDEN, text)
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'))
  })

  it('in cluster mode sends its first statement ON CLUSTER, and stops on the engine answer when the cluster is unknown', async () => {
    const before = http.requests.length
    await expect(
      openClickHouse({ kind: 'server', url: http.url, database: 'casetrail_cluster', cluster: 'casetrail' }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/casetrail/) })
    expect(http.requests[before]?.statement).toBe(
      'CREATE DATABASE IF NOT EXISTS `casetrail_cluster` ON CLUSTER casetrail',
    )
  })
})
