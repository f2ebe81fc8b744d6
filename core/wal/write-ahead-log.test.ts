import { constants as fsConstants } from 'node:fs'
import * as nodeFs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  openWriteAheadLog,
  RECORD_HEADER_BYTES,
  SEGMENT_WRITE_FLAGS,
  type WalFileHandle,
  type WalFileSystem,
  type WriteAheadLog,
  type WriteAheadLogOptions,
} from './write-ahead-log.ts'

/** A handle that passes every call to `handle`, except those in `calls`. */
const through = (handle: WalFileHandle, calls: Partial<WalFileHandle>): WalFileHandle => ({
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
const watchedFs = (
  calls: (handle: WalFileHandle, path: string, flags: string | number) => Partial<WalFileHandle>,
): WalFileSystem => ({
  ...(nodeFs as unknown as WalFileSystem),
  async open(path, flags) {
    const handle = (await nodeFs.open(path, flags)) as unknown as WalFileHandle
    return through(handle, calls(handle, path, flags))
  },
})

let dir: string
let lines: Array<Record<string, unknown>>
const open: WriteAheadLog[] = []

const testLog = () => pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) })

async function openLog(options: Partial<WriteAheadLogOptions> = {}): Promise<WriteAheadLog> {
  const wal = await openWriteAheadLog({ dir, log: testLog(), ...options })
  open.push(wal)
  return wal
}

async function reopen(
  wal: WriteAheadLog,
  options: Partial<WriteAheadLogOptions> = {},
): Promise<WriteAheadLog> {
  await wal.close()
  return openLog(options)
}

const payload = (i: number) => JSON.stringify({ i, text: `record number ${i}` })

async function readAll(wal: WriteAheadLog) {
  const out: Array<{ seq: number; text: string }> = []
  for (;;) {
    const batch = await wal.read({ maxRecords: 7 })
    if (batch.length === 0) return out
    out.push(...batch.map((r) => ({ seq: r.seq, text: r.payload.toString('utf8') })))
  }
}

const segmentFiles = async () => (await nodeFs.readdir(dir)).filter((n) => n.endsWith('.seg')).sort()

beforeEach(async () => {
  dir = await nodeFs.mkdtemp(join(tmpdir(), 'casetrail-wal-'))
  lines = []
})

afterEach(async () => {
  for (const wal of open.splice(0)) await wal.close()
  await nodeFs.rm(dir, { recursive: true, force: true })
})

