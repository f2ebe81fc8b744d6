import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ClickHouseHandle, openClickHouse } from '../store/clickhouse-client.ts'
import { type InteractionRepository, createInteractionRepository } from '../store/interaction-repository.ts'
import { migrate } from '../store/migrations.ts'
import { createQuarantineWriter } from './quarantine-writer.ts'

let dir: string
let ch: ClickHouseHandle
let repository: InteractionRepository
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casetrail-quarantine-'))
  ch = await openClickHouse({ kind: 'embedded', dataDir: dir })
  await migrate(ch)
  repository = createInteractionRepository(ch)
})
afterAll(async () => {
  await ch.close()
  rmSync(dir, { recursive: true, force: true })
})

const refused = (hubId: string, i: number) => ({
  hubId,
  receivedAt: Date.now(),
  code: 'unknown_type',
  path: 'type',
  message: `item ${i}`,
  raw: '{"type":"nope"}',
})

describe('quarantine writer', () => {
  it('writes a flood of refused requests in a few inserts, and keeps every item', async () => {
    let inserts = 0
    // The real repository, counting its inserts.
    const counting = {
      quarantine: (rows: Parameters<InteractionRepository['quarantine']>[0]) => {
        inserts++
        return repository.quarantine(rows)
      },
    }
    const writer = createQuarantineWriter({ repository: counting, flushIntervalMs: 60_000 })
    for (let i = 0; i < 1_000; i++) writer.add([refused('flood', i)])
    expect(inserts).toBe(0)
    await writer.flush()
    expect(inserts).toBe(1)
    expect(await repository.listQuarantine('flood', 2_000)).toHaveLength(1_000)
  })

  it('holds at most maxBuffered items and drops the rest, saying so', async () => {
    const warnings: object[] = []
    const writer = createQuarantineWriter({
      repository,
      flushIntervalMs: 60_000,
      maxBuffered: 10,
      log: { warn: (obj) => warnings.push(obj) },
    })
    writer.add(Array.from({ length: 25 }, (_, i) => refused('bounded', i)))
    await writer.flush()
    expect(await repository.listQuarantine('bounded', 100)).toHaveLength(10)
    expect(warnings).toEqual([{ dropped: 15 }])
  })
})
