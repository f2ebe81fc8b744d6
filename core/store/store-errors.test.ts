import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ClickHouseError } from '@clickhouse/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ClickHouseHandle, openClickHouse } from './clickhouse-client.ts'
import { migrate } from './migrations.ts'
import { classifyStoreError } from './store-errors.ts'

let dir: string
let ch: ClickHouseHandle
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casetrail-store-errors-'))
  ch = await openClickHouse({ kind: 'embedded', dataDir: dir })
  await migrate(ch)
})
afterAll(async () => {
  await ch.close()
  rmSync(dir, { recursive: true, force: true })
})

/** What the real store throws for `body` inserted into `interactions`. */
const refusal = async (body: string): Promise<unknown> =>
  ch.insertJsonEachRow('interactions', Buffer.from(`${body}\n`)).then(
    () => {
      throw new Error('the store took it')
    },
    (err: unknown) => err,
  )

describe('classifyStoreError', () => {
  it('calls the real store’s refusal of a lone surrogate permanent, with its code', async () => {
    const err = await refusal('{"hub_id":"h","title":"x\\ud800"}')
    expect(classifyStoreError(err)).toMatchObject({
      kind: 'permanent',
      code: 'CANNOT_PARSE_ESCAPE_SEQUENCE',
      clickhouseCode: 25,
    })
  })

  it('calls a value that does not fit its column permanent', async () => {
    expect(classifyStoreError(await refusal('{"hub_id":"h","contact_id":"zz"}'))).toMatchObject({
      kind: 'permanent',
      code: 'CANNOT_PARSE_UUID',
    })
    expect(classifyStoreError(await refusal('{"hub_id":"h","ts":"not a time"}'))).toMatchObject({
      kind: 'permanent',
    })
  })

  it('calls connection failures, timeouts, memory and too many parts transient', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' })
    expect(classifyStoreError(refused)).toMatchObject({ kind: 'transient', code: 'STORE_UNREACHABLE' })
    for (const [code, type] of [
      ['159', 'TIMEOUT_EXCEEDED'],
      ['241', 'MEMORY_LIMIT_EXCEEDED'],
      ['252', 'TOO_MANY_PARTS'],
    ] as const) {
      const err = new ClickHouseError({ message: 'server says no', code, type })
      expect(classifyStoreError(err)).toMatchObject({ kind: 'transient', code: type })
    }
    expect(classifyStoreError({ clickhouseCode: 999_999 })).toMatchObject({
      kind: 'transient',
      code: 'CLICKHOUSE_999999',
    })
  })

  it('reads a server’s ClickHouseError by its code, not its words', () => {
    const err = new ClickHouseError({ message: 'anything at all', code: '376', type: 'CANNOT_PARSE_UUID' })
    expect(classifyStoreError(err)).toMatchObject({ kind: 'permanent', code: 'CANNOT_PARSE_UUID' })
  })
})
