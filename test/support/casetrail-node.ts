import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../tools/free-port.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The secret key every node of a test cluster shares (as CASETRAIL_SECRET_KEY). */
export const CLUSTER_SECRET_KEY = '5a'.repeat(32)
/** The bootstrap admin token every node of a test cluster is started with. */
export const CLUSTER_ADMIN_TOKEN = 'two-node-test-admin-token-0123456789'
/** The public URL nodes behind one load balancer share: tokens are signed for it. */
export const CLUSTER_PUBLIC_URL = 'http://casetrail.test'

/** What a node answers, read whole. */
export interface NodeAnswer<T = unknown> {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: T
  text: string
}

/** One real casetrail process of a test cluster. */
export interface CasetrailNode {
  name: string
  port: number
  /** `http://127.0.0.1:<port>`: where requests go (the Host header says the public URL). */
  base: string
  /** The HTTPS listener's port, when the node was started with one. */
  httpsPort?: number
  dataDir: string
  child: ChildProcess
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<number | string | null>
  /** A request to this node, with the cluster's public host in `Host` and the admin token unless told otherwise. */
  request<T = unknown>(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string>; admin?: boolean },
  ): Promise<NodeAnswer<T>>
  /** Resolves once `/ready` answers 200; rejects with the output if the process exits first. */
  ready(): Promise<void>
  /** SIGKILL, and wait for it to be gone. */
  kill(): Promise<void>
  /** SIGTERM (drain and close), and wait for it to be gone. */
  stop(): Promise<void>
}

/** How to start a node; the defaults make a member of a two-node cluster on `databaseUrl`. */
export interface NodeOptions {
  name: string
  /** The shared control plane; unset, the node runs the embedded one. */
  databaseUrl?: string
  /** The node's own data directory (write-ahead log, embedded ClickHouse); a fresh temp dir by default. */
  dataDir?: string
  /** Start an HTTPS listener on a free port. */
  https?: boolean
  /** More environment, over the defaults (an `undefined` removes a default). */
  env?: Record<string, string | undefined>
}

const processes = new Set<ChildProcess>()
const tempDirs = new Set<string>()

/**
 * Starts a real casetrail process (`node --import tsx ingest/main.ts`, so a
 * SIGKILL hits the server itself) with its own data directory and embedded
 * ClickHouse, sharing the control plane at `databaseUrl`, the secret key and
 * the public URL with its peers. It returns at once; `await node.ready()`.
 *
 * @example
 * const a = startNode({ name: 'A', databaseUrl: pg.url })
 * await a.ready()
 * const hubs = await a.request('GET', '/v1/admin/hubs')
 */
export async function startNode(options: NodeOptions): Promise<CasetrailNode> {
  const port = await freePort()
  const httpsPort = options.https ? await freePort() : undefined
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `casetrail-node-${options.name}-`))
  if (!options.dataDir) tempDirs.add(dataDir)
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CASETRAIL_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: CLUSTER_PUBLIC_URL,
    CASETRAIL_DEMO: '0',
    CASETRAIL_BOOTSTRAP_TOKEN: CLUSTER_ADMIN_TOKEN,
    CASETRAIL_SECRET_KEY: CLUSTER_SECRET_KEY,
    LOG_LEVEL: 'warn',
    CASETRAIL_FLUSH_INTERVAL_MS: '20',
    CASETRAIL_WAL_SEGMENT_BYTES: String(1024 * 1024),
    CASETRAIL_ENGINE_MEMORY_BYTES: String(128 * 1024 * 1024),
    CASETRAIL_READ_CONNECTIONS: '1',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(httpsPort ? { CASETRAIL_HTTPS_PORT: String(httpsPort) } : {}),
    ...options.env,
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'ingest/main.ts'], {
    cwd: ROOT,
    env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  processes.add(child)
  const chunks: string[] = []
  child.stdout?.on('data', (d: Buffer) => chunks.push(d.toString()))
  child.stderr?.on('data', (d: Buffer) => chunks.push(d.toString()))
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => {
      processes.delete(child)
      resolve(code ?? signal)
    }),
  )
  const base = `http://127.0.0.1:${port}`
  const host = new URL(CLUSTER_PUBLIC_URL).host
  const node: CasetrailNode = {
    name: options.name,
    port,
    base,
    httpsPort,
    dataDir,
    child,
    output: () => chunks.join(''),
    exited,
    request: (method, path, init = {}) =>
      new Promise((resolve, reject) => {
        const body =
          init.body === undefined
            ? undefined
            : typeof init.body === 'string'
              ? init.body
              : JSON.stringify(init.body)
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method,
            path,
            agent: false,
            headers: {
              host,
              ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
              ...(init.admin === false ? {} : { authorization: `Bearer ${CLUSTER_ADMIN_TOKEN}` }),
              ...init.headers,
            },
          },
          (res) => {
            let text = ''
            res.setEncoding('utf8')
            res.on('data', (c: string) => {
              text += c
            })
            res.on('end', () => {
              let parsed: unknown = text
              try {
                parsed = text === '' ? null : JSON.parse(text)
              } catch {
                // not JSON: the text is the body
              }
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed as never, text })
            })
            res.on('error', reject)
          },
        )
        req.once('error', reject)
        req.end(body)
      }),
    async ready() {
      let gone = false
      void exited.then(() => {
        gone = true
      })
      for (;;) {
        if (gone) throw new Error(`node ${options.name} exited while starting:\n${node.output()}`)
        const status = await node.request('GET', '/ready', { admin: false }).then(
          (r) => r.status,
          () => 0,
        )
        if (status === 200) return
        await new Promise((r) => setTimeout(r, 100))
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
  return node
}

/** Kills every node still running and removes the data directories the harness made. */
export async function stopAllNodes(): Promise<void> {
  const waits = [...processes].map(
    (child) =>
      new Promise<void>((resolve) =>
        child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
      ),
  )
  for (const child of processes) child.kill('SIGKILL')
  await Promise.all(waits)
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
  tempDirs.clear()
}
