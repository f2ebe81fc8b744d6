import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ClickHouseHandle, openClickHouse } from '../../core/testing.ts'

// Reads run on a pool of engine sessions beside the connection inserts use:
// values reach the engine as escaped literals, and a read never waits for a
// slow read or a slow insert on another session.

let root: string
let ch: ClickHouseHandle

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'casetrail-pool-'))
  ch = await openClickHouse({ kind: 'embedded', dataDir: join(root, 'store'), engine: { readSessions: 2 } })
  await ch.client.command({ query: 'CREATE TABLE slow (n UInt64) ENGINE = MergeTree ORDER BY n' })
})
afterAll(async () => {
  await ch.close()
  await rm(root, { recursive: true, force: true })
})

const HOSTILE = [
  "it's",
  'back\\slash',
  "\\'); DROP TABLE slow; --",
  "'",
  '\\',
  'line\nbreak\ttab\r',
  'nul\0byte',
  'ünïcödé ☃ 𝄞',
  '{s:String}',
  '',
]

describe('the read pool', () => {
  it('returns every string exactly as bound, whatever it holds', async () => {
    for (const s of HOSTILE) {
      const rows = await ch.readRows<{ s: string; n: number }>({
        query: 'SELECT {s:String} AS s, length({s:String}) AS n',
        params: { s },
      })
      expect(rows).toEqual([{ s, n: String(Buffer.byteLength(s)) }])
    }
    // The table the injection attempt names is still there.
    expect(await ch.readRows({ query: 'SELECT count() AS c FROM slow' })).toEqual([{ c: '0' }])
  })

  it('binds uuids, times, numbers and arrays with the types the query names', async () => {
    const rows = await ch.readRows<Record<string, unknown>>({
      query: `SELECT {id:UUID} AS id, toUnixTimestamp64Milli({t:DateTime64(3, 'UTC')}) AS ms,
        {n:UInt32} + 1 AS n, {a:Array(String)} AS a FROM numbers(5) LIMIT {limit:UInt32}`,
      params: {
        id: '00000000-0000-4000-8000-00000000002a',
        t: '2026-11-02 10:00:00.250',
        n: 41,
        a: ["o'k", 'x'],
        limit: 2,
      },
    })
    expect(rows).toEqual([
      { id: '00000000-0000-4000-8000-00000000002a', ms: '1793613600250', n: '42', a: ["o'k", 'x'] },
      { id: '00000000-0000-4000-8000-00000000002a', ms: '1793613600250', n: '42', a: ["o'k", 'x'] },
    ])
  })

  it('answers a quick read while a slow read holds another session', async () => {
    const finished: string[] = []
    const slow = ch
      .readRows({ query: 'SELECT sleepEachRow(0.4) FROM numbers(3)' })
      .then(() => finished.push('slow'))
    const quick = ch.readRows({ query: 'SELECT 1' }).then(() => finished.push('quick'))
    await Promise.all([slow, quick])
    expect(finished).toEqual(['quick', 'slow'])
  })

  it('answers a read while an insert runs on the insert connection', async () => {
    const finished: string[] = []
    const insert = ch.client
      .command({ query: 'INSERT INTO slow SELECT number FROM numbers(3) WHERE sleepEachRow(0.4) = 0' })
      .then(() => finished.push('insert'))
    const read = ch.readRows({ query: 'SELECT 1' }).then(() => finished.push('read'))
    await Promise.all([insert, read])
    expect(finished).toEqual(['read', 'insert'])
    expect(await ch.readRows({ query: 'SELECT count() AS c FROM slow' })).toEqual([{ c: '3' }])
  })

  it('answers more reads at once than it has sessions, each with its own result', async () => {
    const answers = await Promise.all(
      Array.from({ length: 9 }, (_, n) =>
        ch.readRows<{ n: string }>({ query: 'SELECT {n:UInt8} AS n', params: { n } }),
      ),
    )
    expect(answers.map(([row]) => Number(row?.n))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('throws ClickHouse errors with their type, as the client does', async () => {
    await expect(ch.readRows({ query: 'SELECT * FROM no_such_table' })).rejects.toMatchObject({
      type: 'UNKNOWN_TABLE',
    })
  })
})
