// How much of an insert is the engine parsing the text? Inserts the same rows
// as bench/direct-insert.ts (5,000 per insert, one after another) for a few
// seconds each into the `interactions` table and into a `Null` table of the
// same columns (which parses and converts the rows, then drops them), and
// prints the process's CPU per row (all threads: the engine parses on its own)
// for each. chdb 3.4's raw insert takes text formats only (JSONEachRow, TSV,
// CSV…); RowBinary/Native are not accepted on that path, so they are not here.
//   npx tsx bench/insert-format.ts [seconds per variant]
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createChdbConnection } from 'chdb/connection'
import { encodeInteractionRow, migrate, openClickHouse } from '../core/testing.ts'
import { batch } from './payloads.js'

const seconds = Number(process.argv[2] ?? 4)
const dir = await mkdtemp(join(tmpdir(), 'casetrail-insert-format-'))
const ch = await openClickHouse({ kind: 'embedded', dataDir: dir })
await migrate(ch)
// A second connection joins the same engine (as the store's client does), for rawInsert in other text formats.
const chdb = createChdbConnection({ path: join(dir, 'clickhouse') }) as unknown as {
  chdb: { rawInsert(p: { table: string; values: Buffer; format: string }): Promise<unknown> }
}
await ch.client.command({ query: 'CREATE TABLE interactions_null AS interactions ENGINE = Null' })
const hubId = randomUUID()
const portalId = randomUUID()
const ROWS = 5000
type Format = 'JSONEachRow' | 'JSONEachRow, raw as a string' | 'JSONCompactEachRow' | 'TabSeparated'
const tsvField = (v: unknown) =>
  String(v).replace(/[\\\t\n]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\\\'))
const lineSets = Array.from({ length: 8 }, () => {
  const lines: string[] = []
  while (lines.length < ROWS)
    for (const interaction of batch(100, { portalId }))
      lines.push(encodeInteractionRow({ hubId, receivedAt: Date.now(), interaction }))
  return lines.slice(0, ROWS)
})
const bodiesOf = (format: Format) =>
  lineSets.map((lines) => {
    const out = lines.map((line) => {
      if (format === 'JSONEachRow') return line
      const row = JSON.parse(line) as Record<string, unknown>
      // How rows were written before raw went in as an object: its JSON escaped inside a string.
      if (format === 'JSONEachRow, raw as a string')
        return JSON.stringify({ ...row, raw: JSON.stringify(row.raw) })
      const values = Object.values({ ...row, raw: JSON.stringify(row.raw) })
      return format === 'JSONCompactEachRow' ? JSON.stringify(values) : values.map(tsvField).join('\t')
    })
    return Buffer.from(`${out.join('\n')}\n`)
  })

async function run(name: string, table: string, format: Format = 'JSONEachRow'): Promise<void> {
  const bodies = bodiesOf(format)
  const send = (body: Buffer) =>
    format.startsWith('JSONEachRow')
      ? ch.insertJsonEachRow(table, body)
      : chdb.chdb.rawInsert({ table, values: body, format })
  await send(bodies[0]!)
  let rows = 0
  let i = 0
  const cpu = process.cpuUsage()
  const started = performance.now()
  while (performance.now() - started < seconds * 1000) {
    await send(bodies[i++ % bodies.length]!)
    rows += ROWS
  }
  const wall = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  const us = (used.user + used.system) / rows
  process.stdout.write(
    `${name.padEnd(34)} ${(rows / wall).toFixed(0).padStart(8)} rows/s  ${us.toFixed(2).padStart(6)} µs CPU/row (all threads)\n`,
  )
}

for (let round = 0; round < 2; round++) {
  await run('JSONEachRow → interactions', 'interactions')
  await run('JSONEachRow → Null (parse only)', 'interactions_null')
  await run('… raw as a string → interactions', 'interactions', 'JSONEachRow, raw as a string')
  await run('… raw as a string → Null', 'interactions_null', 'JSONEachRow, raw as a string')
  await run('JSONCompactEachRow → Null (raw)', 'interactions_null', 'JSONCompactEachRow')
  await run('TabSeparated → Null (raw)', 'interactions_null', 'TabSeparated')
}
await ch.close()
await rm(dir, { recursive: true, force: true })
