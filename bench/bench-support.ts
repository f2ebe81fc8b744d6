// What the bench runner's phases share: load generation (autocannon, with every
// answer's latency kept), child processes, and figures read from /proc.
import { createSitePages } from '../portal-sites/index.ts'
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { pino } from 'pino'
import { createSasToken, openCore } from '../core/index.ts'
import { buildServer } from '../ingest/build.ts'
import { freePort } from '../tools/free-port.ts'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef'

export { freePort }

export const say = (line: string) => process.stderr.write(`${line}\n`)
export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits })
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function progressBar(label: string) {
  const started = performance.now()
  return (done: number, total: number) => {
    const width = 30
    const filled = Math.round((done / total) * width)
    const rate = done / ((performance.now() - started) / 1000)
    const line = `  ${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round((done / total) * 100)}% ${fmt(done)}/${fmt(total)} rows, ${fmt(rate)} rows/s`
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${done >= total ? '\n' : ''}`)
    else say(line)
  }
}

/**
 * Bodies made before the clock starts and handed out in turn, so the load
 * generator (on the same 2 cores) spends its time sending, not building JSON.
 * Ids repeat once a pool is used up; the server does the same work for a
 * repeat, and the store keeps one row.
 */
export function bodyPool(size: number, make: () => string): () => string {
  const pool = Array.from({ length: size }, make)
  let next = 0
  return () => pool[next++ % pool.length]!
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** Peak and current resident set of a process, from /proc (Linux), in bytes. */
export function memoryOf(pid: number): { peak: number; current: number; anon: number; file: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
    return { peak: kb('VmHWM'), current: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') }
  } catch {
    return null
  }
}

/** CPU seconds (user + system) a process has used, from /proc (Linux; clock ticks of 1/100 s). */
export function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return Number.NaN
  }
}

/** Runs `fn` and adds the server's CPU microseconds per answered request to its result. */
export async function withCpu<T extends LoadResult>(
  pid: number | undefined,
  fn: () => Promise<T>,
): Promise<T & { serverCpuMicrosPerRequest: number }> {
  const before = cpuSecondsOf(pid)
  const result = await fn()
  const used = cpuSecondsOf(pid) - before
  return { ...result, serverCpuMicrosPerRequest: (used * 1e6) / Math.max(1, result.ok) }
}

export interface Child {
  process: ChildProcess
  output: string[]
  exited: Promise<number | null>
}

/** A TypeScript script of this repository (`bench/…`) in a child process, under tsx. */
export function startChild(args: string[], env: Record<string, string>): Child {
  // node --import tsx rather than the tsx wrapper, so signals and /proc figures are the server's own.
  return spawnNode(['--import', 'tsx', ...args], env)
}

let built: Promise<string> | null = null

/**
 * The server as `npm start` runs it: this checkout bundled once per bench
 * process into `dist/server/` (`ingest/build.ts`), run by plain `node` with
 * `nodeArgs` (`--cpu-prof`, …) before the entry. Under tsx the server would
 * also hold tsx's loader thread and the transpiled sources (45 MiB at idle).
 */
export async function spawnServer(env: Record<string, string>, nodeArgs: string[] = []): Promise<Child> {
  built ??= buildServer().then(({ entry }) => entry)
  return spawnNode([...nodeArgs, await built], env)
}

function spawnNode(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()))
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { process: child, output, exited }
}

/**
 * Creates a hub in the data dir before the server starts on it, and a send
 * token for its interactions at `base` (valid for an hour).
 */
export async function createBenchHub(
  dataDir: string,
  base: string,
  name: string,
): Promise<{ hubId: string; token: string }> {
  const core = await openCore({
    sitePages: createSitePages(),
    store: { kind: 'embedded', dataDir },
    publicUrl: base,
    log: pino({ level: 'silent' }),
  })
  const hub = await core.hubs.create(name)
  await core.close()
  const token = createSasToken({
    resourceUri: `${base}/v1/hubs/${hub.id}`,
    keyName: 'default',
    key: hub.keys[0]!.primaryKey,
    ttlSeconds: 3600,
  })
  return { hubId: hub.id, token }
}

/**
 * The environment the bench starts the server ({@link spawnServer}) with: the data dir, a
 * loopback port and its public URL, no demo, warnings only, the bench's metrics
 * token; `extra` adds to it or overrides it.
 */
export function serverEnv(
  dataDir: string,
  port: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    CASETRAIL_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    CASETRAIL_DEMO: '0',
    CASETRAIL_METRICS_TOKEN: METRICS_TOKEN,
    LOG_LEVEL: 'warn',
    // The bench measures what the server can take; the ingest rate limits (1,000 items a
    // second per token, 10 per contact by default) are a policy, and at their defaults the
    // beacon and batch phases (one token, tens of thousands of items a second) are refused 429.
    CASETRAIL_INGEST_RATE_PER_TOKEN: '10000000',
    CASETRAIL_INGEST_RATE_PER_CONTACT: '1000000',
    // glibc's arenas as `npm start` and deploy/Dockerfile start the server (README "Memory");
    // the bench's own MALLOC_ARENA_MAX, when set, measures another, and its JE_MALLOC_CONF
    // (the engine's allocator) reaches the server too.
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    ...(process.env.JE_MALLOC_CONF !== undefined && { JE_MALLOC_CONF: process.env.JE_MALLOC_CONF }),
    ...extra,
  }
}

export async function waitFor(url: string, child: Child, ok: (status: number) => boolean): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.process.exitCode !== null)
      throw new Error(`child exited while starting:\n${child.output.join('')}`)
    try {
      if (ok((await fetch(url, { method: url.endsWith('/interactions') ? 'POST' : 'GET' })).status)) return
    } catch {
      // not listening yet
    }
    await sleep(50)
  }
  throw new Error(`child did not get ready:\n${child.output.join('')}`)
}

export async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return
  child.process.kill('SIGTERM')
  const code = await Promise.race([child.exited, sleep(30_000).then(() => 'timeout' as const)])
  if (code === 'timeout') child.process.kill('SIGKILL')
}

export interface LoadResult {
  requestsPerSecond: number
  ok: number
  non2xx: number
  errors: number
  seconds: number
  latencyMs: { p50: number; p95: number; p99: number; max: number }
  /** Every answer's latency in ms, sorted (left out of the results JSON). */
  latencies?: number[]
}

/** p50/p95/p99/max of sorted latencies. */
export const summarise = (sorted: number[]) => ({
  p50: percentile(sorted, 50),
  p95: percentile(sorted, 95),
  p99: percentile(sorted, 99),
  max: sorted.at(-1) ?? Number.NaN,
})

/** Several runs of the same load as one: answers and seconds added, latencies pooled. */
export function combine(runs: LoadResult[]): LoadResult {
  const latencies = runs.flatMap((r) => r.latencies ?? []).sort((a, b) => a - b)
  const ok = runs.reduce((n, r) => n + r.ok, 0)
  const seconds = runs.reduce((n, r) => n + r.seconds, 0)
  return {
    requestsPerSecond: ok / seconds,
    ok,
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    seconds,
    latencyMs: summarise(latencies),
    latencies,
  }
}

/** One autocannon run; latencies are taken from every answer at full (sub-ms) resolution. */
export async function load(options: {
  url: string
  method: 'GET' | 'POST'
  headers?: Record<string, string>
  body: () => string | undefined
  path?: () => string
  connections: number
  seconds: number
  overallRate?: number
}): Promise<LoadResult> {
  const latencies: number[] = []
  let finish: (result: autocannon.Result) => void = () => {}
  let fail: (err: unknown) => void = () => {}
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve
    fail = reject
  })
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: options.seconds,
      method: options.method,
      headers: options.headers,
      overallRate: options.overallRate,
      ...(options.overallRate ? { ignoreCoordinatedOmission: true } : {}),
      requests: [
        {
          setupRequest: (req) => {
            const body = options.body()
            return {
              ...req,
              ...(body === undefined ? {} : { body }),
              ...(options.path ? { path: options.path() } : {}),
            }
          },
        },
      ],
    },
    (err, result) => (err ? fail(err) : finish(result)),
  )
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode < 300) latencies.push(responseTime)
  })
  const result = await done
  latencies.sort((a, b) => a - b)
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
    latencyMs: summarise(latencies),
    latencies,
  }
}

/**
 * The server's own counters from `/metrics` (`casetrail_*`), by name; with
 * `labelled`, labelled series too, by their full name (`name{part="tracked"}`).
 */
export async function metricsOf(base: string, labelled = false): Promise<Record<string, number>> {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`)
  const text = await res.text()
  const out: Record<string, number> = {}
  for (const line of text.split('\n')) {
    // Node's own figures (prom-client's defaults) beside ours: the V8 heap and Buffers' memory.
    const m = /^((?:casetrail|nodejs)_[a-z_]+) ([0-9.e+-]+)$/.exec(line)
    if (m) out[m[1]!] = Number(m[2])
    else if (labelled) {
      const l = /^(casetrail_[a-z_]+\{[^}]*\}) ([0-9.e+-]+)$/.exec(line)
      if (l) out[l[1]!] = Number(l[2])
    }
  }
  return out
}

/**
 * The contacts journey phases read, in order: the same sequence for the API
 * and for the direct store query, so both read the same contacts and windows.
 */
export function contactSequence(contacts: number): () => number {
  let i = 0
  return () => (i++ * 7919 + 13) % contacts
}

/**
 * Alternates rounds of one-at-a-time and eight-at-once runs (`rounds` of
 * each, `seconds` in all for each), so that drift on a shared machine falls
 * on both alike; returns both, pooled.
 */
export async function alternate(
  rounds: number,
  seconds: number,
  run: (connections: number, seconds: number) => Promise<LoadResult>,
): Promise<{ single: LoadResult; concurrent: LoadResult }> {
  const single: LoadResult[] = []
  const concurrent: LoadResult[] = []
  for (let r = 0; r < rounds; r++) {
    single.push(await run(1, seconds / rounds))
    concurrent.push(await run(8, seconds / rounds))
  }
  return { single: combine(single), concurrent: combine(concurrent) }
}

/** A JSON.stringify replacer that leaves out the raw latency arrays. */
export const withoutLatencies = (key: string, value: unknown) => (key === 'latencies' ? undefined : value)
