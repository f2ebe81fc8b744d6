import type { Segment, WalFileHandle, WalFileSystem } from './wal-files.ts'
import { RECORD_HEADER_BYTES, readSeqAt, recordCrc } from './wal-record.ts'
import type { WalState } from './wal-state.ts'

// The log's one forward reader: hands durable records, oldest first, to
// whoever moves them on, and remembers how far each read went so the
// checkpoint can count what it releases.

/** Most bytes one read of the log asks for; a larger batch takes several. */
const READ_CHUNK_BYTES = 1024 * 1024
/** Read chunks kept for reuse (at most this many MiB stay allocated); a larger batch allocates the rest. */
const READ_CHUNKS_KEPT = 4

/** A record read back from the log. */
export interface WalRecord {
  seq: number
  payload: Buffer
}

/**
 * The records of one read without an object per record: their payloads stay
 * where the read put them, and `at(i)` makes a view of one when asked. A batch
 * is held while the flusher inserts it (a 5,000-row insert takes tens to
 * hundreds of milliseconds), so a view and a record object per row outlived the
 * scavenges and piled up in V8's old space until its next full collection.
 * Valid until the next read, as the payloads are (their chunks are reused).
 */
export interface WalBatch {
  readonly length: number
  /** Sequence number of record `i`. */
  seq(i: number): number
  /** Record `i`'s payload (a new view each call; undefined past the end, as an array's `at`). */
  at(i: number): Buffer | undefined
  /** Records `start` to `end` (excluded) as views. */
  slice(start?: number, end?: number): Buffer[]
  /** Whether record `i`'s payload starts with `prefix` (no view made). */
  startsWith(i: number, prefix: Uint8Array): boolean
}

/** Where a read ended: its last sequence number and the bytes and records read since open. */
export interface ReadMark {
  seq: number
  bytes: number
  records: number
}

/** The read side of the log; see {@link WriteAheadLog.read}. */
export interface WalReader {
  read(limits: { maxRecords: number; maxBytes?: number }): Promise<WalRecord[]>
  /** As {@link WalReader.read}, as one {@link WalBatch}. */
  readBatch(limits: { maxRecords: number; maxBytes?: number }): Promise<WalBatch>
  /** Highest sequence number returned by `read`. */
  readSeq(): number
  /** Where each non-empty read ended, oldest first; the checkpoint takes them off the front. */
  readonly marks: ReadMark[]
  /** The segment the reader is in (never deleted by a checkpoint). */
  segment(): Segment
  close(): Promise<void>
}

