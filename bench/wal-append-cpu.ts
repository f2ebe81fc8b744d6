// The write-ahead log's CPU per append, two checkouts side by side: opens each
// checkout's log in a temporary directory and appends one ~900-byte record 27
// at a time (a beacon group commit, 300 groups a round), in alternating rounds;
// prints process CPU (all threads: the event loop and libuv's pool) per append,
// least and median. Then frames 100 rows and checks them as recovery does.
//   npx tsx bench/wal-append-cpu.ts <checkout A> <checkout B> [rounds]
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
const roots = process.argv.slice(2, 4).map((r) => resolve(r))
const rounds = Number(process.argv[4] ?? 8)
const rec = JSON.stringify({ hub_id: 'x'.repeat(36), raw: { text: 'y'.repeat(800) } })
const silent = { info() {}, warn() {}, error() {} }
const mods = await Promise.all(
  roots.map((r) => import(pathToFileURL(join(r, 'core/wal/write-ahead-log.ts')).href)),
)
const res: number[][] = roots.map(() => [])
for (let i = 0; i < rounds; i++) {
  for (const k of i % 2 ? [1, 0] : [0, 1]) {
    const dir = await mkdtemp(join(tmpdir(), 'b2wal-'))
    const wal = await mods[k].openWriteAheadLog({ dir, log: silent })
    const groups = 300
    await wal.append([rec])
    const c0 = process.cpuUsage()
    for (let g = 0; g < groups; g++) await Promise.all(Array.from({ length: 27 }, () => wal.append([rec])))
    const c = process.cpuUsage(c0)
    res[k]!.push((c.user + c.system) / (groups * 27))
    await wal.close()
    await rm(dir, { recursive: true, force: true })
  }
}
const least = (x: number[]) => Math.min(...x)
const med = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)]!
for (const [k, r] of roots.entries())
  console.log(
    `${r}: ${least(res[k]!).toFixed(2)} µs CPU per append (least), median ${med(res[k]!).toFixed(2)}`,
  )

// Framing (UTF-8 + CRC) and the recovery check of 100 rows, least of 30 alternating rounds.
const records = await Promise.all(
  roots.map((r) => import(pathToFileURL(join(r, 'core/wal/wal-record.ts')).href)),
)
const rows = Array.from({ length: 100 }, (_, i) =>
  JSON.stringify({ hub_id: 'x'.repeat(36), i, raw: { text: 'y'.repeat(800) } }),
)
let bytes = 0
for (const row of rows) bytes += 16 + Buffer.byteLength(row)
const scratch = Buffer.allocUnsafeSlow(1 << 20)
const frame = roots.map(() => Number.POSITIVE_INFINITY)
const check = roots.map(() => Number.POSITIVE_INFINITY)
for (let round = 0; round < 30; round++)
  for (const k of round % 2 ? [1, 0] : [0, 1]) {
    const m = records[k]
    let t = process.cpuUsage()
    let buf = scratch
    for (let n = 0; n < 200; n++) buf = m.encodeGroup(rows, bytes, 1 + n * 100, scratch)
    let c = process.cpuUsage(t)
    frame[k] = Math.min(frame[k]!, (c.user + c.system) / 20_000)
    t = process.cpuUsage()
    for (let n = 0; n < 200; n++) m.scanSegment(buf, 'x', 1 + 199 * 100, 8 << 20)
    c = process.cpuUsage(t)
    check[k] = Math.min(check[k]!, (c.user + c.system) / 20_000)
  }
for (const [k, r] of roots.entries())
  console.log(
    `${r}: framing ${frame[k]!.toFixed(3)} µs, recovery check ${check[k]!.toFixed(3)} µs per record`,
  )
