import { join } from 'node:path'
import { type LogFiles, type Segment, type WalFileSystem, type WalLog, segmentBase } from './wal-files.ts'
import { type WalCut, scanSegment } from './wal-record.ts'

/** What recovery hands the log: its segments, the cuts made, and where the reader starts. */
export interface RecoveredLog {
  segments: Segment[]
  cuts: WalCut[]
  pendingBytes: number
  pendingRecords: number
  /** The first record above the checkpoint, when there is one. */
  readerStart: { segment: Segment; offset: number } | undefined
  /** Highest sequence number found (the checkpoint's when none is higher). */
  highestSeq: number
}

/**
 * Recovery on open: deletes segments that hold only checkpointed records,
 * checks every record of the others, and cuts torn or corrupt stretches (a
 * bad tail is zeroed in place; bad bytes in the middle get the segment
 * rewritten with its intact records). Every intact record is kept, and each
 * cut is logged and listed.
 *
 * @example
 * const recovered = await recoverSegments({ fs, dir, files, log, checkpointSeq, maxRecordBytes })
 */
export async function recoverSegments(options: {
  fs: WalFileSystem
  dir: string
  files: Pick<LogFiles, 'syncDir'>
  log: WalLog
  checkpointSeq: number
  maxRecordBytes: number
}): Promise<RecoveredLog> {
  const { fs, dir, log, checkpointSeq, maxRecordBytes } = options
  const syncDir = options.files.syncDir
  const names = (await fs.readdir(dir)).filter((n) => segmentBase(n) !== null).sort()
  const segments: Segment[] = []
  const cuts: WalCut[] = []
  let pendingBytes = 0
  let pendingRecords = 0
  let readerStart: { segment: Segment; offset: number } | undefined
  let highestSeq = checkpointSeq

  for (const [i, name] of names.entries()) {
    const path = join(dir, name)
    const baseSeq = segmentBase(name)!
    const nextName = names[i + 1]
    const nextBase = nextName === undefined ? undefined : segmentBase(nextName)!
    // A closed segment whose successor starts at or below checkpoint + 1 holds
    // only checkpointed records: spent, whatever its bytes say.
    if (nextBase !== undefined && nextBase <= checkpointSeq + 1) {
      await fs.unlink(path)
      continue
    }
    const buf = await fs.readFile(path)
    const scanned = scanSegment(buf, name, baseSeq, maxRecordBytes)
    for (const cut of scanned.cuts) {
      log.warn(
        { ...cut, dir },
        'write-ahead log: cut a torn or corrupt stretch; intact records around it kept',
      )
    }
    cuts.push(...scanned.cuts)
    const endOfRecords = () => {
      const last = scanned.records.at(-1)
      return last ? last.offset + last.bytes : 0
    }
    let size = endOfRecords()
    if (scanned.cuts.length > 0) {
      const onlyTail = scanned.cuts.length === 1 && scanned.cuts[0]!.offset >= size
      if (onlyTail) {
        // Zero the bad tail, so the segment reads clean and keeps its preallocated space.
        const { offset, bytes } = scanned.cuts[0]!
        const handle = await fs.open(path, 'r+')
        try {
          await handle.write(Buffer.alloc(bytes), 0, bytes, offset)
          await handle.datasync()
        } finally {
          await handle.close()
        }
      } else {
        // Bad bytes in the middle: rewrite the segment with the intact records only.
        const kept = Buffer.concat(scanned.records.map((r) => buf.subarray(r.offset, r.offset + r.bytes)))
        const tmp = `${path}.tmp`
        const handle = await fs.open(tmp, 'w')
        try {
          await handle.write(kept, 0, kept.length)
          await handle.datasync()
        } finally {
          await handle.close()
        }
        await fs.rename(tmp, path)
        await syncDir()
        let offset = 0
        for (const r of scanned.records) {
          r.offset = offset
          offset += r.bytes
        }
        size = endOfRecords()
      }
    }
    const lastSeq = scanned.records.at(-1)?.seq ?? baseSeq - 1
    if (size === 0 && nextName !== undefined) {
      await fs.unlink(path)
      continue
    }
    const segment: Segment = { name, path, baseSeq, size, lastSeq }
    segments.push(segment)
    for (const r of scanned.records) {
      highestSeq = Math.max(highestSeq, r.seq)
      if (r.seq <= checkpointSeq) continue
      pendingBytes += r.bytes
      pendingRecords++
      readerStart ??= { segment, offset: r.offset }
    }
  }

  return { segments, cuts, pendingBytes, pendingRecords, readerStart, highestSeq }
}
