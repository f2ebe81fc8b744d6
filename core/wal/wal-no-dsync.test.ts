import * as nodeFs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterEach, expect, it, vi } from 'vitest'
import type { WalFileHandle, WalFileSystem } from './write-ahead-log.ts'

// A platform without O_DSYNC (Windows): the segment is opened plainly and each group's
// write is followed by fdatasync before the append resolves, as before O_DSYNC.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  return { ...fs, constants: { ...fs.constants, O_DSYNC: undefined } }
})

let dir: string | undefined
afterEach(async () => {
  if (dir) await nodeFs.rm(dir, { recursive: true, force: true })
})

it('syncs after each group write where O_DSYNC is missing, before the append resolves', async () => {
  const { openWriteAheadLog, SEGMENT_WRITE_FLAGS } = await import('./write-ahead-log.ts')
  expect(SEGMENT_WRITE_FLAGS).toBe('r+')
  dir = await nodeFs.mkdtemp(join(tmpdir(), 'casetrail-wal-nodsync-'))
  const events: string[] = []
  const fs: WalFileSystem = {
    ...(nodeFs as unknown as WalFileSystem),
    async open(path, flags) {
      const handle = (await nodeFs.open(path, flags)) as unknown as WalFileHandle
      const segment = flags === 'r+'
      return {
        write: async (b, o, l, p) => {
          const r = await handle.write(b, o, l, p)
          if (segment) events.push('write')
          return r
        },
        read: (b, o, l, p) => handle.read(b, o, l, p),
        truncate: (n) => handle.truncate(n),
        sync: () => handle.sync(),
        close: () => handle.close(),
        datasync: async () => {
          await handle.datasync()
          if (segment) events.push('datasync')
        },
      }
    },
  }
  const wal = await openWriteAheadLog({ dir, log: pino({ level: 'silent' }), fs })
  await wal.append(['{"a":1}']).then(() => events.push('resolved'))
  await wal.append(['{"a":2}']).then(() => events.push('resolved'))
  expect(events).toEqual(['write', 'datasync', 'resolved', 'write', 'datasync', 'resolved'])
  await wal.close()
})