describe('write-ahead log', () => {
  it('reads back what was appended, in order, with increasing sequence numbers, across a reopen', async () => {
    let wal = await openLog()
    expect(await wal.append([payload(1), Buffer.from(payload(2))])).toBe(2)
    expect(await wal.append([payload(3)])).toBe(3)
    expect(await readAll(wal)).toEqual([
      { seq: 1, text: payload(1) },
      { seq: 2, text: payload(2) },
      { seq: 3, text: payload(3) },
    ])
    expect(wal.stats()).toMatchObject({ lastSeq: 3, pendingRecords: 3, checkpointSeq: 0, readSeq: 3 })

    // Nothing was checkpointed: a reopen offers every record again.
    wal = await reopen(wal)
    expect(wal.recovery).toEqual({ pendingRecords: 3, cuts: [] })
    expect((await readAll(wal)).map((r) => r.seq)).toEqual([1, 2, 3])
    expect(await wal.append([payload(4)])).toBe(4)
  })

  it('rotates segments by size and reads through all of them', async () => {
    let wal = await openLog({ segmentBytes: 200 })
    for (let i = 1; i <= 40; i++) await wal.append([payload(i)])
    expect((await segmentFiles()).length).toBeGreaterThan(5)
    expect((await readAll(wal)).map((r) => r.text)).toEqual(
      Array.from({ length: 40 }, (_, i) => payload(i + 1)),
    )

    wal = await reopen(wal, { segmentBytes: 200 })
    expect((await readAll(wal)).map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
  })

  it('cuts a half-written last record on open, keeps the records before it, and carries on', async () => {
    // A preallocated segment: the end of the last write never reached the disk, zeros remain.
    let wal = await openLog({ segmentBytes: 64 * 1024 })
    for (let i = 1; i <= 5; i++) await wal.append([payload(i)])
    await wal.close()
    const [segment] = await segmentFiles()
    const path = join(dir, segment!)
    const bytes = await nodeFs.readFile(path)
    expect(bytes.length).toBe(64 * 1024)
    const start = [1, 2, 3, 4].reduce((n, i) => n + RECORD_HEADER_BYTES + Buffer.byteLength(payload(i)), 0)
    const lastRecord = RECORD_HEADER_BYTES + Buffer.byteLength(payload(5))
    bytes.fill(0, start + Math.floor(lastRecord / 2), start + lastRecord)
    await nodeFs.writeFile(path, bytes)

    wal = await openLog({ segmentBytes: 64 * 1024 })
    expect(wal.recovery.cuts).toEqual([
      { segment, offset: start, bytes: Math.floor(lastRecord / 2), reason: 'torn' },
    ])
    expect(lines.some((l) => l.reason === 'torn' && l.level === 40)).toBe(true)
    expect((await readAll(wal)).map((r) => r.text)).toEqual([1, 2, 3, 4].map(payload))
    // The segment keeps its size; the torn bytes are zeros now.
    const after = await nodeFs.readFile(path)
    expect(after.length).toBe(64 * 1024)
    expect(after.subarray(start).every((b) => b === 0)).toBe(true)

    // The cut sequence number is reused: it was never acknowledged.
    expect(await wal.append([payload(6)])).toBe(5)
    wal = await reopen(wal, { segmentBytes: 64 * 1024 })
    expect(wal.recovery.cuts).toEqual([])
    expect((await readAll(wal)).map((r) => r.text)).toEqual([1, 2, 3, 4, 6].map(payload))
  })

  it('cuts a file that ends inside a record (a segment that was not preallocated)', async () => {
    let wal = await openLog({ preallocate: false })
    for (let i = 1; i <= 5; i++) await wal.append([payload(i)])
    await wal.close()
    const [segment] = await segmentFiles()
    const path = join(dir, segment!)
    const { size } = await nodeFs.stat(path)
    const lastRecord = RECORD_HEADER_BYTES + Buffer.byteLength(payload(5))
    await nodeFs.truncate(path, size - Math.floor(lastRecord / 2))

    wal = await openLog({ preallocate: false })
    expect(wal.recovery.cuts).toEqual([
      { segment, offset: size - lastRecord, bytes: Math.ceil(lastRecord / 2), reason: 'torn' },
    ])
    expect((await readAll(wal)).map((r) => r.text)).toEqual([1, 2, 3, 4].map(payload))
    expect(await wal.append([payload(6)])).toBe(5)
    wal = await reopen(wal, { preallocate: false })
    expect(wal.recovery.cuts).toEqual([])
    expect((await readAll(wal)).map((r) => r.text)).toEqual([1, 2, 3, 4, 6].map(payload))
  })

  it('drops only the record with a flipped byte and keeps every intact record after it', async () => {
    let wal = await openLog()
    for (let i = 1; i <= 5; i++) await wal.append([payload(i)])
    await wal.close()
    const [segment] = await segmentFiles()
    const path = join(dir, segment!)
    const bytes = await nodeFs.readFile(path)
    const recordBytes = (i: number) => RECORD_HEADER_BYTES + Buffer.byteLength(payload(i))
    const third = recordBytes(1) + recordBytes(2)
    bytes[third + RECORD_HEADER_BYTES + 3]! ^= 0x20
    await nodeFs.writeFile(path, bytes)

    wal = await openLog()
    expect(wal.recovery.cuts).toEqual([{ segment, offset: third, bytes: recordBytes(3), reason: 'checksum' }])
    expect((await readAll(wal)).map((r) => ({ seq: r.seq, text: r.text }))).toEqual([
      { seq: 1, text: payload(1) },
      { seq: 2, text: payload(2) },
      { seq: 4, text: payload(4) },
      { seq: 5, text: payload(5) },
    ])
    expect(await wal.append([payload(6)])).toBe(6)

    wal = await reopen(wal)
    expect(wal.recovery.cuts).toEqual([])
    expect((await readAll(wal)).map((r) => r.seq)).toEqual([1, 2, 4, 5, 6])
  })

  it('loads a log with both a flipped byte and a torn tail, keeping every complete record and reporting the rest', async () => {
    let wal = await openLog()
    await wal.append([1, 2, 3, 4, 5, 6].map(payload))
    await wal.close()
    const [segment] = await segmentFiles()
    const path = join(dir, segment!)
    const bytes = await nodeFs.readFile(path)
    const recordBytes = (i: number) => RECORD_HEADER_BYTES + Buffer.byteLength(payload(i))
    // A flipped bit in the second record's length field, and the last record's end never written.
    bytes[recordBytes(1)]! ^= 0x01
    const dataEnd = [1, 2, 3, 4, 5, 6].reduce((n, i) => n + recordBytes(i), 0)
    bytes.fill(0, dataEnd - 7, dataEnd)
    await nodeFs.writeFile(path, bytes)

    wal = await openLog()
    expect(wal.recovery.cuts.map((c) => c.reason)).toEqual(['checksum', 'torn'])
    expect(wal.recovery.cuts[0]).toMatchObject({ offset: recordBytes(1), bytes: recordBytes(2) })
    expect(wal.recovery.cuts[1]).toMatchObject({ bytes: recordBytes(6) - 7 })
    expect((await readAll(wal)).map((r) => r.text)).toEqual([1, 3, 4, 5].map(payload))
  })

  it('shares one synchronous write among appends that arrive while a write is in flight', async () => {
    // The segment is open O_DSYNC: each of its writes is a write and a data sync in one.
    let writes = 0
    const fs = watchedFs((handle, _path, flags) => ({
      write: (b, o, l, p) => {
        if (flags === SEGMENT_WRITE_FLAGS) writes++
        return handle.write(b, o, l, p)
      },
    }))
    const wal = await openLog({ fs })
    const seqs = await Promise.all(Array.from({ length: 200 }, (_, i) => wal.append([payload(i)])))
    expect(new Set(seqs).size).toBe(200)
    expect(Math.max(...seqs)).toBe(200)
    expect(writes).toBeGreaterThan(0)
    expect(writes).toBeLessThanOrEqual(5)
    expect(wal.stats().syncs).toBe(writes)
    expect((await readAll(wal)).length).toBe(200)
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
    const wal = await openLog({ fs, segmentBytes: 300 })
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
    const segments = (await segmentFiles()).length
    expect(segments).toBeGreaterThan(2)
    expect(segmentFlags.filter((f) => f === SEGMENT_WRITE_FLAGS).length).toBe(segments)
  })

  it('refuses to hand on a record whose bytes changed on disk after they were appended', async () => {
    // The reader checks every record's CRC again: a segment damaged while the server runs fails the read.
    const wal = await openLog()
    await wal.append([1, 2, 3].map(payload))
    const [segment] = await segmentFiles()
    const handle = await nodeFs.open(join(dir, segment!), 'r+')
    const at = 2 * RECORD_HEADER_BYTES + Buffer.byteLength(payload(1)) + 5
    const byte = Buffer.alloc(1)
    await handle.read(byte, 0, 1, at)
    byte[0]! ^= 0x04
    await handle.write(byte, 0, 1, at)
    await handle.close()
    await expect(wal.read({ maxRecords: 10 })).rejects.toThrow(/failed its checksum/)
  })

  it("frames records with zlib's CRC-32 of the length field, then the sequence number and payload", async () => {
    // The length's four bytes are hashed in JavaScript (one zlib call per record): the value must stay zlib's.
    const wal = await openLog({ preallocate: false })
    const payloads = ['', 'a', 'x'.repeat(255), 'y'.repeat(256), 'z'.repeat(70_000), '\u00e9\u{1F600}']
    await wal.append(payloads)
    const [segment] = await segmentFiles()
    const bytes = await nodeFs.readFile(join(dir, segment!))
    let at = 0
    for (const p of payloads) {
      const length = bytes.readUInt32LE(at)
      expect(length).toBe(Buffer.byteLength(p))
      const expected = crc32(
        bytes.subarray(at + 8, at + RECORD_HEADER_BYTES + length),
        crc32(bytes.subarray(at, at + 4)),
      )
      expect(bytes.readUInt32LE(at + 4)).toBe(expected)
      at += RECORD_HEADER_BYTES + length
    }
    expect(at).toBe(bytes.length)
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
    const wal = await openLog({ fs, segmentBytes: 64 * 1024 * 1024 })
    const big = (i: number) => JSON.stringify({ i, text: 'x'.repeat(2000) })
    for (let n = 0; n < 12; n++) await wal.append(Array.from({ length: 100 }, (_, i) => big(n * 100 + i)))
    const batch = await wal.read({ maxRecords: 5_000, maxBytes: 16 * 1024 * 1024 })
    expect(batch.map((r) => r.seq)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1))
    expect(batch.map((r) => r.payload.toString())).toEqual(Array.from({ length: 1200 }, (_, i) => big(i)))
    expect(Math.max(...reads)).toBeLessThanOrEqual(1024 * 1024)
  })

  it('reads into chunks it reuses on the next read (payloads are views valid until then)', async () => {
    const wal = await openLog()
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
    const wal = await openLog({ fs, segmentBytes: 64 * 1024 * 1024 })
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
    const texts = (await readAll(wal)).map((r) => r.text)
    expect(texts).toEqual([
      ...Array.from({ length: 200 }, (_, i) => sized(4 + i, 7_000)),
      sized(1, 10),
      sized(2, 100_000),
      sized(3, 10),
      sized(304, 3 * 1024 * 1024),
      sized(305, 10),
    ])
  })

  it('checkpoints on trim, deletes whole segments below the checkpoint, and resumes after it on reopen', async () => {
    let wal = await openLog({ segmentBytes: 300 })
    for (let i = 1; i <= 50; i++) await wal.append([payload(i)])
    const segmentsBefore = (await segmentFiles()).length
    const firstThirty = await wal.read({ maxRecords: 30 })
    expect(firstThirty.at(-1)?.seq).toBe(30)
    const pendingBefore = wal.stats().pendingBytes
    await wal.trimThrough(30)

    const stats = wal.stats()
    expect(stats).toMatchObject({ checkpointSeq: 30, pendingRecords: 20 })
    expect(stats.pendingBytes).toBe(
      pendingBefore - firstThirty.reduce((n, r) => n + RECORD_HEADER_BYTES + r.payload.length, 0),
    )
    const segmentsAfter = await segmentFiles()
    expect(segmentsAfter.length).toBeLessThan(segmentsBefore)
    // The first remaining segment still holds an unflushed record or the cursor.
    expect(Number(segmentsAfter[0]!.slice(0, -4))).toBeLessThanOrEqual(31)

    wal = await reopen(wal, { segmentBytes: 300 })
    expect(wal.recovery.pendingRecords).toBe(20)
    expect((await readAll(wal)).map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 31))
    expect(await wal.append([payload(51)])).toBe(51)
  })

  it('keeps sequence numbers above the checkpoint after every segment was trimmed', async () => {
    let wal = await openLog({ segmentBytes: 100 })
    for (let i = 1; i <= 10; i++) await wal.append([payload(i)])
    await readAll(wal)
    await wal.trimThrough(10)
    wal = await reopen(wal, { segmentBytes: 100 })
    expect(wal.recovery.pendingRecords).toBe(0)
    expect(await readAll(wal)).toEqual([])
    expect(await wal.append([payload(11)])).toBe(11)
  })

  it('refuses appends past its cap with log_full and a retry-after, and takes them again once trimmed', async () => {
    const one = RECORD_HEADER_BYTES + Buffer.byteLength(payload(1))
    const wal = await openLog({ capBytes: one * 3, retryAfterSeconds: 7 })
    // Queued (not yet durable) bytes count too: the fourth of these concurrent appends is refused.
    const results = await Promise.allSettled([1, 2, 3, 4].map((i) => wal.append([payload(i)])))
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected'])
    await expect(wal.append([payload(5)])).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'log_full',
      retryAfterSeconds: 7,
    })
    const read = await wal.read({ maxRecords: 2 })
    await wal.trimThrough(read.at(-1)!.seq)
    expect(await wal.append([payload(6)])).toBe(4)
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
    let wal = await openLog({ fs })
    await wal.append([payload(1)])
    failNext = true
    await expect(wal.append([payload(2)])).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(await wal.append([payload(3)])).toBe(2)
    wal = await reopen(wal)
    expect(wal.recovery.cuts).toEqual([])
    expect((await readAll(wal)).map((r) => r.text)).toEqual([payload(1), payload(3)])
  })

  it('creates segments at full size and keeps the next one ready, zero-filled', async () => {
    const wal = await openLog({ segmentBytes: 4096 })
    await wal.append([payload(1)])
    await vi.waitFor(async () => expect((await nodeFs.readdir(dir)).sort()).toContain('next.seg.spare'))
    for (const name of [...(await segmentFiles()), 'next.seg.spare']) {
      expect((await nodeFs.stat(join(dir, name))).size).toBe(4096)
    }
    // Enough to rotate twice: each new segment is the spare renamed into place.
    for (let i = 2; i <= 300; i++) await wal.append([payload(i)])
    expect((await segmentFiles()).length).toBeGreaterThan(2)
    for (const name of await segmentFiles()) expect((await nodeFs.stat(join(dir, name))).size).toBe(4096)
    await wal.close()
    expect(await nodeFs.readdir(dir)).not.toContain('next.seg.spare')
  })

  it('refuses appends once closed', async () => {
    const wal = await openLog()
    await wal.close()
    await expect(wal.append([payload(1)])).rejects.toMatchObject({ code: 'log_closed' })
  })
})
