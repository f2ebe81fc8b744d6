// The JavaScript a batch of 100 costs the server between its bytes and the
// log, with no HTTP, no I/O and no engine: the JSON shape scan, JSON.parse,
// the pipeline (validation, checks), the rows' encoding and the log's framing
// (UTF-8 and CRC). CPU time (process.cpuUsage), the least of many rounds, so
// that a shared machine's load falls out. Give a checkout to compare builds:
//   npx tsx bench/batch-path-cpu.ts [checkout dir, default .] [rounds]
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { batch } from './payloads.js'

const root = resolve(process.argv[2] ?? '.')
const rounds = Number(process.argv[3] ?? 15)
const load = (path: string) => import(pathToFileURL(resolve(root, path)).href)
const { jsonShapeProblem } = await load('core/json-depth.ts')
const { createIngestPipeline } = await load('core/ingest/ingest-pipeline.ts')
const { encodeInteractionRow } = await load('core/store/interaction-repository.ts')
const { encodeGroup, payloadBytes } = await load('core/wal/wal-record.ts')

const hubId = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const portalId = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d'
const hub = {
  id: hubId,
  capturedTypes: [
    'portal_viewknowledgearticle',
    'portal_viewblogpost',
    'portal_viewforumthread',
    'portal_search',
  ],
}
let framed = 0
const pipeline = createIngestPipeline({
  hubs: { getCached: async () => hub } as never,
  quarantine: { add: () => undefined },
  sink: {
    append: async (records: unknown[]) => {
      const rows = records.map(encodeInteractionRow) as string[]
      let bytes = 0
      for (const r of rows) bytes += 16 + payloadBytes(r)
      framed += encodeGroup(rows, bytes, 1).length
      return { ack: 'logged' }
    },
  } as never,
})
const bodies = Array.from({ length: 200 }, () => Buffer.from(JSON.stringify(batch(100, { portalId }))))
const limits = { maxDepth: 32, maxMembers: 64 }
let best = Number.POSITIVE_INFINITY
for (let round = 0; round < rounds; round++) {
  const cpu = process.cpuUsage()
  for (const body of bodies) {
    if (jsonShapeProblem(body, limits) !== null) throw new Error('shape')
    const items = JSON.parse(body.toString('utf8')) as unknown[]
    const result = await pipeline.ingest({ hubId, items })
    if (result.accepted !== 100)
      throw new Error(`accepted ${result.accepted}: ${JSON.stringify(result.rejected[0])}`)
  }
  const used = process.cpuUsage(cpu)
  best = Math.min(best, (used.user + used.system) / (bodies.length * 100))
}
process.stdout.write(
  `${root}: ${best.toFixed(2)} µs CPU per item (least of ${rounds} rounds), ${framed} bytes framed\n`,
)
