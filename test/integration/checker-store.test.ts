import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CheckerRun } from '../../schemas/index.ts'
import { type ControlPlaneDb, openControlPlane } from '../../core/testing.ts'
import { TEST_CONTROL_PLANE } from '../support/test-core.ts'
import { createCheckerStore, timeOrderedId } from '../../core/testing.ts'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

let db: ControlPlaneDb
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casetrail-checker-store-'))
  db = await openControlPlane({ dataDir: dir, ...TEST_CONTROL_PLANE })
})
afterAll(async () => {
  await db.close()
  rmSync(dir, { recursive: true, force: true })
})

const run = (portalId: string, at: number): CheckerRun => ({
  id: timeOrderedId(at),
  portalId,
  startedAt: new Date(at).toISOString(),
  finishedAt: new Date(at).toISOString(),
  startedBy: 'admin',
  thresholds: { homePageMs: 2000, rejectedShare: 0.05 },
  counts: { error: 0, warning: 0, pass: 0, not_applicable: 0, not_run: 0 },
  notes: [],
  results: [],
})

describe('checker store', () => {
  it('keeps runs apart by portal, newest first, and forgets the oldest beyond the ones kept', async () => {
    const store = createCheckerStore(db, { runsKept: 2 })
    const t0 = Date.parse('2026-11-29T10:00:00Z')
    const a = [run('portal-a', t0), run('portal-a', t0 + 1000), run('portal-a', t0 + 2000)]
    const b = run('portal-b', t0 + 500)
    for (const r of [a[0]!, b, a[1]!, a[2]!]) await store.saveRun(r)
    expect((await store.listRuns('portal-a')).map((r) => r.id)).toEqual([a[2]!.id, a[1]!.id])
    expect((await store.listRuns('portal-b')).map((r) => r.id)).toEqual([b.id])
    await expect(store.getRun('portal-a', a[0]!.id)).rejects.toMatchObject({ code: 'checker_run_not_found' })
    await expect(store.getRun('portal-b', a[2]!.id)).rejects.toMatchObject({ code: 'checker_run_not_found' })
  })
})
