// Where a beacon's server CPU goes: starts the server under `node --cpu-prof`
// on a temporary data dir, sends single beacons (or batches) for a while,
// stops it, and prints the functions with the most self time, grouped by
// package or source file. The figures in bench/README.md come from it:
//   npx tsx bench/profile-server.ts [beacon|batch] [seconds]
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  bodyPool,
  createBenchHub,
  freePort,
  load,
  say,
  serverEnv,
  startChild,
  stopChild,
  waitFor,
} from './bench-support.ts'
import { monotonicUs, profileTimes, readCpuProfile, topShares } from './cpu-profile.ts'
import { batch, interaction } from './payloads.js'

const mode = process.argv[2] === 'batch' ? 'batch' : 'beacon'
const seconds = Number(process.argv[3] ?? 10)
const root = await mkdtemp(join(tmpdir(), 'casetrail-profile-'))
const dataDir = join(root, 'data')
const profDir = join(root, 'prof')
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const portalId = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
const { hubId, token } = await createBenchHub(dataDir, base, 'profile')
const server = startChild(
  ['--cpu-prof', `--cpu-prof-dir=${profDir}`, 'ingest/main.ts'],
  serverEnv(dataDir, port),
)
await waitFor(`${base}/ready`, server, (s) => s === 200)
const body =
  mode === 'batch'
    ? bodyPool(500, () => JSON.stringify(batch(100, { portalId })))
    : bodyPool(20_000, () => JSON.stringify(interaction({ portalId })))
say(`profiling ${mode === 'batch' ? 'batches of 100' : 'beacons'} for ${seconds} s`)
// V8 stamps samples with the monotonic clock hrtime reads: only the load's samples count, not start-up.
const loadFrom = monotonicUs()
const r = await load({
  url: `${base}/v1/hubs/${hubId}/interactions`,
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: token },
  body,
  connections: mode === 'batch' ? 16 : 64,
  seconds,
})
const loadTo = monotonicUs()
await stopChild(server)

const { busy, byPlace, byFunction, inclusive } = profileTimes(
  readCpuProfile(profDir, server.output),
  loadFrom,
  loadTo,
)
const us = (r.ok > 0 ? busy / r.ok : 0).toFixed(0)
process.stdout.write(
  `${r.ok} requests at ${r.requestsPerSecond.toFixed(0)}/s; main thread busy ${us} us per request\n`,
)
process.stdout.write('\nself time by package or file (main thread, not idle):\n')
for (const line of topShares(byPlace, busy, 25)) process.stdout.write(`${line}\n`)
process.stdout.write('\nfunctions:\n')
for (const line of topShares(byFunction, busy, 30)) process.stdout.write(`${line}\n`)
process.stdout.write('\ninclusive (the function and what it calls):\n')
for (const line of topShares(inclusive, busy, 60)) process.stdout.write(`${line}\n`)
await rm(root, { recursive: true, force: true })
