import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WAL_LOCK_FILE, lockWalDir } from './wal-dir-lock.ts'

let root: string
let dir: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'casetrail-wal-lock-'))
  dir = join(root, 'wal')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const lockFile = () => join(dir, WAL_LOCK_FILE)
const owner = (o: Partial<{ pid: number; host: string; bootId: string | null; startTicks: string | null }>) =>
  JSON.stringify({ token: 'left-behind', pid: 1, host: 'elsewhere', bootId: null, startTicks: null, ...o })

describe('the write-ahead log directory lock', () => {
  it('refuses a second holder with wal_dir_in_use naming the directory, and is free again once released', async () => {
    const first = await lockWalDir(dir)
    await expect(lockWalDir(dir)).rejects.toMatchObject({
      code: 'wal_dir_in_use',
      message: expect.stringContaining(dir),
    })
    await first.release()
    const again = await lockWalDir(dir)
    await again.release()
  })

  it('refuses while another live process holds it', async () => {
    // A child that takes the lock, says so, and waits to be killed.
    const script = `import('${join(import.meta.dirname, 'wal-dir-lock.ts')}').then(async (m) => { await m.lockWalDir(${JSON.stringify(dir)}); process.stdout.write('held\\n'); setInterval(() => {}, 1000) })`
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('held') && resolve())
        child.once('exit', (code) => reject(new Error(`the child exited with ${code}`)))
      })
      await expect(lockWalDir(dir)).rejects.toMatchObject({
        code: 'wal_dir_in_use',
        message: expect.stringContaining(`process ${child.pid}`),
      })
    } finally {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGKILL')
      await exited
    }
    // Killed with -9, it could not remove its lock file: the next start takes it over.
    const after = await lockWalDir(dir)
    await after.release()
  })

  it('takes over a lock left by a process of this machine that is gone', async () => {
    const gone = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString()
    const { hostname } = await import('node:os')
    const lock = await lockWalDir(dir)
    await lock.release()
    writeFileSync(lockFile(), owner({ pid: Number(gone), host: hostname() }))
    const taken = await lockWalDir(dir)
    await taken.release()
  })

  it('waits for a lock from another machine to go without heartbeat for staleMs before taking it', async () => {
    const lock = await lockWalDir(dir)
    await lock.release()
    writeFileSync(lockFile(), owner({ host: 'node-b.internal' }))
    await expect(lockWalDir(dir, { staleMs: 60_000 })).rejects.toMatchObject({
      code: 'wal_dir_in_use',
      message: expect.stringContaining('node-b.internal'),
    })
    const old = new Date(Date.now() - 120_000)
    utimesSync(lockFile(), old, old)
    const taken = await lockWalDir(dir, { staleMs: 60_000 })
    await taken.release()
  })
})
