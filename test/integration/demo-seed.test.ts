import { execFile } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../demo/index.ts'
import { hasPostgres, startPostgres } from '../../tools/postgres.ts'
import { startTestCore, tempDataDir } from '../support/test-core.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const run = promisify(execFile)

interface SeedRun {
  created: boolean
  interactions: { rows: number; checksum: string }
  cases: { rows: number; checksum: string }
}

/**
 * One start of the seed in its own process (one data directory per process), at a fixed time,
 * on the embedded control plane or on a shared Postgres (`databaseUrl`).
 */
async function seedIn(dataDir: string, databaseUrl?: string): Promise<SeedRun> {
  const args = [join(ROOT, 'test/support/demo-seed-child.ts'), dataDir, String(CLOCK)]
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', ...args, ...(databaseUrl ? [databaseUrl] : [])],
    {
      cwd: ROOT,
      timeout: 120_000,
    },
  )
  // The child also says how long the seed took (seedMs): measured, not compared.
  const { created, interactions, cases } = JSON.parse(stdout.trim().split('\n').at(-1)!) as SeedRun
  return { created, interactions, cases }
}

const CLOCK = Date.parse('2026-12-01T10:00:00Z')
const dirs: string[] = []
const dir = () => {
  const d = tempDataDir()
  dirs.push(d)
  return d
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('the demo seed', () => {
  it('writes the same rows on two data directories, and nothing more on a second start', async () => {
    const [a, b] = [dir(), dir()]
    const [first, other] = await Promise.all([seedIn(a), seedIn(b)])
    expect(first.created).toBe(true)
    expect(first.interactions.rows).toBeGreaterThan(1000)
    expect(first.cases.rows).toBeGreaterThanOrEqual(24)
    // Seeded PRNG and fixed ids: the same rows, column for column (the hub's own id aside).
    expect(other).toEqual(first)
    // A restart finds the marker: not one row more (the counts include unmerged duplicates).
    const again = await seedIn(a)
    expect(again).toEqual({ ...first, created: false })
  }, 240_000)

  it('seeds the history once when two starts race (one waits for the lock, then finds the marker)', async () => {
    const t = await startTestCore({ clock: () => CLOCK })
    try {
      const both = await Promise.all([seedDemo(t.core), seedDemo(t.core)])
      expect(both.map((s) => s.created).sort()).toEqual([false, true])
      const rs = await t.core.ch.client.query({
        query: `SELECT count() AS n, uniqExact(interaction_id) AS ids FROM interactions WHERE hub_id = {hub:String}`,
        query_params: { hub: both[0]!.state.hubId },
        format: 'JSONEachRow',
      })
      const [row] = await rs.json<{ n: string; ids: string }>()
      expect(Number(row!.n)).toBeGreaterThan(1000)
      expect(Number(row!.n)).toBe(Number(row!.ids))
    } finally {
      await t.close()
    }
  })

  it.runIf(hasPostgres())(
    'seeds once when two nodes on one shared control plane start at the same moment',
    async () => {
      const pg = await startPostgres()
      try {
        // Each node has its own embedded ClickHouse here: the one that seeds holds every row, the
        // other waited on the advisory lock, found the demo and the marker, and wrote none.
        const runs = await Promise.all([seedIn(dir(), pg.url), seedIn(dir(), pg.url)])
        expect(runs.map((r) => r.created).sort()).toEqual([false, true])
        const rows = runs.map((r) => r.interactions.rows).sort((x, y) => x - y)
        expect(rows[0]).toBe(0)
        expect(rows[1]).toBeGreaterThan(1000)
        expect(runs.map((r) => r.cases.rows).sort((x, y) => x - y)[0]).toBe(0)
      } finally {
        await pg.remove()
      }
    },
    240_000,
  )
})
