import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestPostgres, startPostgres } from '../../tools/postgres.ts'
import { describeRecordRepository } from '../../test/support/record-repository-contract.ts'
import { type ControlPlaneDb, appliedControlPlaneMigrations, openControlPlane } from './control-plane-db.ts'
import { CONTROL_PLANE_MIGRATIONS } from './control-plane-migrations.ts'

// The control plane's SQL on a real Postgres (a throwaway server), as DATABASE_URL runs it.

let pg: TestPostgres
const dir = mkdtempSync(join(tmpdir(), 'casetrail-cp-pg-'))
const dbs: ControlPlaneDb[] = []

beforeAll(async () => {
  pg = await startPostgres()
}, 120_000)

afterAll(async () => {
  for (const db of dbs) await db.close().catch(() => undefined)
  await pg?.remove()
  rmSync(dir, { recursive: true, force: true })
})

describeRecordRepository('postgres', () => openControlPlane({ databaseUrl: pg.url, dataDir: dir }))

describe('control-plane migrations on a shared Postgres', () => {
  it('are applied once when many nodes start at the same moment: one applies, the others wait', async () => {
    const admin = await openControlPlane({ databaseUrl: pg.url, dataDir: dir })
    dbs.push(admin)
    await admin.query('CREATE DATABASE migrations_race')
    const url = pg.url.replace(/\/[^/]+$/, '/migrations_race')
    // Not idempotent on purpose (CREATE TABLE without IF NOT EXISTS), and slow enough that
    // starts without the lock would run it together: all but one would fail.
    const migrations = [
      ...CONTROL_PLANE_MIGRATIONS,
      {
        version: 1000,
        name: 'slow and not idempotent',
        statements: ['SELECT pg_sleep(0.3)', 'CREATE TABLE raced (id int)'],
      },
    ]
    const opened = await Promise.all(
      Array.from({ length: 5 }, () => openControlPlane({ databaseUrl: url, dataDir: dir, migrations })),
    )
    dbs.push(...opened)
    expect(await appliedControlPlaneMigrations(opened[0]!)).toEqual([
      ...CONTROL_PLANE_MIGRATIONS.map((m) => m.version),
      1000,
    ])
  })

  it('delivers a notification from one node to another', async () => {
    const [a, b] = [
      await openControlPlane({ databaseUrl: pg.url, dataDir: dir }),
      await openControlPlane({ databaseUrl: pg.url, dataDir: dir }),
    ]
    dbs.push(a, b)
    const got: string[] = []
    const stop = await b.listen('hub_changed', (p) => got.push(p))
    await a.notify('hub_changed', 'h1')
    await expect.poll(() => got).toEqual(['h1'])
    await stop()
  })
})
