// How fast a shortened retention reaches rows already stored, on the embedded engine:
// N interactions over 10 hubs (one shortened), merged, then
//   - the mutation a retention change queues, waited for (`ALTER … UPDATE retention_days`
//     of the hub's rows, what `PATCH …/hubs/{hubId}` queues and `…/retention/apply` waits for),
//   - the lightweight DELETE `…/retention/apply` runs of the hub's rows older than the cutoff,
//   - an `OPTIMIZE … FINAL` (the merge the TTL runs at, forced), for scale.
// Wall time of each statement, on whatever else the machine runs.
//   npx tsx bench/retention-mutation.ts [rows, default 1000000]
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openClickHouse } from '../core/testing.ts'
import { createInteractionRepository } from '../core/testing.ts'
import { migrate } from '../core/testing.ts'
import { generateSyntheticInteractions, optimizeInteractions } from '../core/testing.ts'

const rows = Number(process.argv[2] ?? 1_000_000)
const HUBS = 10
const DAY = 86_400_000
const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-retention-bench-'))
const ch = await openClickHouse({ kind: 'embedded', dataDir, engine: { memoryBytes: 2 * 1024 ** 3 } })
try {
  await migrate(ch)
  const hubs = Array.from({ length: HUBS }, () => randomUUID())
  const now = Date.now()
  for (const hubId of hubs)
    await generateSyntheticInteractions(ch, {
      hubId,
      portalId: randomUUID(),
      rows: rows / HUBS,
      contacts: 1000,
      from: now - 360 * DAY,
      to: now,
    })
  await optimizeInteractions(ch)
  const repository = createInteractionRepository(ch)
  const timed = async (what: string, fn: () => Promise<unknown>) => {
    const start = performance.now()
    const result = await fn()
    console.log(`${what.padEnd(58)} ${((performance.now() - start) / 1000).toFixed(2)} s`, result ?? '')
  }
  const hub = hubs[0]!
  console.log(
    `${rows.toLocaleString('en')} interactions over ${HUBS} hubs; ${(rows / HUBS).toLocaleString('en')} in the shortened hub`,
  )
  await timed('lightweight DELETE of its rows older than 90 days (rows)', () =>
    repository.removeOlderThan(hub, now - 90 * DAY),
  )
  await timed('mutation: retention_days of one hub, 395 -> 90 (waited)', () =>
    repository.setRetention(hub, 90, { wait: true }),
  )
  await timed('OPTIMIZE TABLE interactions FINAL (every hub, for scale)', () => optimizeInteractions(ch))
} finally {
  await ch.close()
  rmSync(dataDir, { recursive: true, force: true })
}
