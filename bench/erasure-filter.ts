// What the erasure tombstones cost the flusher: CPU per row of `keep()` over
// 5,000-row batches of encoded rows (as the write-ahead log holds them), with
//   - no erasure at all,
//   - 1,000 erasures in the rows' hub, the rows dated after them (live traffic:
//     a map lookup and a string comparison),
//   - the same, the rows dated before them (every row hashed: a replay of old rows),
// against encoding the same rows (`encodeInteractionRow`, the append's own work).
//   npx tsx bench/erasure-filter.ts [rounds]
import { randomUUID } from 'node:crypto'
import { createErasureTombstones, erasureSubject } from '../core/testing.ts'
import { encodeInteractionRow } from '../core/testing.ts'
import type { Interaction } from '../schemas/index.ts'
import { batch } from './payloads.js'

const rounds = Number(process.argv[2] ?? 40)
const ROWS = 5000
const hubId = randomUUID()
const erasedAt = Date.parse('2026-06-01T00:00:00Z')
const records = (at: number) =>
  (batch(ROWS, { portalId: randomUUID(), contacts: 500, at }) as Interaction[]).map((interaction) => ({
    hubId,
    receivedAt: at,
    interaction,
  }))
const encode = (rs: ReturnType<typeof records>) => rs.map((r) => Buffer.from(encodeInteractionRow(r)))
const live = records(erasedAt + 86_400_000)
const old = records(erasedAt - 86_400_000)
const liveRows = encode(live)
const oldRows = encode(old)

const none = createErasureTombstones()
const many = createErasureTombstones()
for (let i = 0; i < 1000; i++)
  many.add({ hubId, subject: erasureSubject(hubId, randomUUID()), before: erasedAt })

/** CPU microseconds per row of `work` over `rounds` batches (after two warm-up rounds). */
function perRow(work: () => unknown): number {
  for (let i = 0; i < 2; i++) work()
  const start = process.cpuUsage()
  for (let i = 0; i < rounds; i++) work()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / (rounds * ROWS)
}

const encodeCost = perRow(() => encode(live))
const results = {
  'encode (the append, for scale)': encodeCost,
  'keep, no erasure': perRow(() => none.keep(liveRows)),
  'keep, 1,000 erasures, rows dated after': perRow(() => many.keep(liveRows)),
  'keep, 1,000 erasures, rows dated before': perRow(() => many.keep(oldRows)),
}
for (const [name, us] of Object.entries(results))
  console.log(`${name.padEnd(42)} ${us.toFixed(3)} µs/row  (${(us / encodeCost).toFixed(2)} x encode)`)
