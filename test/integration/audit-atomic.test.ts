import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AuditContext, type AuditEntry, auditScope } from '../../core/index.ts'
import { type TestPostgres, startPostgres } from '../../tools/postgres.ts'
import { type TestHub, startTestCore } from '../support/test-core.ts'

/**
 * An audit entry commits with the change it records, or neither does. The
 * faults are put in the database by the test (triggers on the real embedded
 * Postgres), out of reach of any HTTP route: an append to the log that fails,
 * and a change whose transaction fails at its commit, after the record write.
 */

let t: Awaited<ReturnType<typeof startTestCore>>
let hub: TestHub
let pg: TestPostgres | undefined

describe.each(['embedded', 'postgres'] as const)(
  'an audit entry and its change (%s control plane)',
  (kind) => {
    beforeAll(async () => {
      if (kind === 'postgres') pg = await startPostgres()
      t = await startTestCore(pg ? { controlPlane: { databaseUrl: pg.url, secretKey: randomBytes(32) } } : {})
    }, 120_000)
    beforeEach(async () => {
      hub = await t.createHub('Atomic')
    })
    afterAll(async () => {
      await t.close()
      t.remove()
      await pg?.remove()
      pg = undefined
    })

    const sql = (text: string) => t.core.controlPlane.query(text)
    const rename = (name: string) =>
      t.admin(`/v1/admin/hubs/${hub.id}`, { method: 'PATCH', body: JSON.stringify({ name }) })
    const hubName = async () =>
      ((await (await t.admin(`/v1/admin/hubs/${hub.id}`)).json()) as { name: string }).name
    const entries = async (): Promise<AuditEntry[]> =>
      (await t.core.audit.list({ operation: 'updateHub', targetId: hub.id, limit: 100 })).entries

    it('leaves no change without its entry: when the entry cannot be written, the change is not made', async () => {
      const before = await entries()
      await sql(`CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected: the audit log refuses this append'; END $$`)
      await sql(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log
      FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`)
      let status: number
      try {
        status = (await rename('Renamed without an entry')).status
      } finally {
        await sql('DROP TRIGGER test_refuse_audit ON audit_log')
        await sql('DROP FUNCTION test_refuse_audit()')
      }
      expect(status).toBeGreaterThanOrEqual(500)
      expect(await hubName()).toBe('Atomic')
      expect((await entries()).length).toBe(before.length)
    })

    it('leaves no entry listing a change that rolled back: a commit that fails after the record write', async () => {
      // A deferred constraint trigger runs at COMMIT: the hub's row is written, then the commit fails.
      await sql(`CREATE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected: the commit fails'; END $$`)
      await sql(`CREATE CONSTRAINT TRIGGER test_fail_commit AFTER UPDATE ON cp_hubs
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_commit()`)
      let status: number
      try {
        status = (await rename('Rolled back')).status
      } finally {
        await sql('DROP TRIGGER test_fail_commit ON cp_hubs')
        await sql('DROP FUNCTION test_fail_commit()')
      }
      expect(status).toBeGreaterThanOrEqual(500)
      expect(await hubName()).toBe('Atomic')
      // The refused request has its one entry, and it lists no change.
      const [latest] = await entries()
      expect(latest).toMatchObject({ operation: 'updateHub', outcome: { status } })
      expect(latest!.changes).toEqual([])
    })

    it('writes the entry with the change when both go through', async () => {
      const res = await rename('Atomic too')
      expect(res.status).toBe(200)
      const [latest] = await entries()
      expect(latest).toMatchObject({ outcome: { status: 200 }, target: { type: 'hub', id: hub.id } })
      expect(latest!.changes).toEqual([{ field: 'hub.name', before: 'Atomic', after: 'Atomic too' }])
    })

    it('keeps the entry of a change whose process ended before it answered: the change, and no status', async () => {
      // What a kill between the change's commit and the answer leaves: the entry is never closed.
      const context = new AuditContext({
        actor: { id: 'u-killed', name: 'Killed', kind: 'admin_token' },
        operation: 'updateHub',
        target: { type: 'hub', id: hub.id },
        requestId: 'req-killed',
        clientAddress: null,
      })
      await auditScope.run(context, () => t.core.hubs.update(hub.id, { name: 'Changed, then killed' }))
      const [latest] = await entries()
      expect(latest).toMatchObject({ requestId: 'req-killed', outcome: { status: null } })
      expect(latest!.changes).toEqual([
        { field: 'hub.name', before: 'Atomic', after: 'Changed, then killed' },
      ])
    })
  },
)
