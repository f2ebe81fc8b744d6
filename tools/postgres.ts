import { execFile } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './free-port.ts'

const run = promisify(execFile)

/** A throwaway Postgres server a test file starts, owns and removes. */
export interface TestPostgres {
  /** `postgres://…` for the `postgres` superuser on the test database (no password: trust on loopback). */
  url: string
  port: number
  /** The server's data directory (owned by the `postgres` user when the test runs as root). */
  dir: string
  /** Stops the server fast (`pg_ctl stop -m fast`); start() brings it back on the same port and data. */
  stop(): Promise<void>
  start(): Promise<void>
  /** Stops the server and removes its directory. */
  remove(): Promise<void>
}

/**
 * The directory of Debian's Postgres binaries (`/usr/lib/postgresql/<major>/bin`),
 * highest major first, or null when none is installed (`.ci/run` installs it).
 */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const majors = readdirSync(root)
    .filter((d) => /^\d+$/.test(d) && existsSync(join(root, d, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return majors.length > 0 ? join(root, majors[0]!, 'bin') : null
}

/**
 * Starts a real Postgres for one test file: `initdb` into a temp dir, then
 * `pg_ctl start` on a free loopback port, with fsync off (the data is thrown
 * away). Postgres refuses to run as root, so as root the server runs as the
 * `postgres` user (`runuser -u postgres --`) in a directory it owns.
 *
 * @example
 * const pg = await startPostgres()
 * process.env.DATABASE_URL = pg.url
 * afterAll(() => pg.remove())
 */
export async function startPostgres(options: { database?: string } = {}): Promise<TestPostgres> {
  const bin = postgresBinDir()
  if (!bin) throw new Error('no Postgres found under /usr/lib/postgresql/*/bin (apt-get install postgresql)')
  const asRoot = userInfo().uid === 0
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-pg-'))
  const data = join(dir, 'data')
  const socketDir = join(dir, 'socket')
  const database = options.database ?? 'casetrail'
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres'])
    const uid = Number(stdout.trim())
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim())
    chownSync(dir, uid, gid)
    chmodSync(dir, 0o700)
  }
  // Every Postgres binary runs as the owner of the data directory.
  const pgExec = (file: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, file), ...args]) : run(join(bin, file), args)
  await (asRoot
    ? run('runuser', ['-u', 'postgres', '--', 'mkdir', '-p', socketDir])
    : run('mkdir', ['-p', socketDir]))
  await pgExec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '-N'])
  const port = await freePort()
  const serverOptions = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${socketDir}'`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ')
  const logFile = join(dir, 'server.log')
  const start = async () => {
    await pgExec('pg_ctl', ['-D', data, '-l', logFile, '-o', serverOptions, '-w', '-t', '60', 'start'])
  }
  const stop = async () => {
    await pgExec('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop'])
  }
  await start()
  await pgExec('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database])
  let removed = false
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    port,
    dir,
    stop,
    start,
    async remove() {
      if (removed) return
      removed = true
      await stop().catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Whether this machine can start a test Postgres (binaries present). */
export const hasPostgres = (): boolean => postgresBinDir() !== null
