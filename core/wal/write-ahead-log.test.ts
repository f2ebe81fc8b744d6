import * as nodeFs from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { payload, walBench } from '../../test/support/wal-bench.ts'
import { RECORD_HEADER_BYTES } from './write-ahead-log.ts'

const w = walBench()

describe('write-ahead log', () => {
  it('reads back what was appended, in order, with increasing sequence numbers, across a reopen', async () => {
    let wal = await w.openLog()
    expect(await wal.append([payload(1), Buffer.from(payload(2))])).toBe(2)
    expect(await wal.append([payload(3)])).toBe(3)
    expect(await w.readAll(wal)).toEqual([
      { seq: 1, text: payload(1) },
      { seq: 2, text: payload(2) },
      { seq: 3, text: payload(3) },
    ])
    expect(wal.stats()).toMatchObject({ lastSeq: 3, pendingRecords: 3, checkpointSeq: 0, readSeq: 3 })

    // Nothing was checkpointed: a reopen offers every record again.
    wal = await w.reopen(wal)
    expect(wal.recovery).toEqual({ pendingRecords: 3, cuts: [] })
    expect((await w.readAll(wal)).map((r) => r.seq)).toEqual([1, 2, 3])
    expect(await wal.append([payload(4)])).toBe(4)
  })

  it('rotates segments by size and reads through all of them', async () => {
    let wal = await w.openLog({ segmentBytes: 200 })
    for (let i = 1; i <= 40; i++) await wal.append([payload(i)])
    expect((await w.segmentFiles()).length).toBeGreaterThan(5)
    expect((await w.readAll(wal)).map((r) => r.text)).toEqual(
      Array.from({ length: 40 }, (_, i) => payload(i + 1)),
    )

    wal = await w.reopen(wal, { segmentBytes: 200 })
    expect((await w.readAll(wal)).map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
  })

  it('cuts a half-written last record on open, keeps the records before it, and carries on', async () => {
    // A preallocated segment: the end of the last write never reached the disk, zeros remain.
    let wal = await w.openLog({ segmentBytes: 64 * 1024 })
    for (let i = 1; i <= 5; i++) await wal.append([payload(i)])
    await wal.close()
    const [segment] = await w.segmentFiles()
    const path = join(w.dir, segment!)
    const bytes = await nodeFs.readFile(path)
    expect(bytes.length).toBe(64 * 1024)
    const start = [1, 2, 3, 4].reduce((n, i) => n + RECORD_HEADER_BYTES + Buffer.byteLength(payload(i)), 0)
    const lastRecord = RECORD_HEADER_BYTES + Buffer.byteLength(payload(5))
    bytes.fill(0, start + Math.floor(lastRecord / 2), start + lastRecord)
    await nodeFs.writeFile(path, bytes)

    wal = await w.openLog({ segmentBytes: 64 * 1024 })
    expect(wal.recovery.cuts).toEqual([
      { segment, offset: start, bytes: Math.floor(lastRecord / 2), reason: 'torn' },
    ])
    expect(w.lines.some((l) => l.reason === 'torn' && l.level === 40)).toBe(true)
    expect((await w.readAll(wal)).map((r) => r.text)).toEqual([1, 2, 3, 4].map(payload))
    // The segment keeps its size; the torn bytes are zeros now.
    const after = await nodeFs.readFile(path)
    expect(after.length).toBe(64 * 1024)
    expect(after.subarray(start).every((b) => b === 0)).toBe(true)

    // The cut sequence number is reused: it was never acknowledged.
    expect(await wal.append([payload(6)])).toBe(5)
    wal = await w.reopen(wal, { segmentBytes: 64 * 1024 })
    expect(wal.recovery.cuts).toEqual([])
    expect((await w.readAll(wal)).map((r) => r.text)).toEqual([1, 2, 3, 4, 6].map(payload))
  })

  it('cuts a file that ends inside a record (a segment that was not preallocated)', async () => {
    let wal = await w.openLog({ preallocate: false })
    for (let i = 1; i <= 5; i++) await wal.append([payload(i)])
    await wal.close()
    const [segment] = await w.segmentFiles()
    const path = join(w.dir, segment!)
    const { size } = await nodeFs.stat(path)
    const lastRecord = RECORD_HEADER_BYTES + Buffer.byteLength(payload(5))
    await nodeFs.truncate(path, size - Math.floor(lastRecord / 2))

    wal = await w.openLog({ preallocate: false })
    expect(wal.recovery.cuts).toEqual([
      { segment, offset: size - lastRecord, bytes: Math.ceil(lastRecord / 2), reason: 'torn' },
    ])
    expect((await w.readAll(wal)).map((r) => r.text)).toEqual([1, 2, 3, 4].map(payload))
    expect(await wal.append([payload(6)])).toBe(5)
    wal = await w.reopen(wal, { preallocate: false })
    expect(wal.recovery.cuts).toEqual([])
    expect((await w.readAll(wal)).map((r) => r.text)).toEqual([1, 2, 3, 4, 6].map(payload))
  })

  it('drops only the record with a flipped byte and keeps every intact record after it', async () => {
    let wal = await w.openLog()
    for (let i = 1; i <= 5; i++) await wal.append([payload(i)])
    await wal.close()
    const [segment] = await w.segmentFiles()
    const path = join(w.dir, segment!)
    const bytes = await nodeFs.readFile(path)
    const recordBytes = (i: number) => RECORD_HEADER_BYTES + Buffer.byteLength(payload(i))
    const third = recordBytes(1) + recordBytes(2)
    bytes[third + RECORD_HEADER_BYTES + 3]! ^= 0x20
    await nodeFs.writeFile(path, bytes)

    wal = await w.openLog()
    expect(wal.recovery.cuts).toEqual([{ segment, offset: third, bytes: recordBytes(3), reason: 'checksum' }])
    expect((await w.readAll(wal)).map((r) => ({ seq: r.seq, text: r.text }))).toEqual([
      { seq: 1, text: payload(1) },
      { seq: 2, text: payload(2) },
      { seq: 4, text: payload(4) },
      { seq: 5, text: payload(5) },
    ])
    expect(await wal.append([payload(6)])).toBe(6)

    wal = await w.reopen(wal)
    expect(wal.recovery.cuts).toEqual([])
    expect((await w.readAll(wal)).map((r) => r.seq)).toEqual([1, 2, 4, 5, 6])
  })

  it('loads a log with both a flipped byte and a torn tail, keeping every complete record and reporting the rest', async () => {
    let wal = await w.openLog()
    await wal.append([1, 2, 3, 4, 5, 6].map(payload))
    await wal.close()
    const [segment] = await w.segmentFiles()
    const path = join(w.dir, segment!)
    const bytes = await nodeFs.readFile(path)
    const recordBytes = (i: number) => RECORD_HEADER_BYTES + Buffer.byteLength(payload(i))
    // A flipped bit in the second record's length field, and the last record's end never written.
    bytes[recordBytes(1)]! ^= 0x01
    const dataEnd = [1, 2, 3, 4, 5, 6].reduce((n, i) => n + recordBytes(i), 0)
    bytes.fill(0, dataEnd - 7, dataEnd)
    await nodeFs.writeFile(path, bytes)

    wal = await w.openLog()
    expect(wal.recovery.cuts.map((c) => c.reason)).toEqual(['checksum', 'torn'])
    expect(wal.recovery.cuts[0]).toMatchObject({ offset: recordBytes(1), bytes: recordBytes(2) })
    expect(wal.recovery.cuts[1]).toMatchObject({ bytes: recordBytes(6) - 7 })
    expect((await w.readAll(wal)).map((r) => r.text)).toEqual([1, 3, 4, 5].map(payload))
  })

  it('refuses to hand on a record whose bytes changed on disk after they were appended', async () => {
    // The reader checks every record's CRC again: a segment damaged while the server runs fails the read.
    const wal = await w.openLog()
    await wal.append([1, 2, 3].map(payload))
    const [segment] = await w.segmentFiles()
    const handle = await nodeFs.open(join(w.dir, segment!), 'r+')
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
    const wal = await w.openLog({ preallocate: false })
    const payloads = ['', 'a', 'x'.repeat(255), 'y'.repeat(256), 'z'.repeat(70_000), '\u00e9\u{1F600}']
    await wal.append(payloads)
    const [segment] = await w.segmentFiles()
    const bytes = await nodeFs.readFile(join(w.dir, segment!))
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

  it('checkpoints on trim, deletes whole segments below the checkpoint, and resumes after it on reopen', async () => {
    let wal = await w.openLog({ segmentBytes: 300 })
    for (let i = 1; i <= 50; i++) await wal.append([payload(i)])
    const segmentsBefore = (await w.segmentFiles()).length
    const firstThirty = await wal.read({ maxRecords: 30 })
    expect(firstThirty.at(-1)?.seq).toBe(30)
    const pendingBefore = wal.stats().pendingBytes
    await wal.trimThrough(30)

    const stats = wal.stats()
    expect(stats).toMatchObject({ checkpointSeq: 30, pendingRecords: 20 })
    expect(stats.pendingBytes).toBe(
      pendingBefore - firstThirty.reduce((n, r) => n + RECORD_HEADER_BYTES + r.payload.length, 0),
    )
    const segmentsAfter = await w.segmentFiles()
    expect(segmentsAfter.length).toBeLessThan(segmentsBefore)
    // The first remaining segment still holds an unflushed record or the cursor.
    expect(Number(segmentsAfter[0]!.slice(0, -4))).toBeLessThanOrEqual(31)

    wal = await w.reopen(wal, { segmentBytes: 300 })
    expect(wal.recovery.pendingRecords).toBe(20)
    expect((await w.readAll(wal)).map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 31))
    expect(await wal.append([payload(51)])).toBe(51)
  })

  it('keeps sequence numbers above the checkpoint after every segment was trimmed', async () => {
    let wal = await w.openLog({ segmentBytes: 100 })
    for (let i = 1; i <= 10; i++) await wal.append([payload(i)])
    await w.readAll(wal)
    await wal.trimThrough(10)
    wal = await w.reopen(wal, { segmentBytes: 100 })
    expect(wal.recovery.pendingRecords).toBe(0)
    expect(await w.readAll(wal)).toEqual([])
    expect(await wal.append([payload(11)])).toBe(11)
  })

  it('refuses appends past its cap with log_full and a retry-after, and takes them again once trimmed', async () => {
    const one = RECORD_HEADER_BYTES + Buffer.byteLength(payload(1))
    const wal = await w.openLog({ capBytes: one * 3, retryAfterSeconds: 7 })
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

  it('refuses appends once closed', async () => {
    const wal = await w.openLog()
    await wal.close()
    await expect(wal.append([payload(1)])).rejects.toMatchObject({ code: 'log_closed' })
  })
})
