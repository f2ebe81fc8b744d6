import { crc32 } from 'node:zlib'

// The record format: how one record is framed on disk, checked, and found
// again in a segment whose bytes may be torn or damaged.

/**
 * Bytes in front of every record: payload length (u32 LE), CRC-32 (u32 LE) of
 * the length, sequence and payload, and the sequence number (u64 LE).
 */
export const RECORD_HEADER_BYTES = 16
const TWO_TO_32 = 2 ** 32

/** A stretch of a segment that failed its checks on open and was cut. */
export interface WalCut {
  segment: string
  /** Byte offset in the segment where the bad stretch began. */
  offset: number
  /** Length of the bad stretch in bytes. */
  bytes: number
  /**
   * `torn`: the segment ends inside a record (a write cut short by a crash);
   * `checksum`: a record's bytes do not match its CRC; `length`: a length
   * field no record can have; `sequence`: a sequence number out of order.
   */
  reason: 'torn' | 'checksum' | 'length' | 'sequence'
}

/** The CRC-32 (reflected, polynomial 0xEDB88320, zlib's) table, one entry per byte value. */
const CRC_TABLE = (() => {
  const table = new Int32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c
  }
  return table
})()

/** zlib's CRC-32 of the four little-endian bytes of `value`, without a Buffer view or a native call. */
function crcOfU32(value: number): number {
  let c = -1
  for (let i = 0; i < 4; i++) c = CRC_TABLE[(c ^ (value >>> (8 * i))) & 0xff]! ^ (c >>> 8)
  return ~c >>> 0
}

/**
 * CRC-32 of a record's length field, sequence number and payload: the four
 * length bytes in JavaScript, the rest in one zlib pass seeded with them (the
 * same value as zlib over the length, then over the rest: one native call and
 * one view per record instead of two).
 */
export function recordCrc(buf: Buffer, offset: number, payloadLength: number): number {
  return crc32(
    buf.subarray(offset + 8, offset + RECORD_HEADER_BYTES + payloadLength),
    crcOfU32(payloadLength),
  )
}

/** The sequence number of the record at `offset`. */
export const readSeqAt = (buf: Buffer, offset: number): number =>
  buf.readUInt32LE(offset + 8) + buf.readUInt32LE(offset + 12) * TWO_TO_32

type Parsed = { ok: true; seq: number; length: number } | { ok: false; reason: WalCut['reason'] }

/** Checks the record at `offset`: that it is whole, its length possible, its CRC right and its seq after `afterSeq`. */
function parseRecord(buf: Buffer, offset: number, afterSeq: number, maxRecordBytes: number): Parsed {
  if (buf.length - offset < RECORD_HEADER_BYTES) return { ok: false, reason: 'torn' }
  const length = buf.readUInt32LE(offset)
  if (length > maxRecordBytes) return { ok: false, reason: 'length' }
  if (buf.length - offset - RECORD_HEADER_BYTES < length) return { ok: false, reason: 'torn' }
  if (recordCrc(buf, offset, length) !== buf.readUInt32LE(offset + 4))
    return { ok: false, reason: 'checksum' }
  const seq = readSeqAt(buf, offset)
  if (seq <= afterSeq) return { ok: false, reason: 'sequence' }
  return { ok: true, seq, length }
}

export interface ScannedSegment {
  /** Intact records: offset, length (with header) and seq. */
  records: Array<{ offset: number; bytes: number; seq: number }>
  cuts: WalCut[]
}

/** Index just past the last non-zero byte: a preallocated segment is zeros after its records. */
function endOfData(buf: Buffer): number {
  let end = buf.length
  while (end % 4 !== 0 && end > 0 && buf[end - 1] === 0) end--
  if (end % 4 === 0 && buf.byteOffset % 4 === 0) {
    // Four bytes at a time (a preallocated segment is megabytes of zeros).
    const words = new Uint32Array(buf.buffer, buf.byteOffset, end / 4)
    let w = words.length
    while (w > 0 && words[w - 1] === 0) w--
    end = w * 4
  }
  while (end > 0 && buf[end - 1] === 0) end--
  return end
}

