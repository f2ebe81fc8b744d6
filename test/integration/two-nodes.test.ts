import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CasetrailNode, startNode, stopAllNodes } from '../support/casetrail-node.ts'
import { type TestPostgres, startPostgres } from '../support/postgres.ts'

/**
 * Two real casetrail processes, A and B, sharing one real Postgres (a
 * throwaway server started for this file) as their control plane, each with
 * its own data directory, write-ahead log and embedded ClickHouse: what an
 * operator runs behind a load balancer.
 */

let pg: TestPostgres
let a: CasetrailNode
let b: CasetrailNode

beforeAll(async () => {
  pg = await startPostgres()
  a = await startNode({ name: 'A', databaseUrl: pg.url })
  await a.ready()
  b = await startNode({ name: 'B', databaseUrl: pg.url })
  await b.ready()
}, 180_000)

afterAll(async () => {
  await stopAllNodes()
  await pg?.remove()
})

describe('two nodes on one control plane: what stays per node', () => {
  it("refuses a second process on A's data directory with wal_dir_in_use and the directory's name", async () => {
    const second = await startNode({ name: 'A2', databaseUrl: pg.url, dataDir: a.dataDir })
    const code = await second.exited
    expect(code).toBe(1)
    expect(second.output()).toContain('wal_dir_in_use')
    expect(second.output()).toContain(join(a.dataDir, 'wal'))
    // A kept its directory and still answers.
    expect((await a.request('GET', '/ready', { admin: false })).status).toBe(200)
  })

  it('refuses to start on a shared control plane without CASETRAIL_SECRET_KEY, saying how to set it', async () => {
    const keyless = await startNode({
      name: 'keyless',
      databaseUrl: pg.url,
      env: { CASETRAIL_SECRET_KEY: undefined },
    })
    expect(await keyless.exited).toBe(78)
    expect(keyless.output()).toContain('CASETRAIL_SECRET_KEY is required when DATABASE_URL is set')
    expect(keyless.output()).toContain('openssl rand -hex 32')
  })
})
