import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ClickHouseError } from '@clickhouse/client'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDurableSink } from '../../core/testing.ts'
import { type ClickHouseHandle, openClickHouse } from '../../core/testing.ts'
import { DEFAULT_ENGINE_ALLOCATOR_CONF } from '../../core/testing.ts'
import { createInteractionRepository, type InteractionRepository } from '../../core/testing.ts'
import { migrate } from '../../core/testing.ts'
import { classifyStoreError } from '../../core/testing.ts'
import { openWriteAheadLog } from '../../core/testing.ts'
import { searchRecords } from '../support/sink-harness.ts'

// The embedded engine starts with a memory bound and caches sized from it,
// and the flusher stores in smaller inserts when the bound refuses one.

const MIB = 2 ** 20
const log = pino({ level: 'silent' })
let root: string
let ch: ClickHouseHandle
let repository: InteractionRepository

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'casetrail-memory-'))
  ch = await openClickHouse({
    kind: 'embedded',
    dataDir: join(root, 'store'),
    engine: { memoryBytes: 192 * MIB, readSessions: 3 },
  })
  await migrate(ch)
  repository = createInteractionRepository(ch)
})
afterAll(async () => {
  await ch.close()
  await rm(root, { recursive: true, force: true })
})

const serverSetting = async (name: string) => {
  const [row] = await ch.readRows<{ value: string }>({
    query: 'SELECT value FROM system.server_settings WHERE name = {name:String}',
    params: { name },
  })
  return Number(row?.value)
}

describe('the embedded engine under a memory bound', () => {
  it('starts with the configured bound and caches sized from it', async () => {
    expect(ch.memoryBytes).toBe(192 * MIB)
    expect(ch.read.size).toBe(3)
    expect(await serverSetting('max_server_memory_usage')).toBe(192 * MIB)
    expect(await serverSetting('mark_cache_size')).toBe(12 * MIB)
    expect(await serverSetting('primary_index_cache_size')).toBe(6 * MIB)
    expect(await serverSetting('uncompressed_cache_size')).toBe(0)
  })

  it("starts its allocator (libchdb's jemalloc) returning freed pages within a second, without heap profiling", async () => {
    // Set by core/store/engine-allocator.ts before libchdb loads, unless the environment already had one.
    const stats = await ch.read.text({
      query: 'SELECT * FROM system.jemalloc_stats',
      format: 'TabSeparatedRaw',
    })
    const opt = (name: string) => new RegExp(`^\\s*opt\\.${name}: (\\S+)`, 'm').exec(stats)?.[1]
    expect(process.env.JE_MALLOC_CONF).toBeDefined()
    if (process.env.JE_MALLOC_CONF === DEFAULT_ENGINE_ALLOCATOR_CONF) {
      expect(opt('dirty_decay_ms')).toBe('1000')
      expect(opt('prof')).toBe('false')
    }
    expect(stats).toContain(`Environment variable MALLOC_CONF: "${process.env.JE_MALLOC_CONF}"`)
  })

  it("writes interactions' parts in compression blocks of at most 256 KiB (1 MiB stock)", async () => {
    const [table] = await ch.readRows<{ engine_full: string }>({
      query:
        "SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = 'interactions'",
    })
    expect(table?.engine_full).toContain('max_compress_block_size = 262144')
    expect(table?.engine_full).toContain('min_compress_block_size = 16384')
  })

  it('gives every session, the read pool and the insert connection, half the bound per query', async () => {
    const query = "SELECT value FROM system.settings WHERE name = 'max_memory_usage'"
    const fromPool = await Promise.all(
      Array.from({ length: 6 }, () => ch.readRows<{ value: string }>({ query })),
    )
    for (const [row] of fromPool) expect(Number(row?.value)).toBe(96 * MIB)
    const rs = await ch.client.query({ query, format: 'JSONEachRow' })
    const [row] = await rs.json<{ value: string }>()
    expect(Number(row?.value)).toBe(96 * MIB)
  })

  it('refuses a read over its share with MEMORY_LIMIT_EXCEEDED, a transient store error', async () => {
    const err = await ch
      .readRows({ query: 'SELECT groupArray(number) FROM numbers(50000000)' })
      .catch((e: unknown) => e)
    expect(classifyStoreError(err)).toMatchObject({ kind: 'transient', code: 'MEMORY_LIMIT_EXCEEDED' })
    // The engine is still there for the next read.
    expect(await ch.readRows({ query: 'SELECT 1 AS one' })).toEqual([{ one: 1 }])
  })

  it('stores every record once in smaller inserts when the store runs out of memory, and keeps the smaller size', async () => {
    const hubId = `hub-${randomUUID()}`
    const tried: number[] = []
    // The real repository behind a bound: inserts of more than 100 rows fail as the engine's bound fails them.
    const bounded: Pick<InteractionRepository, 'insertEncodedRows' | 'quarantine'> = {
      quarantine: (rows) => repository.quarantine(rows),
      async insertEncodedRows(rows) {
        tried.push(rows.length)
        if (rows.length > 100) {
          throw new ClickHouseError({
            message: 'Memory limit (total) exceeded: would use 200.00 MiB, maximum: 192.00 MiB',
            code: '241',
            type: 'MEMORY_LIMIT_EXCEEDED',
          })
        }
        return repository.insertEncodedRows(rows)
      },
    }
    const wal = await openWriteAheadLog({ dir: join(root, randomUUID()), log })
    const sink = createDurableSink({
      wal,
      repository: bounded,
      log,
      maxBatchRows: 400,
      flushIntervalMs: 20,
      retry: { minMs: 10, maxMs: 50 },
    })
    const records = searchRecords(hubId, 1000, 1)
    await sink.append(records)
    await vi.waitFor(() => expect(sink.stats().pendingRecords).toBe(0), { timeout: 20_000, interval: 20 })
    await sink.close(0)
    expect(await repository.count(hubId)).toBe(1000)
    // The first batch of 400 failed and was stored in halves of halves; later batches were read at 100 or fewer.
    expect(tried.slice(0, 7)).toEqual([400, 200, 100, 100, 200, 100, 100])
    expect(tried.length).toBeGreaterThan(7)
    expect(tried.slice(7).every((n) => n <= 100)).toBe(true)
  })
})