/**
 * Walks a segment's bytes. On a bad record it looks ahead for the next intact
 * one (whole, CRC right, seq increasing), so one flipped byte costs one record,
 * not the rest of the segment. Zeros after the last record are unused
 * preallocated space, not damage (no record has an all-zero header).
 */
export function scanSegment(
  buf: Buffer,
  name: string,
  baseSeq: number,
  maxRecordBytes: number,
): ScannedSegment {
  const records: ScannedSegment['records'] = []
  const cuts: WalCut[] = []
  const dataEnd = endOfData(buf)
  let offset = 0
  let lastSeq = baseSeq - 1
  while (offset < dataEnd) {
    const parsed = parseRecord(buf, offset, lastSeq, maxRecordBytes)
    if (parsed.ok) {
      records.push({ offset, bytes: RECORD_HEADER_BYTES + parsed.length, seq: parsed.seq })
      lastSeq = parsed.seq
      offset += RECORD_HEADER_BYTES + parsed.length
      continue
    }
    let next = -1
    for (let probe = offset + 1; probe + RECORD_HEADER_BYTES <= buf.length; probe++) {
      // Cheap filters first; the CRC decides.
      const length = buf.readUInt32LE(probe)
      if (length > maxRecordBytes || probe + RECORD_HEADER_BYTES + length > buf.length) continue
      const seq = readSeqAt(buf, probe)
      if (seq <= lastSeq || seq > lastSeq + buf.length) continue
      if (parseRecord(buf, probe, lastSeq, maxRecordBytes).ok) {
        next = probe
        break
      }
    }
    if (next === -1) {
      // Nothing intact after it: the tail. A record whose bytes stop short of
      // what its header claims (the rest still zeros) is a write cut short.
      const claimed =
        dataEnd - offset >= 4 ? RECORD_HEADER_BYTES + buf.readUInt32LE(offset) : Number.POSITIVE_INFINITY
      const reason = parsed.reason === 'checksum' && offset + claimed > dataEnd ? 'torn' : parsed.reason
      cuts.push({ segment: name, offset, bytes: dataEnd - offset, reason })
      break
    }
    cuts.push({ segment: name, offset, bytes: next - offset, reason: parsed.reason })
    offset = next
  }
  return { records, cuts }
}

/**
 * Frames `payloads` as consecutive records from `firstSeq` into one buffer of
 * `bytes` bytes: the start of `into` when it is large enough, else a new one.
 */
export function encodeGroup(
  payloads: ReadonlyArray<string | Uint8Array>,
  bytes: number,
  firstSeq: number,
  into?: Buffer,
): Buffer {
  const buf = into && into.length >= bytes ? into.subarray(0, bytes) : Buffer.allocUnsafe(bytes)
  let offset = 0
  let seq = firstSeq
  for (const payload of payloads) {
    let length: number
    if (typeof payload === 'string') length = buf.write(payload, offset + RECORD_HEADER_BYTES, 'utf8')
    else {
      buf.set(payload, offset + RECORD_HEADER_BYTES)
      length = payload.byteLength
    }
    buf.writeUInt32LE(length, offset)
    buf.writeUInt32LE(seq % TWO_TO_32, offset + 8)
    buf.writeUInt32LE(Math.floor(seq / TWO_TO_32), offset + 12)
    buf.writeUInt32LE(recordCrc(buf, offset, length), offset + 4)
    offset += RECORD_HEADER_BYTES + length
    seq++
  }
  return buf
}

/** A payload's size in bytes (UTF-8 for strings). */
export const payloadBytes = (p: string | Uint8Array) =>
  typeof p === 'string' ? Buffer.byteLength(p, 'utf8') : p.byteLength
