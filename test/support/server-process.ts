import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import { createSasToken } from '../../core/index.ts'
import type { SpawnedServer } from './wait-ready.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const running = new Set<ChildProcess>()

/** A server {@link spawnServer} started: the process, when it exits, and what it printed. */
export interface ServerProcess extends SpawnedServer {
  child: ChildProcess
  exited: Promise<number | null>
}

/** How {@link spawnServer} starts the server. */
export interface ServerProcessOptions {
  /** Its data directory; a restart on the same one replays the write-ahead log. */
  dataDir: string
  port: number
  /** The bootstrap admin token (CASETRAIL_BOOTSTRAP_TOKEN). */
  adminToken: string
  /** More environment (flusher and log settings), over the defaults. */
  env?: Record<string, string>
}

/**
 * Starts the real server in a child process on 127.0.0.1:`port`, with its
 * public URL there, no demo data and warnings only; await `waitReady` before
 * sending. `node --import tsx` (not the tsx wrapper), so that a SIGKILL hits
 * the server itself. {@link killServers} ends whatever is still running.
 *
 * @example
 * const server = spawnServer({ dataDir, port, adminToken: ADMIN_TOKEN })
 * await waitReady(`http://127.0.0.1:${port}`, server)
 * server.child.kill('SIGKILL')
 */
export function spawnServer(options: ServerProcessOptions): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'ingest/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CASETRAIL_DATA_DIR: options.dataDir,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${options.port}`,
      CASETRAIL_DEMO: '0',
      CASETRAIL_BOOTSTRAP_TOKEN: options.adminToken,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  const output: string[] = []
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()))
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()))
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child)
      resolve(code)
    }),
  )
  return { child, exited, output }
}

/** SIGKILLs every server {@link spawnServer} started that is still running (for afterAll). */
export function killServers(): void {
  for (const child of running) child.kill('SIGKILL')
}

/** A hub as the admin API answers its creation. */
export interface CreatedHub {
  id: string
  keys: Array<{ keyName: string; primaryKey: string }>
}

/**
 * Creates a hub named `name` through the admin API of the server at `base`
 * (expecting a 201), and signs an hour's token for the hub with its first key.
 */
export async function createHubWithToken(
  base: string,
  adminToken: string,
  name: string,
): Promise<{ hub: CreatedHub; token: string }> {
  const created = await fetch(`${base}/v1/admin/hubs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ name }),
  })
  expect(created.status).toBe(201)
  const hub = (await created.json()) as CreatedHub
  const token = createSasToken({
    resourceUri: `${base}/v1/hubs/${hub.id}`,
    keyName: hub.keys[0]!.keyName,
    key: hub.keys[0]!.primaryKey,
    ttlSeconds: 3600,
  })
  return { hub, token }
}
