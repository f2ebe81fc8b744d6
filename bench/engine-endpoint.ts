// The engine out of casetrail's process, for memory-profile.ts: a ClickHouse HTTP endpoint
// on loopback with the embedded engine (chdb) behind it, in a process of its own (the one
// tools/clickhouse-http.ts gives the CLICKHOUSE_URL tests; no ClickHouse server
// installs on this machine). A server started with CLICKHOUSE_URL at it never loads
// libchdb, so its resident set is casetrail's alone; this process's is the engine's.
//   npx tsx bench/engine-endpoint.ts [data dir]   # prints the URL and the pid, runs until killed
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startClickHouseHttp } from '../tools/clickhouse-http.ts'

const dir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'casetrail-engine-endpoint-'))
// Tests read back each request; a bench's flood would grow that list without end, so none is kept.
const endpoint = await startClickHouseHttp(dir, { record: false })
process.stdout.write(`${JSON.stringify({ url: endpoint.url, pid: process.pid, dir })}\n`)
process.on('SIGTERM', () => void endpoint.close().then(() => process.exit(0)))
