import type { Segment } from './wal-files.ts'

/**
 * What the log's appender, reader and checkpoint share, one object so each
 * sees the others' moves: the segments, the one being appended to, the next
 * sequence number, the checkpoint and the durable records above it.
 */
export interface WalState {
  /** Segments in log order; the last one is `active`. */
  readonly segments: Segment[]
  active: Segment
  /** Sequence number the next appended record gets. */
  nextSeq: number
  /** Highest sequence number checkpointed. */
  checkpointSeq: number
  /** Bytes of durable records above the checkpoint. */
  pendingBytes: number
  /** Durable records above the checkpoint. */
  pendingRecords: number
}
