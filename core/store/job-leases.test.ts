import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestPostgres, startPostgres } from '../../tools/postgres.ts'
import { type ControlPlaneDb, openControlPlane } from './control-plane-db.ts'
import { createJobLeases, runUnderLease } from './job-leases.ts'

// Two nodes' leases on one real Postgres (the embedded database runs the same SQL in every
// provisioning test).

let pg: TestPostgres
const dirs: string[] = []
const dbs: ControlPlaneDb[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'casetrail-leases-'))
  dirs.push(d)
  return d
}
const open = async (databaseUrl?: string) => {
  const db = await openControlPlane({ databaseUrl, dataDir: tempDir() })
  dbs.push(db)
  return db
}

beforeAll(async () => {
  pg = await startPostgres()
})

afterAll(async () => {
  for (const db of dbs) await db.close().catch(() => undefined)
  await pg?.remove()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('job leases on a shared Postgres', () => {
  it('gives a job to exactly one of many concurrent claimers on two nodes', async () => {
    const [dbA, dbB] = [await open(pg.url), await open(pg.url)]
    const a = createJobLeases({ db: dbA, leaseMs: 30_000, holder: 'A' })
    const b = createJobLeases({ db: dbB, leaseMs: 30_000, holder: 'B' })
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).claim('provisioning/p1/1')),
    )
    expect(claims.filter((c) => c !== null)).toHaveLength(1)
    // The holder renews; the other cannot claim an unexpired lease.
    const winner = claims.find((c) => c !== null)!
    expect(await b.renew(winner)).toBe(true)
    expect(await a.claim('provisioning/p1/1')).toBeNull()
  })

  it('lets another node take a lease once it expired unrenewed; the old holder then learns it lost it', async () => {
    const [dbA, dbB] = [await open(pg.url), await open(pg.url)]
    const a = createJobLeases({ db: dbA, leaseMs: 300, holder: 'A' })
    const b = createJobLeases({ db: dbB, leaseMs: 30_000, holder: 'B' })
    const lease = await a.claim('provisioning/p2/1')
    expect(lease).not.toBeNull()
    expect(await b.held('provisioning/')).toContain('provisioning/p2/1')
    // A stops renewing (killed): B takes it over once the database's clock passes the expiry.
    await expect
      .poll(async () => (await b.claimExpired('provisioning/')).map((l) => l.job))
      .toEqual(['provisioning/p2/1'])
    expect(await a.renew(lease!)).toBe(false)
    expect(await a.claim('provisioning/p2/1')).toBeNull()
  })

  it('splits expired leases between nodes sweeping at once, none to both (SKIP LOCKED)', async () => {
    const [dbA, dbB] = [await open(pg.url), await open(pg.url)]
    const dead = createJobLeases({ db: dbA, leaseMs: 1, holder: 'dead' })
    const jobs = Array.from({ length: 20 }, (_, i) => `checker/run-${i}`)
    for (const job of jobs) expect(await dead.claim(job)).not.toBeNull()
    const a = createJobLeases({ db: dbA, leaseMs: 30_000, holder: 'A' })
    const b = createJobLeases({ db: dbB, leaseMs: 30_000, holder: 'B' })
    const taken: string[] = []
    await expect
      .poll(async () => {
        const [fromA, fromB] = await Promise.all([
          a.claimExpired('checker/', 5),
          b.claimExpired('checker/', 5),
        ])
        taken.push(...fromA.map((l) => l.job), ...fromB.map((l) => l.job))
        return taken.length
      })
      .toBe(20)
    expect(new Set(taken).size).toBe(20)
    expect(await a.claimExpired('checker/')).toEqual([])
  })

  it('takes over a held lease only when told to (the embedded control plane at start)', async () => {
    const db = await open(pg.url)
    const a = createJobLeases({ db, leaseMs: 30_000, holder: 'A' })
    const b = createJobLeases({ db, leaseMs: 30_000, holder: 'B' })
    const first = (await a.claim('provisioning/p3/1'))!
    expect(await b.claim('provisioning/p3/1')).toBeNull()
    await b.takeOver('provisioning/p3/1')
    expect(await a.renew(first)).toBe(false)
  })

  it("runs a request's work under its lease: a second node gets the busy answer, not a second run", async () => {
    const [dbA, dbB] = [await open(pg.url), await open(pg.url)]
    const a = createJobLeases({ db: dbA, leaseMs: 30_000, holder: 'A' })
    const b = createJobLeases({ db: dbB, leaseMs: 30_000, holder: 'B' })
    let release!: () => void
    const held = new Promise<void>((r) => {
      release = r
    })
    let runs = 0
    const busy = () => Object.assign(new Error('busy'), { code: 'package_install_in_progress' })
    const first = runUnderLease(a, 'package/p/blogs', 1_000, busy, async () => {
      runs++
      await held
      return 'installed'
    })
    await expect.poll(async () => (await b.held('package/')).has('package/p/blogs')).toBe(true)
    await expect(
      runUnderLease(b, 'package/p/blogs', 1_000, busy, async () => {
        runs++
      }),
    ).rejects.toMatchObject({ code: 'package_install_in_progress' })
    release()
    expect(await first).toBe('installed')
    expect(runs).toBe(1)
    // Released after: the next one runs.
    expect(await runUnderLease(b, 'package/p/blogs', 1_000, busy, async () => 'again')).toBe('again')
  })

  it('releases a lease only with its token', async () => {
    const db = await open(pg.url)
    const a = createJobLeases({ db, leaseMs: 30_000, holder: 'A' })
    const lease = (await a.claim('translations/t1'))!
    await a.release({ job: lease.job, token: '00000000-0000-4000-8000-000000000000' })
    expect(await a.held('translations/')).toContain('translations/t1')
    await a.release(lease)
    expect(await a.held('translations/')).not.toContain('translations/t1')
  })
})
