import * as nodeFs from 'node:fs/promises'
import { type WalFileSystem, type WalLog, createLogFiles } from './wal-files.ts'
import { openGroupCommit } from './wal-group-commit.ts'
import { type WalBatch, type WalRecord, createWalReader } from './wal-reader.ts'
import type { WalCut } from './wal-record.ts'
import { recoverSegments } from './wal-recovery.ts'
import type { WalState } from './wal-state.ts'

// The log itself: what opening it sets up, the checkpoint, and its face.
// Appends (group commit) are in wal-group-commit.ts, the forward reader in
// wal-reader.ts, the record format in wal-record.ts, its files in
// wal-files.ts, and what opening it checks and repairs in wal-recovery.ts.

export { RECORD_HEADER_BYTES } from './wal-record.ts'
export { SEGMENT_WRITE_FLAGS } from './wal-group-commit.ts'
export type { WalCut } from './wal-record.ts'
export type { WalBatch, WalRecord } from './wal-reader.ts'
export type { WalFileHandle, WalFileSystem, WalLog } from './wal-files.ts'

/** Options of {@link openWriteAheadLog}. */
export interface WriteAheadLogOptions {
  /** Directory of the log (created if missing), e.g. `<dataDir>/wal`. */
  dir: string
  /** A segment is closed and a new one started once it reaches this size. Default 16 MiB. */
  segmentBytes?: number
  /**
   * Most bytes the log may hold that are not yet checkpointed (appended but not
   * flushed). Past it, `append` rejects with `log_full`. Default 1 GiB.
   */
  capBytes?: number
  /** Largest payload one record may carry. Default 8 MiB. */
  maxRecordBytes?: number
  /** Largest single write of one group commit. Default 8 MiB. */
  maxGroupBytes?: number
  /** `Retry-After` seconds carried by a `log_full` rejection. Default 2. */
  retryAfterSeconds?: number
  /**
   * Create segments at their full size, zero-filled, and have the next one
   * ready before it is needed. A sync then only writes data, not file-size
   * metadata, which made sync times several times steadier under concurrent
   * disk writes (ClickHouse's parts). Default true.
   */
  preallocate?: boolean
  log: WalLog
  fs?: WalFileSystem
}

/** What opening the log found. */
export interface WalRecovery {
  /** Records found that are not yet checkpointed (they will be read again). */
  pendingRecords: number
  /** Bad stretches that were cut; every intact record around them was kept. */
  cuts: WalCut[]
}

/** Counters and levels of the log, for metrics and tests. */
export interface WalStats {
  /** Highest durable sequence number (0 when the log never held a record). */
  lastSeq: number
  /** Highest sequence number checkpointed by {@link WriteAheadLog.trimThrough}. */
  checkpointSeq: number
  /** Highest sequence number returned by {@link WriteAheadLog.read}. */
  readSeq: number
  /** Bytes of durable records above the checkpoint. */
  pendingBytes: number
  /** Durable records above the checkpoint. */
  pendingRecords: number
  /** Bytes accepted by `append` but not yet durable. */
  queuedBytes: number
  segments: number
  /** Data syncs issued by appends (group commits). */
  syncs: number
  /** Records made durable since open. */
  appendedRecords: number
}

/**
 * A local write-ahead log: records framed with length, CRC-32 and a
 * monotonically increasing sequence number, in segments that rotate by size.
 * Appends that arrive while a sync is in flight share the next write and sync
 * (group commit). One forward reader (`read`) hands records to whoever moves
 * them on, and `trimThrough` checkpoints what has been moved and deletes whole
 * segments below the checkpoint.
 */
export interface WriteAheadLog {
  /**
   * Appends records and resolves with the sequence number of the last one once
   * they are synced to disk. Rejects with `DomainError('unavailable',
   * 'log_full')` (with a retry-after) when the log holds `capBytes` already.
   */
  append(payloads: ReadonlyArray<string | Uint8Array>): Promise<number>
  /**
   * The next durable records after the last ones read (after the checkpoint on
   * open), oldest first, at most `maxRecords` and about `maxBytes` (at least
   * one record when there is one). Empty when the reader has caught up.
   * Payloads are views into buffers the next `read` may reuse: copy what must
   * outlive it.
   */
  read(limits: { maxRecords: number; maxBytes?: number }): Promise<WalRecord[]>
  /**
   * As {@link WriteAheadLog.read}, without an object per record (the flusher's
   * way): valid until the next read.
   */
  readBatch(limits: { maxRecords: number; maxBytes?: number }): Promise<WalBatch>
  /** Records that `seq` and everything before it are safe elsewhere; persists it and deletes spent segments. */
  trimThrough(seq: number): Promise<void>
  stats(): WalStats
  /** What opening the log found and cut. */
  readonly recovery: WalRecovery
  /** Waits for appends in flight, then closes the files. Later appends reject with `log_closed`. */
  close(): Promise<void>
}

