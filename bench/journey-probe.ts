// Phase 6 of `npm run bench` on a data dir kept between runs, to iterate on the
// journey API's cost quickly: the direct store query and the API, one reader and
// eight, alternating, on the same contacts and windows; optionally the server
// under `node --cpu-prof`, with its main thread's self time by package and function.
//   npx tsx bench/journey-probe.ts [--dir /tmp/jp] [--rows 1000000] [--contacts 10000]
//     [--seconds 6] [--rounds 4] [--prof] [--no-direct] [--no-optimize] [--gzip]
// The first run generates the table (and OPTIMIZEs it) into --dir; later runs reuse it.
import { createSitePages } from '../portal-sites/index.ts'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { pino } from 'pino'
import { createSasToken, openCore } from '../core/index.ts'
import { generateSyntheticInteractions, openClickHouse, optimizeInteractions } from '../core/testing.ts'
import {
  type LoadResult,
  alternate,
  contactSequence,
  cpuSecondsOf,
  fmt,
  freePort,
  load,
  metricsOf,
  progressBar,
  say,
  serverEnv,
  startChild,
  stopChild,
  waitFor,
} from './bench-support.ts'
import { monotonicUs, profileTimes, readCpuProfile, topShares } from './cpu-profile.ts'
import { contactId } from './payloads.js'

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: join(tmpdir(), 'casetrail-journey-probe') },
    rows: { type: 'string', default: '1000000' },
    contacts: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '6' },
    rounds: { type: 'string', default: '4' },
    prof: { type: 'boolean', default: false },
    'no-direct': { type: 'boolean', default: false },
    'no-optimize': { type: 'boolean', default: false },
    'no-scrape': { type: 'boolean', default: false },
    gzip: { type: 'boolean', default: false },
  },
})
const dataDir = join(args.dir, 'data')
const metaFile = join(args.dir, 'meta.json')
const rows = Number(args.rows)
const contacts = Number(args.contacts)
const seconds = Number(args.seconds)
const rounds = Number(args.rounds)
const port = await freePort()
const base = `http://127.0.0.1:${port}`

/** CPU seconds of a process's main thread (the event loop), from /proc. */
function mainThreadSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

interface Meta {
  hubId: string
  keyName: string
  key: string
  now: number
  contacts: number
}
if (!existsSync(metaFile)) {
  await mkdir(args.dir, { recursive: true })
  const core = await openCore({
    sitePages: createSitePages(),
    store: { kind: 'embedded', dataDir, engine: { memoryBytes: 4 * 1024 ** 3 } },
    publicUrl: base,
    log: pino({ level: 'silent' }),
  })
  const hub = await core.hubs.create('probe')
  const now = Date.now()
  say(`generating ${fmt(rows)} interactions over ${fmt(contacts)} contacts into ${dataDir}`)
  await generateSyntheticInteractions(core.ch, {
    hubId: hub.id,
    portalId: '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
    rows,
    contacts,
    from: now - 30 * 86_400_000,
    to: now,
    chunkRows: 250_000,
    onProgress: progressBar('generate'),
  })
  await core.close()
  if (!args['no-optimize']) {
    const ch = await openClickHouse({ kind: 'embedded', dataDir, engine: { memoryBytes: 4 * 1024 ** 3 } })
    await optimizeInteractions(ch)
    await ch.close()
  }
  const meta: Meta = {
    hubId: hub.id,
    keyName: hub.keys[0]!.keyName,
    key: hub.keys[0]!.primaryKey,
    now,
    contacts,
  }
  writeFileSync(metaFile, JSON.stringify(meta))
}
const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta

const line = (label: string, r: { single: LoadResult; concurrent: LoadResult }, cpuUs: number) =>
  say(
    `${label.padEnd(7)} 1 at a time p50 ${fmt(r.single.latencyMs.p50, 2)} p95 ${fmt(r.single.latencyMs.p95, 2)} p99 ${fmt(r.single.latencyMs.p99, 2)} ms, ${fmt(r.single.requestsPerSecond)}/s; ` +
      `8 at once ${fmt(r.concurrent.requestsPerSecond)}/s (${fmt(r.concurrent.requestsPerSecond / r.single.requestsPerSecond, 2)}x); CPU/read ${fmt(cpuUs)} us`,
  )

