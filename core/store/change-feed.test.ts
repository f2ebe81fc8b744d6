import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestPostgres, startPostgres } from '../../tools/postgres.ts'
import { type Change, type ChangeFeed, createChangeFeed } from './change-feed.ts'
import { type ControlPlaneDb, openControlPlane } from './control-plane-db.ts'

// Two nodes' feeds on one real Postgres: what one publishes the other hears,
// at commit, and what it missed it learns from the version check.

const quiet = { warn: () => {}, info: () => {} }
let pg: TestPostgres
const dirs: string[] = []
const opened: Array<{ db: ControlPlaneDb; feed: ChangeFeed }> = []

const node = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-feed-'))
  dirs.push(dataDir)
  const db = await openControlPlane({ databaseUrl: pg.url, dataDir })
  const feed = createChangeFeed({ db, log: quiet, checkEveryMs: 100 })
  await feed.start()
  const heard: Change[] = []
  feed.subscribe('hubs', (c) => heard.push(c))
  opened.push({ db, feed })
  return { db, feed, heard }
}

beforeAll(async () => {
  pg = await startPostgres()
})

afterAll(async () => {
  for (const { db, feed } of opened) {
    await feed.close()
    await db.close().catch(() => undefined)
  }
  await pg?.remove()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('the change feed on a shared Postgres', () => {
  it("tells B of the record A changed, and of nothing A's rolled-back transaction did", async () => {
    const a = await node()
    const b = await node()
    await a.feed.publish('hubs', 'hub-1')
    await expect.poll(() => b.heard).toContainEqual({ key: 'hub-1' })
    await expect(
      a.db.transaction(async (tx) => {
        await a.feed.publish('hubs', 'rolled-back', tx)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    await a.db.transaction((tx) => a.feed.publish('hubs', 'committed', tx))
    await expect.poll(() => b.heard).toContainEqual({ key: 'committed' })
    expect(b.heard).not.toContainEqual({ key: 'rolled-back' })
    // Other topics' subscribers hear nothing of it.
    const domains: Change[] = []
    b.feed.subscribe('domains', (c) => domains.push(c))
    await a.feed.publish('hubs', 'hub-2')
    await expect.poll(() => b.heard).toContainEqual({ key: 'hub-2' })
    expect(domains).toEqual([])
  })

  it('tells B "anything may have changed" when a change came without a notification it heard', async () => {
    const b = await node()
    // A write whose NOTIFY B never got (its session was gone at the time): only the counter moved.
    await b.db.query(
      `INSERT INTO control_plane_changes (topic, seq) VALUES ('hubs', 1)
        ON CONFLICT (topic) DO UPDATE SET seq = control_plane_changes.seq + 1`,
    )
    await expect.poll(() => b.heard).toContainEqual({ all: true })
  })

  it('keeps quiet while Postgres is down, then tells "all" and hears notifications again once it is back', async () => {
    const a = await node()
    const b = await node()
    expect(b.feed.reachable()).toBe(true)
    await pg.stop()
    await expect.poll(() => b.feed.reachable(), { timeout: 10_000 }).toBe(false)
    await pg.start()
    await expect.poll(() => b.feed.reachable(), { timeout: 10_000 }).toBe(true)
    expect(b.heard).toContainEqual({ all: true })
    // LISTEN was lost with the old session: heard again on a new one.
    b.heard.length = 0
    await expect
      .poll(
        async () => {
          await a.feed.publish('hubs', 'after-restart').catch(() => undefined)
          return b.heard.some((c) => 'key' in c && c.key === 'after-restart')
        },
        { timeout: 10_000 },
      )
      .toBe(true)
  })
})