/**
 * Opens (or creates) the write-ahead log in `options.dir`: reads the
 * checkpoint, deletes spent segments, checks every record above the checkpoint,
 * cuts torn or corrupt stretches (logged, and listed in `recovery`) and keeps
 * every intact record.
 *
 * @example
 * const wal = await openWriteAheadLog({ dir: join(dataDir, 'wal'), log })
 * const seq = await wal.append([JSON.stringify(item)])
 */
export async function openWriteAheadLog(options: WriteAheadLogOptions): Promise<WriteAheadLog> {
  const fs: WalFileSystem = options.fs ?? (nodeFs as unknown as WalFileSystem)
  const { dir, log } = options
  const segmentBytes = options.segmentBytes ?? 16 * 1024 * 1024
  const preallocate = options.preallocate ?? true
  const maxRecordBytes = options.maxRecordBytes ?? 8 * 1024 * 1024

  await fs.mkdir(dir, { recursive: true })
  const files = createLogFiles({ fs, dir, segmentBytes, preallocate, log })
  const checkpointSeq = await files.readCheckpoint()
  const recovered = await recoverSegments({ fs, dir, files, log, checkpointSeq, maxRecordBytes })
  const { segments, cuts, readerStart, highestSeq, pendingBytes, pendingRecords } = recovered

  // Records appended to the last segment must sort after its name, even when
  // its own records were all cut.
  const nextSeq = Math.max(highestSeq, (segments.at(-1)?.baseSeq ?? 1) - 1) + 1

  // New segments are preallocated; the active one is the last, or a fresh one.
  await files.clearSpare()
  let active = segments.at(-1)
  if (active === undefined || active.size >= segmentBytes) {
    active = await files.createSegment(nextSeq)
    segments.push(active)
  } else files.prepareSpare()
  const state: WalState = { segments, active, nextSeq, checkpointSeq, pendingBytes, pendingRecords }
  const commit = await openGroupCommit(state, {
    fs,
    files,
    dir,
    log,
    segmentBytes,
    capBytes: options.capBytes ?? 1024 * 1024 * 1024,
    maxRecordBytes,
    maxGroupBytes: Math.max(options.maxGroupBytes ?? 8 * 1024 * 1024, 1),
    retryAfterSeconds: options.retryAfterSeconds ?? 2,
  })

  const recovery: WalRecovery = { pendingRecords, cuts }
  if (pendingRecords > 0 || cuts.length > 0) {
    log.info(
      { dir, pendingRecords, pendingBytes, cuts: cuts.length },
      'write-ahead log: opened with records to replay',
    )
  }

  const reader = createWalReader(state, fs, readerStart)
  let trimmedBytes = 0
  let trimmedRecords = 0
  let trimming = Promise.resolve()
  const trimThrough = (seq: number): Promise<void> => {
    trimming = trimming.then(async () => {
      if (seq <= state.checkpointSeq) return
      await files.writeCheckpoint(seq)
      state.checkpointSeq = seq
      const { marks } = reader
      while (marks.length > 0 && marks[0]!.seq <= seq) {
        const mark = marks.shift()!
        state.pendingBytes -= mark.bytes - trimmedBytes
        state.pendingRecords -= mark.records - trimmedRecords
        trimmedBytes = mark.bytes
        trimmedRecords = mark.records
      }
      while (segments.length > 1) {
        const first = segments[0]!
        if (first === state.active || first === reader.segment() || first.lastSeq > seq) break
        await fs.unlink(first.path)
        segments.shift()
      }
    })
    return trimming
  }

  let closed = false
  return {
    recovery,
    append: commit.append,
    read: reader.read,
    readBatch: reader.readBatch,
    trimThrough,
    stats: () => ({
      lastSeq: state.nextSeq - 1,
      checkpointSeq: state.checkpointSeq,
      readSeq: reader.readSeq(),
      pendingBytes: state.pendingBytes,
      pendingRecords: state.pendingRecords,
      queuedBytes: commit.queuedBytes(),
      segments: segments.length,
      syncs: commit.syncs(),
      appendedRecords: commit.appendedRecords(),
    }),
    async close() {
      if (closed) return
      closed = true
      await commit.close()
      await trimming
      await reader.close()
      await files.dropSpare()
    },
  }
}
