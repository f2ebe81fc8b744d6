import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrincipalService } from '../../core/testing.ts'
import { createPortalCases } from '../../core/testing.ts'
import { type ControlPlaneDb, openControlPlane } from '../../core/testing.ts'
import { type TestPostgres, startPostgres } from '../../tools/postgres.ts'
import { TEST_CONTROL_PLANE } from '../support/test-core.ts'

/**
 * What used to be decided in one process, decided by the control plane: two
 * "nodes" (two connections to one real Postgres, each with its own services)
 * asking at once. Also on the embedded database, where one process asks at once.
 */

let pg: TestPostgres
const dir = mkdtempSync(join(tmpdir(), 'casetrail-cp-conc-'))
const dbs: ControlPlaneDb[] = []
const open = async (databaseUrl?: string) => {
  const db = await openControlPlane({ databaseUrl, dataDir: dir, ...TEST_CONTROL_PLANE })
  dbs.push(db)
  return db
}

beforeAll(async () => {
  pg = await startPostgres()
}, 120_000)

afterAll(async () => {
  for (const db of dbs) await db.close().catch(() => undefined)
  await pg?.remove()
  rmSync(dir, { recursive: true, force: true })
})

// A portal bound to no hub: its cases go to the control plane only (the ClickHouse row is the hub's).
const portal = (instanceId: string) => ({ id: 'portal-1', instanceId, hubId: null })
const sequenceOf = (caseNumber: string) => Number(/^CAS-(\d+)-[A-Z0-9]{6}$/.exec(caseNumber)![1])
const noRows = { insert: async () => undefined }

describe('case numbers from the instance sequence', () => {
  it('gives 200 cases opened at once on two nodes 200 distinct numbers, 1001 to 1200', async () => {
    const [a, b] = [await open(pg.url), await open(pg.url)]
    const cases = [a, b].map((db) => createPortalCases({ db, repository: noRows }))
    const opened = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        cases[i % 2]!.open(portal('instance-a'), `contact-${i}`, { title: `Case ${i}`, description: 'd' }),
      ),
    )
    const numbers = opened.map((o) => (o.ok ? sequenceOf(o.case.caseNumber) : 0))
    expect(new Set(numbers).size).toBe(200)
    expect(Math.min(...numbers)).toBe(1001)
    expect(Math.max(...numbers)).toBe(1200)
    // Another instance has its own sequence.
    const other = await cases[1]!.open(portal('instance-b'), 'contact-x', {
      title: 'Other',
      description: 'd',
    })
    expect(other.ok && sequenceOf(other.case.caseNumber)).toBe(1001)
  })

  it('never hands a number out twice on the embedded database either', async () => {
    const cases = createPortalCases({ db: await open(), repository: noRows })
    const opened = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        cases.open(portal('instance-e'), `contact-${i}`, { title: `Case ${i}`, description: 'd' }),
      ),
    )
    const numbers = opened.map((o) => (o.ok ? sequenceOf(o.case.caseNumber) : 0))
    expect(new Set(numbers).size).toBe(40)
    expect([Math.min(...numbers), Math.max(...numbers)]).toEqual([1001, 1040])
  })
})

describe('the bootstrap administrator', () => {
  it('is made once when nodes start together', async () => {
    const nodes = [await open(pg.url), await open(pg.url), await open(pg.url)]
    const services = nodes.map((db) => createPrincipalService({ db }))
    await Promise.all(
      services.flatMap((s) => [s.ensureBootstrapAdmin(undefined), s.ensureBootstrapAdmin(undefined)]),
    )
    expect((await services[0]!.list()).filter((p) => p.bootstrap)).toHaveLength(1)
  })
})
