import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import * as z from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DomainError, createRecordRepository } from '../../core/index.ts'
import type { Principal } from '../../core/index.ts'
import { type AuditLog, type ControlPlaneDb, createAuditLog, openControlPlane } from '../../core/index.ts'
import { TEST_CONTROL_PLANE, memoryLogger } from '../../test/support/test-core.ts'
import type { AppEnv } from '../app-env.ts'
import { auditLog, writeOperationOf } from './audit-log.ts'
import { errorHandler } from './error-handler.ts'

const dir = mkdtempSync(join(tmpdir(), 'casetrail-audit-'))
let db: ControlPlaneDb
let audit: AuditLog
beforeAll(async () => {
  db = await openControlPlane({ dataDir: dir, ...TEST_CONTROL_PLANE })
  audit = createAuditLog(db)
})
afterAll(async () => {
  await db.close()
  rmSync(dir, { recursive: true, force: true })
})

const admin = { id: 'u-1', name: 'Ada', roles: [{ role: 'global_administrator' }] } as unknown as Principal

/** A three-line app: a principal, the audit middleware, a route that changes one stored portal. */
function portalApp() {
  const portals = createRecordRepository(
    db,
    'cp_portals',
    z.object({
      name: z.string(),
      instanceId: z.string(),
      hubBinding: z.object({ key: z.string() }).optional(),
    }),
  )
  const app = new Hono<AppEnv>()
  app.onError(errorHandler())
  app.use('*', async (c, next) => {
    c.set('requestId', 'req-1')
    c.set('log', memoryLogger().log)
    c.set('principal', admin)
    c.set('bearer', { principal: admin, hash: 'h', session: null })
    await next()
  })
  app.use('/v1/admin/*', auditLog({ audit }))
  app.patch('/v1/admin/portals/:portalId', async (c) => {
    const body = (await c.req.json()) as { name?: string; key?: string }
    if (body.name === '') throw new DomainError('invalid', 'invalid_value', 'name must not be empty', 'name')
    const id = c.req.param('portalId')
    const current = await portals.get(id)
    await portals.put(id, {
      name: body.name ?? current!.name,
      instanceId: 'inst-1',
      ...(body.key ? { hubBinding: { key: body.key } } : {}),
    })
    return c.json({ id })
  })
  app.get('/v1/admin/portals/:portalId', (c) => c.json({}))
  const contacts = createRecordRepository(db, 'cp_contacts', z.object({ name: z.string() }))
  app.post('/v1/admin/instances/:instanceId/contacts', async (c) => {
    const { count } = (await c.req.json()) as { count: number }
    const id = c.req.param('instanceId')
    await contacts.putMany(
      Array.from({ length: count }, (_, i) => [`${id}/${i}`, { name: `Contact ${i}` }] as const),
    )
    return c.json({ upserted: count })
  })
  return { app, portals }
}

const entriesOf = async (targetId: string) => (await audit.list({ targetId, limit: 100 })).entries.reverse()

describe('auditLog', () => {
  it('names the operation a request is from the registry', () => {
    expect(writeOperationOf('PATCH', '/v1/admin/portals/p-1')?.operation.operationId).toBe('updatePortal')
    expect(writeOperationOf('DELETE', '/v1/admin/sessions/current')?.operation.operationId).toBe(
      'endAdminSession',
    )
    expect(writeOperationOf('GET', '/v1/admin/portals/p-1')).toBeNull()
  })

  it('writes one entry per write, with the fields before and after and the secret only as "changed"', async () => {
    const { app, portals } = portalApp()
    await portals.put('p-1', { name: 'Old', instanceId: 'inst-1' })
    const res = await app.request('/v1/admin/portals/p-1', {
      method: 'PATCH',
      body: JSON.stringify({ name: 'New', key: 'hub-key-secret-value' }),
    })
    expect(res.status).toBe(200)
    await app.request('/v1/admin/portals/p-1')
    const entries = await entriesOf('p-1')
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      actor: { id: 'u-1', name: 'Ada', kind: 'admin_token' },
      operation: 'updatePortal',
      target: { type: 'portal', id: 'p-1' },
      outcome: { status: 200 },
      requestId: 'req-1',
      changes: [
        { field: 'portal.name', before: 'Old', after: 'New' },
        { field: 'portal.hubBinding', before: 'changed', after: 'changed' },
      ],
    })
    expect(JSON.stringify(entries)).not.toContain('hub-key-secret-value')
  })

  it('writes one entry for a refused request, with its status and code and no changes', async () => {
    const { app } = portalApp()
    const res = await app.request('/v1/admin/portals/p-2', {
      method: 'PATCH',
      body: JSON.stringify({ name: '' }),
    })
    expect(res.status).toBe(400)
    const entries = await entriesOf('p-2')
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ outcome: { status: 400, code: 'invalid_value' }, changes: [] })
  })

  it('refuses to update or delete an entry in the database', async () => {
    const { app } = portalApp()
    await app.request('/v1/admin/portals/p-3', { method: 'PATCH', body: JSON.stringify({ name: '' }) })
    await expect(db.query(`UPDATE audit_log SET operation = 'x' WHERE target_id = 'p-3'`)).rejects.toThrow(
      /append-only/,
    )
    await expect(db.query(`DELETE FROM audit_log WHERE target_id = 'p-3'`)).rejects.toThrow(/append-only/)
    // The entry's parts (its changes, its outcome) are as append-only as its head.
    await expect(db.query(`UPDATE audit_log_parts SET unlisted = 1`)).rejects.toThrow(/append-only/)
    await expect(db.query(`DELETE FROM audit_log_parts`)).rejects.toThrow(/append-only/)
    expect(await entriesOf('p-3')).toHaveLength(1)
  })

  it('lists the first 200 changes of a bulk write and counts the rest', async () => {
    const { app } = portalApp()
    const res = await app.request('/v1/admin/instances/inst-bulk/contacts', {
      method: 'POST',
      body: JSON.stringify({ count: 250 }),
    })
    expect(res.status).toBe(200)
    const [entry] = await entriesOf('inst-bulk')
    expect(entry!.operation).toBe('upsertContacts')
    expect(entry!.changes).toHaveLength(201)
    // A contact's values never enter the log an erasure cannot reach: named, not shown.
    expect(entry!.changes[0]).toEqual({ field: 'contact.name', before: 'changed', after: 'changed' })
    expect(JSON.stringify(entry)).not.toContain('Contact 0')
    expect(entry!.changes[200]).toEqual({
      field: '(more)',
      before: null,
      after: '50 more changes not listed',
    })
  })
})
