import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../tools/free-port.ts'

// What `npm start` prints, start after start on one data directory: readable
// lines, no line per request unless asked, the summary last, and the tokens of
// a first start not printed again.

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const children = new Set<ChildProcess>()
let dataDir: string

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'casetrail-start-output-'))
})

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL')
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

/** Starts the server on the shared data dir, waits for its summary, requests a few pages, stops it; returns all it printed. */
async function startRequestStop(
  env: Record<string, string> = {},
): Promise<{ output: string; atStop: string }> {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['--import', 'tsx', 'ingest/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CASETRAIL_DATA_DIR: join(dataDir, 'data'),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let output = ''
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString()
  })
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString()
  })
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  await expect
    .poll(() => (child.exitCode !== null ? 'exited' : output), { timeout: 120_000, interval: 100 })
    .toMatch(/casetrail is ready[\s\S]*\n\n$/)
  for (const path of ['/health', '/admin', '/v1/admin/hubs', '/no-such-page']) {
    await (await fetch(`${base}${path}`)).arrayBuffer()
  }
  // Every line a request logs is written before its answer is sent: what is here now is all of it.
  await expect.poll(() => fetch(`${base}/health`).then((r) => r.status)).toBe(200)
  const atStop = output
  child.kill('SIGTERM')
  await exited
  children.delete(child)
  return { output, atStop }
}

/** The lines after the summary's heading, up to the stop. */
function afterSummary(atStop: string): string {
  return atStop.slice(atStop.lastIndexOf('casetrail is ready'))
}

describe('npm start output', { timeout: 120_000 }, () => {
  let first: string
  it('prints readable lines and the summary last, with the admin and demo tokens, on the first start', async () => {
    const { output, atStop } = await startRequestStop()
    first = output
    expect(output).not.toMatch(/^\{/m)
    expect(output).toMatch(/^\d\d:\d\d:\d\d info {2}casetrail is listening {2}port=\d+/m)
    const summary = afterSummary(atStop)
    expect(summary).toMatch(/admin console {4}http:\/\/127\.0\.0\.1:\d+\/admin/)
    expect(summary).toMatch(/admin token {6}ct_\S+ {3}\(shown once/)
    expect(summary).toContain('demo case form')
    // No request was logged: the summary stays the last thing on the screen.
    expect(summary).not.toMatch(/^\d\d:\d\d:\d\d /m)
    expect(atStop.slice(0, atStop.lastIndexOf('casetrail is ready'))).toMatch(
      /send token {7}SharedAccessSignature /,
    )
  })

  it('prints no token on a restart, and says how to get back in and how to get fresh demo tokens', async () => {
    expect(first).toBeDefined()
    const { output, atStop } = await startRequestStop()
    expect(output).not.toContain('SharedAccessSignature')
    expect(output).not.toMatch(/ct_[A-Za-z0-9_-]{20,}/)
    const summary = afterSummary(atStop)
    expect(summary).toContain('CASETRAIL_BOOTSTRAP_TOKEN=')
    expect(summary).toContain('CASETRAIL_DEMO_TOKENS=1 npm start')
    expect(summary).not.toMatch(/^\d\d:\d\d:\d\d /m)
  })

  it('prints fresh demo tokens on demand (CASETRAIL_DEMO_TOKENS=1)', async () => {
    const { atStop } = await startRequestStop({ CASETRAIL_DEMO_TOKENS: '1' })
    expect(atStop).toMatch(/read token {7}SharedAccessSignature /)
    expect(atStop).not.toMatch(/ct_[A-Za-z0-9_-]{20,}/)
  })

  it('writes JSON lines and a line per request for operators (LOG_FORMAT=json)', async () => {
    const { output } = await startRequestStop({ LOG_FORMAT: 'json' })
    const records = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; route?: string; status?: number })
    expect(records).toContainEqual(expect.objectContaining({ msg: 'casetrail is listening' }))
    expect(records).toContainEqual(expect.objectContaining({ msg: 'request', route: '/health', status: 200 }))
  })
})
