import * as nodeFs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterEach, beforeEach } from 'vitest'
import {
  openWriteAheadLog,
  type WalFileHandle,
  type WalFileSystem,
  type WriteAheadLog,
  type WriteAheadLogOptions,
} from '../../core/testing.ts'

/**
 * A write-ahead log's test bench (core/wal/*.test.ts): a fresh directory per
 * test, logs opened there and closed after it, the lines they log, and file
 * systems that count, hold or fail a handle's calls.
 */

/** A handle that passes every call to `handle`, except those in `calls`. */
export const through = (handle: WalFileHandle, calls: Partial<WalFileHandle>): WalFileHandle => ({
  write: (b, o, l, p) => handle.write(b, o, l, p),
  read: (b, o, l, p) => handle.read(b, o, l, p),
  truncate: (n) => handle.truncate(n),
  sync: () => handle.sync(),
  close: () => handle.close(),
  datasync: () => handle.datasync(),
  ...calls,
})

/**
 * The node file system, each handle it opens passed `through` with the calls
 * `calls(handle, path, flags)` gives: to count, hold or fail its reads and writes.
 */
export const watchedFs = (
  calls: (handle: WalFileHandle, path: string, flags: string | number) => Partial<WalFileHandle>,
): WalFileSystem => ({
  ...(nodeFs as unknown as WalFileSystem),
  async open(path, flags) {
    const handle = (await nodeFs.open(path, flags)) as unknown as WalFileHandle
    return through(handle, calls(handle, path, flags))
  },
})

export const payload = (i: number) => JSON.stringify({ i, text: `record number ${i}` })

/** Registers the per-test directory and cleanup; the returned bench reads the current test's. */
export function walBench() {
  const bench = {
    dir: '',
    lines: [] as Array<Record<string, unknown>>,
    async openLog(options: Partial<WriteAheadLogOptions> = {}): Promise<WriteAheadLog> {
      const log = pino({ level: 'info' }, { write: (line: string) => bench.lines.push(JSON.parse(line)) })
      const wal = await openWriteAheadLog({ dir: bench.dir, log, ...options })
      open.push(wal)
      return wal
    },
    async reopen(wal: WriteAheadLog, options: Partial<WriteAheadLogOptions> = {}): Promise<WriteAheadLog> {
      await wal.close()
      return bench.openLog(options)
    },
    async readAll(wal: WriteAheadLog) {
      const out: Array<{ seq: number; text: string }> = []
      for (;;) {
        const batch = await wal.read({ maxRecords: 7 })
        if (batch.length === 0) return out
        out.push(...batch.map((r) => ({ seq: r.seq, text: r.payload.toString('utf8') })))
      }
    },
    segmentFiles: async () => (await nodeFs.readdir(bench.dir)).filter((n) => n.endsWith('.seg')).sort(),
  }
  const open: WriteAheadLog[] = []
  beforeEach(async () => {
    bench.dir = await nodeFs.mkdtemp(join(tmpdir(), 'casetrail-wal-'))
    bench.lines = []
  })
  afterEach(async () => {
    for (const wal of open.splice(0)) await wal.close()
    await nodeFs.rm(bench.dir, { recursive: true, force: true })
  })
  return bench
}
