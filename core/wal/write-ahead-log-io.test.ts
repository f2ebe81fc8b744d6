import { constants as fsConstants } from 'node:fs'
import * as nodeFs from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { payload, walBench, watchedFs } from '../../test/support/wal-bench.ts'
import { SEGMENT_WRITE_FLAGS } from './write-ahead-log.ts'

const w = walBench()

describe('write-ahead log: writes, reads and segments on disk', () => {
  it('shares one synchronous write among appends that arrive while a write is in flight', async () => {
    // The segment is open O_DSYNC: each of its writes is a write and a data sync in one.
    let writes = 0
    const fs = watchedFs((handle, _path, flags) => ({
      write: (b, o, l, p) => {
        if (flags === SEGMENT_WRITE_FLAGS) writes++
        return handle.write(b, o, l, p)
      },
    }))
    const wal = await w.openLog({ fs })
    const seqs = await Promise.all(Array.from({ length: 200 }, (_, i) => wal.append([payload(i)])))
    expect(new Set(seqs).size).toBe(200)
    expect(Math.max(...seqs)).toBe(200)
    expect(writes).toBeGreaterThan(0)
    expect(writes).toBeLessThanOrEqual(5)
    expect(wal.stats().syncs).toBe(writes)
    expect((await w.readAll(wal)).length).toBe(200)
  })

  it('appends through a segment handle opened O_DSYNC and resolves only after the write returns', async () => {
    // Durability rests on the flag: without it a returned write is only in the page cache.
    // (Linux, where the service runs; a platform without O_DSYNC falls back to write + fdatasync.)
    expect(typeof SEGMENT_WRITE_FLAGS).toBe('number')
    const flagBits = SEGMENT_WRITE_FLAGS as number
    expect(flagBits & fsConstants.O_DSYNC).toBe(fsConstants.O_DSYNC)
    expect(flagBits & (fsConstants.O_RDWR | fsConstants.O_WRONLY)).toBe(fsConstants.O_RDWR)
    const segmentFlags: Array<string | number> = []
    let release: (() => void) | undefined
    const fs = watchedFs((handle, path, flags) => {
      if (path.endsWith('.seg')) segmentFlags.push(flags)
      return {
        write: async (b, o, l, p) => {
          if (flags === SEGMENT_WRITE_FLAGS && release === undefined)
            await new Promise<void>((resolve) => {
              release = resolve
            })
          return handle.write(b, o, l, p)
        },
      }
    })
    const wal = await w.openLog({ fs, segmentBytes: 300 })
    let settled = false
    const appended = wal.append([payload(1)]).then((seq) => {
      settled = true
      return seq
    })
    await vi.waitFor(() => expect(release).toBeDefined())
    await new Promise((r) => setTimeout(r, 20))
    expect(settled).toBe(false)
    release!()
    expect(await appended).toBe(1)
    // Rotation opens each new segment the same way.
    for (let i = 2; i <= 20; i++) await wal.append([payload(i)])
    const segments = (await w.segmentFiles()).length
    expect(segments).toBeGreaterThan(2)
    expect(segmentFlags.filter((f) => f === SEGMENT_WRITE_FLAGS).length).toBe(segments)
  })

  it('reads a large batch in chunks of at most 1 MiB, whatever its byte budget', async () => {
    // A 16 MiB budget once meant a 16 MiB buffer per read while the log held a backlog.
    const reads: number[] = []
    const fs = watchedFs((handle) => ({
      read: (b, o, l, p) => {
        reads.push(l)
        return handle.read(b, o, l, p)
      },
    }))
    const wal = await w.openLog({ fs, segmentBytes: 64 * 1024 * 1024 })
    const big = (i: number) => JSON.stringify({ i, text: 'x'.repeat(2000) })
    for (let n = 0; n < 12; n++) await wal.append(Array.from({ length: 100 }, (_, i) => big(n * 100 + i)))
    const batch = await wal.read({ maxRecords: 5_000, maxBytes: 16 * 1024 * 1024 })
    expect(batch.map((r) => r.seq)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1))
    expect(batch.map((r) => r.payload.toString())).toEqual(Array.from({ length: 1200 }, (_, i) => big(i)))
    expect(Math.max(...reads)).toBeLessThanOrEqual(1024 * 1024)
  })

  it('reads into chunks it reuses on the next read (payloads are views valid until then)', async () => {
    const wal = await w.openLog()
    // Records of 5 KB: chunks that size never come from Node's shared 8 KiB Buffer pool.
    const big = (i: number) => JSON.stringify({ i, text: 'w'.repeat(5_000) })
    for (let i = 1; i <= 20; i++) await wal.append([big(i)])
    const first = await wal.read({ maxRecords: 10 })
    const firstBuffer = first[0]!.payload.buffer
    expect(first.map((r) => r.payload.toString())).toEqual(Array.from({ length: 10 }, (_, i) => big(i + 1)))
    const second = await wal.read({ maxRecords: 10 })
    expect(second.map((r) => r.payload.toString())).toEqual(Array.from({ length: 10 }, (_, i) => big(i + 11)))
    expect(second[0]!.payload.buffer).toBe(firstBuffer)
  })

  it('writes groups of up to 2 MiB through one reused buffer, and larger ones through their own', async () => {
    // A fresh buffer per group commit was garbage V8 keeps until a full collection (a few MiB/s under load).
    const written: ArrayBufferLike[] = []
    const fs = watchedFs((handle, _path, flags) => ({
      write: (b, o, l, p) => {
        // The segment writer's handle, not checkpoints or preallocation.
        if (flags === SEGMENT_WRITE_FLAGS) written.push(b.buffer)
        return handle.write(b, o, l, p)
      },
    }))
    const wal = await w.openLog({ fs, segmentBytes: 64 * 1024 * 1024 })
    const sized = (i: number, n: number) => JSON.stringify({ i, text: 'y'.repeat(n) })
    // The largest first: the buffer grows to a group's size (≤ 2 MiB) and is kept.
    await wal.append(Array.from({ length: 200 }, (_, i) => sized(4 + i, 7_000)))
    await wal.append([sized(1, 10)])
    await wal.append([sized(2, 100_000), sized(3, 10)])
    const small = written.splice(0)
    expect(new Set(small).size).toBe(1)
    await wal.append([sized(304, 3 * 1024 * 1024)])
    await wal.append([sized(305, 10)])
    expect(written[0]).not.toBe(small[0])
    expect(written.at(-1)).toBe(small[0])
    const texts = (await w.readAll(wal)).map((r) => r.text)
    expect(texts).toEqual([
      ...Array.from({ length: 200 }, (_, i) => sized(4 + i, 7_000)),
      sized(1, 10),
      sized(2, 100_000),
      sized(3, 10),
      sized(304, 3 * 1024 * 1024),
      sized(305, 10),
    ])
  })

  it('takes back a failed write so later appends and a reopen see no damage', async () => {
    let failNext = false
    const fs = watchedFs((handle) => ({
      write: async (b, o, l, p) => {
        if (failNext) {
          failNext = false
          // Half the bytes reach the file, then the disk fills up.
          await handle.write(b, o, Math.floor(l / 2), p)
          throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })
        }
        return handle.write(b, o, l, p)
      },
    }))
    let wal = await w.openLog({ fs })
    await wal.append([payload(1)])
    failNext = true
    await expect(wal.append([payload(2)])).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(await wal.append([payload(3)])).toBe(2)
    wal = await w.reopen(wal)
    expect(wal.recovery.cuts).toEqual([])
    expect((await w.readAll(wal)).map((r) => r.text)).toEqual([payload(1), payload(3)])
  })

  it('creates segments at full size and keeps the next one ready, zero-filled', async () => {
    const wal = await w.openLog({ segmentBytes: 4096 })
    await wal.append([payload(1)])
    await vi.waitFor(async () => expect((await nodeFs.readdir(w.dir)).sort()).toContain('next.seg.spare'))
    for (const name of [...(await w.segmentFiles()), 'next.seg.spare']) {
      expect((await nodeFs.stat(join(w.dir, name))).size).toBe(4096)
    }
    // Enough to rotate twice: each new segment is the spare renamed into place.
    for (let i = 2; i <= 300; i++) await wal.append([payload(i)])
    expect((await w.segmentFiles()).length).toBeGreaterThan(2)
    for (const name of await w.segmentFiles()) expect((await nodeFs.stat(join(w.dir, name))).size).toBe(4096)
    await wal.close()
    expect(await nodeFs.readdir(w.dir)).not.toContain('next.seg.spare')
  })
})
