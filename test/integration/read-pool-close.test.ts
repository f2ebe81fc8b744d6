import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ClickHouseHandle, openClickHouse } from '../../core/testing.ts'

// Closing the read pool (what shutdown does at its deadline) cancels the
// engine's queries too, not only their promises: chdb's AbortSignal rejects at
// once but leaves a single-shot query computing; KILL QUERY stops it.

let root: string
let ch: ClickHouseHandle

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'casetrail-pool-close-'))
  ch = await openClickHouse({ kind: 'embedded', dataDir: join(root, 'store'), engine: { readSessions: 2 } })
})
afterAll(async () => {
  await ch.close()
  await rm(root, { recursive: true, force: true })
})

/** Queries of the long read still running in the engine (asked on the insert connection). */
const running = async () => {
  const rs = await ch.client.query({
    query:
      "SELECT count() AS n FROM system.processes WHERE query LIKE '%sipHash64(number) % 7 = 3%' AND query NOT LIKE '%system.processes%'",
    format: 'JSONEachRow',
  })
  const [row] = await rs.json<{ n: string }>()
  return Number(row?.n ?? 0)
}

describe('closing the read pool', () => {
  it("refuses the reads waiting and running, and stops the running one's engine query", async () => {
    // Minutes of work for one thread.
    const long = () =>
      ch.read
        .text({
          query: 'SELECT count() FROM numbers(20000000000) WHERE sipHash64(number) % 7 = 3',
          settings: { max_threads: 1 },
        })
        .then(
          () => 'answered',
          (err: { code?: string }) => err.code,
        )
    const reads = [long(), long(), long()]
    await expect.poll(running, { timeout: 20_000 }).toBe(2)
    await ch.read.close()
    expect(await Promise.all(reads)).toEqual(['shutting_down', 'shutting_down', 'shutting_down'])
    await expect.poll(running, { timeout: 20_000 }).toBe(0)
  })
})