/** A reader that starts at `start` (what recovery found above the checkpoint), or at the end of the active segment. */
export function createWalReader(
  state: WalState,
  fs: WalFileSystem,
  start: { segment: Segment; offset: number } | undefined,
): WalReader {
  const cursor: { segment: Segment; offset: number; handle?: WalFileHandle } = start ?? {
    segment: state.active,
    offset: state.active.size,
  }
  let readSeq = state.checkpointSeq
  let readBytes = 0
  let readRecords = 0
  const marks: ReadMark[] = []

  // Chunks of a read, kept for the next one (the flusher is done with a batch before it reads
  // again): a fresh 1 MiB Buffer per chunk lived through the insert and waited for a full collection.
  const chunkPool: Buffer[] = []
  let chunksTaken = 0
  const readAt = async (handle: WalFileHandle, position: number, length: number): Promise<Buffer> => {
    let buf: Buffer
    if (length <= READ_CHUNK_BYTES && chunksTaken < READ_CHUNKS_KEPT) {
      chunkPool[chunksTaken] ??= Buffer.allocUnsafeSlow(READ_CHUNK_BYTES)
      buf = chunkPool[chunksTaken++]!.subarray(0, length)
    } else buf = Buffer.allocUnsafe(length)
    let done = 0
    while (done < length) {
      const { bytesRead } = await handle.read(buf, done, length - done, position + done)
      if (bytesRead === 0)
        throw new Error(`write-ahead log: ${cursor.segment.name} ended early at ${position + done}`)
      done += bytesRead
    }
    return buf
  }

  // Where each record of the last batch lies, in arrays kept from one read to the next: its
  // chunk, offset and length (3 numbers a record), and its sequence number.
  let where = new Uint32Array(3 * 1024)
  let seqs = new Float64Array(1024)
  const chunks: Buffer[] = []
  let count = 0
  const keep = (chunk: Buffer, offset: number, length: number, seq: number) => {
    if (count === seqs.length) {
      const grownWhere = new Uint32Array(where.length * 2)
      grownWhere.set(where)
      where = grownWhere
      const grownSeqs = new Float64Array(seqs.length * 2)
      grownSeqs.set(seqs)
      seqs = grownSeqs
    }
    if (chunks.at(-1) !== chunk) chunks.push(chunk)
    where[3 * count] = chunks.length - 1
    where[3 * count + 1] = offset
    where[3 * count + 2] = length
    seqs[count++] = seq
  }
  const at = (i: number): Buffer | undefined => {
    if (i < 0) i += count
    if (!(i >= 0 && i < count)) return undefined
    const offset = where[3 * i + 1]!
    return chunks[where[3 * i]!]!.subarray(offset, offset + where[3 * i + 2]!)
  }
  const batch: WalBatch = {
    get length() {
      return count
    },
    seq: (i) => seqs[i]!,
    at,
    startsWith(i, prefix) {
      const offset = where[3 * i + 1]!
      return (
        where[3 * i + 2]! >= prefix.length &&
        chunks[where[3 * i]!]!.compare(prefix, 0, prefix.length, offset, offset + prefix.length) === 0
      )
    },
    slice(start = 0, end = count) {
      const out: Buffer[] = []
      for (let i = Math.max(0, start); i < Math.min(end, count); i++) out.push(at(i)!)
      return out
    },
  }

  const readBatch: WalReader['readBatch'] = async ({ maxRecords, maxBytes = 4 * 1024 * 1024 }) => {
    chunksTaken = 0
    chunks.length = 0
    count = 0
    const { segments } = state
    let bytes = 0
    while (count < maxRecords && bytes < maxBytes) {
      const seg = cursor.segment
      if (cursor.offset >= seg.size) {
        const i = segments.indexOf(seg)
        const next = segments[i + 1]
        if (next === undefined) break
        await cursor.handle?.close()
        cursor.handle = undefined
        cursor.segment = next
        cursor.offset = 0
        continue
      }
      cursor.handle ??= await fs.open(seg.path, 'r')
      // At most READ_CHUNK_BYTES at a time: the flusher's byte budget (16 MiB) is a ceiling, and one
      // buffer of it per read stayed resident while the log held a backlog (the batch holds the chunks).
      const chunkLength = Math.min(
        seg.size - cursor.offset,
        Math.min(READ_CHUNK_BYTES, Math.max(maxBytes - bytes, 64 * 1024)),
      )
      let chunk = await readAt(cursor.handle, cursor.offset, chunkLength)
      let at = 0
      while (count < maxRecords && (bytes < maxBytes || count === 0)) {
        if (chunk.length - at < RECORD_HEADER_BYTES) break
        const length = chunk.readUInt32LE(at)
        if (chunk.length - at < RECORD_HEADER_BYTES + length) {
          if (at > 0) break
          // One record larger than the chunk: read exactly that record.
          chunk = await readAt(cursor.handle, cursor.offset, RECORD_HEADER_BYTES + length)
        }
        if (recordCrc(chunk, at, length) !== chunk.readUInt32LE(at + 4)) {
          throw new Error(
            `write-ahead log: ${seg.name} failed its checksum at ${cursor.offset + at} after open`,
          )
        }
        const seq = readSeqAt(chunk, at)
        const recordBytes = RECORD_HEADER_BYTES + length
        if (seq > state.checkpointSeq) {
          keep(chunk, at + RECORD_HEADER_BYTES, length, seq)
          bytes += recordBytes
          readBytes += recordBytes
          readRecords++
          readSeq = seq
        }
        at += recordBytes
      }
      cursor.offset += at
    }
    if (count > 0) marks.push({ seq: readSeq, bytes: readBytes, records: readRecords })
    // Caught up: sequence numbers lost to a cut stretch are not waited for.
    else readSeq = Math.max(readSeq, state.nextSeq - 1)
    return batch
  }

  return {
    readBatch,
    async read(limits) {
      const read = await readBatch(limits)
      return Array.from({ length: read.length }, (_, i) => ({ seq: read.seq(i), payload: read.at(i)! }))
    },
    readSeq: () => readSeq,
    marks,
    segment: () => cursor.segment,
    async close() {
      await cursor.handle?.close()
      cursor.handle = undefined
    },
  }
}
