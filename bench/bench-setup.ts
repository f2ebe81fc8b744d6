// What every phase of the runner shares (`BenchRun`): the options, the data dir and the hub
// in it (with the generated journey table when a phase reads it), the send token and the
// request bodies, the child processes to stop at the end, and the results.
import { join } from 'node:path'
import { pino } from 'pino'
import { createSasToken, openCore } from '../core/index.ts'
import { generateSyntheticInteractions, interactionTableParts } from '../core/testing.ts'
import { createSitePages } from '../portal-sites/index.ts'
import type { BenchOptions } from './bench-options.ts'
import type { BenchResults } from './bench-report.ts'
import { type Child, bodyPool, fmt, freePort, load, progressBar, say, startChild } from './bench-support.ts'
import { batch, interaction } from './payloads.js'

export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef'
/**
 * The runner's own engine (generating the table, OPTIMIZE FINAL) is no server:
 * million-row INSERT … SELECTs get room the server's bound does not give.
 */
export const LOADER_MEMORY_BYTES = 4 * 2 ** 30
/** Rows per insert in the direct-insert baseline: the server's default CASETRAIL_FLUSH_MAX_ROWS. */
export const FLUSH_ROWS = 5_000

/** One run of the bench, as its phases see it. */
export interface BenchRun {
  options: BenchOptions
  /** What the phases measured so far; each phase writes its own fields. */
  results: BenchResults
  /** The run's temporary folder, deleted at its end; the server's data dir is `dataDir` in it. */
  root: string
  dataDir: string
  /** The server's port and its base URL (`http://127.0.0.1:<port>`). */
  port: number
  base: string
  portalId: string
  hubId: string
  /** The end of the generated table's 30 days, in ms since the epoch. */
  now: number
  sendToken: string
  ingestUrl: string
  jsonHeaders: Record<string, string>
  beaconBody: () => string
  batchBody: () => string
  /** Every child process the run started: stopped at its end, killed if the runner exits. */
  children: Child[]
}

/**
 * Creates the hub in the data dir before the server takes it, so that the generated
 * journey table (made when a phase reads it) can carry its id; then the send token
 * and the bodies the load phases post.
 */
export async function prepareBench(run: {
  options: BenchOptions
  results: BenchResults
  root: string
  children: Child[]
}): Promise<BenchRun> {
  const { options, results } = run
  const { want } = options
  const dataDir = join(run.root, 'server')
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const portalId = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f'

  say('preparing the data dir')
  const core = await openCore({
    sitePages: createSitePages(),
    store: { kind: 'embedded', dataDir, engine: { memoryBytes: LOADER_MEMORY_BYTES } },
    publicUrl: base,
    log: pino({ level: 'silent' }),
  })
  const hub = await core.hubs.create('bench')
  await core.principals.ensureBootstrapAdmin(ADMIN_TOKEN)
  const now = Date.now()
  if (want('journey') || want('mixed') || want('flood') || want('insights') || want('deflection')) {
    const { rows, contacts } = options
    say(`generating ${fmt(rows)} interactions over ${fmt(contacts)} contacts, 30 days`)
    const t0 = performance.now()
    await generateSyntheticInteractions(core.ch, {
      hubId: hub.id,
      portalId,
      rows,
      contacts,
      from: now - 30 * 86_400_000,
      to: now,
      chunkRows: options.chunkRows,
      outcomes: want('deflection'),
      onProgress: progressBar('generate'),
    })
    const seconds = (performance.now() - t0) / 1000
    results.generate = {
      rows,
      contacts,
      seconds,
      rowsPerSecond: rows / seconds,
      parts: (await interactionTableParts(core.ch)).parts,
    }
  }
  await core.close()

  const key = hub.keys[0]!
  const sendToken = createSasToken({
    resourceUri: `${base}/v1/hubs/${hub.id}`,
    keyName: key.keyName,
    key: key.primaryKey,
    ttlSeconds: 7200,
  })
  return {
    ...run,
    dataDir,
    port,
    base,
    portalId,
    hubId: hub.id,
    now,
    sendToken,
    ingestUrl: `${base}/v1/hubs/${hub.id}/interactions`,
    jsonHeaders: { 'content-type': 'application/json', authorization: sendToken },
    beaconBody: bodyPool(options.quick ? 20_000 : 100_000, () => JSON.stringify(interaction({ portalId }))),
    batchBody: bodyPool(options.quick ? 500 : 2_000, () => JSON.stringify(batch(100, { portalId }))),
  }
}

/** What the phases run in-process on the data dir (8, insights; 10, deflection) are given. */
export interface InProcessBenchOptions {
  dataDir: string
  publicUrl: string
  hubId: string
  portalId: string
  contacts: number
  now: number
  /** Timed runs of each query, after one warm run. */
  iterations: number
  say: (line: string) => void
}

/** A load of POSTs with the send token: `seconds` long, at `overallRate` a second if given. */
export type Poster = (seconds: number, overallRate?: number, connections?: number) => ReturnType<typeof load>

/** POSTs of `body` to `url`, over `connections` (the run's `--connections` by default). */
export function poster(bench: BenchRun, url: string, body: () => string, connections?: number): Poster {
  return (seconds, overallRate, conns = connections ?? bench.options.connections) =>
    load({ url, method: 'POST', headers: bench.jsonHeaders, body, connections: conns, seconds, overallRate })
}

/**
 * A bench script (`bench/…`) in a child process of the run, to its end: its exit code,
 * its output, and its last line (where the scripts print their JSON).
 */
export async function runScript(
  bench: BenchRun,
  args: string[],
): Promise<{ code: number | null; output: string; lastLine: string }> {
  const child = startChild(args, {})
  bench.children.push(child)
  const code = await child.exited
  const output = child.output.join('')
  return { code, output, lastLine: output.trim().split('\n').at(-1) ?? '' }
}