let direct: {
  single: LoadResult
  concurrent: LoadResult
  cpuMicrosPerRequest: number
  mainThreadCpuMicrosPerRequest: number
} | null = null
if (!args['no-direct']) {
  const child = startChild(
    [
      'bench/direct-journey.ts',
      dataDir,
      meta.hubId,
      String(meta.contacts),
      String(meta.now),
      String(seconds),
      String(rounds),
    ],
    {},
  )
  if ((await child.exited) !== 0) throw new Error(child.output.join(''))
  direct = JSON.parse(child.output.join('').trim().split('\n').at(-1) ?? '')
  line('direct', direct!, direct!.cpuMicrosPerRequest)
}

const profDir = await mkdtemp(join(tmpdir(), 'casetrail-journey-prof-'))
const server = startChild(
  [...(args.prof ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), 'ingest/main.ts'],
  serverEnv(dataDir, port),
)
await waitFor(`${base}/ready`, server, (s) => s === 200)
// As the bench does: the engine's figures once a second.
const scrape = args['no-scrape'] ? null : setInterval(() => metricsOf(base, true).catch(() => {}), 1000)
const token = createSasToken({
  resourceUri: `${base}/v1/hubs/${meta.hubId}`,
  keyName: meta.keyName,
  key: meta.key,
  ttlSeconds: 7200,
})
const before = encodeURIComponent(new Date(meta.now).toISOString())
const next = contactSequence(meta.contacts)
const run = (connections: number, s: number) =>
  load({
    url: base,
    method: 'GET',
    headers: { authorization: token, ...(args.gzip ? { 'accept-encoding': 'gzip' } : {}) },
    body: () => undefined,
    path: () => `/v1/hubs/${meta.hubId}/contacts/${contactId(next())}/journey?before=${before}&window=P7D`,
    connections,
    seconds: s,
  })
await run(1, 0.5)
const loadFrom = monotonicUs()
const cpu0 = cpuSecondsOf(server.process.pid)
const main0 = mainThreadSecondsOf(server.process.pid)
const api = await alternate(rounds, seconds, run)
const apiCpu = ((cpuSecondsOf(server.process.pid) - cpu0) * 1e6) / (api.single.ok + api.concurrent.ok)
const mainCpu =
  ((mainThreadSecondsOf(server.process.pid) - main0) * 1e6) / (api.single.ok + api.concurrent.ok)
const loadTo = monotonicUs()
if (scrape) clearInterval(scrape)
await stopChild(server)
if (direct) line('direct', direct, direct.cpuMicrosPerRequest)
line('API', api, apiCpu)
say(
  `main thread CPU/read: API ${fmt(mainCpu)} us${direct ? `, direct ${fmt(direct.mainThreadCpuMicrosPerRequest)} us` : ''}`,
)
if (direct)
  say(
    `ratio API/direct p50 ${fmt(api.single.latencyMs.p50 / direct.single.latencyMs.p50, 2)}, p95 ${fmt(api.single.latencyMs.p95 / direct.single.latencyMs.p95, 2)}, CPU ${fmt(apiCpu / direct.cpuMicrosPerRequest, 2)}`,
  )

if (args.prof) {
  const prof = readCpuProfile(profDir, server.output)
  writeFileSync(join(args.dir, 'last.cpuprofile'), JSON.stringify(prof))
  const { busy, byPlace, byFunction } = profileTimes(prof, loadFrom, loadTo)
  const reads = api.single.ok + api.concurrent.ok
  say(`\nmain thread busy ${fmt(busy / reads)} us per read (profile in ${join(args.dir, 'last.cpuprofile')})`)
  for (const line of topShares(byPlace, busy, 20)) say(line)
  say('')
  for (const line of topShares(byFunction, busy, 30)) say(line)
}
await rm(profDir, { recursive: true, force: true })
