import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSyntheticInteractions } from '../../core/testing.ts'
import { freePort } from '../../tools/free-port.ts'
import { PUBLIC_URL, type TestHub, startTestCore, tokenFor } from '../support/test-core.ts'

/**
 * Issue 20 item 11: a server holding 200,000 interactions for one contact,
 * after concurrent P90D journey reads, ignored SIGTERM for 12 minutes. Here a
 * real server process (node --import tsx ingest/main.ts) on such a data
 * directory gets many concurrent P90D journey reads, then SIGTERM while they
 * are in flight: it must cancel them at its shutdown deadline, close the log
 * and exit by itself.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ROWS = 200_000
const CONTACT = '00000000-0000-4000-8000-000000000000'
const DAY = 86_400_000
const BOOTSTRAP = 'test-admin-token-0123456789abcdef'
const DEADLINE_MS = 3000
const READ_SESSIONS = 2
let root: string
let dataDir: string
let hub: TestHub
let child: ChildProcess | undefined
const output: string[] = []

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'casetrail-shutdown-'))
  dataDir = join(root, 'data')
  const t = await startTestCore({ dataDir })
  hub = await t.createHub('Busy')
  await generateSyntheticInteractions(t.core.ch, {
    hubId: hub.id,
    portalId: '00000000-0000-4000-8000-0000000000aa',
    rows: ROWS,
    contacts: 1,
    from: Date.now() - 89 * DAY,
    to: Date.now() - 60_000,
    chunkRows: 20_000,
  })
  await t.close()
}, 240_000)

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await rm(root, { recursive: true, force: true })
})

async function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  // node --import tsx (not the tsx wrapper): the signal must reach the server itself.
  const proc = spawn(process.execPath, ['--import', 'tsx', 'ingest/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CASETRAIL_DATA_DIR: dataDir,
      CASETRAIL_BOOTSTRAP_TOKEN: BOOTSTRAP,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL,
      CASETRAIL_DEMO: '0',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      CASETRAIL_SHUTDOWN_DEADLINE_MS: String(DEADLINE_MS),
      CASETRAIL_READ_CONNECTIONS: String(READ_SESSIONS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  proc.stdout?.on('data', (d: Buffer) => output.push(d.toString()))
  proc.stderr?.on('data', (d: Buffer) => output.push(d.toString()))
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`the server exited:\n${output.join('')}`)
    const status = await fetch(`${base}/ready`).then(
      (r) => r.status,
      () => 0,
    )
    if (status === 200) break
    if (i > 900) throw new Error(`the server did not get ready:\n${output.join('')}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return { child: proc, base }
}

describe('shutdown under heavy reads', () => {
  it('cancels in-flight P90D journey reads at the deadline, closes the log and exits', async () => {
    const server = await startServer()
    child = server.child
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      server.child.once('exit', (code, signal) => resolve({ code, signal })),
    )
    const token = tokenFor(`/v1/hubs/${hub.id}/contacts/${CONTACT}`, hub.keys[0]!.primaryKey)
    const before = encodeURIComponent(new Date().toISOString())
    const read = async (): Promise<{ status: number; bytes: number; error?: string }> => {
      try {
        const r = await fetch(
          `${server.base}/v1/hubs/${hub.id}/contacts/${CONTACT}/journey?before=${before}&window=P90D`,
          { headers: { authorization: token, 'accept-encoding': 'gzip' } },
        )
        return { status: r.status, bytes: (await r.arrayBuffer()).byteLength }
      } catch (err) {
        // The connection closed under the request or its answer: cancelled at the deadline.
        return { status: 0, bytes: 0, error: (err as Error).message }
      }
    }
    // How long one warm read takes here: the reads sent next must outlast the deadline.
    expect((await read()).status).toBe(200)
    const started = performance.now()
    expect((await read()).status).toBe(200)
    const oneRead = Math.max(performance.now() - started, 1)
    // Many at once, as service reps opening a busy contact's cases: most wait for a read session,
    // enough that the two sessions would need four deadlines to serve them all (at least 40; the
    // idle CI run of 561b06d served all of a fixed 40 within the 3 s deadline).
    const count = Math.min(400, Math.max(40, Math.ceil((4 * DEADLINE_MS * READ_SESSIONS) / oneRead)))
    const reads = Array.from({ length: count }, read)
    // One answer has come back: reads are flowing and the rest are in flight.
    expect((await Promise.race(reads)).status).toBe(200)
    server.child.kill('SIGTERM')
    const { code, signal } = await exited
    expect(signal).toBeNull()
    expect(code).toBe(0)
    const log = output.join('')
    expect(log).toContain('"msg":"stopped"')
    // Reads still waiting at the deadline were cancelled, not served to the end.
    const settled = await Promise.all(reads)
    expect(settled.some((r) => r.status !== 200)).toBe(true)
  }, 120_000)
})
