import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ClickHouseHttp, startClickHouseHttp } from '../../tools/clickhouse-http.ts'
import { type TestPostgres, startPostgres } from '../../tools/postgres.ts'
import { startTestCore } from '../support/test-core.ts'

/**
 * If-Match across two edges sharing one control plane: two cores in this
 * process, each with its own data dir and ClickHouse database (one engine
 * behind tools/clickhouse-http.ts: a process holds one embedded
 * engine), and one real Postgres. The version check and the write hold on
 * both, not only within one process.
 */

let pg: TestPostgres
let http: ClickHouseHttp
const engineDir = mkdtempSync(join(tmpdir(), 'casetrail-two-nodes-'))
let a: Awaited<ReturnType<typeof startTestCore>>
let b: Awaited<ReturnType<typeof startTestCore>>

beforeAll(async () => {
  pg = await startPostgres()
  http = await startClickHouseHttp(engineDir)
  const controlPlane = { databaseUrl: pg.url, secretKey: randomBytes(32) }
  a = await startTestCore({ controlPlane, server: { url: http.url, database: 'node_a' } })
  b = await startTestCore({ controlPlane, server: { url: http.url, database: 'node_b' } })
}, 240_000)

afterAll(async () => {
  await a?.close()
  await b?.close()
  a?.remove()
  b?.remove()
  await http?.close()
  await pg?.remove()
  rmSync(engineDir, { recursive: true, force: true })
})

describe('If-Match on two nodes', () => {
  it('lets exactly one of six PATCHes holding the same ETag through, over both nodes', async () => {
    const created = await a.admin('/v1/admin/instances', {
      method: 'POST',
      body: JSON.stringify({ name: 'Shared', baseLanguage: 'en-US', installedLanguages: ['en-US'] }),
    })
    const { id } = (await created.json()) as { id: string }
    // Both nodes show the record with the same version.
    const etag = (await a.admin(`/v1/admin/instances/${id}`)).headers.get('etag')!
    expect((await b.admin(`/v1/admin/instances/${id}`)).headers.get('etag')).toBe(etag)
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 === 0 ? a : b).admin(`/v1/admin/instances/${id}`, {
          method: 'PATCH',
          headers: { 'if-match': etag },
          body: JSON.stringify({ name: `Renamed by writer ${i}` }),
        }),
      ),
    )
    const statuses = answers.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412])
    const winner = answers.findIndex((r) => r.status === 200)
    const now = (await (await b.admin(`/v1/admin/instances/${id}`)).json()) as { name: string }
    expect(now.name).toBe(`Renamed by writer ${winner}`)
  })
})
