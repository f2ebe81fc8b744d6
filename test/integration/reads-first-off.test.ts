// CASETRAIL_ENGINE_PRIORITIES=0 (engine.priorities false): the embedded engine leaves its threads'
// nice values alone. A file of its own: libchdb takes its engine settings once per process.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ClickHouseHandle, migrate, openClickHouse } from '../../core/testing.ts'
import { maySetPriorities, threadsDuring } from '../support/thread-nices.ts'

let root: string
let ch: ClickHouseHandle

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'casetrail-reads-first-off-'))
  ch = await openClickHouse({ kind: 'embedded', dataDir: join(root, 'store'), engine: { priorities: false } })
  await migrate(ch)
})

afterAll(async () => {
  await ch.close()
  await rm(root, { recursive: true, force: true })
})

describe.skipIf(!maySetPriorities)('the embedded engine with its thread priorities off', () => {
  it('leaves the nice of the threads that read and insert as it was', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => JSON.stringify({ a: i, s: 'x'.repeat(100) }))
    await ch.client.command({ query: 'CREATE TABLE nice_probe (a UInt64, s String) ENGINE = Null' })
    const body = Buffer.from(rows.join('\n'))
    const seen = await threadsDuring(async () => {
      await ch.read.text({ query: 'SELECT sleep(0.5)', format: 'TabSeparatedRaw' })
      await ch.read.text({ query: 'SELECT sleep(0.5)', format: 'TabSeparatedRaw', ahead: true })
      await ch.insertJsonEachRow('nice_probe', body)
    })
    // No thread took a nice it did not have before (or, new, one other than the process's 0).
    expect(seen.filter((t) => t.nice !== (t.before ?? 0))).toEqual([])
  })
})
