// Can several chdb connections on one data directory run queries at the same
// time in one process? Measures it, so the design of the store's read pool
// rests on a figure rather than a belief:
//   npx tsx bench/chdb-concurrency.ts [rows] [queries]
// Prints one JSON object: queries/s one at a time, and 4 at a time on one
// connection, on 4 connections without bound parameters, and on 4 connections
// with bound parameters; and the same reads while another connection inserts.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Session } from 'chdb'

const rows = Number(process.argv[2] ?? 2_000_000)
const queries = Number(process.argv[3] ?? 200)
const dir = mkdtempSync(join(tmpdir(), 'chdb-concurrency-'))
const first = new Session(dir)
await first.queryAsync(
  'CREATE TABLE t (k UInt64, v String) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 256',
)
await first.queryAsync(
  `INSERT INTO t SELECT number % 100000, repeat(toString(number), 20) FROM numbers(${rows})`,
)
await first.queryAsync('OPTIMIZE TABLE t FINAL')

// A read like a journey: one key's rows, a few granules, then some CPU on them.
const sqlFor = (k: number) => `SELECT k, v, sipHash64(v) FROM t WHERE k = ${k} ORDER BY v FORMAT JSONEachRow`
const BOUND = 'SELECT k, v, sipHash64(v) FROM t WHERE k = {k:UInt64} ORDER BY v FORMAT JSONEachRow'

async function run(
  label: string,
  concurrency: number,
  sessions: Session[],
  call: (s: Session, k: number) => Promise<unknown>,
) {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      const s = sessions[lane % sessions.length]!
      while (next < queries) {
        const k = (next++ * 7919) % 100000
        await call(s, k)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  return [label, Math.round(queries / seconds)] as const
}

const pool = [first, ...Array.from({ length: 3 }, () => new Session(dir))]
const plain = (s: Session, k: number) => s.queryAsync(sqlFor(k))
const bound = (s: Session, k: number) => s.queryBindAsync(BOUND, { k })
const results: Array<readonly [string, number]> = []
await run('warm-up', 1, [first], plain)
results.push(await run('1 at a time, 1 connection', 1, [first], plain))
results.push(await run('4 at a time, 1 connection', 4, [first], plain))
results.push(await run('4 at a time, 4 connections', 4, pool, plain))
results.push(await run('4 at a time, 4 connections, bound parameters', 4, pool, bound))
// Reads on 3 connections while the 4th inserts 5,000-row batches back to back.
let inserting = true
const writer = pool[0]!
const inserts = (async () => {
  let n = 0
  while (inserting) {
    await writer.queryAsync(
      `INSERT INTO t SELECT number % 100000, repeat(toString(number), 20) FROM numbers(${n * 5000}, 5000)`,
    )
    n++
  }
  return n
})()
results.push(await run('1 at a time while inserting', 1, [pool[1]!], plain))
results.push(await run('3 at a time on 3 connections while inserting', 3, pool.slice(1), plain))
inserting = false
const insertBatches = await inserts
for (const s of pool) s.close()
rmSync(dir, { recursive: true, force: true })
process.stdout.write(
  `${JSON.stringify({ rows, queries, insertBatches, queriesPerSecond: Object.fromEntries(results) }, null, 2)}\n`,
)
