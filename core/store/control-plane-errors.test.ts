import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestPostgres, startPostgres } from '../../tools/postgres.ts'
import { type ControlPlaneDb, openControlPlane } from './control-plane-db.ts'
import { guardControlPlane, isControlPlaneUnreachable } from './control-plane-errors.ts'

let pg: TestPostgres
let db: ControlPlaneDb
let dataDir: string

beforeAll(async () => {
  pg = await startPostgres()
  dataDir = mkdtempSync(join(tmpdir(), 'casetrail-cp-errors-'))
  db = guardControlPlane(await openControlPlane({ databaseUrl: pg.url, dataDir }))
})

afterAll(async () => {
  await db?.close().catch(() => undefined)
  await pg?.remove()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the control plane when Postgres is down', () => {
  it('answers control_plane_unavailable with a retry delay while it is down, and works again once it is back', async () => {
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
    await pg.stop()
    const refused = { code: 'control_plane_unavailable', kind: 'unavailable', retryAfterSeconds: 5 }
    await expect(db.query('SELECT 1')).rejects.toMatchObject(refused)
    await expect(db.transaction((tx) => tx.query('SELECT 1'))).rejects.toMatchObject(refused)
    await pg.start()
    await expect
      .poll(() =>
        db.query('SELECT 1 AS one').then(
          (r) => r.rows,
          () => null,
        ),
      )
      .toEqual([{ one: 1 }])
  })

  it('leaves a query Postgres refused as it is (not an outage)', async () => {
    const err = await db.query('SELEC 1').catch((e: unknown) => e)
    expect(err).toMatchObject({ code: '42601' })
    expect(isControlPlaneUnreachable(err)).toBe(false)
  })
})
