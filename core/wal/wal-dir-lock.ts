import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { link, mkdir, readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'
import { DomainError } from '../errors.ts'

/** The lock file inside the log directory; the log's own files are segments and the checkpoint. */
export const WAL_LOCK_FILE = 'lock'

/** Who holds a log directory: written into the lock file when it is taken. */
interface LockOwner {
  token: string
  pid: number
  host: string
  /** The kernel's boot id: a pid from another boot is no process now. */
  bootId: string | null
  /** The process's start time in clock ticks since boot (`/proc/<pid>/stat`): a reused pid starts later. */
  startTicks: string | null
}

/** A taken log directory, released at close. */
export interface WalDirLock {
  readonly dir: string
  /** Removes the lock file (only if it is still this process's). */
  release(): Promise<void>
}

/** Lock files this process holds, by path: a second open in the same process is refused too. */
const heldHere = new Set<string>()

const readProc = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

/** A process's start time (field 22 of /proc/<pid>/stat), or null off Linux or when it is gone. */
const startTicksOf = (pid: number | 'self'): string | null => {
  const stat = readProc(`/proc/${pid}/stat`)
  if (stat === null) return null
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return fields[19] ?? null
}

const bootId = (): string | null => readProc('/proc/sys/kernel/random/boot_id')?.trim() ?? null

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: a process of another user holds the pid; it exists.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const parseOwner = (text: string): LockOwner | null => {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>
    return typeof o.token === 'string' && typeof o.pid === 'number' && typeof o.host === 'string'
      ? (o as LockOwner)
      : null
  } catch {
    return null
  }
}

/**
 * Whether the process that wrote `owner` still runs. On this machine (same
 * host name and boot) the kernel says, checked against the pid's start time
 * so a reused pid is not mistaken for it; from another machine sharing the
 * volume only the lock file's heartbeat can say, so it is stale once its
 * modification time is older than `staleMs`.
 */
function ownerGone(lockPath: string, owner: LockOwner | null, mtimeMs: number, staleMs: number): boolean {
  if (owner === null) return Date.now() - mtimeMs > staleMs
  const sameMachine = owner.host === hostname() && (owner.bootId === null || owner.bootId === bootId())
  if (!sameMachine) return Date.now() - mtimeMs > staleMs
  if (owner.pid === process.pid) return !heldHere.has(lockPath)
  if (!alive(owner.pid)) return true
  const ticks = owner.startTicks === null ? null : startTicksOf(owner.pid)
  return ticks !== null && ticks !== owner.startTicks
}

const inUse = (dir: string, owner: LockOwner | null, staleMs: number) =>
  new DomainError(
    'unavailable',
    'wal_dir_in_use',
    `the write-ahead log directory ${dir} is in use by ${
      owner ? `process ${owner.pid} on ${owner.host}` : 'another process'
    } (a second casetrail on this data directory?); stop it, or give each node its own CASETRAIL_DATA_DIR. A lock left by a process on another machine counts as abandoned ${Math.round(staleMs / 1000)} s after its last heartbeat.`,
  )

/**
 * Takes the write-ahead log directory for this process before anything else
 * opens: a second process on the same directory gets `wal_dir_in_use` naming
 * it, whether or not anything else (the embedded engine) would have refused.
 * The lock file is created whole with `link()` (atomic, fails if it exists);
 * one left by a dead process is broken under a second lock file, so two
 * starts that both find it stale cannot both take it. A heartbeat keeps its
 * modification time fresh for nodes on other machines sharing the volume.
 *
 * @example
 * const lock = await lockWalDir(join(dataDir, 'wal'))
 * // … open the log, the engine …
 * await lock.release()
 */
export async function lockWalDir(
  dir: string,
  options: { heartbeatMs?: number; staleMs?: number } = {},
): Promise<WalDirLock> {
  const heartbeatMs = options.heartbeatMs ?? 10_000
  const staleMs = options.staleMs ?? 60_000
  const absolute = resolve(dir)
  await mkdir(absolute, { recursive: true })
  const lockPath = join(absolute, WAL_LOCK_FILE)
  const owner: LockOwner = {
    token: randomUUID(),
    pid: process.pid,
    host: hostname(),
    bootId: bootId(),
    startTicks: startTicksOf('self'),
  }
  const tmp = `${lockPath}.${owner.token}`
  await writeFile(tmp, JSON.stringify(owner), { mode: 0o644 })
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await link(tmp, lockPath)
        break
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      }
      const found = await readHolder(lockPath)
      // Released between our link and our read: try again.
      if (found === null && attempt < 5) continue
      // A few rounds and still taken (another start keeps winning): in use.
      if (found === null || attempt >= 5 || !ownerGone(lockPath, found.owner, found.mtimeMs, staleMs)) {
        throw inUse(absolute, found?.owner ?? null, staleMs)
      }
      await breakStale(lockPath, found.text, staleMs)
    }
  } finally {
    await unlink(tmp).catch(() => undefined)
  }
  heldHere.add(lockPath)
  const beat = setInterval(() => {
    const now = new Date()
    utimes(lockPath, now, now).catch(() => undefined)
  }, heartbeatMs)
  beat.unref()
  let released = false
  return {
    dir: absolute,
    async release() {
      if (released) return
      released = true
      clearInterval(beat)
      heldHere.delete(lockPath)
      const found = await readHolder(lockPath)
      if (found?.owner?.token === owner.token) await unlink(lockPath).catch(() => undefined)
    },
  }
}

async function readHolder(
  lockPath: string,
): Promise<{ text: string; owner: LockOwner | null; mtimeMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)])
    return { text, owner: parseOwner(text), mtimeMs: info.mtimeMs }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

/**
 * Removes a stale lock file, but only the one that was judged stale: under
 * `lock.break` (itself taken with an exclusive create), the file is read
 * again and removed only if it is still the same text.
 */
async function breakStale(lockPath: string, staleText: string, staleMs: number): Promise<void> {
  const breaker = `${lockPath}.break`
  try {
    await writeFile(breaker, String(process.pid), { flag: 'wx' })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    // Another start is breaking it; a breaker that died mid-way is itself stale after staleMs.
    const info = await stat(breaker).catch(() => null)
    if (info && Date.now() - info.mtimeMs > staleMs) await unlink(breaker).catch(() => undefined)
    return
  }
  try {
    const now = await readFile(lockPath, 'utf8').catch(() => null)
    if (now === staleText) await unlink(lockPath)
  } finally {
    await unlink(breaker).catch(() => undefined)
  }
}
