import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  appliedControlPlaneMigrations,
  embeddedControlPlaneDir,
  openControlPlane,
} from './control-plane-db.ts'
import { CONTROL_PLANE_MIGRATIONS } from './control-plane-migrations.ts'
import { TEST_CONTROL_PLANE } from '../../test/support/test-core.ts'

const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'casetrail-cp-'))
  dirs.push(d)
  return d
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('the embedded control plane', { timeout: 180_000 }, () => {
  const { template } = TEST_CONTROL_PLANE

  it('creates its database under the data dir, applies the migrations once, and keeps data across opens', async () => {
    const dataDir = tempDir()
    const db = await openControlPlane({ dataDir, template })
    expect(db.kind).toBe('embedded')
    expect(existsSync(join(embeddedControlPlaneDir(dataDir), 'PG_VERSION'))).toBe(true)
    expect(await appliedControlPlaneMigrations(db)).toEqual(CONTROL_PLANE_MIGRATIONS.map((m) => m.version))
    await db.query(`INSERT INTO cp_hubs (key, doc, version) VALUES ('h1', '{"a":1}', 1)`)
    await db.close()
    // Migration 1 creates tables without IF NOT EXISTS: applied again, the open would fail.
    const again = await openControlPlane({ dataDir, template })
    expect((await again.query<{ doc: unknown }>('SELECT doc FROM cp_hubs')).rows).toEqual([{ doc: { a: 1 } }])
    await again.close()
  })

  it('runs with fsync on and Postgres shared memory sized for one session', async () => {
    const db = await openControlPlane({ dataDir: tempDir(), template })
    const show = async (name: string) =>
      (await db.query<Record<string, string>>(`SHOW ${name}`)).rows[0]?.[name]
    // Crash-safe commits, as on any Postgres (PGlite's own default is -F, fsync off).
    expect(await show('fsync')).toBe('on')
    // Shared memory is resident in PGlite's WebAssembly memory from the start (bench/README.md).
    expect(await show('shared_buffers')).toBe('4MB')
    expect(await show('max_connections')).toBe('4')
    await db.close()
  })

  it('reads bigint columns as numbers', async () => {
    const db = await openControlPlane({ dataDir: tempDir(), template })
    const { rows } = await db.query<{ n: number }>('SELECT 9007199254740991::bigint AS n')
    expect(rows).toEqual([{ n: 9007199254740991 }])
    await db.close()
  })

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    const db = await openControlPlane({ dataDir: tempDir(), template })
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO cp_hubs (key, doc, version) VALUES ('kept', '{}', 1)`)
    })
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO cp_hubs (key, doc, version) VALUES ('dropped', '{}', 1)`)
        throw new Error('no')
      }),
    ).rejects.toThrow('no')
    expect((await db.query<{ key: string }>('SELECT key FROM cp_hubs')).rows).toEqual([{ key: 'kept' }])
    await db.close()
  })

  it('refuses a query on the database inside a transaction rather than waiting forever', async () => {
    const db = await openControlPlane({ dataDir: tempDir(), template })
    await expect(db.transaction(() => db.query('SELECT 1'))).rejects.toThrow(/use the transaction's tx/)
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
    await db.close()
  })

  it('delivers a notification to its listeners until they stop listening', async () => {
    const db = await openControlPlane({ dataDir: tempDir(), template })
    const got: string[] = []
    const stop = await db.listen('hub_changed', (p) => got.push(p))
    await db.notify('hub_changed', 'h1')
    await expect.poll(() => got).toEqual(['h1'])
    await stop()
    await db.notify('hub_changed', 'h2')
    await db.query('SELECT 1')
    expect(got).toEqual(['h1'])
    await db.close()
  })

  it('creates the database with initdb when no template is given', async () => {
    const dataDir = tempDir()
    const db = await openControlPlane({ dataDir })
    expect(await appliedControlPlaneMigrations(db)).toEqual(CONTROL_PLANE_MIGRATIONS.map((m) => m.version))
    await db.close()
  })
})
